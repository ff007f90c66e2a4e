import type { z } from 'zod';
import type { Actor as Caller, Decision } from '../../shared/accounts/accounts.policy';
import type { ActionSpec } from '../../shared/api/spec';
import { fail, failSaying, ok, type Result } from '../../shared/api/envelope';
import { overrunOf } from '../../shared/councils/agenda';
import { maySeeMeeting, mayDoMeeting, meetingRelation } from '../../shared/councils/councils.policy';
import type { MeetingAction, MeetingView, SignInOutput } from '../../shared/councils/councils.schema';
import { nextMeetingState, type AgendaItem, type Meeting, type MeetingContext, type MeetingEvent } from '../../shared/councils/meeting.lifecycle';
import type { TopicEvent } from '../../shared/councils/topic.lifecycle';
import type { ErrorCode } from '../../shared/errors';
import { stableHash } from '../../shared/kernel/hash';
import { NOT_ALLOWED_NOW } from '../../shared/kernel/lifecycle';
import { companion, move, type Companion, type Plan, type TimelineActor } from '../_core/mover';
import { defineAction, type ActionContext, type ActionDefinition } from '../_core/pipeline';
import { attendanceId, loadAttendance, loadMeeting, loadMeetingTimeline, MEETINGS, type Attendance, type MeetingDoc, type MeetingEventRecord } from './meeting-store';
import { isOrganiser, quorumNow, toMeetingView } from './meeting-view';

export { isOrganiser, loadTopics } from './meeting-view';
import { TOPICS, type TopicDoc } from './topic-store';

/**
 * The steps every action on one meeting shares: load (the meeting with its timeline and the
 * caller's sign-in, or everyone's, in one round trip) → authorize by the councils policy → move
 * through the meeting lifecycle (with the topics on its agenda as companions) → the caller's view.
 */

/** A meeting an action is about, and what was read beside it. */
export interface MeetingRef {
  meeting: MeetingDoc;
  events: MeetingEventRecord[];
  /** Everyone signed in, when the action needs it (signing in, the quorum). */
  attendance: Attendance[] | null;
  /** The caller's own sign-in, if any. */
  mine: Attendance | null;
}

/** What an action reads beside the meeting: its timeline (for the view it answers), everyone's sign-ins. */
export interface MeetingNeeds {
  timeline?: boolean;
  attendance?: boolean;
}

/** The actions a participant does for themselves; every other action is the organisers' (convener, leaders of the place). */
const PARTICIPANT_ACTIONS: readonly MeetingAction[] = ['signIn', 'vote'];

/**
 * Deny by default. A meeting the caller may not see is "not found" (a private 民事协调会 and a draft
 * exist only for those who may see them). Someone who may see it but is not an organiser is
 * forbidden the organisers' actions. An organiser (or, for signing in and voting, anyone who sees
 * it) whose action the state or an item does not allow now goes on to the lifecycle's table and
 * guards and the action's own checks, which refuse it in their own words (MEETING.NOT_ALLOWED_NOW,
 * MINUTES_REQUIRED, ITEM_DECIDED, NOT_SIGNED_IN, VOTE_NOT_OPEN…): nothing that `allowedActions`
 * leaves out ever succeeds, save a repeated sign-in, which answers `already: true` and writes nothing.
 */
export function authorizeMeeting(action: MeetingAction | 'get', caller: Caller, meeting: Meeting, signedIn: boolean): Decision {
  const r = meetingRelation(caller, meeting, signedIn);
  if (!maySeeMeeting(r, meeting)) return { allow: false, code: 'MEETING.NOT_FOUND' };
  if (action === 'get' || mayDoMeeting(action, r, meeting)) return { allow: true };
  if (!PARTICIPANT_ACTIONS.includes(action) && !isOrganiser(r)) return { allow: false, code: 'COMMON.FORBIDDEN' };
  return { allow: true };
}

type MeetingRun<S extends ActionSpec> = (ctx: ActionContext, input: z.output<S['input']>, caller: Caller, ref: MeetingRef) => Promise<Result<z.output<S['output']>>>;

/** An action on one meeting (`meetingId` in its input), authorized as the policy's `action`. */
export function meetingAction<S extends ActionSpec>(
  spec: S,
  action: MeetingAction | 'get',
  run: MeetingRun<S>,
  needs: MeetingNeeds = {},
): ActionDefinition<z.output<S['input']>, MeetingRef, z.output<S['output']>> {
  return defineAction<S, MeetingRef>(spec, {
    load: async (ctx, input, caller) => {
      const { meetingId } = input as { meetingId: string };
      const store = ctx.ports.store;
      const [meeting, events, attendance, mine] = await Promise.all([
        loadMeeting(store, meetingId),
        needs.timeline === false ? [] : loadMeetingTimeline(store, meetingId),
        needs.attendance ? loadAttendance(store, meetingId) : null,
        needs.attendance ? null : store.get<Attendance>('council_attendance', attendanceId(meetingId, caller.user._id)),
      ]);
      if (!meeting) return fail('MEETING.NOT_FOUND');
      return ok({ meeting, events, attendance, mine: attendance ? (attendance.find((a) => a.userId === caller.user._id) ?? null) : mine });
    },
    authorize: (caller, _input, ref) => authorizeMeeting(action, caller, ref.meeting, ref.mine !== null),
    run,
  });
}

/** The caller as the meeting's timeline names them: `召集人 李建国`, `负责人 陈丽华`, `参会人 王志强`. */
export function timelineActor(caller: Caller, meeting: Meeting): TimelineActor {
  const r = meetingRelation(caller, meeting);
  const role = r.convener ? '召集人' : r.leader ? '负责人' : '参会人';
  return { id: caller.user._id, label: caller.user.name ? `${role} ${caller.user.name}` : role };
}

export type MeetingPlan = Plan<MeetingEvent, MeetingContext>;

export const contextOf = (ctx: ActionContext, caller: Caller): MeetingContext => ({ now: ctx.now, by: { id: caller.user._id, name: caller.user.name } });

export const planOf = (ctx: ActionContext, caller: Caller, events: readonly MeetingEvent[], also: readonly Companion[] = []): MeetingPlan =>
  ok({ events, x: contextOf(ctx, caller), also });

/** MEETING.NOT_ALLOWED_NOW when the table does not allow `event` in the meeting's state (checked before reading what the step needs). */
export const notNow = (m: Pick<Meeting, 'state'>, event: MeetingEvent): Result<never> | null =>
  nextMeetingState(m.state, event) === null ? fail('MEETING.NOT_ALLOWED_NOW') : null;

/** The refusal of a move in the error codes of the contract: the table's "not now" is the meeting's. */
export function refusalOf(refusal: { code: string; field?: string }, notNow: ErrorCode = 'MEETING.NOT_ALLOWED_NOW') {
  return fail(refusal.code === NOT_ALLOWED_NOW ? notNow : (refusal.code as ErrorCode), refusal.field);
}

/**
 * Moves the meeting by `plan` (made again from fresh reads when a companion lost a race) and
 * answers the caller's view of it, built from what was written.
 */
export async function moveMeeting(
  ctx: ActionContext,
  caller: Caller,
  ref: MeetingRef,
  plan: (attempt: number) => Promise<MeetingPlan> | MeetingPlan,
): Promise<Result<{ meeting: MeetingView }>> {
  const moved = await move(ctx, MEETINGS, ref.meeting, timelineActor(caller, ref.meeting), plan);
  if (!moved.ok) {
    if (moved.reason === 'plan') return { ok: false, error: moved.error };
    if (moved.reason === 'refused') return refusalOf(moved.refusal);
    return fail('COMMON.CONFLICT');
  }
  const meeting = moved.doc as MeetingDoc;
  return ok({
    meeting: await toMeetingView(ctx, caller, meeting, {
      events: [...ref.events, ...(moved.lines as MeetingEventRecord[])],
      ...(ref.attendance ? { attendance: ref.attendance } : {}),
    }),
  });
}

/**
 * A topic's move beside the meeting's (scheduled with the agenda, decided with the item…), for the
 * plan's `also`. `notNow`: the answer when the topic is not where the step needs it.
 */
export function topicCompanion(ctx: ActionContext, caller: Caller, meeting: Meeting, topic: TopicDoc, events: readonly TopicEvent[], notNow: ErrorCode): Result<Companion> {
  const made = companion(ctx, TOPICS, topic, timelineActor(caller, meeting), events, { now: ctx.now, by: { id: caller.user._id, name: caller.user.name } });
  return made.ok ? ok(made.companion) : refusalOf(made.refusal, notNow);
}

/** An agenda that runs over the meeting's length: the error says by how many minutes. */
export function overrunError(agenda: readonly Pick<AgendaItem, 'minutes'>[], lengthMinutes: number, field: string): Result<never> | null {
  const over = overrunOf(agenda, lengthMinutes);
  return over > 0 ? failSaying('MEETING.AGENDA_OVERRUN', field, `议程总时长超过会议时长 ${over} 分钟，请缩短议程或延长会议`) : null;
}

/**
 * Signs one person in: `<meetingId>.<userId>` (or `<meetingId>.h<hash of the name>` for someone
 * signed in by hand), inserted once; a second sign-in of the same person answers `already` and
 * writes nothing. Audited with the insert. The quorum answered counts the sign-in just made.
 */
export async function recordSignIn(
  ctx: ActionContext,
  by: Caller,
  ref: MeetingRef,
  person: { userId: string | null; name: string },
  via: Attendance['via'],
): Promise<Result<z.output<typeof SignInOutput>>> {
  const m = ref.meeting;
  const attendance = ref.attendance ?? [];
  const id = person.userId ? attendanceId(m._id, person.userId) : `${m._id}.h${stableHash(person.name)}`;
  const already = (a: Attendance): Result<z.output<typeof SignInOutput>> => ok({ meetingId: m._id, name: a.name, already: true, quorum: quorumNow(m, attendance) });
  const known = attendance.find((a) => a._id === id);
  if (known) return already(known);
  const invitee = person.userId ? m.invitees.find((i) => i.userId === person.userId) : undefined;
  const doc: Attendance = {
    _id: id,
    meetingId: m._id,
    userId: person.userId,
    name: person.name,
    roleLabel: invitee?.roleLabel ?? '列席',
    invited: invitee !== undefined,
    via,
    at: ctx.now,
    by: by.user._id,
  };
  const res = await ctx.transact([{ op: 'insert', collection: 'council_attendance', doc }], { subjectId: m._id, detail: { event: 'meeting.signIn', via, invited: doc.invited } });
  if (!res.ok) {
    // Signed in at the same moment by another tap (or by the leader): once is once.
    if (res.reason === 'duplicate' && res.index === 0) return already(doc);
    return fail('COMMON.CONFLICT');
  }
  return ok({ meetingId: m._id, name: doc.name, already: false, quorum: quorumNow(m, [...attendance, doc]) });
}

/** Signing in happens while the meeting is in session. */
export const notInSession = (m: Pick<Meeting, 'state'>): Result<never> | null => (m.state === 'inSession' ? null : fail('MEETING.NOT_ALLOWED_NOW'));
