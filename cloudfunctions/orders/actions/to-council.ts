import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { raisedLine, topicFromOrder } from '../../../shared/councils/topic.factory';
import { timelineDocs } from '../../_core/mover';
import { TOPICS } from '../../councils/topic-store';
import { timelineActor as topicActor } from '../../councils/topic-steps';
import { contextOf, moveOrder, orderAction } from '../steps';

/**
 * A dispute becomes a topic for a 民事协调会: the councils domain makes the topic (adopted, private,
 * raised by the order's poster), the order's step inserts it, and the topic's timeline starts with
 * the line that says where it came from, in the same transaction.
 */
export const toCouncil = orderAction(ordersApi.toCouncil, 'toCouncil', async (ctx, input, caller, ref) => {
  const topic = topicFromOrder(ref.order, input.title, caller.user._id, ctx.now);
  const timeline = TOPICS.timeline!;
  const first = timelineDocs(ctx, { key: timeline.subjectKey, id: topic._id }, ctx.now, topicActor(caller, topic), [raisedLine(topic)], timeline.idPrefix);
  const res = await moveOrder(ctx, caller, ref, () =>
    ok({
      events: [{ type: 'toCouncil', title: input.title, topic }],
      x: contextOf(ctx, caller),
      also: [{ ops: first.map((doc) => ({ op: 'insert' as const, collection: timeline.collection, doc })), notify: [] }],
    }),
  );
  return res.ok ? ok({ order: res.data.order, topicId: topic._id }) : res;
});
