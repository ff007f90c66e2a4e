import { useCallback, useEffect, useRef, useState } from 'react'
import type { Answer, ClientError } from '../services/call'

/**
 * A list the server hands out a page at a time (`offset`/`limit`, with the `total`): the first page,
 * 加载更多, and the loading, empty and error states. One list is named by a `key` (the view, filter or
 * place it shows): another key starts over; an answer asked for under an earlier key, or before the
 * list was reloaded, is dropped.
 */

/** One page of a list, as every paged read answers it. */
export interface Page<T> {
  items: T[]
  total: number
}

export const PAGE_SIZE = 20

export type PagedState<T> =
  | { key: string; status: 'loading' }
  | { key: string; status: 'error'; error: ClientError }
  | {
      key: string
      status: 'ready'
      items: T[]
      total: number
      more: boolean
      loadingMore: boolean
      moreError: ClientError | null
      /** Reading the list again failed: what was shown stays, with this said above it. */
      staleError: ClientError | null
    }

export type PagedEvent<T> =
  /** Asked again (重试, back on the page, pulled down): a list already shown for this key stays until the answer. */
  | { type: 'reload'; key: string }
  /** The first page's answer. */
  | { type: 'first'; key: string; answer: Answer<Page<T>> }
  /**
   * The answers of a list read from its first page (`readUpTo`): the first page, then, when it is read
   * again after a change (an action on a card), the next pages as far as the person had read with 加载更多.
   */
  | { type: 'read'; key: string; answers: readonly Answer<Page<T>>[] }
  /** 加载更多 tapped. */
  | { type: 'moreAsked' }
  /** The next page's answer. */
  | { type: 'more'; answer: Answer<Page<T>> }

const byId = (item: unknown) => (item as { id: string }).id

/** One step of a paged list: the state after an event. */
export function pagedStep<T>(state: PagedState<T>, event: PagedEvent<T>, idOf: (item: T) => string = byId): PagedState<T> {
  switch (event.type) {
    case 'reload':
      return state.status === 'ready' && state.key === event.key ? state : { key: event.key, status: 'loading' }
    case 'first': {
      const { key, answer } = event
      if (!answer.ok) return { key, status: 'error', error: answer.error }
      const { items, total } = answer.data
      return { key, status: 'ready', items, total, more: items.length < total, loadingMore: false, moreError: null, staleError: null }
    }
    case 'read': {
      const [first, ...next] = event.answers
      if (!first) return state
      // A list on screen stays when it cannot be read again: the person keeps their place and what they see.
      if (!first.ok && state.status === 'ready' && state.key === event.key) return { ...state, staleError: first.error }
      return next.reduce((s, answer) => pagedStep(s, { type: 'more', answer }, idOf), pagedStep(state, { type: 'first', key: event.key, answer: first }))
    }
    case 'moreAsked':
      return state.status === 'ready' ? { ...state, loadingMore: true, moreError: null } : state
    case 'more': {
      if (state.status !== 'ready') return state
      const { answer } = event
      if (!answer.ok) return { ...state, loadingMore: false, moreError: answer.error }
      // Something added meanwhile shifts the offsets: drop what is already listed.
      const seen = new Set(state.items.map(idOf))
      const items = [...state.items, ...answer.data.items.filter((i) => !seen.has(idOf(i)))]
      const more = items.length < answer.data.total && answer.data.items.length > 0
      return { ...state, items, total: answer.data.total, more, loadingMore: false, moreError: null }
    }
    default: {
      const never: never = event
      return never
    }
  }
}

/** A read's answer as a page: `{ orders, total }` → `{ items, total }`. */
export function asPage<K extends string, T>(answer: Answer<{ [k in K]: T[] } & { total: number }>, listKey: K): Answer<Page<T>> {
  return answer.ok ? { ok: true, data: { items: answer.data[listKey], total: answer.data.total } } : answer
}

/**
 * Reads a list from its first page, and on as far as `upTo` items (what the person had loaded with
 * 加载更多), a page at a time; stops at a failure, an empty page or the total. The answers in order.
 */
export async function readUpTo<T>(fetchPage: (offset: number, limit: number) => Promise<Answer<Page<T>>>, limit: number, upTo: number): Promise<Answer<Page<T>>[]> {
  const answers = [await fetchPage(0, limit)]
  let read = 0
  for (let last = answers[0]!; last.ok && last.data.items.length > 0;) {
    read += last.data.items.length
    if (read >= upTo || read >= last.data.total) break
    last = await fetchPage(read, limit)
    answers.push(last)
  }
  return answers
}

export interface PagedList<T> {
  state: PagedState<T>
  /** Reads the list again as far as it is shown (keeps showing it meanwhile, and if that fails). */
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * Loads the list named `key` (null: nothing to load yet) a page at a time with `fetchPage`, from the
 * first page whenever the key changes.
 */
export function usePaged<T>(
  key: string | null,
  fetchPage: (offset: number, limit: number) => Promise<Answer<Page<T>>>,
  options: { limit?: number; idOf?: (item: T) => string } = {},
): PagedList<T> {
  const limit = options.limit ?? PAGE_SIZE
  const [state, setState] = useState<PagedState<T>>({ key: '', status: 'loading' })
  // The latest loader and id reader, for answers that arrive after later renders.
  const latest = useRef({ fetchPage, idOf: options.idOf ?? byId })
  useEffect(() => {
    latest.current = { fetchPage, idOf: options.idOf ?? byId }
  })
  // Every read from the first page counts up: only the newest one's answers (its next pages too) are kept.
  const generation = useRef(0)
  // How many items are shown, for a reload to read as far again.
  const shownCount = useRef(0)
  useEffect(() => {
    shownCount.current = state.status === 'ready' && state.key === key ? state.items.length : 0
  })

  /** Reads the list from its first page as far as `upTo` items, and takes the answers in one step. */
  const read = useCallback(
    async (upTo: number) => {
      if (key === null) return
      const asked = ++generation.current
      const { fetchPage: fetchFromStart, idOf } = latest.current
      const answers = await readUpTo(fetchFromStart, limit, upTo)
      if (asked === generation.current) setState((s) => pagedStep(s, { type: 'read', key, answers }, idOf))
    },
    [key, limit],
  )

  // A new key starts over; until its first answer the list reads as loading (see `shown`).
  useEffect(() => {
    void read(0)
  }, [read])

  const reload = useCallback(async () => {
    if (key === null) return
    setState((s) => pagedStep(s, { type: 'reload', key }))
    await read(shownCount.current)
  }, [key, read])

  const loadMore = async () => {
    if (state.key !== key || state.status !== 'ready' || state.loadingMore || !state.more) return
    const asked = generation.current
    setState((s) => pagedStep(s, { type: 'moreAsked' }))
    const { fetchPage: fetchNext, idOf } = latest.current
    const answer = await fetchNext(state.items.length, limit)
    if (asked === generation.current) setState((s) => pagedStep(s, { type: 'more', answer }, idOf))
  }

  const shown: PagedState<T> = key !== null && state.key === key ? state : { key: key ?? '', status: 'loading' }
  return { state: shown, reload, loadMore }
}
