import { useEffect, useRef, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { QUEUE_FILTER_LABELS, QUEUE_FILTERS } from '@shared/orders/queue'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { orders, type PlaceCounts, type QueueFilter } from '../../../services/orders'
import { OrderCard } from '../common/components'
import { NodePicker, usePagedOrders } from '../common/hooks'
import '../common/orders.scss'
import './index.scss'

const EMPTY: Record<QueueFilter, string> = {
  all: '这里暂时没有待办的事项',
  waiting: '没有等您处理的事项',
  offered: '没有已派出、等待接单的事项',
  overdue: '没有超时的事项',
  reopened: '没有差评待复核的事项',
  escalated: '没有已上报到上级的事项',
}

const isFilter = (v: string | undefined): v is QueueFilter => (QUEUE_FILTERS as readonly string[]).includes(v ?? '')

/**
 * The filters with a count each, in two rows of three: the counts are the server's (the same the
 * home page shows). Before they arrive, the labels alone; a place without 已上报 (the street) has five.
 */
function QueueFilters({ counts, value, onChange }: { counts: PlaceCounts['counts'] | null; value: QueueFilter; onChange: (f: QueueFilter) => void }) {
  const items = counts ?? QUEUE_FILTERS.map((filter) => ({ filter, label: QUEUE_FILTER_LABELS[filter], count: null as number | null }))
  return (
    <View className='hq-filters hl-tabs-queue' role='tablist'>
      {items.map((c) => {
        const on = c.filter === value
        return (
          <View
            key={c.filter}
            className={`hq-filter hl-tab hl-tab-${c.filter}${on ? ' hq-filter-on hl-tab-on' : ''}${c.filter === 'overdue' && c.count ? ' hq-filter-alarm' : ''}`}
            role='tab'
            aria-selected={on}
            onClick={() => onChange(c.filter)}
          >
            <Text className='hq-filter-count'>{c.count === null ? '·' : String(c.count)}</Text>
            <Text className='hq-filter-label'>{on ? `● ${c.label}` : c.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

/**
 * 负责人待办: the queue of one of the leader's places, by filter; each item with its level and clock.
 * Opens on the place and filter in the URL (`?nodeId=…&filter=overdue`, as the home page's counts link).
 */
export default function OrderQueue() {
  const router = useRouter()
  const state = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const roles = scopesOf(state.profile, 'queue')
  const [nodeId, setNodeId] = useState<string | null>(router.params.nodeId ? decodeURIComponent(router.params.nodeId) : null)
  const [filter, setFilter] = useState<QueueFilter>(isFilter(router.params.filter) ? router.params.filter : 'all')
  const node = roles.find((r) => r.nodeId === nodeId) ?? roles[0] ?? null
  const paged = usePagedOrders(node ? { view: 'queue', nodeId: node.nodeId, filter } : null)
  const [counts, setCounts] = useState<{ nodeId: string; counts: PlaceCounts['counts'] } | null>(null)
  const countsAsked = useRef(0)

  const loadCounts = async (id: string) => {
    const mine = ++countsAsked.current
    const answer = await orders.queueCounts(id)
    if (mine === countsAsked.current && answer.ok) setCounts({ nodeId: id, counts: answer.data.counts })
  }
  useEffect(() => {
    if (node) void loadCounts(node.nodeId)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the node is represented by its id; a new object for the same node is the same counts
  }, [node?.nodeId])

  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && node) {
      void paged.reload()
      void loadCounts(node.nodeId)
    }
    shown.current = true
  })

  const current = counts && node && counts.nodeId === node.nodeId ? counts.counts : null
  // A filter the place does not have (已上报 at the street) falls back to 全部.
  const shownFilter = current && !current.some((c) => c.filter === filter) ? 'all' : filter
  useEffect(() => {
    if (shownFilter !== filter) setFilter(shownFilter)
  }, [shownFilter, filter])

  return (
    <PageShell name='order-queue'>
      <Text className='hl-title'>待办队列</Text>
      {!state.profile && state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {!state.profile && state.status !== 'error' ? <Loading /> : null}
      {state.profile && !node ? <Empty text='您没有负责的网格、社区或街道' hint='网格长、社区书记和街道管理员在这里处理事项' /> : null}
      {node ? (
        <>
          <NodePicker roles={roles} value={node.nodeId} onPick={setNodeId} />
          <Text className='hl-note hl-queue-node'>{`${node.nodeName}（${node.roleLabel}）`}</Text>
          <QueueFilters counts={current} value={shownFilter} onChange={setFilter} />
          <PagedList
            paged={paged}
            className='hl-order-list'
            count={(total) => `共 ${total} 件`}
            empty={EMPTY[shownFilter]}
            render={(o) => <OrderCard key={o.id} order={o} showLevel onOpen={() => go(withQuery(ROUTES.orderDetail, { id: o.id }))} />}
          />
          <Button className='hl-btn hl-btn-block hl-btn-stats' onClick={() => go(withQuery(ROUTES.dashboard, { nodeId: node.nodeId }))}>
            看这里的数据
          </Button>
        </>
      ) : null}
    </PageShell>
  )
}
