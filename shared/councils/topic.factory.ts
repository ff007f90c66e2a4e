import { stableHash } from '../kernel/hash';
import { beijingMonth } from '../kernel/time';
import type { Category } from '../orders/categories';
import type { PlacePath } from '../territory/territory.schema';
import { DEFAULT_QUORUM } from './agenda';
import type { Meeting } from './meeting.lifecycle';
import { MEETING_TYPE_RULES, type InvitableRole, type MeetingType } from './meeting.types';
import { DEFAULT_SUPPORT_THRESHOLD, type Topic, type TopicAction, type TopicSource } from './topic.lifecycle';

/**
 * The councils domain makes its own documents: topics (from a resident, a leader, or an order that
 * became a dispute) and meetings. Ids come from what makes a repeated request the same one.
 */

/** One topic per author and client key: a proposal sent twice is the same topic. */
export const topicIdOf = (authorId: string, clientKey: string): string => `top_${stableHash(`${authorId}:${clientKey}`)}`;

/**
 * One meeting per convener and client key. Short (12 characters), so its sign-in code with the
 * minute fits a mini-program code's scene (`m:<id>:<minute>`, at most 20 characters before the signature).
 */
export const meetingIdOf = (convenerId: string, clientKey: string): string => `mt${stableHash(`${convenerId}:${clientKey}`).slice(0, 10)}`;

export interface NewTopicInput {
  authorId: string;
  clientKey: string;
  title: string;
  description: string;
  photos: string[];
  source: Exclude<TopicSource, 'order'>;
  path: PlacePath;
  meetingType: MeetingType | null;
  threshold: number;
  now: string;
}

/** A resident's proposal (proposed, gathering support), or a leader's own topic (adopted at once). */
export function newTopic(i: NewTopicInput): Topic {
  const byLeader = i.source === 'leader';
  return {
    _id: topicIdOf(i.authorId, i.clientKey),
    version: 1,
    title: i.title,
    description: i.description,
    photos: i.photos,
    source: i.source,
    sourceOrderId: null,
    meetingType: i.meetingType,
    private: i.meetingType ? MEETING_TYPE_RULES[i.meetingType].private : false,
    path: i.path,
    state: byLeader ? 'adopted' : 'proposed',
    proposerId: byLeader ? null : i.authorId,
    createdBy: i.authorId,
    createdAt: i.now,
    updatedAt: i.now,
    supporters: [],
    supportCount: 0,
    threshold: i.threshold,
    adoptedAt: byLeader ? i.now : null,
    adoptedBy: byLeader ? i.authorId : null,
    answer: null,
    mergedInto: null,
    meetingId: null,
    decision: null,
    actions: [],
    doneAt: null,
    raters: [],
    ratingCount: 0,
    ratingSum: 0,
    reviewedIn: null,
  };
}

/** The first timeline line of a new topic, in the words of who raised it. */
export const raisedLine = (t: Pick<Topic, 'source'>) => ({
  kind: 'proposed',
  text: t.source === 'leader' ? '网格长提出议题' : t.source === 'order' ? '由居民诉求转为议题' : '居民提出议题',
});

/**
 * A dispute (an order a leader turned into a topic) for a 民事协调会: private, at the order's
 * place, adopted by the leader who turned it; the order's poster is the one who raised it. One
 * topic per order.
 */
export function topicFromOrder(order: { _id: string; posterId: string; description: string; place: { path: PlacePath } }, title: string, by: string, now: string): Topic {
  return {
    ...newTopic({
      authorId: by,
      clientKey: order._id,
      title,
      description: order.description,
      photos: [],
      source: 'leader',
      path: order.place.path,
      meetingType: '民事协调会',
      threshold: DEFAULT_SUPPORT_THRESHOLD,
      now,
    }),
    _id: `top_${order._id.slice(4)}`,
    source: 'order',
    sourceOrderId: order._id,
    proposerId: order.posterId,
  };
}

/** A new action item; its id is its place among the topic's actions (`a1`, `a2`…). */
export function newAction(
  t: Pick<Topic, 'actions'>,
  a: { text: string; ownerName: string; ownerId?: string; deadline: string; budget: number; category: Category },
  now: string,
  offset = 0,
): TopicAction {
  return {
    id: `a${t.actions.length + 1 + offset}`,
    text: a.text,
    ownerId: a.ownerId ?? null,
    ownerName: a.ownerName,
    deadline: a.deadline,
    budget: a.budget,
    category: a.category,
    orderId: null,
    doneAt: null,
    doneNote: null,
    createdAt: now,
  };
}

export interface NewMeetingInput {
  convener: { id: string; name: string };
  clientKey: string;
  type: MeetingType;
  title: string;
  node: { _id: string; kind: 'grid' | 'community'; path: PlacePath };
  stationId: string | null;
  placeText: string;
  startAt: string;
  lengthMinutes: number;
  inviteRoles: InvitableRole[];
  inviteeIds: string[];
  now: string;
}

/** A draft meeting: private and anonymous as its type asks. */
export function newMeeting(i: NewMeetingInput): Meeting {
  const rule = MEETING_TYPE_RULES[i.type];
  return {
    _id: meetingIdOf(i.convener.id, i.clientKey),
    version: 1,
    clientKey: i.clientKey,
    type: i.type,
    title: i.title,
    level: i.node.kind,
    nodeId: i.node._id,
    path: i.node.path,
    stationId: i.stationId,
    placeText: i.placeText,
    startAt: new Date(Date.parse(i.startAt)).toISOString(),
    lengthMinutes: i.lengthMinutes,
    month: beijingMonth(i.startAt),
    private: rule.private,
    anonymous: rule.anonymous,
    quorumShare: (rule.quorum ?? DEFAULT_QUORUM).share,
    state: 'draft',
    convenerId: i.convener.id,
    convenerName: i.convener.name,
    createdAt: i.now,
    updatedAt: i.now,
    inviteRoles: i.inviteRoles,
    inviteeIds: i.inviteeIds,
    invitees: [],
    agenda: [],
    nextItem: 1,
    publishedAt: null,
    openedAt: null,
    closedAt: null,
    archivedAt: null,
    cancelledAt: null,
    cancelReason: null,
    remindAt: null,
    minutes: null,
    minutesAt: null,
    minutesBy: null,
    minutesRemindAt: null,
    minutesReminded: false,
    decisionsPublishedAt: null,
  };
}
