import { Text, View } from '@tarojs/components'
import { periodLabel } from '@shared/dashboard/period'
import { Bar } from '../../../components/bar'
import { LinkRow } from '../../../components/link-row'
import type { ChildRow, CouncilsView, DashboardMeasure, Figure, LiuyouView, PropertyView } from '../../../services/dashboards'
import { changeOf, HEAT_COLUMNS, HEAT_MARK, HEAT_WORDS, heatOf, MEASURES, measureText, TREND_WORDS, type MeasureSpec } from './measures'
import { percent } from './format'

/** What a number opens: the records behind it, narrowed as the number is. */
export interface RecordsQuery {
  figure: Figure
  period?: string
  month?: string
  childId?: string
  category?: string
  source?: string
  unitKey?: string
}
export type OpenRecords = (q: RecordsQuery) => void

// ---- KPI tiles -------------------------------------------------------------------------------------

function Tile({ spec, now, before, onOpen }: { spec: MeasureSpec; now: DashboardMeasure; before: DashboardMeasure; onOpen: OpenRecords }) {
  const value = measureText(spec, now)
  const change = changeOf(spec, now, before)
  const judged = change.trend === 'good' || change.trend === 'bad'
  const better = spec.better === 'higher' ? '越高越好' : spec.better === 'lower' ? '越低越好' : ''
  return (
    <View
      className={`hd-tile hl-kpi hl-kpi-${spec.key} hd-trend-${change.trend}`}
      role='link'
      aria-label={`${spec.label} ${value}，比上期 ${change.text}${judged ? `，${TREND_WORDS[change.trend]}` : ''}${better ? `，${better}` : ''}，查看记录`}
      onClick={() => onOpen({ figure: spec.figure })}
    >
      <Text className='hd-tile-label'>{spec.label}</Text>
      <Text className='hd-tile-value hl-kpi-value'>{value}</Text>
      <Text className={`hd-change hd-change-${change.trend} hl-kpi-change`}>{`${change.text}${judged ? ` ${TREND_WORDS[change.trend]}` : ''}`}</Text>
      <Text className='hd-tile-note'>{better ? `${spec.basis(now)} · ${better}` : spec.basis(now)}</Text>
    </View>
  )
}

/** The measures a place is judged by, each with its change against the previous period. */
export function Kpis({ now, before, previousLabel, onOpen }: { now: DashboardMeasure; before: DashboardMeasure; previousLabel: string; onOpen: OpenRecords }) {
  return (
    <View className='hl-card hd-kpis hl-dashboard-kpis'>
      <Text className='hl-section-title'>主要指标</Text>
      <Text className='hl-note'>{`箭头是与${previousLabel}比；点数字看是哪些事项`}</Text>
      <View className='hd-tiles'>
        {MEASURES.map((spec) => (
          <Tile key={spec.key} spec={spec} now={now} before={before} onOpen={onOpen} />
        ))}
      </View>
    </View>
  )
}

// ---- the heat table --------------------------------------------------------------------------------

/**
 * Children × measures: each cell a number, a mark and a colour, and a link to its records. A table on
 * a phone; in 长辈版 one card per child (six columns do not fit large text).
 */
export function HeatTable({
  rows,
  childWord,
  elder,
  onOpen,
  onOpenChild,
}: {
  rows: ChildRow[]
  childWord: string
  elder: boolean
  onOpen: OpenRecords
  onOpenChild: (row: ChildRow) => void
}) {
  const cell = (row: ChildRow, c: (typeof HEAT_COLUMNS)[number]) => {
    const heat = heatOf(c, row)
    const text = c.text(row)
    return (
      <View
        key={c.key}
        className={`hd-heat-cell hd-heat-${heat} hl-heat-cell hl-heat-${row.nodeId}-${c.key}`}
        role='link'
        aria-label={`${row.nodeName} ${c.label} ${text}${heat === 'none' ? '' : `，${HEAT_WORDS[heat]}`}，查看记录`}
        onClick={() => onOpen({ figure: c.figure, childId: row.nodeId })}
      >
        {elder ? <Text className='hd-heat-label'>{c.label}</Text> : null}
        <Text className='hd-heat-value'>{text}</Text>
        {HEAT_MARK[heat] ? <Text className='hd-heat-mark'>{HEAT_MARK[heat]}</Text> : null}
        {elder && heat !== 'none' ? <Text className='hd-heat-word'>{HEAT_WORDS[heat]}</Text> : null}
      </View>
    )
  }
  return (
    <View className='hl-card hd-heat hl-dashboard-heat'>
      <Text className='hl-section-title'>{`各${childWord}对比`}</Text>
      <Text className='hl-note'>✓ 好 · ! 注意 · ✕ 要改进；点格子看事项，点名称看它的看板</Text>
      {elder ? (
        rows.map((row) => (
          <View key={row.nodeId} className={`hd-heat-card hl-heat-row hl-heat-row-${row.nodeId}`}>
            <View className='hd-heat-name hl-heat-open' role='link' aria-label={`打开${row.nodeName}的看板`} onClick={() => onOpenChild(row)}>
              <Text className='hd-heat-name-text'>{`${row.nodeName} ›`}</Text>
            </View>
            <View className='hd-heat-cards'>{HEAT_COLUMNS.map((c) => cell(row, c))}</View>
          </View>
        ))
      ) : (
        <View className='hd-heat-table' role='table'>
          <View className='hd-heat-tr hd-heat-head' role='row'>
            <Text className='hd-heat-th hd-heat-th-name'>{childWord}</Text>
            {HEAT_COLUMNS.map((c) => (
              <Text key={c.key} className='hd-heat-th'>
                {c.label}
              </Text>
            ))}
          </View>
          {rows.map((row) => (
            <View key={row.nodeId} className={`hd-heat-tr hl-heat-row hl-heat-row-${row.nodeId}`} role='row'>
              <View className='hd-heat-name hl-heat-open' role='link' aria-label={`打开${row.nodeName}的看板`} onClick={() => onOpenChild(row)}>
                <Text className='hd-heat-name-text'>{row.nodeName}</Text>
              </View>
              {HEAT_COLUMNS.map((c) => cell(row, c))}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

// ---- 六有 ------------------------------------------------------------------------------------------

/** A 六有 check's period (`2026-Q3`, or a half year `2026-H2`) in words. */
function checkPeriodLabel(period: string): string {
  const half = /^(\d{4})-H([12])$/.exec(period)
  if (half) return `${half[1]}年${half[2] === '1' ? '上' : '下'}半年`
  try {
    return periodLabel(period)
  } catch {
    return period
  }
}

const RATING_WORDS = { green: '✓ 达标', amber: '! 基本达标', red: '✕ 未达标' } as const

export function LiuyouScores({ liuyou, onOpen }: { liuyou: LiuyouView; onOpen: () => void }) {
  return (
    <View className='hl-card hd-liuyou hl-dashboard-liuyou'>
      <Text className='hl-section-title'>六有评估得分</Text>
      {liuyou.rows.length === 0 || !liuyou.period ? (
        <Text className='hl-note'>还没有评定的六有自查</Text>
      ) : (
        <Text className='hl-note'>{`最近评定：${checkPeriodLabel(liuyou.period)}`}</Text>
      )}
      {liuyou.rows.map((r) => {
        const d = r.score !== null && r.previous !== null ? r.score - r.previous : null
        return (
          <View key={r.nodeId} className={`hd-liuyou-row hd-rating-${r.rating ?? 'none'} hl-liuyou-score-${r.nodeId}`}>
            <Text className='hd-liuyou-name'>{r.nodeName}</Text>
            <Text className='hd-liuyou-score'>{r.score === null ? '未评定' : `${r.score} 分`}</Text>
            {r.rating ? <Text className='hd-liuyou-word'>{RATING_WORDS[r.rating]}</Text> : null}
            <Text className={`hd-change ${d === null ? 'hd-change-none' : d > 0 ? 'hd-change-good' : d < 0 ? 'hd-change-bad' : 'hd-change-flat'}`}>
              {d === null ? '上期未评定' : d > 0 ? `↑ 比上期高 ${d} 分` : d < 0 ? `↓ 比上期低 ${-d} 分` : '与上期持平'}
            </Text>
          </View>
        )
      })}
      <LinkRow className='hl-btn-to-liuyou' text='六有评估' note='各方面的得分、佐证和整改任务' onClick={onOpen} />
    </View>
  )
}

// ---- 议事 ------------------------------------------------------------------------------------------

export function Councils({ councils, onOpen }: { councils: CouncilsView; onOpen: () => void }) {
  const d = councils.meetings - councils.previousMeetings
  const figures = [
    {
      key: 'meetings',
      label: '召开议事会',
      value: `${councils.meetings} 次`,
      note: d === 0 ? '与上期持平' : `${d > 0 ? '↑' : '↓'} 比上期${d > 0 ? '多' : '少'} ${Math.abs(d)} 次`,
    },
    { key: 'minutes', label: '纪要按时', value: `${councils.minutesOnTime} 次`, note: '会后 48 小时内' },
    { key: 'decisions', label: '通过决议', value: `${councils.decisions} 项`, note: `已办结 ${councils.decisionsDone} 项` },
    {
      key: 'effect',
      label: '效果共评',
      value: councils.effectAverage === null ? '暂无' : `${councils.effectAverage} 星`,
      note: councils.ratings ? `${councils.ratings} 位居民评价` : '还没有居民评价',
    },
  ]
  return (
    <View className='hl-card hd-councils hl-dashboard-councils'>
      <Text className='hl-section-title'>议事会与决议</Text>
      <View className='hd-tiles'>
        {figures.map((f) => (
          <View key={f.key} className={`hd-tile hd-tile-static hl-council-${f.key}`}>
            <Text className='hd-tile-label'>{f.label}</Text>
            <Text className='hd-tile-value'>{f.value}</Text>
            <Text className='hd-tile-note'>{f.note}</Text>
          </View>
        ))}
      </View>
      {councils.decisions ? (
        <Bar
          label='决议落实办结率'
          value={councils.decisionsDone}
          max={councils.decisions}
          text={`${Math.round((councils.decisionsDone / councils.decisions) * 100)}%`}
          className='hl-bar-decisions'
          good
          note={`${councils.decisions} 项决议中已办结 ${councils.decisionsDone} 项`}
        />
      ) : null}
      <LinkRow className='hl-btn-to-decisions' text='决议公示' note='每项决议的落实进度' onClick={onOpen} />
    </View>
  )
}

/**
 * 物业服务季度评价 (三方共治): how the residents of the place's compounds rated their desks in the
 * period — answers, 满意率 against the period before, each aspect's mean out of 5, and for a
 * community each compound with answers (满意率 from three answers on), a tap opening its 评议监督.
 */
export function PropertyReview({ property, periodKind, onOpenCompound }: { property: PropertyView; periodKind: string; onOpenCompound: (compoundId: string) => void }) {
  const before = property.previousSatisfiedRate
  const change =
    property.satisfiedRate === null || before === null
      ? property.previousRespondents
        ? `上期 ${property.previousRespondents} 份`
        : '上期没有答卷'
      : Math.round(property.satisfiedRate * 100) === Math.round(before * 100)
        ? '与上期持平'
        : `${property.satisfiedRate > before ? '↑' : '↓'} 上期 ${percent(before)}`
  return (
    <View className='hl-card hd-property hl-dashboard-property'>
      <Text className='hl-section-title'>小区物业服务评价</Text>
      <Text className='hl-note'>居民每季度给小区物业（或单位后勤、小区党支部）打分，满意指总体评价 4–5 分</Text>
      {property.respondents === 0 ? (
        <Text className='hl-note hl-property-empty'>{periodKind === 'month' ? '这个月没有居民填写评价，可按季度查看' : '这段时间还没有居民填写评价'}</Text>
      ) : (
        <>
          <View className='hd-tiles'>
            <View className='hd-tile hd-tile-static hl-property-respondents'>
              <Text className='hd-tile-label'>收到答卷</Text>
              <Text className='hd-tile-value'>{`${property.respondents} 份`}</Text>
              <Text className='hd-tile-note'>{periodKind === 'month' ? '问卷按季度填写' : '每人每季度一份'}</Text>
            </View>
            <View className='hd-tile hd-tile-static hl-property-satisfied'>
              <Text className='hd-tile-label'>满意率</Text>
              <Text className='hd-tile-value'>{percent(property.satisfiedRate)}</Text>
              <Text className='hd-tile-note'>{change}</Text>
            </View>
          </View>
          {property.questions.map((q) => (
            <Bar key={q.key} label={q.short} value={q.average} max={5} text={`${q.average} 分`} className={`hl-bar-property hl-bar-property-${q.key}`} good={q.average >= 4} />
          ))}
        </>
      )}
      {property.trend.some((t) => t.respondents > 0) ? <Text className='hl-text hd-property-trend-title'>近几个季度的满意率</Text> : null}
      {property.trend
        .filter((t) => t.respondents > 0)
        .map((t) => (
          <Bar
            key={t.quarter}
            label={periodLabel(t.quarter)}
            value={t.satisfiedRate === null ? 0 : Math.round(t.satisfiedRate * 100)}
            max={100}
            text={percent(t.satisfiedRate)}
            note={`答卷 ${t.respondents} 份`}
            className='hl-bar-property-quarter'
            good
          />
        ))}
      {property.compounds.map((c) => (
        <LinkRow
          key={c.nodeId}
          className='hl-btn-property-compound'
          text={c.nodeName}
          note={`答卷 ${c.respondents} 份 · ${c.satisfiedRate === null ? '满 3 份后显示满意率' : `满意率 ${percent(c.satisfiedRate)}`}`}
          onClick={() => onOpenCompound(c.nodeId)}
        />
      ))}
    </View>
  )
}
