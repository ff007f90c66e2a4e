import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { redispatch } from '../dispatcher';
import { contextOf, moveOrder, orderAction } from '../steps';

/** The volunteer an order is offered to says no; the platform offers it to the next one. */
export const decline = orderAction(ordersApi.decline, 'decline', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, async () => {
    const x = contextOf(ctx, caller);
    return ok({ events: await redispatch(ctx.ports.store, ref.order, { type: 'decline', reason: input.reason }, x), x });
  }),
);
