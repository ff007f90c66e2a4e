// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './councils.errors';
import { tell, type Effect, type Lifecycle, type Notice, type Refusal, type TimelineLine } from '../kernel/lifecycle';
import type { NoticeFacts } from '../notices/templates';
import type { PlacePath } from '../territory/territory.schema';
import { MAX_AGENDA_ITEMS, OUTCOME_LABELS, overrunOf, type Outcome, type Tally } from './agenda';
import { MINUTES_DUE_HOURS, type InvitableRole, type MeetingType } from './meeting.types';
// Meetings feed the councils rollups: the rule goes wherever meetings are written.
import './council.rollup';

/**
 * The meeting lifecycle (议事会), one table:
 *
 *   draft ──publish──▶ published ──open──▶ inSession ──close──▶ closed ──archive──▶ archived
 *   draft | published ──cancel──▶ cancelled                       the invitees are told why
 *   draft | published ──edit / setAgenda──▶ the same               the agenda must fit the length
 *   published ──remind──▶ published                                the day before and an hour before
 *   inSession ──openVote / decide──▶ inSession                     item by item
 *   closed ──writeMinutes / remindMinutes / publishDecisions──▶ closed   (archived: publishDecisions)
 *
 * Sign-ins and ballots are their own documents (one per person, unique), not moves of the meeting:
 * fifty people voting at once never contend for the meeting's version.
 */
export const MEETING_STATES = ['draft', 'published', 'inSession', 'closed', 'archived', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  draft: '草稿',
  published: '已发布',
  inSession: '进行中',
  closed: '已结束',
  archived: '已归档',
  cancelled: '已取消',
};

export { MINUTES_DUE_HOURS };
export const REMIND_BEFORE_HOURS = [24, 1] as const;

export interface Invitee {
  userId: string;
  name: string;
  roleLabel: string;
  /** Invited by role, by name (居民代表), or as a proposer of a topic on the agenda. */
  via: 'role' | 'name' | 'proposer';
}

export interface AgendaItem {
  id: string;
  topicId: string;
  title: string;
  presenterId: string | null;
  presenterName: string;
  minutes: number;
  /** A topic to decide, or (民主评议会) a done topic to review. */
  kind: 'decide' | 'review';
  voting: 'none' | 'open' | 'closed';
  outcome: Outcome | null;
  notes: string;
  tally: Tally | null;
}

/** A meeting as stored (`meetings`). */
export interface Meeting {
  _id: string;
  version: number;
  clientKey: string;
  type: MeetingType;
  title: string;
  /** Convened for a grid (by its grid leader) or a community (by its admin). */
  level: 'grid' | 'community';
  nodeId: string;
  path: PlacePath;
  stationId: string | null;
  placeText: string;
  startAt: string;
  lengthMinutes: number;
  /** Beijing month of the start, for the measures. */
  month: string;
  private: boolean;
  anonymous: boolean;
  quorumShare: number;
  state: MeetingState;
  convenerId: string;
  convenerName: string;
  createdAt: string;
  updatedAt: string;
  inviteRoles: InvitableRole[];
  /** People invited by name (居民代表). */
  inviteeIds: string[];
  /** Everyone invited, resolved when it is published. */
  invitees: Invitee[];
  agenda: AgendaItem[];
  /** The next agenda item's number (`i1`, `i2`…): ids are never reused. */
  nextItem: number;
  publishedAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  archivedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** When the next reminder is due (the day before, an hour before); null when none is. */
  remindAt: string | null;
  minutes: string | null;
  minutesAt: string | null;
  minutesBy: string | null;
  /** When the convener is reminded of missing minutes (once); null when not due. */
  minutesRemindAt: string | null;
  minutesReminded: boolean;
  decisionsPublishedAt: string | null;
}

export type MeetingPatch = Partial<Pick<Meeting, 'title' | 'stationId' | 'placeText' | 'startAt' | 'lengthMinutes' | 'month' | 'inviteRoles' | 'inviteeIds'>>;

export type MeetingEvent =
  | { type: 'edit'; patch: MeetingPatch }
  | { type: 'setAgenda'; agenda: readonly AgendaItem[]; nextItem: number; change: string }
  | { type: 'publish'; invitees: readonly Invitee[] }
  | { type: 'cancel'; reason: string }
  | { type: 'remind' }
  | { type: 'open' }
  | { type: 'openVote'; itemId: string }
  | { type: 'decide'; itemId: string; outcome: Outcome; notes: string; tally: Tally | null }
  | { type: 'close' }
  | { type: 'writeMinutes'; text: string }
  | { type: 'remindMinutes' }
  | { type: 'archive' }
  | { type: 'publishDecisions' };
export type MeetingEventType = MeetingEvent['type'];

export interface MeetingContext {
  now: string;
  by: { id: string; name: string } | null;
}

const PLANNING: readonly MeetingState[] = ['draft', 'published'];

export function nextMeetingState(state: MeetingState, e: MeetingEvent): MeetingState | null {
  switch (e.type) {
    case 'edit':
    case 'setAgenda':
      return PLANNING.includes(state) ? state : null;
    case 'publish':
      return state === 'draft' ? 'published' : null;
    case 'cancel':
      return PLANNING.includes(state) ? 'cancelled' : null;
    case 'remind':
      return state === 'published' ? 'published' : null;
    case 'open':
      return state === 'published' ? 'inSession' : null;
    case 'openVote':
    case 'decide':
      return state === 'inSession' ? 'inSession' : null;
    case 'close':
      return state === 'inSession' ? 'closed' : null;
    case 'writeMinutes':
    case 'remindMinutes':
      return state === 'closed' ? 'closed' : null;
    case 'archive':
      return state === 'closed' ? 'archived' : null;
    case 'publishDecisions':
      return state === 'closed' || state === 'archived' ? state : null;
    default:
      return null;
  }
}

/** The next reminder after `after`: the day before, then an hour before the start; null when both have passed. */
export function nextReminder(startAt: string, after: string): string | null {
  const start = Date.parse(startAt);
  for (const hours of REMIND_BEFORE_HOURS) {
    const at = start - hours * 3600_000;
    if (at > Date.parse(after)) return new Date(at).toISOString();
  }
  return null;
}

/** The end of a meeting as planned. */
export const plannedEnd = (m: Pick<Meeting, 'startAt' | 'lengthMinutes'>): string => new Date(Date.parse(m.startAt) + m.lengthMinutes * 60_000).toISOString();

const refuse = (code: string, field?: string): Refusal => (field ? { code, field } : { code });

function guard(m: Meeting, e: MeetingEvent, x: MeetingContext): Refusal | null {
  switch (e.type) {
    case 'edit': {
      const length = e.patch.lengthMinutes ?? m.lengthMinutes;
      return overrunOf(m.agenda, length) > 0 ? refuse('MEETING.AGENDA_OVERRUN', 'payload.lengthMinutes') : null;
    }
    case 'setAgenda':
      if (e.agenda.length > MAX_AGENDA_ITEMS) return refuse('MEETING.AGENDA_FULL', 'payload.topicId');
      return overrunOf(e.agenda, m.lengthMinutes) > 0 ? refuse('MEETING.AGENDA_OVERRUN', 'payload.minutes') : null;
    case 'publish':
      return m.agenda.length === 0 ? refuse('MEETING.AGENDA_EMPTY', 'payload.meetingId') : null;
    case 'remind':
      return m.remindAt !== null && m.remindAt <= x.now ? null : refuse('MEETING.NOTHING_DUE');
    case 'openVote':
    case 'decide': {
      const item = m.agenda.find((i) => i.id === e.itemId);
      if (!item) return refuse('MEETING.ITEM_NOT_FOUND', 'payload.itemId');
      return item.outcome !== null ? refuse('MEETING.ITEM_DECIDED', 'payload.itemId') : null;
    }
    case 'writeMinutes':
      return null;
    case 'remindMinutes':
      return m.minutes === null && !m.minutesReminded && m.minutesRemindAt !== null && m.minutesRemindAt <= x.now ? null : refuse('MEETING.NOTHING_DUE');
    case 'archive':
      return m.minutes ? null : refuse('MEETING.MINUTES_REQUIRED', 'payload.meetingId');
    case 'publishDecisions':
      if (!m.minutes) return refuse('MEETING.MINUTES_REQUIRED', 'payload.meetingId');
      return m.decisionsPublishedAt ? refuse('MEETING.ALREADY_PUBLISHED', 'payload.meetingId') : null;
    default:
      return null;
  }
}

const line = (kind: string, text: string): TimelineLine => ({ kind, text });
export const meetingPage = (m: Pick<Meeting, '_id'>) => `/packages/councils/meeting/index?id=${m._id}`;

/** One notice to each invitee. */
/** What a meeting's messages name: its title, its start and its room. */
const meetingFacts = (m: Pick<Meeting, 'title' | 'startAt' | 'placeText'>): NoticeFacts => ({ subject: m.title, when: m.startAt, place: m.placeText });
export const tellInvitees = (invitees: readonly Invitee[], n: Omit<Notice, 'to'>): Notice[] => invitees.flatMap((i) => tell(i.userId, n));

function effect(m: Meeting, e: MeetingEvent, x: MeetingContext): Effect<Meeting> {
  const at = x.now;
  const page = meetingPage(m);
  switch (e.type) {
    case 'edit': {
      const startAt = e.patch.startAt ?? m.startAt;
      const moved = e.patch.startAt !== undefined && e.patch.startAt !== m.startAt;
      return {
        set: {
          ...e.patch,
          updatedAt: at,
          ...(moved && m.state === 'published' ? { remindAt: nextReminder(startAt, at) } : {}),
        },
        timeline: [line('edit', '修改了会议信息')],
        notify:
          moved && m.state === 'published'
            ? tellInvitees(m.invitees, {
                template: 'meeting.invited',
                title: '会议时间有变',
                body: `「${m.title}」改为新的时间，请留意`,
                page,
                facts: meetingFacts({ title: m.title, startAt, placeText: e.patch.placeText ?? m.placeText }),
              })
            : [],
      };
    }
    case 'setAgenda':
      return { set: { agenda: [...e.agenda], nextItem: e.nextItem, updatedAt: at }, timeline: [line('agenda', e.change)] };
    case 'publish':
      return {
        set: {
          invitees: [...e.invitees],
          publishedAt: at,
          remindAt: nextReminder(m.startAt, at),
          updatedAt: at,
        },
        timeline: [line('publish', `发布会议，邀请 ${e.invitees.length} 人`)],
        notify: tellInvitees(e.invitees, { template: 'meeting.invited', title: `${m.type}邀请`, body: `「${m.title}」，${m.placeText}`, page, facts: meetingFacts(m) }),
        audit: { event: 'meeting.publish', invitees: e.invitees.length },
      };
    case 'cancel':
      return {
        set: { cancelledAt: at, cancelReason: e.reason, remindAt: null, updatedAt: at },
        timeline: [line('cancel', `取消会议：${e.reason}`)],
        notify: tellInvitees(m.invitees, { template: 'meeting.cancelled', title: '会议已取消', body: `「${m.title}」已取消：${e.reason}`, page, facts: meetingFacts(m) }),
        audit: { event: 'meeting.cancel' },
      };
    case 'remind': {
      const hoursLeft = Math.max(0, Math.round((Date.parse(m.startAt) - Date.parse(at)) / 3600_000));
      return {
        set: { remindAt: nextReminder(m.startAt, at) },
        timeline: [line('remind', '已发送会议提醒')],
        notify: tellInvitees(m.invitees, {
          template: 'meeting.reminder',
          title: '会议提醒',
          body: `「${m.title}」${hoursLeft >= 2 ? '明天' : '一小时后'}召开，地点：${m.placeText}`,
          page,
          facts: meetingFacts(m),
        }),
        audit: { event: 'meeting.remind' },
      };
    }
    case 'open':
      return { set: { openedAt: at, remindAt: null, updatedAt: at }, timeline: [line('open', '会议开始，开放签到')], audit: { event: 'meeting.open' } };
    case 'openVote':
      return {
        set: { agenda: m.agenda.map((i) => (i.id === e.itemId ? { ...i, voting: 'open' as const } : i)), updatedAt: at },
        timeline: [line('vote', `开始表决：${m.agenda.find((i) => i.id === e.itemId)?.title ?? ''}`)],
      };
    case 'decide': {
      const item = m.agenda.find((i) => i.id === e.itemId)!;
      return {
        set: {
          agenda: m.agenda.map((i) => (i.id === e.itemId ? { ...i, voting: 'closed' as const, outcome: e.outcome, notes: e.notes, tally: e.tally } : i)),
          updatedAt: at,
        },
        timeline: [line('decide', `${item.title}：${OUTCOME_LABELS[e.outcome]}`)],
        audit: { event: 'meeting.decide', outcome: e.outcome, votes: e.tally?.total ?? 0 },
      };
    }
    case 'close': {
      const deferred = m.agenda.filter((i) => i.outcome === null).length;
      return {
        set: {
          agenda: m.agenda.map((i) => (i.outcome === null ? { ...i, voting: 'closed' as const, outcome: 'deferred' as Outcome } : i)),
          closedAt: at,
          minutesRemindAt: m.minutes ? null : new Date(Date.parse(at) + MINUTES_DUE_HOURS * 3600_000).toISOString(),
          updatedAt: at,
        },
        timeline: [line('close', deferred > 0 ? `会议结束，${deferred} 项未表决的议程暂缓` : '会议结束')],
        audit: { event: 'meeting.close', deferred },
      };
    }
    case 'writeMinutes':
      return {
        set: { minutes: e.text, minutesAt: at, minutesBy: x.by?.id ?? null, minutesRemindAt: null, updatedAt: at },
        timeline: [line('minutes', m.minutes ? '修改了会议纪要' : '填写了会议纪要')],
        audit: { event: 'meeting.minutes', length: e.text.length },
      };
    case 'remindMinutes':
      return {
        set: { minutesReminded: true, minutesRemindAt: null },
        timeline: [line('remindMinutes', `会议结束已满 ${MINUTES_DUE_HOURS} 小时，已提醒召集人填写纪要`)],
        notify: tell(m.convenerId, {
          template: 'meeting.minutesDue',
          title: '请填写会议纪要',
          body: `「${m.title}」结束已满 ${MINUTES_DUE_HOURS} 小时，纪要还未填写`,
          page,
          facts: meetingFacts(m),
        }),
        audit: { event: 'meeting.remindMinutes' },
      };
    case 'archive':
      return { set: { archivedAt: at, updatedAt: at }, timeline: [line('archive', '会议归档')], audit: { event: 'meeting.archive' } };
    case 'publishDecisions': {
      const decided = m.agenda.filter((i) => i.kind === 'decide' && i.outcome !== 'deferred');
      const summary = decided.map((i) => `${i.title}：${OUTCOME_LABELS[i.outcome ?? 'deferred']}`).join('；') || '本次会议无表决事项';
      const gridId = m.path.gridId;
      return {
        set: { decisionsPublishedAt: at, updatedAt: at },
        timeline: [line('publishDecisions', '决议已向网格居民公示')],
        notify: [
          ...tellInvitees(m.invitees, { template: 'meeting.minutes', title: '会议纪要已发布', body: `「${m.title}」的纪要和决议已发布`, page, facts: meetingFacts(m) }),
          ...(gridId
            ? [
                {
                  to: { residentsOf: { gridId } },
                  template: 'council.decision' as const,
                  title: `${m.type}决议公示`,
                  body: summary,
                  facts: { subject: m.title },
                  page: `/packages/councils/decisions/index?gridId=${gridId}`,
                },
              ]
            : [
                {
                  to: { residentsOf: { communityId: m.path.communityId ?? '' } },
                  template: 'council.decision' as const,
                  title: `${m.type}决议公示`,
                  body: summary,
                  facts: { subject: m.title },
                  page: `/packages/councils/decisions/index?communityId=${m.path.communityId ?? ''}`,
                },
              ]),
        ],
        audit: { event: 'meeting.publishDecisions', items: decided.length },
      };
    }
  }
}

export const meetingLifecycle: Lifecycle<MeetingState, MeetingEvent, Meeting, MeetingContext> = {
  name: 'meeting',
  states: MEETING_STATES,
  next: nextMeetingState,
  guard,
  effect,
};
