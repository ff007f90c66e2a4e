import { useRef } from 'react'
import { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { OrderCard } from '../common/components'
import { usePagedOrders } from '../common/hooks'
import '../common/orders.scss'

/** 我的事项: what the resident posted, newest first, each with its state in words and colour. */
export default function OrderMine() {
  const paged = usePagedOrders({ view: 'posted' })
  const shown = useRef(false)
  // Back from a detail page: states may have moved on.
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void paged.reload().finally(() => stopPullDownRefresh())
  })

  return (
    <PageShell name='order-mine'>
      <Text className='hl-title'>我的事项</Text>
      <Button className='hl-btn hl-btn-block hl-btn-new-order' type='primary' size='large' onClick={() => go(ROUTES.orderPost)}>
        我要办事
      </Button>
      <PagedList
        paged={paged}
        className='hl-order-list'
        count={(total) => `共 ${total} 件`}
        empty='您还没有提过事项'
        emptyHint='家里遇到难处，点上面的“我要办事”'
        render={(o) => <OrderCard key={o.id} order={o} onOpen={() => go(withQuery(ROUTES.orderDetail, { id: o.id }))} />}
      />
    </PageShell>
  )
}
