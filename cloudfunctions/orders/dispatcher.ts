import type { Candidate, DispatchDecision } from '../../shared/orders/dispatch';
import { dispatchStep, needsCandidates } from '../../shared/orders/dispatch-step';
import { runLifecycle } from '../../shared/kernel/lifecycle';
import { orderLifecycle, type OrderContext, type OrderStep, type VolunteerRecord } from '../../shared/orders/order.lifecycle';
import type { Order } from '../../shared/orders/orders.schema';
import type { Doc, Store } from '../_core/ports/store';

/** The volunteers of the order's place at its level, from one indexed query. */
export async function loadCandidates(store: Store, order: Pick<Order, 'level' | 'place'>): Promise<VolunteerRecord[]> {
  const filter = order.level === 'grid' ? { gridId: order.place.path.gridId ?? '', active: true } : { communityId: order.place.path.communityId ?? '', active: true };
  return store.find<VolunteerRecord & Doc>('volunteers', filter, { limit: 1000 });
}

export function toCandidate(v: VolunteerRecord): Candidate {
  return {
    userId: v.userId,
    name: v.name,
    active: v.active,
    skills: v.skills,
    availability: v.availability,
    openLoad: v.openLoad,
    lastAssignedAt: v.lastAssignedAt,
    ratingSum: v.ratingSum,
    ratingCount: v.ratingCount,
    gridId: v.gridId,
    communityId: v.communityId,
    ...(v.microGridId ? { microGridId: v.microGridId } : {}),
    ...(v.buildingId ? { buildingId: v.buildingId } : {}),
    ...(v.point ? { point: { lat: v.point.lat, lng: v.point.lng } } : {}),
  };
}

/**
 * 平台派单 for an order that needs a volunteer: the rule is `dispatchStep` (shared); this reads
 * the candidates of the order's place, and only when the rule needs them.
 */
export async function planDispatch(store: Store, order: Order, now: string): Promise<{ step: OrderStep; decision: DispatchDecision | null }> {
  const candidates = needsCandidates(order) ? (await loadCandidates(store, order)).map(toCandidate) : [];
  return dispatchStep(order, candidates, now);
}

/** A manual offer that came to nothing goes back to the leader who made it, not to the platform. */
const MANUAL_FAILED: Record<'decline' | 'expireOffer', OrderStep> = {
  decline: { type: 'noCandidate', reason: '人工派单被婉拒，需要重新派单', text: '人工派单被婉拒，回到负责人处理', keepReason: true },
  expireOffer: { type: 'noCandidate', reason: '人工派单超时未确认，需要重新派单', text: '人工派单超时未确认，回到负责人处理', keepReason: true },
};

/**
 * After a decline, a hand-back or an expired offer: the steps that offer the order to the next
 * volunteer (or hand it to the leader), planned on the order as `first` leaves it.
 */
export async function redispatch(store: Store, order: Order, first: Extract<OrderStep, { type: 'decline' | 'expireOffer' | 'handBack' }>, x: OrderContext): Promise<OrderStep[]> {
  if (order.offer?.manual && first.type !== 'handBack') return [first, MANUAL_FAILED[first.type]];
  const after = runLifecycle(orderLifecycle, order, [first], x);
  if (!after.ok) return [first]; // the mover refuses it with the same answer
  return [first, (await planDispatch(store, after.change.after, x.now)).step];
}
