import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { redispatch } from '../dispatcher';
import { contextOf, moveOrder, myRecord, orderAction } from '../steps';

/** The assignee gives the order back (with a reason); the platform offers it to the next volunteer. */
export const handBack = orderAction(
  ordersApi.handBack,
  'handBack',
  (ctx, input, caller, ref) =>
    moveOrder(ctx, caller, ref, async (attempt) => {
      const x = contextOf(ctx, caller, { [caller.user._id]: await myRecord(ctx, caller, ref, attempt) });
      return ok({ events: await redispatch(ctx.ports.store, ref.order, { type: 'handBack', reason: input.reason }, x), x });
    }),
  { mine: true },
);
