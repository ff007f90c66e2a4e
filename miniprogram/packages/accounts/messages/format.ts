/**
 * When a message came, as residents read it, in Beijing time (UTC+8) whatever the device is set to:
 * `今天 10:05`, `昨天 18:20`, `11月20日 09:30`, `2025年11月20日 09:30`. A few lines instead of a date
 * library: this is all the page needs.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** Days since the epoch, counted in Beijing. */
const beijingDay = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS)

export function messageTime(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return ''
  const d = new Date(ms + BEIJING_OFFSET_MS)
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  const days = beijingDay(now) - beijingDay(ms)
  if (days === 0) return `今天 ${clock}`
  if (days === 1) return `昨天 ${clock}`
  const thisYear = new Date(now + BEIJING_OFFSET_MS).getUTCFullYear()
  const year = d.getUTCFullYear() === thisYear ? '' : `${d.getUTCFullYear()}年`
  return `${year}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${clock}`
}
