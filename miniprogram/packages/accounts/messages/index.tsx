import { useRef, useState } from 'react'
import { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { openPage } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { accounts, type InboxMessage } from '../../../services/accounts'
import { messageTime } from './format'
import './index.scss'

/** The inbox, a page at a time, newest first (the server's order). */
const useInbox = () => usePaged<InboxMessage>('inbox', async (offset, limit) => asPage(await accounts.inbox({ offset, limit }), 'messages'))

/** A page the server named, as a route the app can open (`/packages/...`, `/pages/...`). */
function routeOf(page: string | null): string | null {
  const p = page?.trim()
  if (!p) return null
  return p.startsWith('/') ? p : `/${p}`
}

function MessageRow({ message, now, onOpen }: { message: InboxMessage; now: number; onOpen: (url: string) => void }) {
  const url = routeOf(message.page)
  return (
    <View
      className={`hl-card hl-message hl-message-${message.template.replace(/[^a-zA-Z0-9]+/g, '-')}${url ? ' hl-message-link' : ''}`}
      role={url ? 'button' : undefined}
      onClick={url ? () => onOpen(url) : undefined}
    >
      <View className='msg-head'>
        <Text className='hl-message-title'>{message.title}</Text>
        <Text className='hl-message-time'>{messageTime(message.createdAt, now)}</Text>
      </View>
      {message.body ? <Text className='hl-message-body'>{message.body}</Text> : null}
      {url ? <Text className='msg-open'>查看 ›</Text> : null}
    </View>
  )
}

/** 消息: what the app told the caller (派单, 接单, 办结请评价, 复核, 上报…), newest first. */
export default function Messages() {
  const inbox = useInbox()
  const [openError, setOpenError] = useState(false)
  const shown = useRef(false)
  // Back from the page a message opened: new messages may have come meanwhile.
  useDidShow(() => {
    if (shown.current) void inbox.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void inbox.reload().finally(() => stopPullDownRefresh())
  })

  const open = (url: string) => {
    setOpenError(false)
    openPage(url).catch(() => setOpenError(true))
  }

  // eslint-disable-next-line react-hooks/purity -- relative times are as of this render; every re-render refreshes them
  const now = Date.now()

  return (
    <PageShell name='messages'>
      <Text className='hl-title'>消息通知</Text>
      {openError ? <Text className='hl-notice hl-notice-error hl-message-open-error'>这条消息对应的页面打不开了</Text> : null}
      <PagedList
        paged={inbox}
        className='hl-message-list'
        count={(total) => `共 ${total} 条`}
        empty='暂无消息'
        emptyHint='派单、接单、办结请评价等提醒会出现在这里'
        render={(m) => <MessageRow key={m.id} message={m} now={now} onOpen={open} />}
      />
    </PageShell>
  )
}
