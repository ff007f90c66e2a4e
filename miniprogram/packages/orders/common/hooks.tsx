import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { RoleView } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { orders, type ListInput, type OrderView } from '../../../services/orders'
import { Choice } from './components'

// ---- a leader's places ---------------------------------------------------------------------------------

/** Which of a leader's places the page shows; a row of choices when there are several. */
export function NodePicker({ roles, value, onPick }: { roles: readonly RoleView[]; value: string | null; onPick: (nodeId: string) => void }) {
  if (roles.length < 2) return null
  return (
    <View className='hl-card hl-node-picker'>
      <Text className='hl-field-label'>看哪个地方</Text>
      <View className='ho-choices'>
        {roles.map((r) => (
          <Choice
            key={r.nodeId}
            className={`hl-node-choice hl-node-${r.nodeId}`}
            on={r.nodeId === value}
            label={r.nodeName || r.nodeId}
            note={r.roleLabel}
            onClick={() => onPick(r.nodeId)}
          />
        ))}
      </View>
    </View>
  )
}

// ---- a paged list of orders --------------------------------------------------------------------------

const PAGE = 20

export type PagedState =
  | { status: 'loading' }
  | { status: 'error'; error: ClientError }
  | { status: 'ready'; orders: OrderView[]; total: number; more: boolean; loadingMore: boolean; moreError: ClientError | null }

/**
 * Loads `orders.list` for a view, a page at a time. `key` changing (another tab, filter or node)
 * starts over; an answer for a key that is no longer current is dropped.
 */
export function usePagedOrders(input: Omit<ListInput, 'offset' | 'limit'> | null) {
  const [state, setState] = useState<PagedState>({ status: 'loading' })
  const key = input ? JSON.stringify(input) : ''
  const current = useRef(key)
  // eslint-disable-next-line react-hooks/refs -- the latest key, written during render so that an answer for an older key is dropped
  current.current = key

  const reload = useCallback(async () => {
    if (!input) return
    const asked = key
    setState((s) => (s.status === 'ready' && asked === current.current ? s : { status: 'loading' }))
    const answer = await orders.list({ ...input, offset: 0, limit: PAGE })
    if (asked !== current.current) return
    if (!answer.ok) setState({ status: 'error', error: answer.error })
    else setState({ status: 'ready', orders: answer.data.orders, total: answer.data.total, more: answer.data.orders.length < answer.data.total, loadingMore: false, moreError: null })
    // `input` is represented by `key`: a new object with the same content is the same list.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `input` is represented by `key`
  }, [key])

  const loadMore = useCallback(async () => {
    if (!input || state.status !== 'ready' || state.loadingMore) return
    const asked = key
    const offset = state.orders.length
    setState({ ...state, loadingMore: true, moreError: null })
    const answer = await orders.list({ ...input, offset, limit: PAGE })
    if (asked !== current.current) return
    setState((s) => {
      if (s.status !== 'ready') return s
      if (!answer.ok) return { ...s, loadingMore: false, moreError: answer.error }
      const seen = new Set(s.orders.map((o) => o.id))
      const merged = [...s.orders, ...answer.data.orders.filter((o) => !seen.has(o.id))]
      return { status: 'ready', orders: merged, total: answer.data.total, more: merged.length < answer.data.total && answer.data.orders.length > 0, loadingMore: false, moreError: null }
    })
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `input` is represented by `key`
  }, [key, state])

  useEffect(() => {
    void reload()
  }, [reload])

  return { state, reload, loadMore }
}

/** The list's states: loading, error with 重试, empty, the cards and 加载更多. */
export function PagedList({
  paged,
  empty,
  emptyHint,
  render,
}: {
  paged: ReturnType<typeof usePagedOrders>
  empty: string
  emptyHint?: string
  render: (o: OrderView) => JSX.Element
}) {
  const { state, reload, loadMore } = paged
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={() => void reload()} />
  if (state.orders.length === 0) return <Empty text={empty} hint={emptyHint} />
  return (
    <View className='hl-order-list'>
      <Text className='hl-note ho-list-count'>{`共 ${state.total} 件`}</Text>
      {state.orders.map(render)}
      {state.moreError ? <Text className='hl-notice hl-notice-error'>{state.moreError.message}</Text> : null}
      {state.more ? (
        <Button className='hl-btn hl-btn-block hl-btn-more' loading={state.loadingMore} disabled={state.loadingMore} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : (
        <Text className='hl-note ho-list-end'>没有更多了</Text>
      )}
    </View>
  )
}
