import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, orderAction, planOf } from '../steps';

/**
 * 三方共治: the desk says "not ours" (不归我们管) with a reason. The order goes back to the leader of
 * its level, who sees the reason and the refusals; it is never lost, and never sent to that desk again.
 */
export const refuse = orderAction(ordersApi.refuse, 'refuse', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'refuse', reason: input.reason }])),
);
