import type { Actor as Caller, Decision } from '../../../shared/accounts/accounts.policy';
import { fail, ok } from '../../../shared/api/envelope';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { mayDo, metooRefusal, relationOf } from '../../../shared/orders/orders.policy';
import { isPrivateOrder } from '../../../shared/orders/similar';
import { defineAction } from '../../_core/pipeline';
import type { OrderDoc } from '../order-store';
import { toOrderView } from '../order-view';
import { loadOrderRef, moveCommuting } from '../steps';

/**
 * Who may say 我也遇到了: a neighbour of a shared (not private) open order that is not their own.
 * A private order is "not found" to anyone who could not see it and does not live near it.
 */
export function authorizeMetoo(caller: Caller, order: OrderDoc): Decision {
  const r = relationOf(caller, order);
  if (isPrivateOrder(order) && !r.neighbour && !mayDo('get', r, order)) return { allow: false, code: 'ORDER.NOT_FOUND' };
  const code = metooRefusal(r, order);
  return code === null ? { allow: true } : { allow: false, code };
}

/**
 * 我也遇到了 (`{ orderId }`): the caller joins the order as an affected neighbour — one more household
 * on it, a timeline line without names, a row in their 我的事项, and every later notice. Counted once
 * per resident under any concurrency (the mover's version guard, tried again from a fresh read);
 * a second tap answers the order as it stands. Refused: private orders, one's own, a neighbour from
 * elsewhere, a closed or withdrawn order.
 */
export const metoo = defineAction(ordersApi.metoo, {
  load: async (ctx, input) => {
    const ref = await loadOrderRef(ctx, input.orderId);
    return ref ? ok(ref) : fail('ORDER.NOT_FOUND', 'payload.orderId');
  },
  authorize: (caller, _input, ref) => authorizeMetoo(caller, ref.order),
  run: async (ctx, _input, caller, first) => {
    const me = caller.user._id;
    if (first.order.affected?.includes(me)) return ok({ order: await toOrderView(ctx, caller, first.order, { timeline: true, events: first.events }) });
    // The line names no one: the neighbour is "居民", whoever reads the timeline.
    return moveCommuting(
      ctx,
      caller,
      first,
      { id: me, label: '居民' },
      () => [{ type: 'affect', userId: me, home: caller.user.home?.path ?? null }],
      (order) => (order.affected?.includes(me) ? 'done' : authorizeMetoo(caller, order)),
    );
  },
});
