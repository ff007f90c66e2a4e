import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { toTop } from '../../../lib/scroll'
import { orders, type DeskColleague, type OrderView } from '../../../services/orders'
import { OrderCard } from '../common/components'
import { formatTime } from '../common/format'
import { CardNoticeText, useCardActions, usePagedOrders } from '../common/hooks'
import '../common/orders.scss'
import { ColleaguePicker } from './colleague-picker'

/**
 * 三方共治: the property desk's orders (物业工单) — what the community's responsibility list sent to
 * the desk of the staff member's compound, waiting first. 接单 (for oneself) and 派给同事 (a colleague of
 * the same desk, picked from the list) here; 办结 and 不归物业管 on the detail page.
 */
export default function DeskOrders() {
  const paged = usePagedOrders({ view: 'desk' })
  const { busy, notice, setNotice, act } = useCardActions(paged)
  // The order whose 派给同事 list is open (one at a time).
  const [picking, setPicking] = useState<string | null>(null)

  const open = (o: OrderView) => go(withQuery(ROUTES.orderDetail, { id: o.id }))

  // Consent for the next 工单 message is asked from the tap.
  const take = (o: OrderView) => {
    setPicking(null)
    return act(o.id, () => orders.deskAccept(o.id), `已接单：${o.category}。电话和门牌已经可以查看，办好后请拍照办结。`, ['order.offered'])
  }

  const assign = async (o: OrderView, c: DeskColleague) => {
    if (await act(o.id, () => orders.deskAccept(o.id, c.id), `已派给 ${c.name}：${o.category}。TA 会收到消息，由 TA 联系居民并办结。`)) setPicking(null)
    // The notice is at the top of the page, and the card has moved on.
    toTop()
  }

  return (
    <PageShell name='order-desk'>
      <Text className='hl-title'>物业工单</Text>
      <Text className='hl-note'>按社区责任清单先由物业处理的事。点“接单”自己处理，或“派给同事”处理。不属于物业职责的，请在详情里点“不归物业管”并写明原因，会退回网格长。</Text>
      <CardNoticeText notice={notice} />
      <PagedList
        paged={paged}
        className='hl-order-list hl-desk-list'
        count={(total) => `共 ${total} 件`}
        empty='现在没有派给物业的事'
        emptyHint='居民报的事按责任清单归物业时，会出现在这里并发消息提醒'
        render={(o) => (
          <OrderCard key={o.id} order={o} onOpen={() => open(o)}>
            {o.desk?.dueAt && o.state === 'desk' ? <Text className='hl-note ho-desk-due'>{`请在 ${formatTime(o.desk.dueAt)} 前处理`}</Text> : null}
            {o.allowedActions.includes('deskAccept') ? (
              <View className='ho-card-actions'>
                <Button
                  className='hl-btn hl-btn-block hl-btn-desk-accept'
                  type='primary'
                  loading={busy === o.id && picking !== o.id}
                  disabled={busy !== null}
                  onClick={() => void take(o)}
                >
                  接单
                </Button>
                <Button
                  className={`hl-btn hl-btn-block hl-btn-desk-assign${picking === o.id ? ' hl-btn-on' : ''}`}
                  disabled={busy !== null}
                  onClick={() => {
                    setNotice(null)
                    setPicking(picking === o.id ? null : o.id)
                  }}
                >
                  派给同事
                </Button>
                {picking === o.id ? <ColleaguePicker orderId={o.id} busy={busy !== null} onPick={(c) => void assign(o, c)} onClose={() => setPicking(null)} /> : null}
              </View>
            ) : null}
          </OrderCard>
        )}
      />
    </PageShell>
  )
}
