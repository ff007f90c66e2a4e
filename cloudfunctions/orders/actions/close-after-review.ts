import { ordersApi } from '../../../shared/orders/orders.contract';
import { assigneeUnits } from '../order-store';
import { moveOrder, orderAction, planOf } from '../steps';

/** After a bad rating, the leader reviews and closes it, with a reason the resident reads. */
export const closeAfterReview = orderAction(ordersApi.closeAfterReview, 'closeAfterReview', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, async () => planOf(ctx, caller, [{ type: 'closeAfterReview', reason: input.reason }], {}, await assigneeUnits(ctx.ports.store, ref.order))),
);
