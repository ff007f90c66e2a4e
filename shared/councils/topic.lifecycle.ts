// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './councils.errors';
import type { Category } from '../orders/categories';
import { tell, type Effect, type Lifecycle, type Notice, type Refusal, type TimelineLine } from '../kernel/lifecycle';
import type { TemplateKey } from '../notices/templates';
import type { PlacePath } from '../territory/territory.schema';
import { OUTCOME_LABELS, type Outcome, type Tally } from './agenda';
import type { MeetingType } from './meeting.types';
// Topics and their ratings feed the councils rollups: the rule goes wherever they are written.
import './council.rollup';

/**
 * The topic lifecycle (议题), one table:
 *
 *   proposed ──support…──▶ proposed ──reach──▶ supported          residents support it (附议), once each
 *   proposed | supported ──adopt──▶ adopted                        the grid leader takes it up
 *   proposed | supported | adopted ──decline──▶ declined           turned down, with a written answer
 *   proposed | supported | adopted ──merge──▶ merged               a duplicate: supporters carried over
 *   adopted ──schedule──▶ scheduled ──unschedule──▶ adopted        on a meeting's agenda, or taken off
 *   scheduled ──decide──▶ acting (adopted with actions) | decided (adopted) | rejected | adopted (deferred)
 *   decided | acting ──addAction──▶ acting ──spawnOrder / completeAction──▶ acting
 *   decided | acting ──finish──▶ done                              every action done (效果共评 opens)
 *   done ──rate / review──▶ done                                   raisers rate the result; a 民主评议会 reviews it
 *
 * Effects are pure: ids and time come from the events and the context. The mover writes them.
 */
export const TOPIC_STATES = ['proposed', 'supported', 'adopted', 'scheduled', 'decided', 'acting', 'done', 'declined', 'rejected', 'merged'] as const;
export type TopicState = (typeof TOPIC_STATES)[number];
export const FINAL_TOPIC_STATES: readonly TopicState[] = ['declined', 'rejected', 'merged'];

export const TOPIC_STATE_LABELS: Record<TopicState, string> = {
  proposed: '征集附议',
  supported: '待网格长采纳',
  adopted: '已采纳',
  scheduled: '已列入议程',
  decided: '已表决通过',
  acting: '落实中',
  done: '已办结',
  declined: '未采纳',
  rejected: '表决未通过',
  merged: '已合并',
};

export const TOPIC_SOURCES = ['resident', 'order', 'leader'] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

/** The default support threshold (附议人数) at which a proposal goes to the grid leader. */
export const DEFAULT_SUPPORT_THRESHOLD = 5;

/** An action item (行动项) of an adopted decision. */
export interface TopicAction {
  id: string;
  text: string;
  ownerId: string | null;
  ownerName: string;
  /** Beijing date `2026-12-20`: done by the end of that day. */
  deadline: string;
  /** 元, whole yuan. */
  budget: number;
  category: Category;
  /** The work order it spawned in the request loop, once. */
  orderId: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdAt: string;
}

export interface TopicDecision {
  meetingId: string;
  outcome: Outcome;
  notes: string;
  tally: Tally | null;
  at: string;
}

/** A topic as stored (`topics`). */
export interface Topic {
  _id: string;
  version: number;
  title: string;
  description: string;
  photos: string[];
  /** Photos the image check found risky: kept, never shown (cloudfunctions/_core/photo-checks.ts). */
  hiddenPhotos?: string[];
  source: TopicSource;
  sourceOrderId: string | null;
  /** The kind of meeting it is for: a dispute is for a 民事协调会. */
  meetingType: MeetingType | null;
  /** Only leaders of the place and the meeting's participants see a private topic (disputes). */
  private: boolean;
  /** Its grid (and building, where it is about one). */
  path: PlacePath;
  state: TopicState;
  /** The resident who raised it (a dispute's poster); null for a leader's own topic. */
  proposerId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  supporters: string[];
  supportCount: number;
  threshold: number;
  adoptedAt: string | null;
  adoptedBy: string | null;
  /** The written answer when it was turned down (未采纳). */
  answer: string | null;
  mergedInto: string | null;
  /** The meeting whose agenda holds it, or held it when it was decided. */
  meetingId: string | null;
  decision: TopicDecision | null;
  actions: TopicAction[];
  doneAt: string | null;
  raters: string[];
  ratingCount: number;
  ratingSum: number;
  /** The 民主评议会 that reviewed it. */
  reviewedIn: string | null;
}

export type TopicEvent =
  | { type: 'support'; userId: string }
  /** Chained after the support that reaches the threshold. */
  | { type: 'reach' }
  | { type: 'adopt' }
  | { type: 'decline'; answer: string }
  | {
      type: 'merge';
      /** The target; `asRead`: the target as read, which its update carries (`was`) for the rollups. */
      into: { _id: string; title: string; version: number; proposerId: string | null; supporters: readonly string[]; asRead?: { _id: string; [key: string]: unknown } };
    }
  | { type: 'schedule'; meetingId: string; meetingTitle: string }
  | { type: 'unschedule'; reason: string }
  | { type: 'decide'; meetingId: string; outcome: Outcome; notes: string; tally: Tally | null; actions: readonly TopicAction[] }
  | { type: 'addAction'; action: TopicAction }
  | { type: 'spawnOrder'; actionId: string; orderId: string }
  | { type: 'completeAction'; actionId: string; note: string }
  /** Chained after the last action's completion, or by a leader when nothing was left to do. */
  | { type: 'finish' }
  | { type: 'rate'; userId: string; score: number; comment: string }
  | { type: 'review'; meetingId: string };

export type TopicEventType = TopicEvent['type'];

export interface TopicContext {
  now: string;
  /** Who acts; null for the platform (a job). */
  by: { id: string; name: string } | null;
}

/** The table: the next state, or null when the event is not allowed in this state. */
export function nextTopicState(state: TopicState, e: TopicEvent): TopicState | null {
  const open = state === 'proposed' || state === 'supported';
  switch (e.type) {
    case 'support':
      return open ? state : null;
    case 'reach':
      return state === 'proposed' ? 'supported' : null;
    case 'adopt':
      return open ? 'adopted' : null;
    case 'decline':
    case 'merge':
      return open || state === 'adopted' ? (e.type === 'decline' ? 'declined' : 'merged') : null;
    case 'schedule':
      return state === 'adopted' ? 'scheduled' : null;
    case 'unschedule':
      return state === 'scheduled' ? 'adopted' : null;
    case 'decide':
      if (state !== 'scheduled') return null;
      if (e.outcome === 'rejected') return 'rejected';
      if (e.outcome === 'deferred') return 'adopted';
      return e.actions.length > 0 ? 'acting' : 'decided';
    case 'addAction':
      return state === 'decided' || state === 'acting' ? 'acting' : null;
    case 'spawnOrder':
    case 'completeAction':
      return state === 'acting' ? 'acting' : null;
    case 'finish':
      return state === 'decided' || state === 'acting' ? 'done' : null;
    case 'rate':
    case 'review':
      return state === 'done' ? 'done' : null;
    default:
      return null;
  }
}

/** The residents who raised a topic: its proposer and its supporters. They are told, and they rate the result. */
export const raisersOf = (t: Pick<Topic, 'proposerId' | 'supporters'>): string[] => [...new Set([...(t.proposerId ? [t.proposerId] : []), ...t.supporters])];

export const isRaiser = (t: Pick<Topic, 'proposerId' | 'supporters'>, userId: string): boolean => t.proposerId === userId || t.supporters.includes(userId);

/** An action is overdue when its deadline day has passed in Beijing and it is not done. */
export const actionOverdue = (a: Pick<TopicAction, 'deadline' | 'doneAt'>, today: string): boolean => a.doneAt === null && a.deadline < today;

/** Every action of the topic is done (a topic with none has nothing left). */
export const actionsDone = (t: Pick<Topic, 'actions'>): boolean => t.actions.every((a) => a.doneAt !== null);

const refuse = (code: string, field?: string): Refusal => (field ? { code, field } : { code });

function guard(t: Topic, e: TopicEvent): Refusal | null {
  switch (e.type) {
    case 'support':
      if (t.proposerId === e.userId) return refuse('TOPIC.OWN_TOPIC', 'payload.topicId');
      return t.supporters.includes(e.userId) ? refuse('TOPIC.ALREADY_SUPPORTED', 'payload.topicId') : null;
    case 'reach':
      return t.supportCount >= t.threshold ? null : refuse('TOPIC.BELOW_THRESHOLD');
    case 'merge':
      return e.into._id === t._id ? refuse('TOPIC.MERGE_INTO_ITSELF', 'payload.intoId') : null;
    case 'decide':
      return t.meetingId === e.meetingId ? null : refuse('TOPIC.NOT_ON_AGENDA', 'payload.itemId');
    case 'spawnOrder': {
      const a = t.actions.find((x) => x.id === e.actionId);
      if (!a) return refuse('TOPIC.ACTION_NOT_FOUND', 'payload.actionId');
      return a.orderId !== null || a.doneAt !== null ? refuse('TOPIC.ORDER_ALREADY_SPAWNED', 'payload.actionId') : null;
    }
    case 'completeAction': {
      const a = t.actions.find((x) => x.id === e.actionId);
      if (!a) return refuse('TOPIC.ACTION_NOT_FOUND', 'payload.actionId');
      return a.doneAt !== null ? refuse('TOPIC.ACTION_ALREADY_DONE', 'payload.actionId') : null;
    }
    case 'finish':
      return actionsDone(t) ? null : refuse('TOPIC.ACTIONS_OPEN');
    case 'rate':
      if (!isRaiser(t, e.userId)) return refuse('TOPIC.NOT_A_RAISER', 'payload.topicId');
      return t.raters.includes(e.userId) ? refuse('TOPIC.ALREADY_RATED', 'payload.topicId') : null;
    default:
      return null;
  }
}

const line = (kind: string, text: string): TimelineLine => ({ kind, text });
const page = (t: Pick<Topic, '_id'>) => `/packages/councils/topic/index?id=${t._id}`;

/** One notice to each raiser (proposer and supporters). */
const tellRaisers = (t: Topic, template: TemplateKey, title: string, body: string, except?: string): Notice[] =>
  raisersOf(t)
    .filter((id) => id !== except)
    .flatMap((id) => tell(id, { template, title, body, page: page(t), facts: { subject: t.title } }));

const gridLeaders = (t: Topic) => ({ leadersOf: { path: t.path, level: 'grid' as const } });

function effect(t: Topic, e: TopicEvent, x: TopicContext): Effect<Topic> {
  const at = x.now;
  switch (e.type) {
    case 'support':
      return {
        set: { supporters: [...t.supporters, e.userId], updatedAt: at },
        inc: { supportCount: 1 },
        timeline: [line('support', `居民附议（共 ${t.supportCount + 1} 人）`)],
        audit: { event: 'topic.support' },
      };
    case 'reach':
      return {
        timeline: [line('reach', `附议达到 ${t.threshold} 人，已提交网格长`)],
        notify: [
          {
            to: gridLeaders(t),
            template: 'topic.supported',
            title: '居民议题附议已达标',
            body: `「${t.title}」已有 ${t.supportCount} 位居民附议，请决定是否采纳`,
            page: page(t),
            facts: { subject: t.title },
          },
        ],
      };
    case 'adopt':
      return {
        set: { adoptedAt: at, adoptedBy: x.by?.id ?? null, updatedAt: at },
        timeline: [line('adopt', '网格长采纳为议题')],
        notify: tellRaisers(t, 'topic.adopted', '您提出的议题已被采纳', `「${t.title}」已被网格长采纳，将提交议事会讨论`),
        audit: { event: 'topic.adopt' },
      };
    case 'decline':
      return {
        set: { answer: e.answer, updatedAt: at },
        timeline: [line('decline', `未采纳。答复：${e.answer}`)],
        notify: tellRaisers(t, 'topic.answered', '您提出的议题有了答复', `「${t.title}」：${e.answer}`),
        audit: { event: 'topic.decline' },
      };
    case 'merge': {
      const carried = [...new Set([...e.into.supporters, ...raisersOf(t)])].filter((id) => id !== e.into.proposerId);
      return {
        set: { mergedInto: e.into._id, updatedAt: at },
        timeline: [line('merge', `与议题「${e.into.title}」合并，附议人一并转入`)],
        writes: [
          {
            op: 'update',
            collection: 'topics',
            id: e.into._id,
            version: e.into.version,
            patch: { $set: { supporters: carried, supportCount: carried.length, updatedAt: at } },
            ...(e.into.asRead ? { was: e.into.asRead } : {}),
          },
        ],
        notify: tellRaisers(t, 'topic.answered', '您提出的议题已合并', `「${t.title}」与「${e.into.title}」内容相同，已合并办理，您的附议一并转入`),
        audit: { event: 'topic.merge', into: e.into._id, carried: carried.length },
      };
    }
    case 'schedule':
      return { set: { meetingId: e.meetingId, updatedAt: at }, timeline: [line('schedule', `列入会议议程：${e.meetingTitle}`)] };
    case 'unschedule':
      return { set: { meetingId: null, updatedAt: at }, timeline: [line('unschedule', `移出议程：${e.reason}`)] };
    case 'decide': {
      const actions = e.actions.map((a) => `${a.text}（${a.ownerName}，${a.deadline} 前）`).join('；');
      return {
        set: {
          decision: { meetingId: e.meetingId, outcome: e.outcome, notes: e.notes, tally: e.tally, at },
          actions: [...t.actions, ...e.actions],
          meetingId: e.outcome === 'deferred' ? null : t.meetingId,
          updatedAt: at,
        },
        timeline: [line('decide', `议事会表决：${OUTCOME_LABELS[e.outcome]}${e.notes ? `。${e.notes}` : ''}${actions ? `。行动：${actions}` : ''}`)],
        notify: tellRaisers(t, 'topic.decided', '议题有了表决结果', `「${t.title}」议事会表决：${OUTCOME_LABELS[e.outcome]}`),
        audit: { event: 'topic.decide', outcome: e.outcome, actions: e.actions.length },
      };
    }
    case 'addAction':
      return {
        set: { actions: [...t.actions, e.action], updatedAt: at },
        timeline: [line('action', `新增行动：${e.action.text}（负责人 ${e.action.ownerName}，${e.action.deadline} 前）`)],
        audit: { event: 'topic.addAction', budget: e.action.budget },
      };
    case 'spawnOrder':
      return {
        set: { actions: t.actions.map((a) => (a.id === e.actionId ? { ...a, orderId: e.orderId } : a)), updatedAt: at },
        timeline: [line('order', `行动已派发为工单：${t.actions.find((a) => a.id === e.actionId)?.text ?? ''}`)],
        audit: { event: 'topic.spawnOrder', orderId: e.orderId },
      };
    case 'completeAction':
      return {
        set: { actions: t.actions.map((a) => (a.id === e.actionId ? { ...a, doneAt: at, doneNote: e.note } : a)), updatedAt: at },
        timeline: [line('actionDone', `行动完成：${t.actions.find((a) => a.id === e.actionId)?.text ?? ''}${e.note ? `。${e.note}` : ''}`)],
        audit: { event: 'topic.completeAction' },
      };
    case 'finish':
      return {
        set: { doneAt: at, updatedAt: at },
        timeline: [line('done', '议题办结，请提出和附议的居民评价落实效果')],
        notify: tellRaisers(t, 'topic.rate', '请评价议题落实效果', `「${t.title}」已办结，请为落实效果打分（效果共评）`),
        audit: { event: 'topic.finish' },
      };
    case 'rate':
      return {
        set: { raters: [...t.raters, e.userId], updatedAt: at },
        inc: { ratingCount: 1, ratingSum: e.score },
        timeline: [line('rate', `居民评价落实效果：${'★'.repeat(e.score)}${e.comment ? `「${e.comment}」` : ''}`)],
        writes: [
          {
            op: 'insert',
            collection: 'topic_ratings',
            doc: { _id: `${t._id}.${e.userId}`, topicId: t._id, userId: e.userId, score: e.score, comment: e.comment, path: t.path, at },
          },
        ],
        audit: { event: 'topic.rate', score: e.score },
      };
    case 'review':
      return { set: { reviewedIn: e.meetingId, updatedAt: at }, timeline: [line('review', '列入民主评议会议程，接受居民评议')] };
  }
}

export const topicLifecycle: Lifecycle<TopicState, TopicEvent, Topic, TopicContext> = {
  name: 'topic',
  states: TOPIC_STATES,
  next: nextTopicState,
  guard: (t, e) => guard(t, e),
  effect,
};

/** The support steps of one person: the support, and the reach when it brings the topic to its threshold. */
export function supportSteps(t: Pick<Topic, 'state' | 'supportCount' | 'threshold'>, userId: string): TopicEvent[] {
  const reaches = t.state === 'proposed' && t.supportCount + 1 >= t.threshold;
  return reaches ? [{ type: 'support', userId }, { type: 'reach' }] : [{ type: 'support', userId }];
}

/** The completion of one action, and the topic's finish when it was the last open one. */
export function completeSteps(t: Pick<Topic, 'actions'>, actionId: string, note: string): TopicEvent[] {
  const left = t.actions.filter((a) => a.doneAt === null && a.id !== actionId);
  return left.length === 0 ? [{ type: 'completeAction', actionId, note }, { type: 'finish' }] : [{ type: 'completeAction', actionId, note }];
}

/** The way a topic has come, for its page: each stage, reached or not, with when. */
export const TOPIC_WAY = ['proposed', 'supported', 'adopted', 'scheduled', 'decided', 'acting', 'done', 'rated'] as const;
export type WayStage = (typeof TOPIC_WAY)[number];
export const WAY_LABELS: Record<WayStage, string> = {
  proposed: '提出',
  supported: '附议',
  adopted: '采纳',
  scheduled: '列入议程',
  decided: '表决',
  acting: '落实',
  done: '办结',
  rated: '评价',
};

/** How far along its way a topic has come (the last stage reached). Final refusals stop it where it was. */
export function wayReached(t: Pick<Topic, 'state' | 'supportCount' | 'threshold' | 'adoptedAt' | 'decision' | 'actions' | 'doneAt' | 'ratingCount' | 'meetingId'>): WayStage {
  if (t.ratingCount > 0) return 'rated';
  if (t.doneAt) return 'done';
  if (t.actions.length > 0) return 'acting';
  if (t.decision && t.decision.outcome !== 'deferred') return 'decided';
  if (t.state === 'scheduled') return 'scheduled';
  if (t.adoptedAt || t.state === 'adopted') return 'adopted';
  if (t.supportCount >= t.threshold) return 'supported';
  return 'proposed';
}
