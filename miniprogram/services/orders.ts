import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/** Typed calls of the `orders` cloud function. Types only from shared/: zod stays out of the app. */
export type OrderView = ApiOutput<'orders', 'get'>['order']
/** What the server lets the caller do to an order (the orders policy's action union). */
export type OrderAction = OrderView['allowedActions'][number]
export type TimelineEntry = NonNullable<OrderView['timeline']>[number]
export type OrderPhoto = OrderView['photos'][number]
export type ListInput = ApiInput<'orders', 'list'>
export type ListView = ListInput['view']
export type QueueFilter = NonNullable<ListInput['filter']>
export type PostInput = ApiInput<'orders', 'post'>
export type Suggestion = ApiOutput<'orders', 'suggest'>
export type ProxyResident = ApiOutput<'orders', 'proxyFor'>['resident']
export type Candidate = ApiOutput<'orders', 'candidates'>['candidates'][number]
/** A staff member of an order's desk (派给同事). */
export type DeskColleague = ApiOutput<'orders', 'deskStaff'>['items'][number]
export type StatsOutput = ApiOutput<'orders', 'stats'>
export type Measure = StatsOutput['total']
export type UploadedPhoto = ApiOutput<'orders', 'uploadPhoto'>
export type PhotoContentType = ApiInput<'orders', 'uploadPhoto'>['contentType']
export type HomeData = ApiOutput<'orders', 'home'>
export type HomeOrder = HomeData['mine']['orders'][number]
export type PlaceCounts = HomeData['places'][number]
/** 重复提醒: a nearby open order that looks like the same problem. */
export type SimilarCard = ApiOutput<'orders', 'similar'>['orders'][number]

/** The actions that take `{ orderId, reason }`. */
export type ReasonAction = 'decline' | 'handBack' | 'cancel' | 'escalate' | 'sendBack' | 'closeAfterReview' | 'refuse'

export const orders = {
  post: (input: PostInput) => call('orders', 'post', input),
  // Asked as the resident types (debounced): a lost answer is simply superseded by the next one.
  suggest: (text: string) => call('orders', 'suggest', { text }, { retries: 0 }),
  proxyFor: (userId: string) => call('orders', 'proxyFor', { userId }),
  uploadPhoto: (input: ApiInput<'orders', 'uploadPhoto'>) => call('orders', 'uploadPhoto', input),
  get: (orderId: string) => call('orders', 'get', { orderId }),
  list: (input: ListInput) => call('orders', 'list', input),
  accept: (orderId: string) => call('orders', 'accept', { orderId }),
  /**
   * 三方共治: a desk's staff member takes an order the responsibility list sent to their desk, for
   * themselves or (staffId) for a colleague of the same desk (派给同事).
   */
  deskAccept: (orderId: string, staffId?: string) => call('orders', 'deskAccept', staffId ? { orderId, staffId } : { orderId }),
  /** 派给同事: the staff of the order's desk (names and orders in hand; no phones). */
  deskStaff: (orderId: string) => call('orders', 'deskStaff', { orderId }),
  withReason: (action: ReasonAction, orderId: string, reason: string) => call('orders', action, { orderId, reason }),
  resolve: (input: ApiInput<'orders', 'resolve'>) => call('orders', 'resolve', input),
  rate: (input: ApiInput<'orders', 'rate'>) => call('orders', 'rate', input),
  comment: (orderId: string, text: string) => call('orders', 'comment', { orderId, text }),
  candidates: (orderId: string) => call('orders', 'candidates', { orderId }),
  dispatchByHand: (orderId: string, volunteerId: string) => call('orders', 'dispatchByHand', { orderId, volunteerId }),
  openPool: (orderId: string) => call('orders', 'openPool', { orderId }),
  toCouncil: (orderId: string, title: string) => call('orders', 'toCouncil', { orderId, title }),
  stats: (input: ApiInput<'orders', 'stats'>) => call('orders', 'stats', input),
  home: () => call('orders', 'home', {}),
  queueCounts: (nodeId: string) => call('orders', 'queueCounts', { nodeId }),
  similar: (input: ApiInput<'orders', 'similar'>) => call('orders', 'similar', input),
  /** 我也遇到了: join the order as an affected household (a second tap changes nothing). */
  metoo: (orderId: string) => call('orders', 'metoo', { orderId }),
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/**
 * A client idempotency key: made once per post form and sent again on every retry, so a double tap
 * or a resubmit after a lost answer is still one order. Not a secret: Math.random is enough.
 */
export function newClientKey(length = 20): string {
  let out = Date.now().toString(36)
  while (out.length < length) out += KEY_ALPHABET[Math.floor(Math.random() * KEY_ALPHABET.length)]
  return out
}
