import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { ClientError } from '../../../services/call'
import { orders, type DeskColleague } from '../../../services/orders'
import './colleague-picker.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; colleagues: DeskColleague[] }

const holdingText = (n: number) => (n > 0 ? `手上有 ${n} 件在办` : '手上没有在办的事')

/**
 * 派给同事: the other staff of the order's desk, each with a large 派给 button, in the look of the
 * leader's 人工派单 list. The page sends the order (deskAccept with the colleague's id) and shows the
 * notice; this card only lists, and says so when the desk has nobody else yet.
 */
export function ColleaguePicker({
  orderId,
  busy,
  onPick,
  onClose,
  className = '',
}: {
  orderId: string
  /** An assignment (or anything else) is under way: the buttons wait. */
  busy: boolean
  onPick: (c: DeskColleague) => void
  onClose: () => void
  className?: string
}) {
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  const fetchStaff = async () => {
    setLoad({ status: 'loading' })
    const answer = await orders.deskStaff(orderId)
    if (answer.ok) setLoad({ status: 'ready', colleagues: answer.data.items.filter((c) => !c.isMe) })
    else setLoad({ status: 'error', error: answer.error })
  }

  useEffect(() => {
    void fetchStaff()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the order changes; the loader reads the latest state
  }, [orderId])

  return (
    <View className={`hl-card hl-desk-colleagues ${className}`}>
      <Text className='hl-title'>派给哪位同事</Text>
      <Text className='hl-note'>派出后由这位同事处理：TA 会收到消息，能看到居民的电话和门牌。</Text>
      {load.status === 'loading' ? <Loading text='正在查找同事…' /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchStaff()} /> : null}
      {load.status === 'ready' && load.colleagues.length === 0 ? <Empty text='没有其他同事，可由社区书记为物业开通账号' hint='现在可以自己接单处理' /> : null}
      {load.status === 'ready'
        ? load.colleagues.map((c, i) => (
            <View key={c.id} className={`ho-candidate hl-colleague hl-colleague-${i}`}>
              <View className='ho-candidate-head'>
                <Text className='hl-text ho-card-title hl-colleague-name'>{c.name}</Text>
                <Text className='hl-note hl-colleague-holding'>{holdingText(c.holding)}</Text>
              </View>
              <Button className='hl-btn hl-btn-block hl-btn-assign-to' type='primary' fill='outline' disabled={busy} onClick={() => onPick(c)}>
                {`派给 ${c.name}`}
              </Button>
            </View>
          ))
        : null}
      <Button className='hl-btn hl-btn-block hl-btn-close-colleagues' disabled={busy} onClick={onClose}>
        收起
      </Button>
    </View>
  )
}
