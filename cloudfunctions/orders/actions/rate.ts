import { ordersApi } from '../../../shared/orders/orders.contract';
import { badRatingEscalates, type OrderStep } from '../../../shared/orders/order.lifecycle';
import { isBadRating } from '../../../shared/orders/order.machine';
import { assigneeUnits } from '../order-store';
import { assigneeRecord, authorizeOn, moveCommuting, moveOrder, orderAction, planOf, timelineActor } from '../steps';
import { checkText } from '../../_core/text-check';

/**
 * 居民评单: by the poster, once. 1–2★ reopens it for the grid leader; a second bad rating escalates.
 * An affected neighbour (我也遇到了) rates once too: their rating is kept on the order and moves nothing.
 */
export const rate = orderAction(ordersApi.rate, 'rate', async (ctx, input, caller, ref) => {
  const checked = await checkText(ctx, input.comment, 'payload.comment');
  if (!checked.ok) return checked;
  if (ref.order.posterId !== caller.user._id) {
    // Neighbours rate at the same moment: each rating is tried again on a lost race, never answered 请刷新.
    return moveCommuting(
      ctx,
      caller,
      ref,
      timelineActor(caller, ref.order),
      () => [{ type: 'rateAsNeighbour', stars: input.stars, tags: input.tags, comment: input.comment }],
      (order) => authorizeOn('rate', caller, order),
    );
  }
  const steps: OrderStep[] = [{ type: 'rate', stars: input.stars, tags: input.tags, comment: input.comment }];
  if (badRatingEscalates(ref.order, input.stars)) steps.push({ type: 'escalate', cause: 'badRating', reason: '第二次差评', stars: input.stars });
  const assignee = ref.order.assigneeId;
  // A good rating closes it: the assignee's entry needs their 双报到 unit, read beside their record.
  return moveOrder(ctx, caller, ref, async () => {
    const [record, units] = await Promise.all([assignee ? assigneeRecord(ctx, ref.order) : null, isBadRating(input.stars) ? undefined : assigneeUnits(ctx.ports.store, ref.order)]);
    return planOf(ctx, caller, steps, assignee ? { [assignee]: record } : {}, units);
  });
});
