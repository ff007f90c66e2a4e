import { useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { loadProfile, useProfile } from '../../../lib/profile'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import type { QueueFilter } from '../../../services/orders'
import { OrderCard, Tabs } from '../common/components'
import { leaderRoles, NodePicker, PagedList, usePagedOrders } from '../common/hooks'
import '../common/orders.scss'

const FILTERS: readonly { key: QueueFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'waiting', label: '待处理' },
  { key: 'offered', label: '已派出' },
  { key: 'overdue', label: '超时' },
  { key: 'reopened', label: '差评复核' },
  { key: 'escalated', label: '已上报' },
]
const EMPTY: Record<QueueFilter, string> = {
  all: '这里暂时没有待办的事项',
  waiting: '没有等您处理的事项',
  offered: '没有已派出、等待接单的事项',
  overdue: '没有超时的事项',
  reopened: '没有差评待复核的事项',
  escalated: '没有已上报到上级的事项',
}

/** 负责人待办: the queue of one of the leader's places, by filter; each item with its level and clock. */
export default function OrderQueue() {
  const state = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const roles = leaderRoles(state.profile)
  const [nodeId, setNodeId] = useState<string | null>(null)
  const [filter, setFilter] = useState<QueueFilter>('all')
  const node = roles.find((r) => r.nodeId === nodeId) ?? roles[0] ?? null
  const paged = usePagedOrders(node ? { view: 'queue', nodeId: node.nodeId, filter } : null)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && node) void paged.reload()
    shown.current = true
  })

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
          <Tabs name='queue' items={FILTERS} value={filter} onChange={setFilter} />
          <PagedList
            paged={paged}
            empty={EMPTY[filter]}
            render={(o) => <OrderCard key={o.id} order={o} showLevel onOpen={() => go(withQuery(ROUTES.orderDetail, { id: o.id }))} />}
          />
          <Button className='hl-btn hl-btn-block hl-btn-stats' onClick={() => go(withQuery(ROUTES.orderStats, { nodeId: node.nodeId }))}>
            看这里的数据
          </Button>
        </>
      ) : null}
    </PageShell>
  )
}
