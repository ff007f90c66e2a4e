import { useEffect, useState } from 'react'

/** Milliseconds left → `mm:ss` (hours folded into minutes: an offer lasts about 30 minutes). */
export function mmss(msLeft: number): string {
  const s = Math.max(0, Math.floor(msLeft / 1000))
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

/**
 * Milliseconds left until `expiresAt`, re-read every second until it runs out. `skewMs` is the
 * server's clock minus the phone's, so a phone whose clock is wrong still counts down truly.
 */
export function useTimeLeft(expiresAt: string, skewMs = 0): { left: number; over: boolean } {
  const [now, setNow] = useState(() => Date.now())
  const left = Date.parse(expiresAt) - (now + skewMs)
  const over = !(left > 0)
  useEffect(() => {
    if (over) return undefined
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [over])
  return { left, over }
}
