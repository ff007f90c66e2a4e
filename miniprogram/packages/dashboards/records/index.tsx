import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { periodLabel } from '@shared/dashboard/period'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { back, go, ROUTES, withQuery } from '../../../lib/nav'
import { usePaged } from '../../../lib/paged'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { when } from '../../../lib/time-words'
import { dashboards, type Figure, type HoursRecordRow, type OrderRecordRow, type RecordsInput } from '../../../services/dashboards'
import { currentPeriod, hoursText } from '../common/format'
import '../common/dashboards.scss'

type Row = { kind: 'order'; id: string; order: OrderRecordRow } | { kind: 'hours'; id: string; entry: HoursRecordRow }

const FIGURES: readonly Figure[] = ['posted', 'open', 'closed', 'leftGrid', 'leftCommunity', 'breached', 'unrated', 'rated', 'dissatisfied', 'category', 'hours']
const param = (v: string | undefined) => (v ? decodeURIComponent(v) : undefined)

function OrderRow({ o }: { o: OrderRecordRow }) {
  return (
    <View className={`hl-card hd-record hl-record hl-record-order hl-order-${o.id}`} role='link' onClick={() => go(withQuery(ROUTES.orderDetail, { id: o.id }))}>
      <View className='hd-record-head'>
        <Text className='hd-record-title'>{o.category}</Text>
        <Text className='hl-tag hd-record-state'>{o.stateLabel}</Text>
      </View>
      {o.summary ? <Text className='hl-text hd-record-summary'>{o.summary}</Text> : null}
      <Text className='hl-note'>{o.placeLabel}</Text>
      <Text className='hl-note'>{`发起于 ${when(o.postedAt)}${o.closedAt ? `，办结于 ${when(o.closedAt)}` : ''}`}</Text>
      {o.breaches || o.stars !== null ? (
        <Text className='hl-note'>{[o.breaches ? `超时 ${o.breaches} 次` : '', o.stars !== null ? `评价 ${o.stars} 星` : ''].filter(Boolean).join('，')}</Text>
      ) : null}
      <Text className='hl-note hd-record-more'>查看详情 ›</Text>
    </View>
  )
}

function HoursRow({ e }: { e: HoursRecordRow }) {
  return (
    <View className='hl-card hd-record hl-record hl-record-hours'>
      <View className='hd-record-head'>
        <Text className='hd-record-title'>{e.volunteer}</Text>
        <Text className='hd-record-hours'>{hoursText(e.hours)}</Text>
      </View>
      <Text className='hl-note'>{[e.sourceLabel, e.workUnit].filter(Boolean).join(' · ')}</Text>
      <Text className='hl-note'>{when(e.at)}</Text>
    </View>
  )
}

/**
 * The records behind one number of the dashboard: the orders (each opens its detail) or the service
 * entries, a page at a time, with their count — the number the dashboard showed.
 */
export default function DashboardRecords() {
  const router = useRouter()
  const p = router.params
  const profile = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const nodeId = param(p.nodeId) ?? scopesOf(profile.profile, 'stats')[0]?.nodeId ?? null
  const period = param(p.period) ?? currentPeriod('month')
  const asked = param(p.figure)
  const figure: Figure = FIGURES.includes(asked as Figure) ? (asked as Figure) : 'posted'
  const narrowing = {
    ...(param(p.month) ? { month: param(p.month) } : {}),
    ...(param(p.childId) ? { childId: param(p.childId) } : {}),
    ...(param(p.category) ? { category: param(p.category) } : {}),
    ...(param(p.source) ? { source: param(p.source) } : {}),
    ...(param(p.unitKey) ? { unitKey: param(p.unitKey) } : {}),
  } as Partial<RecordsInput>
  const input = nodeId ? ({ nodeId, period, figure, ...narrowing } as RecordsInput) : null
  const [title, setTitle] = useState<string | null>(null)

  const paged = usePaged<Row>(input ? JSON.stringify(input) : null, async (offset, limit) => {
    const answer = await dashboards.records({ ...input!, offset, limit })
    if (!answer.ok) return answer
    setTitle(answer.data.title)
    const items: Row[] =
      answer.data.kind === 'orders'
        ? answer.data.orders.map((o) => ({ kind: 'order', id: o.id, order: o }))
        : answer.data.entries.map((e) => ({ kind: 'hours', id: e.id, entry: e }))
    return { ok: true, data: { items, total: answer.data.total } }
  })
  const hours = figure === 'hours'

  return (
    <PageShell name='dashboard-records'>
      <Text className='hl-title'>数字背后的记录</Text>
      {!profile.profile && profile.status === 'error' && !nodeId ? <ErrorView error={profile.error} onRetry={() => void loadProfile(true)} /> : null}
      {!nodeId && !profile.profile && profile.status !== 'error' ? <Loading /> : null}
      {!nodeId && profile.profile ? <Empty text='您没有负责的网格、社区或街道' hint='负责人在数据看板里点数字，看到这里' /> : null}
      {nodeId ? (
        <>
          <View className='hl-card hd-records-head hl-records-head'>
            <Text className='hl-section-title hl-records-title'>{title ?? '正在加载…'}</Text>
            <Text className='hl-note'>{p.month ? periodLabel(param(p.month)!) : periodLabel(period)}</Text>
          </View>
          <PagedList
            paged={paged}
            className='hl-record-list'
            empty={hours ? '这段时间没有相关的服务记录' : '这段时间没有相关的事项'}
            count={(n) => (hours ? `共 ${n} 条服务记录` : `共 ${n} 件`)}
            render={(r) => (r.kind === 'order' ? <OrderRow key={r.id} o={r.order} /> : <HoursRow key={r.id} e={r.entry} />)}
          />
          <Button className='hl-btn hl-btn-block hl-btn-back-to-dashboard' onClick={() => back(withQuery(ROUTES.dashboard, { nodeId, period }))}>
            返回数据看板
          </Button>
        </>
      ) : null}
    </PageShell>
  )
}
