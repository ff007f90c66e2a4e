import type { z } from 'zod';
import { holdsOver, type Actor as Caller, type Decision } from '../../shared/accounts/accounts.policy';
import type { ActionSpec } from '../../shared/api/spec';
import { fail, ok, type Result } from '../../shared/api/envelope';
import type { TopicAction as TopicActionName, TopicView } from '../../shared/councils/councils.schema';
import { maySeeTopic, mayDoTopic, topicRelation } from '../../shared/councils/councils.policy';
import { newTopic, raisedLine, topicIdOf, type NewTopicInput } from '../../shared/councils/topic.factory';
import type { TopicContext, TopicEvent } from '../../shared/councils/topic.lifecycle';
import type { ErrorCode } from '../../shared/errors';
import { NOT_ALLOWED_NOW } from '../../shared/kernel/lifecycle';
import { create, move, type Companion, type Plan, type TimelineActor } from '../_core/mover';
import { loadNodeOf, type NodeDoc } from '../_core/nodes';
import { defineAction, type ActionContext, type ActionDefinition } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';
import { checkTexts } from '../_core/text-check';
import { loadTopic, loadTopicTimeline, thresholdOf, TOPICS, type TopicDoc, type TopicEventRecord } from './topic-store';
import { toTopicView } from './topic-view';
import { ownPhotos, settlePhotoChecks, startPhotoChecks } from '../_core/photo-checks';

/**
 * The steps every action on one topic shares: load (the topic with its timeline, one round trip) →
 * authorize by the councils policy → move through the topic lifecycle → the caller's view, built
 * from what was written instead of read again.
 */

/** A topic an action is about, and its timeline read beside it. */
export interface TopicRef {
  topic: TopicDoc;
  events: TopicEventRecord[];
}

const ALLOW: Decision = { allow: true };
const deny = (code: ErrorCode): Decision => ({ allow: false, code });

/**
 * Deny by default; a topic the caller may not see is "not found" (a private dispute's existence is
 * private too). Where the caller stands in the right relation and only the topic's state or one of
 * its details stands in the way, the lifecycle's guard answers, with the field it is about
 * (TOPIC.OWN_TOPIC, TOPIC.ALREADY_RATED, TOPIC.ORDER_ALREADY_SPAWNED…): the guard allows nothing
 * the policy does not, so nothing outside `allowedActions` ever succeeds.
 */
export function authorizeTopic(action: TopicActionName | 'get', caller: Caller, topic: TopicDoc): Decision {
  const r = topicRelation(caller, topic);
  if (!maySeeTopic(r, topic)) return deny('TOPIC.NOT_FOUND');
  if (action === 'get' || mayDoTopic(action, r, topic)) return ALLOW;
  switch (action) {
    case 'support':
      // Their own topic, or one they supported already: the guard says which, on the field.
      if (!topic.private && (r.proposer || r.supporter)) return ALLOW;
      return !topic.private && r.resident ? deny('TOPIC.NOT_ALLOWED_NOW') : deny('COMMON.FORBIDDEN');
    case 'rate':
      // Not a raiser, rated already, or not done yet: the table and the guard answer.
      return ALLOW;
    default:
      // The leaders' actions: the table (TOPIC.NOT_ALLOWED_NOW) and the guard answer for the rest.
      return r.leader ? ALLOW : deny('COMMON.FORBIDDEN');
  }
}

type TopicInput = { topicId: string };
type TopicRun<S extends ActionSpec> = (ctx: ActionContext, input: z.output<S['input']>, caller: Caller, ref: TopicRef) => Promise<Result<z.output<S['output']>>>;

/** An action on one topic: its load and authorization are the policy's `action`. */
export function topicAction<S extends ActionSpec>(
  spec: S,
  action: TopicActionName | 'get',
  run: TopicRun<S>,
): ActionDefinition<z.output<S['input']>, TopicRef, z.output<S['output']>> {
  return defineAction<S, TopicRef>(spec, {
    load: async (ctx, input) => {
      const { topicId } = input as TopicInput;
      const [topic, events] = await Promise.all([loadTopic(ctx.ports.store, topicId), loadTopicTimeline(ctx.ports.store, topicId)]);
      return topic ? ok({ topic, events }) : fail('TOPIC.NOT_FOUND');
    },
    authorize: (caller, _input, ref) => authorizeTopic(action, caller, ref.topic),
    run,
  });
}

/** The caller's role as a topic's timeline names it. */
export function roleLabel(caller: Caller, topic: Pick<TopicDoc, 'path'>): string {
  if (holdsOver(caller, ['gridLeader'], topic.path)) return '网格长';
  if (holdsOver(caller, ['communityAdmin'], topic.path)) return '社区书记';
  if (holdsOver(caller, ['streetAdmin'], topic.path)) return '街道';
  return '居民';
}

/** The caller as the topic's timeline names them: `网格长 王五`, `居民 张三`. */
export function timelineActor(caller: Caller, topic: Pick<TopicDoc, 'path'>): TimelineActor {
  const role = roleLabel(caller, topic);
  return { id: caller.user._id, label: caller.user.name ? `${role} ${caller.user.name}` : role };
}

export type TopicPlan = Plan<TopicEvent, TopicContext>;

/** What the effects need: the instant and the caller. */
export const contextOf = (ctx: Pick<ActionContext, 'now'>, caller: Caller | null): TopicContext => ({
  now: ctx.now,
  by: caller ? { id: caller.user._id, name: caller.user.name } : null,
});

export const planOf = (ctx: ActionContext, caller: Caller, events: readonly TopicEvent[], also?: readonly Companion[]): TopicPlan =>
  ok({ events, x: contextOf(ctx, caller), ...(also && also.length ? { also } : {}) });

/** Side documents written beside a move (a support's own row, the supporters a merge carries over), as a companion. */
export const sideInserts = (collection: string, docs: readonly Doc[]): Companion => ({ ops: docs.map((doc) => ({ op: 'insert' as const, collection, doc })), notify: [] });

/**
 * Moves the topic by `plan` and answers the caller's view. The plan is made again from fresh reads
 * when a side write lost a race (`attempt` > 0, the mover's retry). `retries`: how many times a
 * conflict on the topic itself is tried again from a fresh read of it (many residents support at
 * once; a second press of a button finds what the first did and is refused for what it is).
 */
export async function moveTopic(
  ctx: ActionContext,
  caller: Caller,
  ref: TopicRef,
  plan: (topic: TopicDoc, attempt: number) => Promise<TopicPlan> | TopicPlan,
  options: { retries?: number } = {},
): Promise<Result<{ topic: TopicView }>> {
  let topic = ref.topic;
  for (let round = 0; ; round++) {
    const current = topic;
    const moved = await move(ctx, TOPICS, current, timelineActor(caller, current), (attempt) => plan(current, attempt));
    if (moved.ok) {
      const events = round === 0 ? ref.events : await loadTopicTimeline(ctx.ports.store, current._id);
      const lines = round === 0 ? [...events, ...(moved.lines as TopicEventRecord[])] : events;
      return ok({ topic: await toTopicView(ctx, caller, moved.doc as TopicDoc, { timeline: lines }) });
    }
    if (moved.reason === 'plan') return { ok: false, error: moved.error };
    if (moved.reason === 'refused') return fail(moved.refusal.code === NOT_ALLOWED_NOW ? 'TOPIC.NOT_ALLOWED_NOW' : (moved.refusal.code as ErrorCode), moved.refusal.field);
    if (moved.reason === 'busy' || round >= (options.retries ?? 0)) return fail('COMMON.CONFLICT');
    // Those who lost the same race spread out a little before they read again.
    await new Promise((done) => setTimeout(done, Math.random() * 5 * (round + 1)));
    const fresh = await loadTopic(ctx.ports.store, current._id);
    if (!fresh) return fail('TOPIC.NOT_FOUND');
    // Who may act may have changed with it (a topic merged away): ask the policy again.
    const decision = authorizeTopic('get', caller, fresh);
    if (!decision.allow) return fail(decision.code);
    topic = fresh;
  }
}

/** Where a new topic goes: its grid, the grid's support threshold, and the topic the author's key may already have made. */
export interface TopicPlace {
  grid: NodeDoc;
  threshold: number;
  existing: TopicDoc | null;
}

/** The place of a new topic, read in one round trip; a grid that is not one answers at `payload.gridId`. */
export async function loadTopicPlace(ctx: ActionContext, gridId: string, authorId: string, clientKey: string): Promise<Result<TopicPlace>> {
  const [grid, threshold, existing] = await Promise.all([
    loadNodeOf(ctx.ports.store, gridId, 'payload.gridId', ['grid']),
    thresholdOf(ctx.ports.store, gridId),
    loadTopic(ctx.ports.store, topicIdOf(authorId, clientKey)),
  ]);
  return grid.ok ? ok({ grid: grid.data, threshold, existing }) : grid;
}

/**
 * Creates a new topic (a resident's proposal, a leader's own) with its first timeline line, one
 * transaction, once its words pass the content check. The same key sent again — one after the
 * other or at the same moment — answers the first topic.
 */
export async function createTopic(
  ctx: ActionContext,
  caller: Caller,
  place: TopicPlace,
  input: Pick<NewTopicInput, 'clientKey' | 'title' | 'description' | 'photos' | 'source' | 'meetingType'>,
  event: string,
): Promise<Result<{ topic: TopicView }>> {
  // Photos come from the caller's own folder only.
  const own = ownPhotos(input.photos, caller.user._id, 'TOPIC.PHOTO_NOT_YOURS');
  if (!own.ok) return own;
  if (place.existing) return ok({ topic: await toTopicView(ctx, caller, place.existing, { timeline: true }) });
  const checked = await checkTexts(ctx, [
    [input.title, 'payload.title'],
    [input.description, 'payload.description'],
  ]);
  if (!checked.ok) return checked;
  const topic = newTopic({ ...input, authorId: caller.user._id, path: place.grid.path, threshold: place.threshold, now: ctx.now });
  const checks = await startPhotoChecks(ctx, { collection: 'topics', id: topic._id }, input.photos, 'TOPIC.PHOTO_NOT_YOURS');
  if (!checks.ok) return checks;
  const change = { after: topic, set: {}, inc: {}, timeline: [raisedLine(topic)], notify: [], audit: { event }, writes: [] };
  const made = await create(ctx, TOPICS, topic as TopicDoc, change, timelineActor(caller, topic));
  if (!made.ok) {
    const first = await loadTopic(ctx.ports.store, topic._id);
    return first ? ok({ topic: await toTopicView(ctx, caller, first, { timeline: true }) }) : fail('COMMON.CONFLICT');
  }
  // A photo the check refused at once (locally) is hidden before its author sees the topic.
  if (await settlePhotoChecks(ctx, checks.data)) {
    const now = await loadTopic(ctx.ports.store, topic._id);
    if (now) return ok({ topic: await toTopicView(ctx, caller, now, { timeline: true }) });
  }
  return ok({ topic: await toTopicView(ctx, caller, made.doc as TopicDoc, { timeline: made.lines as TopicEventRecord[] }) });
}
