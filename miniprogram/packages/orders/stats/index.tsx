import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Bar as SharedBar } from '../../../components/bar'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import type { ClientError } from '../../../services/call'
import { orders, type Measure, type StatsOutput } from '../../../services/orders'
import { isCommunityLevel } from '@shared/territory/kinds'
import { Choice } from '../../../components/choice'
import { duration, formatMonth, percent } from '../common/format'
import { NodePicker } from '../common/hooks'
import '../common/orders.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; stats: StatsOutput }

interface RateSpec {
  key: 'closureRate' | 'satisfaction' | 'insideGridRate' | 'leftGridRate' | 'leftCommunityRate'
  label: string
  /** Which way is good: said in words next to the bar, never by colour alone. */
  better: 'higher' | 'lower'
  basis: (m: Measure) => string
}

const RATES: readonly RateSpec[] = [
  { key: 'closureRate', label: '办结率', better: 'higher', basis: (m) => `办结 ${m.closed} / 发起 ${m.posted}` },
  { key: 'satisfaction', label: '满意度', better: 'higher', basis: (m) => `${m.rated} 条评价中 4 星及以上的占比；未评价的 ${m.unrated} 件不计` },
  { key: 'insideGridRate', label: '小事不出格（格内解决）', better: 'higher', basis: (m) => `已办结 ${m.closed} 件中在网格内解决的占比` },
  { key: 'leftGridRate', label: '出格率', better: 'lower', basis: (m) => `已办结 ${m.closed} 件中上报出网格的占比` },
  { key: 'leftCommunityRate', label: '出社区率', better: 'lower', basis: (m) => `已办结 ${m.closed} 件中上报到街道的占比` },
]

/** One measure as a bar; the number is written, and whether higher or lower is better is said. */
function Bar({ spec, m, compact = false }: { spec: RateSpec; m: Measure; compact?: boolean }) {
  const v = m[spec.key]
  return (
    <SharedBar
      label={spec.label}
      value={v ?? 0}
      max={1}
      text={v === null ? '暂无数据' : percent(v)}
      className={`hl-bar-${spec.key}`}
      good={spec.better === 'higher'}
      {...(compact ? {} : { note: `${spec.better === 'higher' ? '越高越好' : '越低越好'} · ${spec.basis(m)}` })}
    />
  )
}

function Figures({ m }: { m: Measure }) {
  const items = [
    { key: 'posted', label: '发起', value: `${m.posted} 件` },
    { key: 'closed', label: '办结', value: `${m.closed} 件` },
    { key: 'accept', label: '接单用时（中位数）', value: duration(m.medianAcceptMinutes) },
    { key: 'resolve', label: '办结用时（中位数）', value: duration(m.medianResolveMinutes) },
    { key: 'breaches', label: '超时次数', value: `${m.clockBreaches} 次` },
    { key: 'unrated', label: '未评价', value: `${m.unrated} 件` },
  ]
  return (
    <View className='ho-figures'>
      {items.map((f) => (
        <View key={f.key} className={`ho-figure hl-figure hl-figure-${f.key}`}>
          <Text className='hl-note'>{f.label}</Text>
          <Text className='ho-figure-value'>{f.value}</Text>
        </View>
      ))}
    </View>
  )
}

function MeasureCard({ title, m, className }: { title: string; m: Measure; className: string }) {
  return (
    <View className={`hl-card ${className}`}>
      <Text className='ho-section-title'>{title}</Text>
      <Text className='hl-note'>{`发起 ${m.posted} 件，办结 ${m.closed} 件，超时 ${m.clockBreaches} 次`}</Text>
      {RATES.filter((r) => r.key !== 'insideGridRate').map((r) => (
        <Bar key={r.key} spec={r} m={m} compact />
      ))}
    </View>
  )
}

/** 数据看板: the loop's measures for one of the leader's places, by month and by the places below it. */
export default function OrderStats() {
  const router = useRouter()
  const state = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const roles = scopesOf(state.profile, 'stats')
  const [nodeId, setNodeId] = useState<string | null>(router.params.nodeId ? decodeURIComponent(router.params.nodeId) : null)
  const node = roles.find((r) => r.nodeId === nodeId) ?? roles[0] ?? null
  const [month, setMonth] = useState<string | null>(null)
  const [months, setMonths] = useState<string[]>([])
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  const fetchStats = async () => {
    if (!node) return
    setLoad({ status: 'loading' })
    const answer = await orders.stats(month ? { nodeId: node.nodeId, month } : { nodeId: node.nodeId })
    if (!answer.ok) {
      setLoad({ status: 'error', error: answer.error })
      return
    }
    setLoad({ status: 'ready', stats: answer.data })
    if (!month)
      setMonths(
        answer.data.byMonth
          .map((m) => m.month)
          .sort()
          .reverse(),
      )
  }
  useEffect(() => {
    void fetchStats()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [node?.nodeId, month])

  const stats = load.status === 'ready' ? load.stats : null
  const childTitle = node?.nodeKind === 'street' ? '各社区' : isCommunityLevel(node?.nodeKind ?? '') ? '各网格' : node?.nodeKind === 'grid' ? '各微网格' : '下级'

  return (
    <PageShell name='order-stats'>
      <Text className='hl-title'>数据看板</Text>
      {!state.profile && state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {!state.profile && state.status !== 'error' ? <Loading /> : null}
      {state.profile && !node ? <Empty text='您没有负责的网格、社区或街道' hint='负责人在这里看办结率、满意度等数据' /> : null}
      {node ? (
        <>
          <NodePicker
            roles={roles}
            value={node.nodeId}
            onPick={(id) => {
              setNodeId(id)
              setMonth(null)
            }}
          />
          {months.length ? (
            <View className='hl-card hl-month-picker'>
              <Text className='hl-field-label'>月份</Text>
              <View className='ho-choices'>
                <Choice className='hl-month hl-month-all' on={month === null} label='全部月份' onClick={() => setMonth(null)} />
                {months.map((m) => (
                  <Choice key={m} className={`hl-month hl-month-${m}`} on={month === m} label={formatMonth(m)} onClick={() => setMonth(m)} />
                ))}
              </View>
            </View>
          ) : null}
          {load.status === 'loading' ? <Loading /> : null}
          {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchStats()} /> : null}
          {stats ? (
            <>
              <View className='hl-card hl-stats-total'>
                <Text className='hl-title'>{`${stats.nodeName}${month ? ` · ${formatMonth(month)}` : ' · 全部月份'}`}</Text>
                {stats.total.posted === 0 ? <Text className='hl-notice'>这段时间还没有事项，下面的数字都是 0 或“暂无数据”。</Text> : null}
                {RATES.map((r) => (
                  <Bar key={r.key} spec={r} m={stats.total} />
                ))}
                <Figures m={stats.total} />
              </View>

              {!month && stats.byMonth.length ? (
                <View className='hl-stats-months'>
                  <Text className='hl-title'>按月</Text>
                  {[...stats.byMonth]
                    .sort((a, b) => (a.month < b.month ? 1 : -1))
                    .map((m) => (
                      <MeasureCard key={m.month} title={formatMonth(m.month)} m={m} className={`hl-stats-month hl-stats-month-${m.month}`} />
                    ))}
                </View>
              ) : null}

              {stats.byChild.length ? (
                <View className='hl-stats-children'>
                  <Text className='hl-title'>{childTitle}</Text>
                  {stats.byChild.map((c) => (
                    <MeasureCard key={c.nodeId} title={c.nodeName} m={c} className={`hl-stats-child hl-stats-child-${c.nodeId}`} />
                  ))}
                </View>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
