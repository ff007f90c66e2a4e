import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { toOrderView } from '../order-view';
import { orderAction } from '../steps';

/** One order as the caller may see it, with its timeline. */
export const get = orderAction(ordersApi.get, 'get', async (ctx, _input, caller, ref) =>
  ok({ order: await toOrderView(ctx, caller, ref.order, { timeline: true, events: ref.events }) }),
);
