import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import { agendaTotal, draftMinutes, OUTCOME_LABELS, quorumOf, tally, type Quorum, type Tally } from '../../shared/councils/agenda';
import { allowedMeetingActions, meetingRelation, type MeetingRelation } from '../../shared/councils/councils.policy';
import type { MeetingView } from '../../shared/councils/councils.schema';
import { MEETING_STATE_LABELS, type Meeting } from '../../shared/councils/meeting.lifecycle';
import { beijingDate, clockText } from '../../shared/kernel/time';
import { breadcrumb } from '../../shared/territory/territory.domain';
import { loadNodes } from '../_core/nodes';
import type { ActionContext } from '../_core/pipeline';
import { loadAttendance, loadBallots, loadMeetingTimeline, loadRolls, type Attendance, type Ballot, type MeetingEventRecord, type Roll } from './meeting-store';
import type { TopicDoc } from './topic-store';

/** The organisers of a meeting: its convener and the leaders of its place. */
export const isOrganiser = (r: Pick<MeetingRelation, 'convener' | 'leader'>): boolean => r.convener || r.leader;

/** The topics of `ids`, read in one call. */
export async function loadTopics(ctx: ActionContext, ids: readonly string[]): Promise<Map<string, TopicDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const topics = await ctx.ports.store.find<TopicDoc>('topics', { _id: { $in: unique } }, { limit: unique.length });
  return new Map(topics.map((t) => [t._id, t]));
}

/** What the view may be given instead of reading it again. */
export interface MeetingViewOptions {
  /** The timeline (read beside the meeting, plus the lines just written); read again when `timeline` asks and none is given. */
  events?: readonly MeetingEventRecord[];
  timeline?: boolean;
  attendance?: readonly Attendance[];
  ballots?: readonly Ballot[];
}

/** The meeting's place in words: `幸福里社区 › 幸福里第一网格`. */
export async function placeLabels(ctx: ActionContext, meetings: readonly Pick<Meeting, 'path'>[]): Promise<(m: Pick<Meeting, 'path'>) => string> {
  const nodes = await loadNodes(
    ctx.ports.store,
    meetings.flatMap((m) => Object.values(m.path).filter((x): x is string => Boolean(x))),
  );
  return (m) => breadcrumb(m.path, nodes).slice(1).join(' › ');
}

/** `2026年11月25日 14:00`, Beijing time. */
export function whenText(instant: string): string {
  const [y, mo, d] = beijingDate(instant).split('-');
  return `${y}年${Number(mo)}月${Number(d)}日 ${clockText(instant)}`;
}

/** The quorum: invitees who signed in, against the meeting's rule. */
export function quorumNow(m: Pick<Meeting, 'invitees' | 'quorumShare'>, attendance: readonly Pick<Attendance, 'userId'>[]): Quorum {
  const invited = new Set(m.invitees.map((i) => i.userId));
  const present = new Set(attendance.filter((a) => a.userId !== null && invited.has(a.userId)).map((a) => a.userId));
  return quorumOf(invited.size, present.size, { share: m.quorumShare });
}

/**
 * What the caller sees of a meeting. Everyone who may see it sees the agenda with live tallies and
 * the quorum; only its organisers and invitees see who was invited and who signed in; only its
 * organisers see the minutes' first draft (while none are written). An anonymous ballot's voter is
 * never known: the caller learns that they voted from the roll, never what.
 */
export async function toMeetingView(ctx: ActionContext, caller: Caller, m: Meeting, options: MeetingViewOptions = {}): Promise<MeetingView> {
  const me = caller.user._id;
  const voting = m.agenda.some((i) => i.voting !== 'none');
  const [attendance, ballots, rolls, events, placeOf] = await Promise.all([
    options.attendance ?? loadAttendance(ctx.ports.store, m._id),
    options.ballots ?? (voting ? loadBallots(ctx.ports.store, m._id) : []),
    m.anonymous && voting ? loadRolls(ctx.ports.store, m._id) : ([] as Roll[]),
    options.events ?? (options.timeline ? loadMeetingTimeline(ctx.ports.store, m._id) : null),
    placeLabels(ctx, [m]),
  ]);
  const signedIn = attendance.some((a) => a.userId === me);
  const r = meetingRelation(caller, m, signedIn);
  const organiser = isOrganiser(r);
  const seesPeople = organiser || r.invited;
  const quorum = quorumNow(m, attendance);

  const liveTally = (itemId: string): Tally => tally(ballots.filter((b) => b.itemId === itemId));
  const agenda = m.agenda.map((item) => {
    const t = item.voting === 'closed' && item.tally ? item.tally : liveTally(item.id);
    const mineBallot = m.anonymous ? undefined : ballots.find((b) => b.itemId === item.id && b.voterId === me);
    const voted = m.anonymous ? rolls.some((x) => x.itemId === item.id && x.userId === me) : mineBallot !== undefined;
    return {
      id: item.id,
      topicId: item.topicId,
      title: item.title,
      presenterName: item.presenterName,
      minutes: item.minutes,
      kind: item.kind,
      voting: item.voting,
      outcome: item.outcome,
      outcomeLabel: item.outcome ? OUTCOME_LABELS[item.outcome] : null,
      notes: item.notes,
      tally: t,
      myChoice: mineBallot?.choice ?? null,
      voted,
    };
  });

  const present = new Set(attendance.map((a) => a.userId).filter((x): x is string => x !== null));
  const attendees = attendance.map((a) => ({ name: a.name, roleLabel: a.roleLabel, invited: a.invited, via: a.via, at: a.at }));
  const minutesDraft = organiser && !m.minutes && (m.state === 'inSession' || m.state === 'closed') ? await draftOf(ctx, m, attendees, quorum, liveTally) : null;

  return {
    id: m._id,
    type: m.type,
    title: m.title,
    state: m.state,
    stateLabel: MEETING_STATE_LABELS[m.state],
    level: m.level,
    nodeId: m.nodeId,
    placeLabel: placeOf(m),
    stationId: m.stationId,
    placeText: m.placeText,
    startAt: m.startAt,
    lengthMinutes: m.lengthMinutes,
    private: m.private,
    anonymous: m.anonymous,
    convenerName: m.convenerName,
    mine: r.convener,
    invited: r.invited,
    signedIn,
    inviteRoles: [...m.inviteRoles],
    invitees: seesPeople ? m.invitees.map((i) => ({ userId: i.userId, name: i.name, roleLabel: i.roleLabel, via: i.via, present: present.has(i.userId) })) : [],
    agenda,
    agendaTotal: agendaTotal(m.agenda),
    quorum,
    attendees: seesPeople ? attendees : [],
    minutes: m.minutes,
    minutesDraft,
    minutesAt: m.minutesAt,
    cancelReason: m.cancelReason,
    decisionsPublishedAt: m.decisionsPublishedAt,
    allowedActions: allowedMeetingActions(r, m),
    ...(events ? { timeline: events.map((e) => ({ at: e.at, actor: e.actorLabel, kind: e.kind, text: e.text })) } : {}),
  };
}

/** The minutes' first draft: attendance, each item with its vote, outcome and the actions its topic took on. */
async function draftOf(
  ctx: ActionContext,
  m: Meeting,
  attendees: readonly { name: string; roleLabel: string; invited: boolean }[],
  quorum: Quorum,
  liveTally: (itemId: string) => Tally,
): Promise<string> {
  const topics = await loadTopics(
    ctx,
    m.agenda.map((i) => i.topicId),
  );
  return draftMinutes({
    title: m.title,
    typeLabel: m.type,
    startAt: m.startAt,
    placeText: m.placeText,
    convenerName: m.convenerName,
    attendees,
    invitedCount: m.invitees.length,
    quorum,
    items: m.agenda.map((item) => ({
      title: item.title,
      presenterName: item.presenterName,
      tally: item.tally ?? (item.voting === 'none' ? null : liveTally(item.id)),
      outcome: item.outcome,
      notes: item.notes,
      actions: (topics.get(item.topicId)?.decision?.meetingId === m._id ? (topics.get(item.topicId)?.actions ?? []) : []).map((a) => ({
        text: a.text,
        ownerName: a.ownerName,
        deadline: a.deadline,
        budget: a.budget,
      })),
    })),
    whenText: whenText(m.startAt),
  });
}
