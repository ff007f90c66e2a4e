import type { DashboardMeasure, Figure } from '../../../services/dashboards'
import { heatOf as heatLevel, type Heat } from '@shared/dashboard/heat'
import { duration, percent } from './format'

/**
 * The measures a place is judged by, as the dashboard shows them: which way is good, how a change is
 * said, and which records open behind each number.
 */
export type MeasureKey =
  'posted' | 'closed' | 'closureRate' | 'satisfaction' | 'leftGridRate' | 'leftCommunityRate' | 'medianAcceptMinutes' | 'medianResolveMinutes' | 'clockBreaches' | 'unrated'

export interface MeasureSpec {
  key: MeasureKey
  label: string
  /** Which way is good; null: neither (how many were posted). */
  better: 'higher' | 'lower' | null
  kind: 'rate' | 'count' | 'minutes'
  /** The records behind the number. */
  figure: Figure
  /** What the number counts, in a few words (under the tile). */
  basis: (m: DashboardMeasure) => string
}

export const MEASURES: readonly MeasureSpec[] = [
  { key: 'leftGridRate', label: '出格率', better: 'lower', kind: 'rate', figure: 'leftGrid', basis: (m) => `办结 ${m.closed} 件中上报出网格的` },
  { key: 'leftCommunityRate', label: '出社区率', better: 'lower', kind: 'rate', figure: 'leftCommunity', basis: (m) => `办结 ${m.closed} 件中上报到街道的` },
  { key: 'closureRate', label: '办结率', better: 'higher', kind: 'rate', figure: 'closed', basis: (m) => `办结 ${m.closed} / 收到 ${m.posted}` },
  { key: 'satisfaction', label: '满意度', better: 'higher', kind: 'rate', figure: 'rated', basis: (m) => `${m.rated} 条评价中 4 星及以上；未评价不计` },
  { key: 'posted', label: '收到', better: null, kind: 'count', figure: 'posted', basis: () => '居民发起的事项' },
  { key: 'clockBreaches', label: '超时', better: 'lower', kind: 'count', figure: 'breached', basis: () => '超过处理时限的次数' },
  { key: 'medianAcceptMinutes', label: '接单用时', better: 'lower', kind: 'minutes', figure: 'closed', basis: () => '中位数' },
  { key: 'medianResolveMinutes', label: '办结用时', better: 'lower', kind: 'minutes', figure: 'closed', basis: () => '中位数' },
  { key: 'unrated', label: '未评价', better: 'lower', kind: 'count', figure: 'unrated', basis: () => '办结 7 天未评价的' },
]

export function measureText(spec: MeasureSpec, m: DashboardMeasure): string {
  const v = m[spec.key]
  if (spec.kind === 'rate') return percent(v)
  if (spec.kind === 'minutes') return duration(v)
  return `${v ?? 0} ${spec.key === 'clockBreaches' ? '次' : '件'}`
}

export type Trend = 'good' | 'bad' | 'flat' | 'none'

/**
 * The change against the previous period, in words and as good or bad: `↑ 5 个百分点`, `↓ 3 件`,
 * `↓ 1.5 小时`; `与上期持平`; `上期无数据`.
 */
export function changeOf(spec: MeasureSpec, now: DashboardMeasure, before: DashboardMeasure): { text: string; trend: Trend } {
  const a = now[spec.key]
  const b = before[spec.key]
  if (a === null || b === null) return { text: '上期无数据', trend: 'none' }
  let d: number
  let unit: string
  if (spec.kind === 'rate') {
    d = Math.round(a * 100) - Math.round(b * 100)
    unit = '个百分点'
  } else if (spec.kind === 'minutes') {
    const text = duration(Math.abs(a - b))
    if (Math.round(a) === Math.round(b)) return { text: '与上期持平', trend: 'flat' }
    const trend: Trend = spec.better === null ? 'flat' : a > b === (spec.better === 'higher') ? 'good' : 'bad'
    return { text: `${a > b ? '↑' : '↓'} ${text}`, trend }
  } else {
    d = a - b
    unit = spec.key === 'clockBreaches' ? '次' : '件'
  }
  if (d === 0) return { text: '与上期持平', trend: 'flat' }
  const trend: Trend = spec.better === null ? 'flat' : d > 0 === (spec.better === 'higher') ? 'good' : 'bad'
  return { text: `${d > 0 ? '↑' : '↓'} ${Math.abs(d)} ${unit}`, trend }
}

export const TREND_WORDS: Record<Trend, string> = { good: '好转', bad: '变差', flat: '', none: '' }

// ---- the heat table ---------------------------------------------------------------------------------

export type { Heat }
export const HEAT_MARK: Record<Heat, string> = { good: '✓', amber: '!', bad: '✕', none: '' }
export const HEAT_WORDS: Record<Heat, string> = { good: '好', amber: '注意', bad: '要改进', none: '暂无数据' }

export interface HeatColumn {
  key: 'leftGridRate' | 'closureRate' | 'satisfaction' | 'clockBreaches' | 'posted'
  label: string
  figure: Figure
  /** Whether the column is judged good / amber / bad (how many were posted is not). */
  judged: boolean
  text: (m: DashboardMeasure) => string
}

/** The columns of the heat table; the lines between good, 注意 and 要改进 are `@shared/dashboard/heat`'s. */
export const HEAT_COLUMNS: readonly HeatColumn[] = [
  { key: 'leftGridRate', label: '出格率', figure: 'leftGrid', judged: true, text: (m) => percent(m.leftGridRate) },
  { key: 'closureRate', label: '办结率', figure: 'closed', judged: true, text: (m) => percent(m.closureRate) },
  { key: 'satisfaction', label: '满意度', figure: 'rated', judged: true, text: (m) => percent(m.satisfaction) },
  { key: 'clockBreaches', label: '超时', figure: 'breached', judged: true, text: (m) => `${m.clockBreaches}` },
  { key: 'posted', label: '收到', figure: 'posted', judged: false, text: (m) => `${m.posted}` },
]

export function heatOf(column: HeatColumn, m: DashboardMeasure): Heat {
  return column.judged && column.key !== 'posted' ? heatLevel(column.key, m[column.key]) : 'none'
}
