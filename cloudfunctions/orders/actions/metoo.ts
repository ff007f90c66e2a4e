import type { Actor as Caller, Decision } from '../../../shared/accounts/accounts.policy';
import { fail, ok, type Result } from '../../../shared/api/envelope';
import type { ErrorCode } from '../../../shared/errors';
import { NOT_ALLOWED_NOW } from '../../../shared/kernel/lifecycle';
import { ordersApi } from '../../../shared/orders/orders.contract';
import type { OrderView } from '../../../shared/orders/orders.schema';
import { mayDo, metooRefusal, relationOf } from '../../../shared/orders/orders.policy';
import { isPrivateOrder } from '../../../shared/orders/similar';
import { move } from '../../_core/mover';
import { defineAction, type ActionContext } from '../../_core/pipeline';
import { loadOrder, loadTimeline, ORDERS, type OrderDoc, type OrderEventRecord } from '../order-store';
import { toOrderView } from '../order-view';
import { contextOf, type OrderRef } from '../steps';

/** Many neighbours tap at once: a lost race on the order is tried again from a fresh read, this many times. */
export const METOO_RETRIES = 12;

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

const load = async (ctx: ActionContext, orderId: string): Promise<OrderRef | null> => {
  const [order, events] = await Promise.all([loadOrder(ctx.ports.store, orderId), loadTimeline(ctx.ports.store, orderId)]);
  return order ? { order, events, mine: null } : null;
};

/**
 * 我也遇到了 (`{ orderId }`): the caller joins the order as an affected neighbour — one more household
 * on it, a timeline line without names, a row in their 我的事项, and every later notice. Counted once
 * per resident under any concurrency (the mover's version guard, tried again from a fresh read);
 * a second tap answers the order as it stands. Refused: private orders, one's own, a neighbour from
 * elsewhere, a closed or withdrawn order.
 */
export const metoo = defineAction(ordersApi.metoo, {
  load: async (ctx, input) => {
    const ref = await load(ctx, input.orderId);
    return ref ? ok(ref) : fail('ORDER.NOT_FOUND', 'payload.orderId');
  },
  authorize: (caller, _input, ref) => authorizeMetoo(caller, ref.order),
  run: async (ctx, _input, caller, first) => {
    const me = caller.user._id;
    // The line names no one: the neighbour is "居民", whoever reads the timeline.
    const actor = { id: me, label: '居民' };
    let ref = first;
    for (let round = 0; ; round++) {
      if (ref.order.affected?.includes(me)) return view(ctx, caller, ref.order, ref.events);
      const moved = await move(ctx, ORDERS, ref.order, actor, () => ({
        ok: true as const,
        data: { events: [{ type: 'affect' as const, userId: me, home: caller.user.home?.path ?? null }], x: contextOf(ctx, caller) },
      }));
      if (moved.ok) return view(ctx, caller, moved.doc as OrderDoc, [...ref.events, ...(moved.lines as OrderEventRecord[])]);
      if (moved.reason === 'plan') return { ok: false, error: moved.error };
      if (moved.reason === 'refused') return fail(moved.refusal.code === NOT_ALLOWED_NOW ? 'ORDER.NOT_ALLOWED_NOW' : (moved.refusal.code as ErrorCode));
      if (round >= METOO_RETRIES) return fail('COMMON.CONFLICT');
      // Those who lost the same race spread out a little before they read again.
      await new Promise((done) => setTimeout(done, Math.random() * 5 * (round + 1)));
      const fresh = await load(ctx, ref.order._id);
      if (!fresh) return fail('ORDER.NOT_FOUND');
      const decision = fresh.order.affected?.includes(me) ? { allow: true as const } : authorizeMetoo(caller, fresh.order);
      if (!decision.allow) return fail(decision.code);
      ref = fresh;
    }
  },
});

async function view(ctx: ActionContext, caller: Caller, order: OrderDoc, events: readonly OrderEventRecord[]): Promise<Result<{ order: OrderView }>> {
  return ok({ order: await toOrderView(ctx, caller, order, { timeline: true, events }) });
}
