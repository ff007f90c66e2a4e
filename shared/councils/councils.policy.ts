import { holdsOver, type Actor } from '../accounts/accounts.policy';
import { GRANTED_ROLES, LEADER_ROLES } from '../accounts/roles';
import { isCommunityLevel } from '../territory/territory.domain';
import type { MeetingAction, TopicAction } from './councils.schema';
import { nextMeetingState, type Meeting, type MeetingEvent } from './meeting.lifecycle';
import { isRaiser, nextTopicState, type Topic, type TopicEvent } from './topic.lifecycle';

/**
 * Who may do what with topics and meetings. Deny by default: every action names the relations that
 * allow it, and the lifecycle table must allow it in the subject's state. The server sends the
 * result as `allowedActions`; the handlers authorize with the same functions.
 */

// ---- topics ---------------------------------------------------------------------------------------

/** How the caller stands to a topic. */
export interface TopicRelation {
  /** A grid leader, community or street admin whose place contains the topic's. */
  leader: boolean;
  /** Lives in the topic's grid. */
  resident: boolean;
  /** Holds any role in the topic's grid (volunteer, 网格员, 联络人, 民警). */
  member: boolean;
  /** Raised it (proposer) or supported it. */
  raiser: boolean;
  proposer: boolean;
  supporter: boolean;
  author: boolean;
  rated: boolean;
}

export function topicRelation(actor: Actor, t: Pick<Topic, 'path' | 'proposerId' | 'supporters' | 'createdBy' | 'raters'>): TopicRelation {
  const me = actor.user._id;
  const gridId = t.path.gridId;
  return {
    leader: holdsOver(actor, LEADER_ROLES, t.path),
    resident: Boolean(gridId) && actor.user.home?.path.gridId === gridId,
    member: holdsOver(actor, GRANTED_ROLES, t.path),
    raiser: isRaiser(t, me),
    proposer: t.proposerId === me,
    supporter: t.supporters.includes(me),
    author: t.createdBy === me,
    rated: t.raters.includes(me),
  };
}

/** Who sees a topic: leaders of its place; for a private one (a dispute) also who raised it; otherwise its grid. */
export function maySeeTopic(r: TopicRelation, t: Pick<Topic, 'private'>): boolean {
  if (r.leader || r.raiser || r.author) return true;
  return !t.private && (r.resident || r.member);
}

/** A sample event of each action, for the table (the table reads only the type, and `decide`'s outcome). */
const TOPIC_SAMPLE: Record<TopicAction, TopicEvent> = {
  support: { type: 'support', userId: '' },
  adopt: { type: 'adopt' },
  decline: { type: 'decline', answer: '' },
  merge: { type: 'merge', into: { _id: '', title: '', version: 0, proposerId: null, supporters: [] } },
  addAction: { type: 'addAction', action: null as never },
  spawnOrder: { type: 'spawnOrder', actionId: '', orderId: '' },
  completeAction: { type: 'completeAction', actionId: '', note: '' },
  finish: { type: 'finish' },
  rate: { type: 'rate', userId: '', score: 5, comment: '' },
};

function topicRelationAllows(action: TopicAction, r: TopicRelation, t: Pick<Topic, 'private' | 'actions'>): boolean {
  switch (action) {
    case 'support':
      return !t.private && r.resident && !r.proposer && !r.supporter;
    case 'adopt':
    case 'decline':
    case 'merge':
    case 'addAction':
      return r.leader;
    case 'spawnOrder':
      return r.leader && t.actions.some((a) => a.orderId === null && a.doneAt === null);
    case 'completeAction':
      return r.leader && t.actions.some((a) => a.doneAt === null);
    case 'finish':
      return r.leader && t.actions.every((a) => a.doneAt !== null);
    case 'rate':
      return r.raiser && !r.rated;
    default:
      return false;
  }
}

export function mayDoTopic(action: TopicAction, r: TopicRelation, t: Pick<Topic, 'state' | 'private' | 'actions'>): boolean {
  return maySeeTopic(r, t) && topicRelationAllows(action, r, t) && nextTopicState(t.state, TOPIC_SAMPLE[action]) !== null;
}

export const allowedTopicActions = (r: TopicRelation, t: Pick<Topic, 'state' | 'private' | 'actions'>): TopicAction[] =>
  (Object.keys(TOPIC_SAMPLE) as TopicAction[]).filter((a) => mayDoTopic(a, r, t));

// ---- meetings -------------------------------------------------------------------------------------

export interface MeetingRelation {
  leader: boolean;
  convener: boolean;
  invited: boolean;
  resident: boolean;
  member: boolean;
  signedIn: boolean;
}

/** Lives in the meeting's place: its grid, or its community. */
function livesIn(actor: Actor, m: Pick<Meeting, 'level' | 'path'>): boolean {
  const home = actor.user.home?.path;
  if (!home) return false;
  return m.level === 'grid' ? Boolean(m.path.gridId) && home.gridId === m.path.gridId : Boolean(m.path.communityId) && home.communityId === m.path.communityId;
}

export function meetingRelation(actor: Actor, m: Pick<Meeting, 'level' | 'path' | 'convenerId' | 'invitees' | 'inviteeIds'>, signedIn = false): MeetingRelation {
  const me = actor.user._id;
  return {
    leader: holdsOver(actor, LEADER_ROLES, m.path),
    convener: m.convenerId === me,
    invited: m.invitees.some((i) => i.userId === me) || m.inviteeIds.includes(me),
    resident: livesIn(actor, m),
    member: holdsOver(actor, GRANTED_ROLES, m.path),
    signedIn,
  };
}

/**
 * Who sees a meeting. A draft: its convener and the leaders of its place. A private meeting (民事协调会):
 * also its invitees. Any other: also the residents and role holders of its place.
 */
export function maySeeMeeting(r: MeetingRelation, m: Pick<Meeting, 'state' | 'private'>): boolean {
  if (r.leader || r.convener) return true;
  if (m.state === 'draft') return false;
  if (r.invited) return true;
  return !m.private && (r.resident || r.member);
}

const MEETING_SAMPLE: Record<MeetingAction, MeetingEvent | 'signIn' | 'vote' | 'screenCode'> = {
  edit: { type: 'edit', patch: {} },
  addItem: { type: 'setAgenda', agenda: [], nextItem: 0, change: '' },
  removeItem: { type: 'setAgenda', agenda: [], nextItem: 0, change: '' },
  moveItem: { type: 'setAgenda', agenda: [], nextItem: 0, change: '' },
  takeDoneTopics: { type: 'setAgenda', agenda: [], nextItem: 0, change: '' },
  publish: { type: 'publish', invitees: [] },
  cancel: { type: 'cancel', reason: '' },
  open: { type: 'open' },
  screenCode: 'screenCode',
  signIn: 'signIn',
  signInFor: 'signIn',
  openVote: { type: 'openVote', itemId: '' },
  vote: 'vote',
  decide: { type: 'decide', itemId: '', outcome: 'adopted', notes: '', tally: null },
  close: { type: 'close' },
  writeMinutes: { type: 'writeMinutes', text: '' },
  archive: { type: 'archive' },
  publishDecisions: { type: 'publishDecisions' },
};

/** The organisers: the convener and the leaders of the place. */
const organiser = (r: MeetingRelation) => r.convener || r.leader;

function meetingStateAllows(action: MeetingAction, m: Pick<Meeting, 'state'>): boolean {
  const sample = MEETING_SAMPLE[action];
  if (sample === 'signIn' || sample === 'vote') return m.state === 'inSession';
  if (sample === 'screenCode') return m.state === 'published' || m.state === 'inSession';
  return nextMeetingState(m.state, sample) !== null;
}

function meetingRelationAllows(action: MeetingAction, r: MeetingRelation, m: Pick<Meeting, 'type' | 'agenda' | 'minutes' | 'decisionsPublishedAt'>): boolean {
  switch (action) {
    case 'signIn':
      return !r.signedIn;
    case 'vote':
      // The participants vote: the invited and the convener, once signed in. Others who signed in
      // attend (列席) and are counted as present, not as voters.
      return r.signedIn && (r.invited || r.convener) && m.agenda.some((i) => i.voting === 'open');
    case 'takeDoneTopics':
      return organiser(r) && m.type === '民主评议会';
    case 'openVote':
      return organiser(r) && m.agenda.some((i) => i.outcome === null && i.voting !== 'open');
    case 'decide':
      return organiser(r) && m.agenda.some((i) => i.outcome === null);
    case 'removeItem':
    case 'moveItem':
      return organiser(r) && m.agenda.length > 0;
    case 'archive':
      return organiser(r) && Boolean(m.minutes);
    case 'publishDecisions':
      return organiser(r) && Boolean(m.minutes) && !m.decisionsPublishedAt;
    default:
      return organiser(r);
  }
}

export function mayDoMeeting(action: MeetingAction, r: MeetingRelation, m: Pick<Meeting, 'state' | 'private' | 'type' | 'agenda' | 'minutes' | 'decisionsPublishedAt'>): boolean {
  return maySeeMeeting(r, m) && meetingRelationAllows(action, r, m) && meetingStateAllows(action, m);
}

export const allowedMeetingActions = (r: MeetingRelation, m: Pick<Meeting, 'state' | 'private' | 'type' | 'agenda' | 'minutes' | 'decisionsPublishedAt'>): MeetingAction[] =>
  (Object.keys(MEETING_SAMPLE) as MeetingAction[]).filter((a) => mayDoMeeting(a, r, m));

/** Who may convene at a place: the grid leader for a grid, a community admin for a community or settlement (or a grid of it), a street admin. */
export const mayConvene = (actor: Actor, node: { kind: string; path: Meeting['path'] }): boolean =>
  (node.kind === 'grid' || isCommunityLevel(node.kind)) && holdsOver(actor, node.kind === 'grid' ? LEADER_ROLES : ['communityAdmin', 'streetAdmin'], node.path);

/** Who sets a grid's support threshold: the community (or street) above it. */
export const maySetThreshold = (actor: Actor, grid: { path: Meeting['path'] }): boolean => holdsOver(actor, ['communityAdmin', 'streetAdmin'], grid.path);

/** Who reads the council measures of a place: its leaders. */
export const mayReadMeasures = (actor: Actor, node: { path: Meeting['path'] }): boolean => holdsOver(actor, LEADER_ROLES, node.path);
