import { ok } from '../../shared/api/envelope';
import { completeSteps, type TopicEvent } from '../../shared/councils/topic.lifecycle';
import type { OrderState } from '../../shared/orders/order.machine';
import { move, PLATFORM_ACTOR } from '../_core/mover';
import { systemWriter } from '../_core/outbox';
import type { Ports } from '../_core/ports';
import type { Doc } from '../_core/ports/store';
import { loadTopic, TOPICS, type TopicDoc } from './topic-store';

/** A work order whose work is done: resolved (waiting for its rating) or closed. */
export const ORDER_DONE_STATES: readonly OrderState[] = ['resolved', 'closed'];

/** The note an action item gets when its work order is done. */
const DONE_NOTE = '工单已办结';

/** The steps that complete every open action of `topic` whose work order is done (and finish the topic after the last). */
export function followSteps(topic: Pick<TopicDoc, 'actions'>, doneOrders: ReadonlySet<string>): TopicEvent[] {
  const due = topic.actions.filter((a) => a.doneAt === null && a.orderId !== null && doneOrders.has(a.orderId));
  const steps: TopicEvent[] = [];
  let t = { actions: topic.actions };
  for (const a of due) {
    const chain = completeSteps(t, a.id, DONE_NOTE);
    steps.push(...chain);
    t = { actions: t.actions.map((x) => (x.id === a.id ? { ...x, doneAt: 'done' } : x)) };
  }
  return steps;
}

/**
 * 落实跟踪: an action item's progress follows its work order. Topics under way (`acting`, the
 * `state` index) whose action items' orders are now resolved or closed have those items completed,
 * and the topic finishes with the last one (its raisers are asked to rate). Each topic moves in one
 * version-guarded write, so a second pass finds nothing left to do.
 */
export async function followCouncilOrders(ports: Ports, at: string): Promise<number> {
  const w = systemWriter(ports, at);
  const topics = await ports.store.find<TopicDoc>(
    'topics',
    { state: 'acting' },
    {
      sort: [
        ['state', 1],
        ['updatedAt', 1],
      ],
      limit: 1000,
    },
  );
  const open = topics.flatMap((t) => t.actions.filter((a) => a.doneAt === null && a.orderId !== null).map((a) => a.orderId!));
  if (open.length === 0) return 0;
  const done = new Set<string>();
  for (let i = 0; i < open.length; i += 1000) {
    const ids = open.slice(i, i + 1000);
    const orders = await ports.store.find<Doc & { state: OrderState }>('orders', { _id: { $in: ids } }, { limit: ids.length });
    for (const o of orders) if (ORDER_DONE_STATES.includes(o.state)) done.add(o._id);
  }
  let moved = 0;
  for (const topic of topics) {
    if (followSteps(topic, done).length === 0) continue;
    // Someone (a leader completing by hand) may have moved it since: one fresh read on a lost race.
    let current: TopicDoc | null = topic;
    for (let round = 0; current && round < 2; round++) {
      const steps = followSteps(current, done);
      if (steps.length === 0 || current.state !== 'acting') break;
      const res: Awaited<ReturnType<typeof move>> = await move(w, TOPICS, current, PLATFORM_ACTOR, () => ok({ events: steps, x: { now: at, by: null } }));
      if (res.ok) {
        moved++;
        break;
      }
      current = res.reason === 'conflict' ? await loadTopic(ports.store, topic._id) : null;
    }
  }
  return moved;
}
