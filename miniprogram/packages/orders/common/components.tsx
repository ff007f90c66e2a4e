import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { URGENCY_LABELS } from '@shared/orders/categories'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { ROUTES } from '../../../lib/nav'
import type { ClientError } from '../../../services/call'
import { orders, type OrderAction, type OrderView } from '../../../services/orders'
import { formatTime, untilText } from './format'
import { mmss, useTimeLeft } from '../../../lib/countdown'
import './orders.scss'

// ---- chips: colour AND text, never colour alone ------------------------------------------------------

const STATE_MARK: Record<OrderView['state'], string> = {
  dispatching: '○',
  offered: '○',
  waiting: '!',
  pool: '○',
  accepted: '▶',
  resolved: '★',
  reopened: '!',
  closed: '✓',
  cancelled: '✕',
  desk: '○',
}

export function StateChip({ order }: { order: Pick<OrderView, 'state' | 'stateLabel'> }) {
  return <Text className={`hl-chip hl-chip-state hl-chip-state-${order.state}`}>{`${STATE_MARK[order.state]} ${order.stateLabel}`}</Text>
}

export function LevelChip({ order }: { order: Pick<OrderView, 'level' | 'levelLabel'> }) {
  return <Text className={`hl-chip hl-chip-level hl-chip-level-${order.level}`}>{`${order.levelLabel}级`}</Text>
}

export function OverdueChip({ order }: { order: Pick<OrderView, 'overdue'> }) {
  return order.overdue ? <Text className='hl-chip hl-chip-overdue'>⚠ 已超时</Text> : null
}

/** 我也遇到了: how many households reported it, when more than the poster's. */
export function HouseholdsChip({ order }: { order: Pick<OrderView, 'affectedHouseholds'> }) {
  return order.affectedHouseholds > 1 ? <Text className='hl-chip hl-chip-households'>{`⌂ ${order.affectedHouseholds} 户受影响`}</Text> : null
}

// ---- the offer countdown ---------------------------------------------------------------------------

/** 剩余 mm:ss until an offer expires; ticks every second, tells the page once when it ran out. */
export function Countdown({ expiresAt, onExpire }: { expiresAt: string; onExpire?: () => void }) {
  const { left, over } = useTimeLeft(expiresAt)
  useEffect(() => {
    if (over) onExpire?.()
    // onExpire is read once per change of `over`: the page reloads once when the offer runs out.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onExpire is read once per change of `over`
  }, [over])
  return <Text className={`hl-countdown${left <= 0 ? ' hl-countdown-over' : ''}`}>{left > 0 ? `剩余 ${mmss(left)}` : '已过时，平台正在改派'}</Text>
}

// ---- one order in a list -----------------------------------------------------------------------------

export function OrderCard({ order, onOpen, showLevel = false, children }: { order: OrderView; onOpen: () => void; showLevel?: boolean; children?: ReactNode }) {
  return (
    <View className={`hl-card hl-order-card hl-order-${order.state}`}>
      <View className='ho-card-main hl-order-open' onClick={onOpen}>
        <View className='ho-card-head'>
          <Text className='hl-text ho-card-title'>{order.category}</Text>
          <StateChip order={order} />
        </View>
        <View className='ho-chips'>
          {showLevel ? <LevelChip order={order} /> : null}
          <OverdueChip order={order} />
          <HouseholdsChip order={order} />
          {order.urgency === 'urgent' ? <Text className='hl-chip hl-chip-urgent'>{`急 · ${URGENCY_LABELS.urgent}`}</Text> : null}
          {order.onBehalf ? <Text className='hl-chip hl-chip-plain'>代办</Text> : null}
        </View>
        <Text className='hl-text ho-card-desc'>{order.description}</Text>
        <Text className='hl-note'>{order.placeLabel}</Text>
        <Text className='hl-note'>{`发起于 ${formatTime(order.postedAt)}`}</Text>
        {showLevel && !['closed', 'cancelled', 'resolved'].includes(order.state) ? (
          <Text className={`hl-note ho-deadline${order.overdue ? ' ho-deadline-over' : ''}`}>
            {`${order.levelLabel}处理时限 ${formatTime(order.levelDeadline)}（${untilText(order.levelDeadline)}）`}
          </Text>
        ) : null}
        {order.offer?.mine ? <Countdown expiresAt={order.offer.expiresAt} /> : null}
        <Text className='hl-note ho-card-more'>查看详情 ›</Text>
      </View>
      {children}
    </View>
  )
}

// ---- an order that cannot be shown: a way on, not a 重试 that fails again -----------------------------

/** Errors that a retry cannot mend: the order is gone, not the caller's, or the link is broken. */
const DEAD_ENDS: readonly string[] = ['ORDER.NOT_FOUND', 'COMMON.NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.INVALID_INPUT']

export function OrderLoadError({ error, onRetry }: { error: ClientError; onRetry: () => void }) {
  if (!DEAD_ENDS.includes(error.code)) return <ErrorView error={error} onRetry={onRetry} />
  return (
    <View className='hl-state hl-state-error hl-order-missing' role='alert'>
      <Text className='hl-state-text hl-error-text'>{error.code === 'COMMON.FORBIDDEN' ? '这件事不归您处理，看不到详情' : '没有找到这件事，可能已被撤回，或链接有误'}</Text>
      <Button className='hl-btn hl-btn-block hl-btn-to-mine' type='primary' onClick={() => void Taro.redirectTo({ url: ROUTES.orderMine })}>
        返回我的事项
      </Button>
    </View>
  )
}

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; order: OrderView }

/**
 * A page that does one thing to one order (办结, 评价): loads it from the `id` query, shows what it
 * is about, and offers the form only when the server lists the action in `allowedActions`.
 */
export function OrderActionPage({
  name,
  title,
  action,
  verb,
  details,
  form,
}: {
  name: string
  title: string
  action: OrderAction
  /** "办结", "评价": used in the empty states. */
  verb: string
  details: (order: OrderView) => ReactNode
  form: (order: OrderView) => ReactNode
}) {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  const fetchOrder = async () => {
    if (!id) return
    setLoad({ status: 'loading' })
    const answer = await orders.get(id)
    setLoad(answer.ok ? { status: 'ready', order: answer.data.order } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchOrder()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [id])

  const order = load.status === 'ready' ? load.order : null
  return (
    <PageShell name={name}>
      <Text className='hl-title'>{title}</Text>
      {!id ? <Empty text={`没有指定要${verb}的事项`} /> : null}
      {id && load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <OrderLoadError error={load.error} onRetry={() => void fetchOrder()} /> : null}
      {order ? (
        <>
          <View className='hl-card hl-order-summary'>
            <View className='ho-card-head'>
              <Text className='hl-text ho-card-title'>{order.category}</Text>
              <StateChip order={order} />
            </View>
            <Text className='hl-text'>{order.description}</Text>
            {details(order)}
          </View>
          {order.allowedActions.includes(action) ? form(order) : <Empty text={`这件事现在不能${verb}`} hint={`当前状态：${order.stateLabel}`} />}
        </>
      ) : null}
    </PageShell>
  )
}
