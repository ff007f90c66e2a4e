import { dashboardPeriodOf, kindOfPeriod, monthsOfPeriod, periodBefore, periodOfMonth, type DashboardPeriodKind } from '@shared/dashboard/period'

/**
 * How the dashboard writes its numbers, and how its period moves (pure). Periods are Beijing months,
 * quarters and years, as `@shared/dashboard/period` names them.
 */

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

/** Hours with at most one decimal: `6.5 小时`. */
/** Hours: one decimal below 100 (`6.5 小时`), whole hours above (`2167 小时`), so a year fits its cell. */
export const hoursText = (h: number): string => `${h >= 100 ? Math.round(h) : Math.round(h * 10) / 10} 小时`

/** `2026-11` → `11月` (a chart's axis), with the year when it is January. */
export function monthShort(month: string): string {
  const m = Number(month.slice(5))
  return m === 1 ? `${month.slice(0, 4)}年1月` : `${m}月`
}

/** The period just after, of the same kind. */
export function periodAfter(period: string): string {
  const kind = kindOfPeriod(period)
  const year = Number(period.slice(0, 4))
  if (kind === 'year') return String(year + 1)
  if (kind === 'quarter') {
    const q = Number(period.slice(6))
    return q < 4 ? `${year}-Q${q + 1}` : `${year + 1}-Q1`
  }
  const m = Number(period.slice(5))
  return m < 12 ? `${year}-${String(m + 1).padStart(2, '0')}` : `${year + 1}-01`
}

/** The period a dashboard opens on: this month (Beijing time). */
export const currentPeriod = (kind: DashboardPeriodKind, now: number = Date.now()): string => dashboardPeriodOf(kind, now)

/**
 * Another kind for the period looked at: the one holding its last month, but never past today's
 * (a year looked at from December: this month, not next December).
 */
export function switchKind(period: string, kind: DashboardPeriodKind, now: number = Date.now()): string {
  const months = monthsOfPeriod(period)
  const thisMonth = dashboardPeriodOf('month', now)
  const last = months[months.length - 1]!
  return periodOfMonth(kind, last > thisMonth ? thisMonth : last)
}

export { kindOfPeriod, periodBefore }
