import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { PagedList as Paged } from '../lib/paged'
import { Empty, ErrorView, Loading } from './states'
import './paged-list.scss'

/**
 * A paged list's states, the same on every page: loading, the error with 重试, empty, the items, the
 * next page's error, and 加载更多 (or 没有更多了).
 */
export function PagedList<T>({
  paged,
  className,
  empty,
  emptyHint,
  count,
  moreText = () => '加载更多',
  endText = '没有更多了',
  render,
}: {
  paged: Paged<T>
  /** The list's own class (`hl-order-list`): pages and tests find it by that. */
  className: string
  empty: string
  emptyHint?: string
  /** The line above the items (`共 12 件`); none when absent. */
  count?: (total: number) => string
  /** The 加载更多 button's words, given how many are still to come. */
  moreText?: (left: number) => string
  /** Below the last page; null for nothing. */
  endText?: string | null
  render: (item: T) => ReactNode
}) {
  const { state, reload, loadMore } = paged
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={() => void reload()} />
  if (state.items.length === 0) return <Empty text={empty} hint={emptyHint} />
  return (
    <View className={`hl-paged-list ${className}`}>
      {state.staleError ? <Text className='hl-notice hl-notice-error hl-paged-stale'>{`没能刷新，下面是刚才的内容：${state.staleError.message}`}</Text> : null}
      {count ? <Text className='hl-note hl-paged-count'>{count(state.total)}</Text> : null}
      {state.items.map(render)}
      {state.moreError ? <Text className='hl-notice hl-notice-error hl-paged-error'>{state.moreError.message}</Text> : null}
      {state.more ? (
        <Button className='hl-btn hl-btn-block hl-btn-more' loading={state.loadingMore} disabled={state.loadingMore} onClick={() => void loadMore()}>
          {moreText(state.total - state.items.length)}
        </Button>
      ) : endText ? (
        <Text className='hl-note hl-paged-end'>{endText}</Text>
      ) : null}
    </View>
  )
}
