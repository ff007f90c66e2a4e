import { CATEGORY_RULES } from './categories';
import { DEFAULT_DISPATCH, dispatch, exclusionOf, explain, type Candidate, type DispatchDecision, type DispatchOrder } from './dispatch';
import { MAX_FAILED_OFFERS, type OrderStep } from './order.lifecycle';
import type { FirstOwner } from './desk';
import type { Order } from './orders.schema';

/**
 * 平台派单 as a step of the lifecycle: offer the order to the best volunteer, or hand it to the
 * leader of its level (disputes, the street, three failed offers, nobody eligible). The reason is
 * stored either way. Pure: the candidates are read by the caller, and only when `needsCandidates`.
 */

/** Why an order goes to the leader without looking at volunteers, or null when it needs them. */
export function leaderFirstReason(order: Pick<Order, 'category' | 'level' | 'failedOffers'>): string | null {
  if (CATEGORY_RULES[order.category].leaderFirst) return '邻里纠纷由网格长直接协调处理';
  if (order.level === 'street') return '已在街道层级，由街道统筹处理';
  if (order.failedOffers >= MAX_FAILED_OFFERS) return `已连续 ${order.failedOffers} 次派单未成功，转负责人人工处理`;
  return null;
}

export const needsCandidates = (order: Pick<Order, 'category' | 'level' | 'failedOffers'>): boolean => leaderFirstReason(order) === null;

/** The order's fields the dispatcher weighs. */
export function dispatchOrderOf(order: Pick<Order, 'category' | 'level' | 'posterId' | 'place' | 'excluded'>): DispatchOrder {
  return {
    category: order.category,
    level: order.level,
    posterId: order.posterId,
    gridId: order.place.path.gridId ?? '',
    communityId: order.place.path.communityId ?? '',
    ...(order.place.path.microGridId ? { microGridId: order.place.path.microGridId } : {}),
    ...(order.place.buildingId ? { buildingId: order.place.buildingId } : {}),
    ...(order.place.point ? { point: { lat: order.place.point.lat, lng: order.place.point.lng } } : {}),
    excluded: order.excluded,
  };
}

/**
 * The dispatch step for an order, from the candidates of its place. In a residential compound the
 * responsibility list (`owner`, see desk.ts) may send it to the compound's desk or to the leader first.
 */
export function dispatchStep(order: Order, candidates: readonly Candidate[], now: string, owner: FirstOwner | null = null): { step: OrderStep; decision: DispatchDecision | null } {
  const first = leaderFirstReason(order);
  if (first) return { step: { type: 'noCandidate', reason: first }, decision: null };
  if (owner?.kind === 'desk') return { step: { type: 'toDesk', desk: owner.desk, why: owner.why, staffIds: owner.staffIds }, decision: null };
  if (owner?.kind === 'leader') return { step: { type: 'noCandidate', reason: owner.why }, decision: null };
  const decision = dispatch(dispatchOrderOf(order), candidates, now);
  // In a compound the list's word comes first: why volunteers, then which one.
  const reason = owner?.kind === 'volunteers' && owner.why ? `${owner.why}。${explain(decision)}` : explain(decision);
  if (!decision.chosen) return { step: { type: 'noCandidate', reason }, decision };
  return { step: { type: 'offer', volunteerId: decision.chosen.userId, score: decision.chosen.score, reason }, decision };
}

/**
 * A leader's hand dispatch may choose someone outside their hours, without the skill, or who
 * declined before, at any load; never the poster, never someone outside the place.
 */
export function mayBeOfferedByHand(c: Candidate, order: Pick<Order, 'category' | 'level' | 'posterId' | 'place'>, now: string): boolean {
  const reason = exclusionOf(c, dispatchOrderOf({ ...order, excluded: [] }), now, { ...DEFAULT_DISPATCH, loadCap: Number.MAX_SAFE_INTEGER });
  return reason === null || reason === 'unavailable' || reason === 'unskilled';
}
