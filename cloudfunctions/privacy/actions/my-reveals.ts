import { ok } from '../../../shared/api/envelope';
import { privacyApi } from '../../../shared/privacy/privacy.contract';
import { REVEAL_KIND_LABELS, type MyRevealView } from '../../../shared/privacy/privacy.schema';
import { orderWords, revealerWords } from '../../../shared/privacy/reveal-words';
import { defineAction } from '../../_core/pipeline';
import { namesByUser, revealsOf, roleOf, type RevealAudit } from '../reveal-store';
import type { Doc } from '../../_core/ports/store';

type OrderRef = Doc & { category: string; postedAt: string };

/**
 * 谁查看了我的信息: every full read of the caller's phone, contact or address by someone else, newest
 * first. Leaders are named with their role (「网格长 李建国」); an order's assignee is 「接单志愿者」 only.
 * The readers' names and the orders of the page are read in one round trip, never one per row.
 */
export const myReveals = defineAction(privacyApi.myReveals, {
  // Anyone signed in reads their own list: the caller is the only subject it can name.
  authorize: () => ({ allow: true }),
  run: async (ctx, input, caller) => {
    const { items, total } = await revealsOf(ctx.ports.store, { 'reveal.personId': caller.user._id }, [['reveal.personId', 1]], input);
    const leaderIds = items.filter((a) => a.reveal.as === 'leader').map((a) => a.actorId);
    const orderIds = [...new Set(items.map((a) => a.reveal.orderId).filter((x): x is string => Boolean(x)))];
    const [names, orders] = await Promise.all([
      namesByUser(ctx.ports.store, leaderIds),
      orderIds.length ? ctx.ports.store.find<OrderRef>('orders', { _id: { $in: orderIds } }, { limit: orderIds.length }) : [],
    ]);
    const orderById = new Map(orders.map((o) => [o._id, o]));
    return ok({ items: items.map((a) => viewOf(a, names, orderById)), total, offset: input.offset, limit: input.limit });
  },
});

function viewOf(a: RevealAudit, names: ReadonlyMap<string, string>, orders: ReadonlyMap<string, OrderRef>): MyRevealView {
  const order = a.reveal.orderId ? orders.get(a.reveal.orderId) : undefined;
  const reason = typeof a.detail?.reason === 'string' ? a.detail.reason : null;
  return {
    id: a._id,
    at: a.at,
    kind: a.reveal.kind,
    kindLabel: REVEAL_KIND_LABELS[a.reveal.kind],
    by: revealerWords(a.reveal.as, roleOf(a), a.actorId ? names.get(a.actorId) : null),
    orderId: a.reveal.orderId,
    orderLabel: order ? orderWords(order) : null,
    reason,
  };
}
