import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CATEGORY_SLUGS, type Category } from '@shared/orders/categories'
import { kindOfPeriod, periodLabel, type DashboardPeriodKind } from '@shared/dashboard/period'
import { Chart, type ChartDatum, type ChartSeries } from '../../../components/chart'
import { Choice } from '../../../components/choice'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { Tabs } from '../../../components/tabs'
import { useElder } from '../../../lib/elder'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { saveAndShare } from '../../../lib/share-file'
import type { ClientError } from '../../../services/call'
import { dashboards, type ExportDataset, type OverviewOutput } from '../../../services/dashboards'
import { currentPeriod, hoursText, monthShort, percent, periodAfter, periodBefore, switchKind } from '../common/format'
import { Councils, HeatTable, Kpis, LiuyouScores, PropertyReview, type RecordsQuery } from '../common/sections'
import '../common/dashboards.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; data: OverviewOutput }

const KINDS: readonly { key: DashboardPeriodKind; label: string }[] = [
  { key: 'month', label: '按月' },
  { key: 'quarter', label: '按季度' },
  { key: 'year', label: '按年' },
]

const NOW_COLOR = '#C8161D'
const BEFORE_COLOR = '#8C8C8C'
const PERIOD_SERIES: ChartSeries[] = [
  { name: '本期', color: NOW_COLOR },
  { name: '上期', color: BEFORE_COLOR, dashed: true },
]

/** The trend's lines: which rate, its colour, and the records behind a month's point. */
const TREND_LINES = [
  { key: 'closureRate', name: '办结率', color: '#C8161D', figure: 'closed' },
  { key: 'satisfaction', name: '满意度', color: '#1F7A3A', figure: 'rated' },
  { key: 'leftGridRate', name: '出格率', color: '#D46B08', figure: 'leftGrid', dashed: true },
] as const

/** The hours trend's lines: one per source, the records behind a month's point. */
const HOURS_LINES = [
  { key: 'order', name: '接单服务', color: '#C8161D' },
  { key: 'duty', name: '站点值班', color: '#1F7A3A' },
  { key: 'manual', name: '自行填报', color: '#D46B08', dashed: true },
] as const

const EXPORT_LABELS: Record<ExportDataset, string> = { orders: '工单明细', service: '服务时长', liuyou: '六有自查', decisions: '议事决议' }
const CHILD_WORD: Record<string, string> = { street: '社区', community: '网格', grid: '微网格' }

/**
 * 数据看板: a street's, a community's or a grid's measures for a month, a quarter or a year, against
 * the period before — KPI tiles, the 12-month trend, the categories, the places below as a heat
 * table, service hours, 六有 scores and the councils — each number a link to the records behind it
 * (records/index). The place is one of the caller's `stats` places, or a place below one (the heat
 * table's names open theirs). Exports of the period for those who may.
 */
export default function Dashboard() {
  const router = useRouter()
  const profile = useProfile()
  const elder = useElder().on
  useEffect(() => {
    void loadProfile()
  }, [])
  const places = scopesOf(profile.profile, 'stats')
  const asked = router.params.nodeId ? decodeURIComponent(router.params.nodeId) : null
  const [picked, setPicked] = useState<string | null>(asked)
  const nodeId = picked ?? places[0]?.nodeId ?? null
  const [period, setPeriod] = useState<string>(router.params.period ? decodeURIComponent(router.params.period) : currentPeriod('month'))
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [busy, setBusy] = useState<ExportDataset | null>(null)
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx')
  const [contacts, setContacts] = useState(false)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)

  const fetchOverview = async () => {
    if (!nodeId) return
    setLoad({ status: 'loading' })
    const answer = await dashboards.overview(nodeId, period)
    setLoad(answer.ok ? { status: 'ready', data: answer.data } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchOverview()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the place or the period changes
  }, [nodeId, period])

  const kind = kindOfPeriod(period)
  const latest = currentPeriod(kind)
  const data = load.status === 'ready' && load.data.node.id === nodeId && load.data.period === period ? load.data : null

  const openRecords = (q: RecordsQuery) => {
    if (!nodeId) return
    go(withQuery(ROUTES.dashboardRecords, { nodeId, period, ...q }))
  }
  const runExport = async (dataset: ExportDataset) => {
    if (!nodeId) return
    setBusy(dataset)
    setNotice(null)
    const answer = await dashboards.exportData({ nodeId, period, dataset, format, withContacts: contacts })
    if (!answer.ok) {
      setBusy(null)
      setNotice({ ok: false, text: answer.error.message })
      return
    }
    const saved = await saveAndShare(answer.data)
    setBusy(null)
    const how = saved.ok ? (saved.how === 'downloaded' ? '已下载' : saved.how === 'shared' ? '已导出' : '已打开') : ''
    setNotice(
      saved.ok
        ? { ok: true, text: `${how} ${answer.data.filename}（${answer.data.rows} 行${answer.data.withContacts ? '，含联系方式，已留痕' : ''}）` }
        : { ok: false, text: saved.message },
    )
  }

  const noPlace = profile.profile && places.length === 0 && !asked

  return (
    <PageShell name='dashboard'>
      <Text className='hl-title'>数据看板</Text>
      {!profile.profile && profile.status === 'error' ? <ErrorView error={profile.error} onRetry={() => void loadProfile(true)} /> : null}
      {!profile.profile && profile.status !== 'error' ? <Loading /> : null}
      {noPlace ? <Empty text='您没有负责的网格、社区或街道' hint='网格长、社区书记和街道管理员在这里看本辖区的数据' /> : null}

      {places.length > 1 ? (
        <View className='hl-card hd-places hl-node-picker'>
          <Text className='hl-field-label'>看哪个地方</Text>
          <View className='hd-choices'>
            {places.map((p) => (
              <Choice
                key={p.nodeId}
                className={`hl-node-choice hl-node-${p.nodeId}`}
                on={p.nodeId === nodeId}
                label={p.nodeName || p.nodeId}
                note={p.roleLabel}
                onClick={() => setPicked(p.nodeId)}
              />
            ))}
          </View>
        </View>
      ) : null}

      {nodeId ? (
        <View className='hl-card hd-period hl-period-picker'>
          <Tabs name='period-kind' items={KINDS} value={kind} onChange={(k) => setPeriod(switchKind(period, k))} />
          <View className='hd-period-row'>
            <Button className='hl-btn hl-btn-prev-period' onClick={() => setPeriod(periodBefore(period))}>
              {`‹ ${periodLabel(periodBefore(period))}`}
            </Button>
            <Text className='hd-period-label hl-period-label'>{periodLabel(period)}</Text>
            {period < latest ? (
              <Button className='hl-btn hl-btn-next-period' onClick={() => setPeriod(periodAfter(period))}>
                {`${periodLabel(periodAfter(period))} ›`}
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      {nodeId && load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchOverview()} /> : null}
      {data ? <Overview data={data} elder={elder} onOpen={openRecords} /> : null}

      {data && data.exports.length ? (
        <View className='hl-card hd-export hl-dashboard-export'>
          <Text className='hl-section-title'>{`导出${data.periodLabel}的数据`}</Text>
          <View className='hd-choices'>
            <Choice className='hl-format-xlsx' on={format === 'xlsx'} label='Excel 表格' onClick={() => setFormat('xlsx')} />
            <Choice className='hl-format-csv' on={format === 'csv'} label='CSV 文本' onClick={() => setFormat('csv')} />
            {data.mayExportContacts ? (
              <Choice className='hl-export-contacts' multiple on={contacts} label='含居民姓名和电话' note='只限负责人，导出会留痕' onClick={() => setContacts(!contacts)} />
            ) : null}
          </View>
          {notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-export-ok' : 'hl-notice-error'}`}>{notice.text}</Text> : null}
          {data.exports.map((d) => (
            <Button key={d} className={`hl-btn hl-btn-block hl-btn-export hl-btn-export-${d}`} loading={busy === d} disabled={busy !== null} onClick={() => void runExport(d)}>
              {`导出${EXPORT_LABELS[d]}`}
            </Button>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}

/** Everything the answer shows, in the order a leader reads it. */
function Overview({ data, elder, onOpen }: { data: OverviewOutput; elder: boolean; onOpen: (q: RecordsQuery) => void }) {
  const m = data.measures
  const childWord = CHILD_WORD[data.node.level] ?? '下级'
  const previous = data.previousPeriod

  const trend: ChartDatum[] = data.trend.flatMap((p) =>
    TREND_LINES.flatMap((l) => {
      const v = p[l.key]
      return v === null ? [] : [{ x: monthShort(p.month), series: l.name, value: Math.round(v * 100), text: percent(v), key: `${p.month}-${l.figure}` }]
    }),
  )
  const trendFigure = (d: ChartDatum) => {
    const month = d.key.slice(0, 7)
    const line = TREND_LINES.find((l) => l.name === d.series)!
    onOpen({ figure: line.figure, period: month })
  }

  const posted = data.categories.filter((c) => c.posted > 0)
  const donut: ChartDatum[] = posted.map((c) => ({ x: c.category, series: '收到', value: c.posted, text: `${c.posted} 件`, key: `cat-${CATEGORY_SLUGS[c.category as Category]}` }))
  const compared = data.categories.filter((c) => c.posted > 0 || c.previousPosted > 0)
  const categoryBars: ChartDatum[] = compared.flatMap((c) => {
    const slug = CATEGORY_SLUGS[c.category as Category]
    return [
      { x: c.category, series: '本期', value: c.posted, text: `${c.posted} 件`, key: `cmp-${slug}-now` },
      { x: c.category, series: '上期', value: c.previousPosted, text: `${c.previousPosted} 件`, key: `cmp-${slug}-before` },
    ]
  })
  const categoryOf = (d: ChartDatum) => compared.find((c) => c.category === d.x)?.category

  const sources: ChartDatum[] = data.hours.bySource.flatMap((s) => [
    { x: s.label, series: '本期', value: s.hours, text: hoursText(s.hours), key: `src-${s.source}-now` },
    { x: s.label, series: '上期', value: s.previous, text: hoursText(s.previous), key: `src-${s.source}-before` },
  ])
  const units: ChartDatum[] = data.hours.byUnit.slice(0, 8).map((u) => ({ x: u.workUnit, series: '时长', value: u.hours, text: hoursText(u.hours), key: `unit-${u.unitKey}` }))
  const hoursDelta = Math.round((data.hours.total - data.hours.previousTotal) * 10) / 10
  const anyHours = data.hours.trend.some((t) => t.order + t.duty + t.manual > 0)
  const hoursTrend: ChartDatum[] = anyHours
    ? data.hours.trend.flatMap((t) =>
        HOURS_LINES.map((l) => ({ x: monthShort(t.month), series: l.name, value: t[l.key], text: `${Math.round(t[l.key])}`, key: `${t.month}-${l.key}` })),
      )
    : []

  return (
    <View className='hd-overview hl-dashboard'>
      <View className='hl-card hd-head hl-dashboard-head'>
        <Text className='hl-hero hl-dashboard-place'>{data.node.name}</Text>
        <Text className='hl-text hl-dashboard-period'>{`${data.periodLabel} · 与${data.previousLabel}比较`}</Text>
        {m.posted === 0 && m.closed === 0 ? <Text className='hl-notice hl-dashboard-quiet'>这段时间还没有事项，数字都是 0 或“暂无”。</Text> : null}
      </View>

      <Kpis now={m} before={data.previous} previousLabel={data.previousLabel} onOpen={(q) => onOpen(q)} />

      <View className='hl-card hd-section hl-dashboard-trend'>
        <Chart
          kind='line'
          name='trend'
          title='近 12 个月走势'
          data={trend}
          series={TREND_LINES.map((l) => ({ name: l.name, color: l.color, dashed: 'dashed' in l }))}
          format={(v) => `${v}%`}
          max={100}
          height={220}
          onPick={trendFigure}
          empty='近 12 个月还没有办结的事项'
        />
      </View>

      <View className='hl-card hd-section hl-dashboard-categories'>
        <Chart
          kind='donut'
          name='categories'
          title={`${data.periodLabel}收到的事项（按类别）`}
          data={donut}
          series={[{ name: '收到', color: NOW_COLOR }]}
          format={(v) => `${Math.round(v * 10) / 10}`}
          height={200}
          onPick={(d) => onOpen({ figure: 'category', category: d.x })}
          empty='这段时间还没有事项'
        />
        <Chart
          kind='bars'
          name='compare'
          title={`与${data.previousLabel}比（件）`}
          data={categoryBars}
          series={PERIOD_SERIES}
          format={(v) => `${Math.round(v * 10) / 10}`}
          onPick={(d) => {
            const category = categoryOf(d)
            if (category) onOpen({ figure: 'category', category, ...(d.series === '上期' ? { period: previous } : {}) })
          }}
          empty='两期都没有事项'
        />
      </View>

      {data.children.length ? (
        <HeatTable
          rows={data.children}
          childWord={childWord}
          elder={elder}
          onOpen={onOpen}
          onOpenChild={(row) => go(withQuery(ROUTES.dashboard, { nodeId: row.nodeId, period: data.period }))}
        />
      ) : null}

      <View className='hl-card hd-section hl-dashboard-hours'>
        <Text className='hl-section-title'>志愿服务时长</Text>
        <View
          className='hd-tile hd-tile-wide hl-hours-total'
          role='link'
          aria-label={`${data.periodLabel}服务 ${hoursText(data.hours.total)}，查看记录`}
          onClick={() => onOpen({ figure: 'hours' })}
        >
          <Text className='hd-tile-label'>服务时长合计</Text>
          <Text className='hd-tile-value'>{hoursText(data.hours.total)}</Text>
          <Text className={`hd-change ${hoursDelta > 0 ? 'hd-change-good' : hoursDelta < 0 ? 'hd-change-bad' : 'hd-change-flat'}`}>
            {hoursDelta === 0 ? '与上期持平' : `${hoursDelta > 0 ? '↑' : '↓'} ${hoursText(Math.abs(hoursDelta))}`}
          </Text>
        </View>
        <Chart
          kind='bars'
          name='sources'
          title='按来源（小时）'
          data={sources}
          series={PERIOD_SERIES}
          format={(v) => `${Math.round(v * 10) / 10}`}
          onPick={(d) => onOpen({ figure: 'hours', source: d.key.split('-')[1], ...(d.series === '上期' ? { period: previous } : {}) })}
        />
        <Chart
          kind='line'
          name='hours-trend'
          title='近 12 个月服务时长（小时）'
          data={hoursTrend}
          series={HOURS_LINES.map((l) => ({ name: l.name, color: l.color, dashed: 'dashed' in l }))}
          format={(v) => `${Math.round(v)}`}
          height={200}
          onPick={(d) => onOpen({ figure: 'hours', source: d.key.slice(8), period: d.key.slice(0, 7) })}
          empty='近 12 个月还没有服务时长'
        />
        {units.length ? (
          <Chart
            kind='bars'
            name='units'
            title='双报到单位（小时）'
            data={units}
            series={[{ name: '时长', color: '#1D4ED8' }]}
            format={(v) => `${Math.round(v * 10) / 10}`}
            onPick={(d) => onOpen({ figure: 'hours', unitKey: d.key.slice(5) })}
          />
        ) : (
          <Text className='hl-note'>这段时间还没有在职党员的服务时长</Text>
        )}
      </View>

      <LiuyouScores liuyou={data.liuyou} onOpen={() => go(data.node.level === 'street' ? ROUTES.liuyouMatrix : ROUTES.liuyouChecks)} />
      <Councils councils={data.councils} onOpen={() => go(ROUTES.councilDecisions)} />
      <PropertyReview property={data.property} periodKind={data.periodKind} onOpenCompound={(compoundId) => go(withQuery(ROUTES.compoundReview, { compoundId }))} />
    </View>
  )
}
