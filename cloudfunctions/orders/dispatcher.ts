import { CATEGORY_RULES } from '../../shared/orders/categories';
import { dispatch, explain, type Candidate, type DispatchDecision } from '../../shared/orders/dispatch';
import type { Order } from '../../shared/orders/orders.schema';
import type { OrderEvent } from '../../shared/orders/order.machine';
import type { Store } from '../_core/ports/store';
import { MAX_FAILED_OFFERS, OFFER_MINUTES, type TimelineNote, type VolunteerRecord } from './order-store';

export interface DispatchPlan {
  event: OrderEvent;
  set: Partial<Order>;
  notes: TimelineNote[];
  /** The volunteer to notify of the offer. */
  offeredTo: string | null;
  decision: DispatchDecision | null;
}

/** The volunteers of the order's place at its level, from one indexed query. */
export async function loadCandidates(store: Store, order: Pick<Order, 'level' | 'place'>): Promise<VolunteerRecord[]> {
  const filter = order.level === 'grid' ? { gridId: order.place.path.gridId ?? '', active: true } : { communityId: order.place.path.communityId ?? '', active: true };
  return store.find<VolunteerRecord>('volunteers', filter, { limit: 1000 });
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
  };
}

export function dispatchOrderOf(order: Pick<Order, 'category' | 'level' | 'posterId' | 'place' | 'excluded'>) {
  return {
    category: order.category,
    level: order.level,
    posterId: order.posterId,
    gridId: order.place.path.gridId ?? '',
    communityId: order.place.path.communityId ?? '',
    ...(order.place.path.microGridId ? { microGridId: order.place.path.microGridId } : {}),
    ...(order.place.buildingId ? { buildingId: order.place.buildingId } : {}),
    excluded: order.excluded,
  };
}

/**
 * 平台派单 for an order that needs a volunteer: offer it to the best one, or hand it to the leader
 * (street level, disputes, three failed offers, nobody eligible). The reason is stored either way.
 */
export async function planDispatch(store: Store, order: Order, now: string): Promise<DispatchPlan> {
  const toLeader = (text: string): DispatchPlan => ({
    event: { type: 'noCandidate' },
    set: { offer: null, dispatchReason: text },
    notes: [{ kind: 'waiting', text }],
    offeredTo: null,
    decision: null,
  });
  if (CATEGORY_RULES[order.category].leaderFirst) return toLeader('邻里纠纷由网格长直接协调处理');
  if (order.level === 'street') return toLeader('已在街道层级，由街道统筹处理');
  if (order.failedOffers >= MAX_FAILED_OFFERS) return toLeader(`已连续 ${order.failedOffers} 次派单未成功，转负责人人工处理`);

  const candidates = (await loadCandidates(store, order)).map(toCandidate);
  const decision = dispatch(dispatchOrderOf(order), candidates, now);
  const reason = explain(decision);
  if (!decision.chosen) return { ...toLeader(reason), decision };
  const expiresAt = new Date(Date.parse(now) + OFFER_MINUTES * 60_000).toISOString();
  return {
    event: { type: 'offer' },
    set: {
      offer: { volunteerId: decision.chosen.userId, offeredAt: now, expiresAt, manual: false, score: decision.chosen.score },
      firstOfferedAt: order.firstOfferedAt ?? now,
      dispatchReason: reason,
    },
    notes: [
      { kind: 'offered', text: `平台已派单给志愿者，${OFFER_MINUTES} 分钟内确认` },
      { kind: 'dispatchReason', text: reason, leadersOnly: true },
    ],
    offeredTo: decision.chosen.userId,
    decision,
  };
}
