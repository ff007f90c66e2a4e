import { api } from '../../../shared/api/contract';
import { ok } from '../../../shared/api/envelope';
import { topicFromOrder } from '../../../shared/councils/topic.factory';
import { moveOrder, orderAction, planOf } from '../steps';

/** A dispute becomes a topic for a 民事协调会 (the councils domain makes the topic). */
export const toCouncil = orderAction(api.orders.toCouncil, 'toCouncil', async (ctx, input, caller, ref) => {
  const topic = topicFromOrder(ref.order, input.title, caller.user._id, ctx.now);
  const res = await moveOrder(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'toCouncil', title: input.title, topic }]));
  return res.ok ? ok({ order: res.data.order, topicId: topic._id }) : res;
});
