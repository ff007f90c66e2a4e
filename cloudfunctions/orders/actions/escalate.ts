import { ordersApi } from '../../../shared/orders/orders.contract';
import { assigneeRecord, moveOrder, orderAction, planOf } from '../steps';

/** 上报: the handling leader hands the order up a level, with a reason; whoever had it lets go. */
export const escalate = orderAction(ordersApi.escalate, 'escalate', (ctx, input, caller, ref) =>
  moveOrder(ctx, caller, ref, async () => {
    const working = ref.order.state === 'accepted' && ref.order.assigneeId;
    return planOf(ctx, caller, [{ type: 'escalate', cause: 'leader', reason: input.reason }], working ? { [working]: await assigneeRecord(ctx, ref.order) } : {});
  }),
);
