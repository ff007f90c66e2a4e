import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import { maskName } from '../../shared/accounts/mask';
import { OUTCOME_LABELS } from '../../shared/councils/agenda';
import type { TopicView } from '../../shared/councils/councils.schema';
import { allowedTopicActions, topicRelation, type TopicRelation } from '../../shared/councils/councils.policy';
import { actionOverdue, TOPIC_STATE_LABELS, TOPIC_WAY, WAY_LABELS, wayReached, type TopicAction } from '../../shared/councils/topic.lifecycle';
import { beijingDate } from '../../shared/kernel/time';
import { stateLabelAt } from '../../shared/orders/order.machine';
import type { Order } from '../../shared/orders/orders.schema';
import { breadcrumb } from '../../shared/territory/territory.domain';
import { loadNodes } from '../_core/nodes';
import type { ActionContext } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';
import type { MeetingDoc } from './meeting-store';
import { loadTopicTimeline, type TopicDoc, type TopicEventRecord } from './topic-store';
import { visiblePhotos } from '../../shared/orders/photos';

type OrderLite = Doc & Pick<Order, 'state' | 'level' | 'desk'>;
type RatingDoc = Doc & { score: number };

export interface TopicViewOptions {
  /** The topic's timeline: `true` reads it; lines the caller has already (read with the topic, plus those just written) are used as they are. */
  timeline?: boolean | readonly TopicEventRecord[];
}

/** What the views of several topics need besides the topics, read in one round trip. */
interface Related {
  orders: Map<string, OrderLite>;
  names: Map<string, string>;
  meetings: Map<string, MeetingDoc>;
  places: Map<string, string>;
  myRatings: Map<string, number>;
}

const byIds = async <T extends Doc>(ctx: ActionContext, collection: string, ids: readonly string[]): Promise<T[]> => {
  const unique = [...new Set(ids)];
  return unique.length ? ctx.ports.store.find<T>(collection, { _id: { $in: unique } }, { limit: Math.min(unique.length, 1000) }) : [];
};

async function related(ctx: ActionContext, caller: Caller, topics: readonly TopicDoc[], relations: readonly TopicRelation[]): Promise<Related> {
  const me = caller.user._id;
  const placeIds = topics.flatMap((t) => [t.path.communityId, t.path.gridId, t.path.buildingId].filter((x): x is string => Boolean(x)));
  const [orders, users, meetings, nodes, ratings] = await Promise.all([
    byIds<OrderLite>(
      ctx,
      'orders',
      topics.flatMap((t) => t.actions.map((a) => a.orderId).filter((x): x is string => Boolean(x))),
    ),
    byIds<Doc & { name: string }>(
      ctx,
      'users',
      topics.map((t) => t.proposerId).filter((x): x is string => Boolean(x) && x !== me),
    ),
    byIds<MeetingDoc>(
      ctx,
      'meetings',
      topics.map((t) => t.meetingId).filter((x): x is string => Boolean(x)),
    ),
    loadNodes(ctx.ports.store, placeIds),
    byIds<RatingDoc>(
      ctx,
      'topic_ratings',
      topics.filter((_, i) => relations[i]!.rated).map((t) => `${t._id}.${me}`),
    ),
  ]);
  // Only the community, the grid and the building were read: the label names those.
  const places = new Map(topics.map((t) => [t._id, breadcrumb(t.path, nodes).join(' › ')]));
  return {
    orders: new Map(orders.map((o) => [o._id, o])),
    names: new Map([[me, caller.user.name], ...users.map((u): [string, string] => [u._id, u.name])]),
    meetings: new Map(meetings.map((m) => [m._id, m])),
    places,
    myRatings: new Map(ratings.map((r) => [r._id.slice(0, r._id.length - me.length - 1), r.score])),
  };
}

function actionView(a: TopicAction, orders: Map<string, OrderLite>, today: string) {
  const order = a.orderId ? orders.get(a.orderId) : undefined;
  return {
    id: a.id,
    text: a.text,
    ownerName: a.ownerName,
    deadline: a.deadline,
    budget: a.budget,
    category: a.category,
    orderId: a.orderId,
    orderStateLabel: order ? stateLabelAt(order.state, order.level, order.desk) : null,
    done: a.doneAt !== null,
    doneAt: a.doneAt,
    overdue: actionOverdue(a, today),
  };
}

/** The action items as a page shows them, with their work orders' progress (read in one round trip). */
export async function actionViews(ctx: ActionContext, actions: readonly TopicAction[]): Promise<TopicView['actions']> {
  const orders = await byIds<OrderLite>(
    ctx,
    'orders',
    actions.map((a) => a.orderId).filter((x): x is string => Boolean(x)),
  );
  const byId = new Map(orders.map((o) => [o._id, o]));
  const today = beijingDate(ctx.now);
  return actions.map((a) => actionView(a, byId, today));
}

function build(ctx: ActionContext, caller: Caller, t: TopicDoc, r: TopicRelation, rel: Related, photos: TopicView['photos'], lines: readonly TopicEventRecord[] | null): TopicView {
  const me = caller.user._id;
  const today = beijingDate(ctx.now);
  const reached = TOPIC_WAY.indexOf(wayReached(t));
  const proposer = t.proposerId ? (rel.names.get(t.proposerId) ?? '居民') : null;
  const meeting = t.meetingId ? rel.meetings.get(t.meetingId) : undefined;
  const view: TopicView = {
    id: t._id,
    title: t.title,
    description: t.description,
    photos,
    source: t.source,
    sourceOrderId: t.sourceOrderId,
    state: t.state,
    stateLabel: TOPIC_STATE_LABELS[t.state],
    private: t.private,
    gridId: t.path.gridId ?? null,
    placeLabel: rel.places.get(t._id) ?? '',
    // A resident's name whole only to the leaders of the place and to the resident.
    proposerName: proposer === null ? null : r.leader || t.proposerId === me ? proposer : maskName(proposer),
    mine: r.proposer || r.author,
    supportCount: t.supportCount,
    threshold: t.threshold,
    supportedByMe: r.supporter,
    answer: t.answer,
    mergedInto: t.mergedInto,
    meeting: meeting ? { id: meeting._id, title: meeting.title, startAt: meeting.startAt } : null,
    decision: t.decision
      ? { outcome: t.decision.outcome, outcomeLabel: OUTCOME_LABELS[t.decision.outcome], notes: t.decision.notes, tally: t.decision.tally, at: t.decision.at }
      : null,
    actions: t.actions.map((a) => actionView(a, rel.orders, today)),
    way: TOPIC_WAY.map((stage, i) => ({ stage, label: WAY_LABELS[stage], reached: i <= reached })),
    rating: t.ratingCount > 0 ? { count: t.ratingCount, average: Math.round((t.ratingSum / t.ratingCount) * 10) / 10 } : null,
    myRating: rel.myRatings.get(t._id) ?? null,
    createdAt: t.createdAt,
    allowedActions: allowedTopicActions(r, t),
  };
  if (lines) {
    view.timeline = [...lines]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .filter((e) => !e.leadersOnly || r.leader)
      // Names on the timeline for the leaders of the place; everyone else reads the role (and their own name).
      .map((e) => ({ at: e.at, actor: r.leader || e.actorId === me ? e.actorLabel : e.actorLabel.split(' ')[0]!, kind: e.kind, text: e.text }));
  }
  return view;
}

/** What the caller sees of several topics (a list): everything they need read in one round trip. */
export async function toTopicViews(ctx: ActionContext, caller: Caller, topics: readonly TopicDoc[]): Promise<TopicView[]> {
  const relations = topics.map((t) => topicRelation(caller, t));
  const [rel, photos] = await Promise.all([
    related(ctx, caller, topics, relations),
    Promise.all(topics.map((t) => Promise.all(visiblePhotos(t.photos, t.hiddenPhotos).map(async (fileId) => ({ fileId, url: await ctx.ports.files.url(fileId) }))))),
  ]);
  return topics.map((t, i) => build(ctx, caller, t, relations[i]!, rel, photos[i]!, null));
}

/**
 * What the caller sees of one topic: its whole way, its action items with their work orders'
 * progress and overdue flags, the result of 效果共评, and the buttons the policy allows.
 */
export async function toTopicView(ctx: ActionContext, caller: Caller, topic: TopicDoc, opts: TopicViewOptions = {}): Promise<TopicView> {
  const r = topicRelation(caller, topic);
  const [rel, photos, lines] = await Promise.all([
    related(ctx, caller, [topic], [r]),
    Promise.all(visiblePhotos(topic.photos, topic.hiddenPhotos).map(async (fileId) => ({ fileId, url: await ctx.ports.files.url(fileId) }))),
    opts.timeline === true ? loadTopicTimeline(ctx.ports.store, topic._id) : opts.timeline || null,
  ]);
  return build(ctx, caller, topic, r, rel, photos, lines);
}
