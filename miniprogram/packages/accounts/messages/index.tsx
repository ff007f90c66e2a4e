import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { openPage } from '../../../lib/nav'
import { accounts, type InboxMessage } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { messageTime } from './format'
import './index.scss'

const PAGE = 20

type State =
  | { status: 'loading' }
  | { status: 'error'; error: ClientError }
  | { status: 'ready'; messages: InboxMessage[]; total: number; more: boolean; loadingMore: boolean; moreError: ClientError | null }

/** The inbox, a page at a time, newest first (the server's order). */
function useInbox() {
  const [state, setState] = useState<State>({ status: 'loading' })
  // A reload started after a 加载更多 wins: the older answer is dropped.
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const asked = ++generation.current
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    const answer = await accounts.inbox({ offset: 0, limit: PAGE })
    if (asked !== generation.current) return
    if (!answer.ok) setState({ status: 'error', error: answer.error })
    else {
      const { messages, total } = answer.data
      setState({ status: 'ready', messages, total, more: messages.length < total, loadingMore: false, moreError: null })
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.loadingMore) return
    const asked = generation.current
    setState({ ...state, loadingMore: true, moreError: null })
    const answer = await accounts.inbox({ offset: state.messages.length, limit: PAGE })
    if (asked !== generation.current) return
    setState((s) => {
      if (s.status !== 'ready') return s
      if (!answer.ok) return { ...s, loadingMore: false, moreError: answer.error }
      // A message that came in meanwhile shifts the offsets: drop what is already listed.
      const seen = new Set(s.messages.map((m) => m.id))
      const merged = [...s.messages, ...answer.data.messages.filter((m) => !seen.has(m.id))]
      const more = merged.length < answer.data.total && answer.data.messages.length > 0
      return { status: 'ready', messages: merged, total: answer.data.total, more, loadingMore: false, moreError: null }
    })
  }, [state])

  useEffect(() => {
    void reload()
  }, [reload])

  return { state, reload, loadMore }
}

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
  const { state, reload, loadMore } = useInbox()
  const [openError, setOpenError] = useState(false)
  const shown = useRef(false)
  // Back from the page a message opened: new messages may have come meanwhile.
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void reload().finally(() => stopPullDownRefresh())
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
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorView error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && state.messages.length === 0 ? <Empty text='暂无消息' hint='派单、接单、办结请评价等提醒会出现在这里' /> : null}
      {state.status === 'ready' && state.messages.length > 0 ? (
        <View className='hl-message-list'>
          <Text className='hl-note msg-count'>{`共 ${state.total} 条`}</Text>
          {state.messages.map((m) => (
            <MessageRow key={m.id} message={m} now={now} onOpen={open} />
          ))}
          {state.moreError ? <Text className='hl-notice hl-notice-error'>{state.moreError.message}</Text> : null}
          {state.more ? (
            <Button className='hl-btn hl-btn-block hl-btn-more' loading={state.loadingMore} disabled={state.loadingMore} onClick={() => void loadMore()}>
              加载更多
            </Button>
          ) : (
            <Text className='hl-note msg-end'>没有更多了</Text>
          )}
        </View>
      ) : null}
    </PageShell>
  )
}
