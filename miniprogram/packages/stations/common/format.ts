/**
 * Times and places as people at a station read them, always in Beijing time (the server's days,
 * rosters and opening hours are Beijing too), whatever the device is set to: dates and instants are
 * read by `@shared/kernel/time`.
 */
import { addDays, beijingDate, clockText, dateText as kernelDateText, dayTimeText, mondayOf, weekdayOf } from '@shared/kernel/time'

export { addDays, mondayOf, weekdayOf }
const DAY_CHARS = ['一', '二', '三', '四', '五', '六', '日'] as const
const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** 1 (Mon) … 7 (Sun) → `周一`. */
export const dayName = (d: number) => `周${DAY_CHARS[d - 1] ?? ''}`
export const DAY_CHOICES = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, label: dayName(d) }))

/** `[1, 3, 5]` → `周一、三、五`; `[1..5]` → `周一至周五`; all seven → `每天`. */
export function daysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b)
  if (sorted.length === 0) return ''
  if (sorted.length === 7) return '每天'
  const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1)
  if (consecutive && sorted.length >= 3) return `${dayName(sorted[0]!)}至${dayName(sorted[sorted.length - 1]!)}`
  return `周${sorted.map((d) => DAY_CHARS[d - 1]).join('、')}`
}

/** Minutes from midnight → `9:00` (the way a notice on the wall writes it). */
export function hm(minute: number): string {
  return `${Math.floor(minute / 60)}:${pad(minute % 60)}`
}

/** `09:30` / `9:30` / `9：30` / `930` → 570; null when it is not a time. */
export function parseHm(text: string): number | null {
  const m = /^\s*(\d{1,2})\s*[:：.]?\s*(\d{2})\s*$/.exec(text)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null
  return h * 60 + min
}

export const slotText = (days: readonly number[], from: number, to: number) => `${daysText(days)} ${hm(from)}–${hm(to)}`

/** 850 → `850 米`; 2300 → `2.3 公里`. */
export function distanceText(meters: number | null): string {
  if (meters === null) return ''
  return meters < 1000 ? `${Math.round(meters / 10) * 10 || meters} 米` : `${Math.round(meters / 100) / 10} 公里`
}

/** `11月22日 15:43`. */
export const formatTime = (iso: string | null | undefined) => dayTimeText(iso)

/** `15:43`. */
export const clockTime = (iso: string | null | undefined) => clockText(iso)

/** Today's date in Beijing, `2026-11-22`. */
export const beijingToday = (now: number = Date.now()) => beijingDate(now)

/** `2026-11-17` → `11月17日 周二`. */
export const dateText = (date: string, withDay = true) => kernelDateText(date, withDay)

/** 135 → `2 小时 15 分钟`. */
export function minutesText(minutes: number): string {
  if (minutes < 1) return '不到 1 分钟'
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  if (h === 0) return `${m} 分钟`
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`
}
