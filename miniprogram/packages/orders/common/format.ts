/**
 * Dates as residents read them, always in Beijing time (the server's months are Beijing months too),
 * whatever the device or test machine is set to: `@shared/kernel/time` does the reading.
 */
import { dateTimeText } from '@shared/kernel/time'

/** `11月22日 15:43` (with the year when it is not this year). */
export function formatTime(iso: string | null | undefined, now: number = Date.now()): string {
  return iso ? dateTimeText(iso, now) : ''
}

/** How long until (or since) a deadline, in words. */
export function untilText(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso) - now
  if (!Number.isFinite(ms)) return ''
  const abs = Math.abs(ms)
  const text = abs < 3600_000 ? `${Math.max(1, Math.round(abs / 60_000))} 分钟` : abs < 48 * 3600_000 ? `${Math.round(abs / 3600_000)} 小时` : `${Math.round(abs / 86_400_000)} 天`
  return ms >= 0 ? `还剩 ${text}` : `已超出 ${text}`
}
