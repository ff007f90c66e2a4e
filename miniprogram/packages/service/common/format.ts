/** Hours, dates and times as volunteers read them, in Beijing time whatever the device says (`@shared/kernel/time`). */
import { addDays, beijingDate, dateText as kernelDateText, dayTimeText, monthText, recentMonths as kernelRecentMonths } from '@shared/kernel/time'

export { addDays, monthText }
const DAY_CHARS = ['一', '二', '三', '四', '五', '六', '日'] as const
const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** 12.5 → `12.5`; 3 → `3`; never more than two decimals. */
export const num = (n: number) => String(Math.round(n * 100) / 100)
export const hoursText = (n: number) => `${num(n)} 小时`

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

export const hm = (minute: number) => `${Math.floor(minute / 60)}:${pad(minute % 60)}`

/** `09:30` / `9:30` / `9：30` / `930` → 570; null when it is not a time. */
export function parseHm(text: string): number | null {
  const m = /^\s*(\d{1,2})\s*[:：.]?\s*(\d{2})\s*$/.exec(text)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null
  return h * 60 + min
}

export const beijingToday = (now: number = Date.now()) => beijingDate(now)

/** `2026-11-17` → `11月17日`. */
export const dateText = (date: string) => kernelDateText(date, false)

/** `11月22日 15:43`. */
export const formatTime = (iso: string) => dayTimeText(iso)

/** This month in Beijing and the n−1 before it, newest first: `2026-11`, `2026-10`, … */
export const recentMonths = (n: number, now: number = Date.now()) => kernelRecentMonths(n, now)
