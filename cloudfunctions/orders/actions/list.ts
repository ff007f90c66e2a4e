import { opensAt } from '../../../shared/accounts/scopes';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { listOrders } from '../order-lists';
import { toOrderView } from '../order-view';
import { loadNodeOf } from '../../_core/nodes';
import { LEAD_KINDS } from '../../../shared/territory/territory.domain';

/** The caller's lists (posted, offers, tasks, pool) and, for leaders, the queue of a place they lead. */
export const list = defineAction(ordersApi.list, {
  load: async (ctx, input) => {
    if (input.view !== 'queue') return ok(null);
    if (!input.nodeId) return fail('COMMON.INVALID_INPUT', 'payload.nodeId');
    return loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', LEAD_KINDS);
  },
  authorize: (caller, input, node) => {
    if (input.view !== 'queue') return { allow: true };
    return opensAt(caller, 'queue', node!.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' };
  },
  run: async (ctx, input, caller, node) => {
    const page = await listOrders(ctx.ports.store, caller, input, node, ctx.now);
    const orders = await Promise.all(page.orders.map((o) => toOrderView(ctx, caller, o)));
    return ok({ orders, total: page.total, offset: input.offset, limit: input.limit });
  },
});
