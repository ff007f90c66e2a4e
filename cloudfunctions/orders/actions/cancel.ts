import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, orderAction, planOf } from '../steps';

/** The resident withdraws it before anyone accepted. */
export const cancel = orderAction(ordersApi.cancel, 'cancel', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'cancel', reason: input.reason }])),
);
