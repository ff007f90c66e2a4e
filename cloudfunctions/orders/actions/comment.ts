import { ordersApi } from '../../../shared/orders/orders.contract';
import { moveOrder, orderAction, planOf } from '../steps';
import { checkText } from '../../_core/text-check';

/** A word on the order's timeline; the other side is told. */
export const comment = orderAction(ordersApi.comment, 'comment', async (ctx, input, caller, ref) => {
  const checked = await checkText(ctx, input.text, 'payload.text');
  if (!checked.ok) return checked;
  return moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'comment', text: input.text }]));
});
