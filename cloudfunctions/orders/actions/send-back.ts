import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, orderAction, planOf } from '../steps';

/** 回派: the upper level sends the order back down, with a reason. */
export const sendBack = orderAction(ordersApi.sendBack, 'sendBack', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'sendBack', reason: input.reason }])),
);
