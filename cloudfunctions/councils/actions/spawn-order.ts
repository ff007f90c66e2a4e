import type { Actor as Caller } from '../../../shared/accounts/accounts.policy';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok, type Result } from '../../../shared/api/envelope';
import type { TopicAction } from '../../../shared/councils/topic.lifecycle';
import { newOrder } from '../../../shared/orders/order.factory';
import type { Change } from '../../../shared/kernel/lifecycle';
import type { Order } from '../../../shared/orders/orders.schema';
import { companionCreate, PLATFORM_ACTOR, type Companion } from '../../_core/mover';
import type { NodeDoc } from '../../_core/nodes';
import type { ActionContext } from '../../_core/pipeline';
import { dispatchedOrder } from '../../orders/new-order';
import { ORDERS } from '../../orders/order-store';
import type { TopicDoc } from '../topic-store';
import { moveTopic, planOf, timelineActor, topicAction } from '../topic-steps';

/** The client key of the one work order an action item may spawn: the order's id follows from it and the leader. */
export const councilOrderKey = (topicId: string, actionId: string) => `council-${topicId}-${actionId}`;

/** What the order says: the decision it carries out. */
export const councilOrderText = (topic: Pick<TopicDoc, 'title'>, action: Pick<TopicAction, 'text'>) => `【议事会决议】${topic.title}：${action.text}`;

/**
 * The work order of an action item, as the request loop makes any other (`orders.post`): posted by
 * the grid leader as the council's, at the building of the work, dispatched at once (offered to the
 * best volunteer of the grid, or left in the grid leader's queue), with its first timeline lines.
 */
async function councilOrder(ctx: ActionContext, caller: Caller, topic: TopicDoc, action: TopicAction, building: NodeDoc): Promise<Companion> {
  const draft = newOrder({
    posterId: caller.user._id,
    postedBy: caller.user._id,
    clientKey: councilOrderKey(topic._id, action.id),
    category: action.category,
    description: councilOrderText(topic, action),
    photos: [],
    urgency: 'normal',
    preferredTime: null,
    building,
    placeLabel: '',
    room: null,
    point: null,
    contact: { name: caller.user.name, phone: caller.user.phone ?? null },
    onBehalf: false,
    now: ctx.now,
  });
  const { order, change: dispatched, step } = await dispatchedOrder(ctx, draft, building);
  const change: Change<Order> = {
    ...dispatched,
    timeline: [{ kind: 'posted', text: `议事会决议派单：${action.category}（${action.text}）` }, ...dispatched.timeline],
  };
  const poster = timelineActor(caller, topic);
  const made = companionCreate(ctx, ORDERS, { ...order, version: 1 }, change, (i) => (i === 0 ? poster : PLATFORM_ACTOR));
  return { ...made, audit: { orderId: order._id, dispatch: step.type } };
}

/** The building of the work: the one named, or the topic's own; it must be in the topic's grid. */
async function buildingOf(ctx: ActionContext, topic: TopicDoc, buildingId: string | undefined): Promise<Result<NodeDoc>> {
  const id = buildingId ?? topic.path.buildingId;
  if (!id) return fail('TOPIC.NEED_BUILDING', 'payload.buildingId');
  const building = await ctx.ports.store.get<NodeDoc>('nodes', id);
  if (!building || building.kind !== 'building' || !topic.path.gridId || building.path.gridId !== topic.path.gridId)
    return fail('ACCOUNT.BUILDING_NOT_FOUND', 'payload.buildingId');
  return ok(building);
}

/**
 * An action item becomes a work order in the request loop, once: the order's id is stable (the
 * leader and the action), and the topic's guard refuses a second spawn, so two presses — one after
 * the other or at once — make one order. The order and the topic's change are one transaction.
 */
export const spawnOrder = topicAction(councilsApi.spawnOrder, 'spawnOrder', async (ctx, input, caller, ref) => {
  const action = ref.topic.actions.find((a) => a.id === input.actionId);
  const event = (orderId: string) => [{ type: 'spawnOrder' as const, actionId: input.actionId, orderId }];
  // Nothing to spawn (no such action, spawned or done already, the topic not under way): the lifecycle says which.
  if (!action || action.orderId !== null || action.doneAt !== null || ref.topic.state !== 'acting') return moveTopic(ctx, caller, ref, () => planOf(ctx, caller, event('')));
  const building = await buildingOf(ctx, ref.topic, input.buildingId);
  if (!building.ok) return building;
  const order = await councilOrder(ctx, caller, ref.topic, action, building.data);
  const orderId = (order.ops[0] as { doc: { _id: string } }).doc._id;
  // A second press at the same moment loses the race on the topic, reads it again and is refused as spawned already.
  return moveTopic(ctx, caller, ref, () => planOf(ctx, caller, event(orderId), [order]), { retries: 1 });
});
