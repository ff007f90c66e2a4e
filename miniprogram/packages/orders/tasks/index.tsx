import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { orders, type OrderView } from '../../../services/orders'
import { Tabs } from '../../../components/tabs'
import { OrderCard } from '../common/components'
import { CardNoticeText, useCardActions, usePagedOrders } from '../common/hooks'
import '../common/orders.scss'

type Tab = 'offers' | 'pool' | 'tasks'
const TABS: readonly { key: Tab; label: string }[] = [
  { key: 'offers', label: '派给我的' },
  { key: 'pool', label: '抢单' },
  { key: 'tasks', label: '我在办的' },
]
const EMPTY: Record<Tab, { text: string; hint: string }> = {
  offers: { text: '现在没有派给您的单', hint: '平台派单后会在这里出现，并发消息提醒您' },
  pool: { text: '抢单池里暂时没有事项', hint: '网格长把事项放进抢单池后，本网格的志愿者都能接' },
  tasks: { text: '您手上没有在办的事项', hint: '接单后会在这里，办好了记得点“办结”' },
}

/** 志愿者: offers with their countdown, the grid's pool, and what they are doing now. */
export default function OrderTasks() {
  const [tab, setTab] = useState<Tab>('offers')
  const paged = usePagedOrders({ view: tab })
  const { busy, notice, setNotice, act } = useCardActions(paged)

  const open = (o: OrderView) => go(withQuery(ROUTES.orderDetail, { id: o.id }))

  // Accepting from the list, where the server allows it; everything else happens on the detail page.
  // Consent for the next 派单 message is asked from the tap.
  const accept = (o: OrderView) => act(o.id, () => orders.accept(o.id), `已接单：${o.category}。在“我在办的”里可以看到。`, ['order.offered'])

  return (
    <PageShell name='order-tasks'>
      <Text className='hl-title'>志愿者接单</Text>
      <Tabs
        name='tasks'
        items={TABS}
        value={tab}
        onChange={(k) => {
          setNotice(null)
          setTab(k)
        }}
      />
      <CardNoticeText notice={notice} />
      <PagedList
        paged={paged}
        className='hl-order-list'
        count={(total) => `共 ${total} 件`}
        empty={EMPTY[tab].text}
        emptyHint={EMPTY[tab].hint}
        render={(o) => (
          <OrderCard key={o.id} order={o} onOpen={() => open(o)}>
            {o.allowedActions.includes('accept') ? (
              <View className='ho-card-actions'>
                <Button className='hl-btn hl-btn-block hl-btn-accept' type='primary' loading={busy === o.id} disabled={busy !== null} onClick={() => void accept(o)}>
                  {tab === 'pool' ? '抢单' : '接单'}
                </Button>
              </View>
            ) : null}
          </OrderCard>
        )}
      />
    </PageShell>
  )
}
