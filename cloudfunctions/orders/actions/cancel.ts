import { api } from '../../../shared/api/contract';
import { moveOrder, orderAction, planOf } from '../steps';

/** The resident withdraws it before anyone accepted. */
export const cancel = orderAction(api.orders.cancel, 'cancel', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'cancel', reason: input.reason }])),
);
