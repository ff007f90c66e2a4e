import { assertNever } from '../accounts/invite.machine';
import { PARTY_LABELS } from '../compounds/labels';

/** A desk's kind, as an order records it. */
type DeskPartyKey = 'property' | 'unit' | 'branch';

/**
 * The order lifecycle (网上接单 → 平台派单 → 党员接单 → 居民评单), one table.
 *
 * dispatching — the platform is choosing a volunteer;
 * offered     — offered to one volunteer, until the offer expires;
 * waiting     — waits for the leader of its level (no candidate, 3 failed offers, a dispute, escalated, sent back);
 * pool        — open to every volunteer of the place (抢单);
 * desk        — with the compound's desk (物业服务中心, 单位后勤 or 小区党支部), where the responsibility
 *               list (责任清单) sends it first; the desk takes it or says "not ours" (back to the leader);
 * accepted    — a volunteer is on it;
 * resolved    — done, waiting for the resident's rating;
 * reopened    — rated 1–2★, back with the grid leader to review;
 * closed      — rated, or closed unrated after 7 days (未评价), or closed by a leader after review;
 * cancelled   — withdrawn by the resident before anyone accepted.
 */
export const ORDER_STATES = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'resolved', 'reopened', 'closed', 'cancelled', 'desk'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  dispatching: '派单中',
  offered: '待接单',
  waiting: '待网格长处理',
  pool: '抢单中',
  accepted: '处理中',
  resolved: '待评价',
  reopened: '不满意·复核中',
  closed: '已办结',
  cancelled: '已撤回',
  desk: '待物业处理',
};

/** "Waiting" names whoever it waits for: the grid leader, the community or the street. */
export function stateLabelAt(state: OrderState, level: 'grid' | 'community' | 'street', desk?: { party: DeskPartyKey } | null): string {
  if (state === 'waiting') return level === 'grid' ? '待网格长处理' : level === 'community' ? '待社区处理' : '待街道处理';
  // With a desk: the desk by its kind, 待物业服务中心处理, 待单位后勤处理 or 待小区党支部处理.
  if (state === 'desk' && desk) return `待${PARTY_LABELS[desk.party]}处理`;
  return ORDER_STATE_LABELS[state];
}

export type OrderEvent =
  | { type: 'offer' }
  | { type: 'noCandidate' }
  | { type: 'accept' }
  | { type: 'decline' }
  | { type: 'expireOffer' }
  | { type: 'dispatchByHand' }
  | { type: 'openPool' }
  | { type: 'handBack' }
  | { type: 'resolve' }
  | { type: 'rate'; stars: number }
  | { type: 'autoClose' }
  | { type: 'closeAfterReview' }
  | { type: 'escalate' }
  | { type: 'sendBack' }
  | { type: 'cancel' }
  | { type: 'comment' }
  | { type: 'toDesk' }
  | { type: 'deskAccept' }
  | { type: 'refuse' };

export type OrderEventType = OrderEvent['type'];
export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'offer',
  'noCandidate',
  'accept',
  'decline',
  'expireOffer',
  'dispatchByHand',
  'openPool',
  'handBack',
  'resolve',
  'rate',
  'autoClose',
  'closeAfterReview',
  'escalate',
  'sendBack',
  'cancel',
  'comment',
  'toDesk',
  'deskAccept',
  'refuse',
];

/** Ratings of 1–2 stars reopen the order for the grid leader; 3–5 close it. */
export const BAD_RATING_MAX = 2;

/** Whether a rating of `stars` is a bad one: it reopens the order for the grid leader. */
export const isBadRating = (stars: number): boolean => stars <= BAD_RATING_MAX;

const OPEN: readonly OrderState[] = ['dispatching', 'offered', 'waiting', 'pool', 'reopened', 'desk'];

/** The next state, or null when the event is not allowed in this state. */
export function nextOrderState(state: OrderState, event: OrderEvent): OrderState | null {
  switch (event.type) {
    case 'offer':
      return state === 'dispatching' ? 'offered' : null;
    case 'noCandidate':
      return state === 'dispatching' ? 'waiting' : null;
    case 'accept':
      return state === 'offered' || state === 'pool' ? 'accepted' : null;
    case 'decline':
    case 'expireOffer':
      return state === 'offered' ? 'dispatching' : null;
    case 'dispatchByHand':
      return state === 'waiting' || state === 'pool' || state === 'reopened' ? 'offered' : null;
    case 'openPool':
      return state === 'waiting' || state === 'reopened' ? 'pool' : null;
    case 'handBack':
      return state === 'accepted' ? 'dispatching' : null;
    case 'resolve':
      return state === 'accepted' ? 'resolved' : null;
    case 'rate':
      if (state !== 'resolved' || !Number.isInteger(event.stars) || event.stars < 1 || event.stars > 5) return null;
      return isBadRating(event.stars) ? 'reopened' : 'closed';
    case 'autoClose':
      return state === 'resolved' ? 'closed' : null;
    case 'closeAfterReview':
      return state === 'reopened' ? 'closed' : null;
    case 'escalate':
      return OPEN.includes(state) || state === 'accepted' ? 'waiting' : null;
    case 'sendBack':
      return state === 'waiting' || state === 'pool' || state === 'reopened' ? 'waiting' : null;
    case 'cancel':
      return state === 'dispatching' || state === 'offered' || state === 'waiting' || state === 'pool' || state === 'desk' ? 'cancelled' : null;
    case 'comment':
      return state === 'cancelled' ? null : state;
    case 'toDesk':
      return state === 'dispatching' ? 'desk' : null;
    case 'deskAccept':
      return state === 'desk' ? 'accepted' : null;
    case 'refuse':
      // "Not ours": from the desk, or by the desk's staff member who took it; back to the leader.
      return state === 'desk' || state === 'accepted' ? 'waiting' : null;
    default:
      return assertNever(event);
  }
}

export const FINAL_STATES: readonly OrderState[] = ['closed', 'cancelled'];
export const isFinal = (s: OrderState) => FINAL_STATES.includes(s);
/** States in which the level's clock runs. */
export const CLOCK_STATES: readonly OrderState[] = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'reopened', 'desk'];
