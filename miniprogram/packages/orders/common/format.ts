/**
 * Dates as residents read them, always in Beijing time (the server's months are Beijing months too),
 * whatever the device or test machine is set to: `@shared/kernel/time` does the reading.
 */
import { dateTimeText, monthText } from '@shared/kernel/time'

/** `11月22日 15:43` (with the year when it is not this year). */
export function formatTime(iso: string | null | undefined, now: number = Date.now()): string {
  return iso ? dateTimeText(iso, now) : ''
}

/** `2026-11` → `2026年11月`. */
export const formatMonth = monthText

/** A share (0–1) as `83%`; null → `暂无`. */
export function percent(rate: number | null): string {
  return rate === null ? '暂无' : `${Math.round(rate * 100)}%`
}

/** Minutes as `45 分钟` / `3.5 小时` / `2.1 天`; null → `暂无`. */
export function duration(minutes: number | null): string {
  if (minutes === null) return '暂无'
  if (minutes < 1) return '不到 1 分钟'
  if (minutes < 60) return `${Math.round(minutes)} 分钟`
  if (minutes < 48 * 60) return `${Math.round(minutes / 6) / 10} 小时`
  return `${Math.round(minutes / 144) / 10} 天`
}

/** How long until (or since) a deadline, in words. */
export function untilText(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso) - now
  if (!Number.isFinite(ms)) return ''
  const abs = Math.abs(ms)
  const text = abs < 3600_000 ? `${Math.max(1, Math.round(abs / 60_000))} 分钟` : abs < 48 * 3600_000 ? `${Math.round(abs / 3600_000)} 小时` : `${Math.round(abs / 86_400_000)} 天`
  return ms >= 0 ? `还剩 ${text}` : `已超出 ${text}`
}
