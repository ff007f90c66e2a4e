import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { CATEGORIES } from '../orders/categories';
import { ClientKey, FileId, text } from '../api/fields';
import { CHOICES, ITEM_MINUTES, MEETING_MINUTES, OUTCOMES } from './agenda';
import { MEETING_STATES } from './meeting.lifecycle';
import { INVITABLE_ROLES, MEETING_TYPES } from './meeting.types';
import { TOPIC_SOURCES, TOPIC_STATES, TOPIC_WAY } from './topic.lifecycle';

/**
 * The councils' (议事) inputs, outputs and views. Every action on a topic or a meeting answers the
 * caller's view of it, with the `allowedActions` the page renders its buttons from.
 */

// ---- actions the server may allow -----------------------------------------------------------------

export const TOPIC_ACTIONS = ['support', 'adopt', 'decline', 'merge', 'addAction', 'spawnOrder', 'completeAction', 'finish', 'rate'] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

export const MEETING_ACTIONS = [
  'edit',
  'addItem',
  'removeItem',
  'moveItem',
  'takeDoneTopics',
  'publish',
  'cancel',
  'open',
  'screenCode',
  'signIn',
  'signInFor',
  'openVote',
  'vote',
  'decide',
  'close',
  'writeMinutes',
  'archive',
  'publishDecisions',
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

// ---- inputs -----------------------------------------------------------------------------------

const Paging = { offset: z.number().int().min(0).max(10_000).default(0), limit: z.number().int().min(1).max(50).default(20) };
/** An instant with its offset, as the pages send it (`2026-12-10T14:30:00+08:00`). */
const Instant = z.iso.datetime({ offset: true, message: '时间格式不对' });
/** A Beijing calendar date. */
const DateText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 2026-12-31');

export const TopicRef = z.object({ topicId: Id }).strict();
export const MeetingRef = z.object({ meetingId: Id }).strict();

export const ProposeTopicInput = z
  .object({
    clientKey: ClientKey,
    title: text(4, 40, '议题标题'),
    description: text(10, 1000, '情况说明'),
    photos: z.array(FileId).max(9, '最多 9 张照片').default([]),
    /** The grid it is about; defaults to the proposer's home grid. */
    gridId: Id.optional(),
  })
  .strict();

/** A leader's own topic: adopted at once. */
export const RaiseTopicInput = z
  .object({
    clientKey: ClientKey,
    title: text(4, 40, '议题标题'),
    description: text(10, 1000, '情况说明'),
    photos: z.array(FileId).max(9, '最多 9 张照片').default([]),
    gridId: Id,
    meetingType: z.enum(MEETING_TYPES).optional(),
  })
  .strict();

export const DeclineTopicInput = z.object({ topicId: Id, answer: text(4, 300, '答复') }).strict();
export const MergeTopicInput = z.object({ topicId: Id, intoId: Id }).strict();

const Budget = z.number().int('预算请填整数（元）').min(0, '预算不能是负数').max(10_000_000, '预算太大了');
export const NewActionItem = z
  .object({
    text: text(4, 100, '行动内容'),
    ownerName: text(1, 20, '负责人'),
    ownerId: Id.optional(),
    deadline: DateText,
    budget: Budget.default(0),
    category: z.enum(CATEGORIES).default('公共设施'),
  })
  .strict();
export const AddActionInput = z.object({ topicId: Id, action: NewActionItem }).strict();
export const ActionRef = z
  .object({
    topicId: Id,
    actionId: z.string().regex(/^a\d{1,3}$/, '行动编号格式不对'),
  })
  .strict();
export const SpawnOrderInput = ActionRef.extend({
  /** Where the work is, when the topic is not about one building. */
  buildingId: Id.optional(),
}).strict();
export const CompleteActionInput = ActionRef.extend({ note: z.string().trim().max(200, '说明最多 200 字').default('') }).strict();
export const RateTopicInput = z
  .object({
    topicId: Id,
    score: z.number().int('请选择 1 到 5 颗星').min(1, '请选择 1 到 5 颗星').max(5, '请选择 1 到 5 颗星'),
    comment: z.string().trim().max(300, '评价最多 300 字').default(''),
  })
  .strict();

export const TOPIC_FILTERS = ['open', 'adopted', 'decided', 'done', 'closed', 'all'] as const;
export const ListTopicsInput = z
  .object({
    /** A grid (or the caller's home grid when left out). */
    gridId: Id.optional(),
    filter: z.enum(TOPIC_FILTERS).default('all'),
    /** Topics the caller raised or supported, wherever they are. */
    mine: z.boolean().default(false),
    ...Paging,
  })
  .strict();

export const SetThresholdInput = z.object({ gridId: Id, threshold: z.number().int('请填整数').min(1, '至少 1 人').max(100, '最多 100 人') }).strict();

export const CreateMeetingInput = z
  .object({
    clientKey: ClientKey,
    type: z.enum(MEETING_TYPES),
    title: text(4, 40, '会议名称'),
    /** The grid (or community) it is convened for. */
    nodeId: Id,
    stationId: Id.optional(),
    placeText: text(2, 60, '会议地点'),
    startAt: Instant,
    lengthMinutes: z
      .number()
      .int()
      .min(MEETING_MINUTES.min, `会议至少 ${MEETING_MINUTES.min} 分钟`)
      .max(MEETING_MINUTES.max, `会议最长 ${MEETING_MINUTES.max / 60} 小时`),
    inviteRoles: z.array(z.enum(INVITABLE_ROLES)).max(INVITABLE_ROLES.length).default([]),
    inviteeIds: z.array(Id).max(50, '最多点名邀请 50 人').default([]),
  })
  .strict();

export const EditMeetingInput = z
  .object({
    meetingId: Id,
    title: text(4, 40, '会议名称').optional(),
    stationId: Id.nullable().optional(),
    placeText: text(2, 60, '会议地点').optional(),
    startAt: Instant.optional(),
    lengthMinutes: z
      .number()
      .int()
      .min(MEETING_MINUTES.min, `会议至少 ${MEETING_MINUTES.min} 分钟`)
      .max(MEETING_MINUTES.max, `会议最长 ${MEETING_MINUTES.max / 60} 小时`)
      .optional(),
    inviteRoles: z.array(z.enum(INVITABLE_ROLES)).max(INVITABLE_ROLES.length).optional(),
    inviteeIds: z.array(Id).max(50, '最多点名邀请 50 人').optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 1, { message: '没有要修改的内容' });

const Minutes = z.number().int('请填整数分钟').min(ITEM_MINUTES.min, `每项至少 ${ITEM_MINUTES.min} 分钟`).max(ITEM_MINUTES.max, `每项最多 ${ITEM_MINUTES.max} 分钟`);
export const AddItemInput = z
  .object({
    meetingId: Id,
    topicId: Id,
    presenterName: text(1, 20, '汇报人'),
    presenterId: Id.optional(),
    minutes: Minutes,
  })
  .strict();
const ItemId = z.string().regex(/^i\d{1,3}$/, '议程编号格式不对');
export const ItemRef = z.object({ meetingId: Id, itemId: ItemId }).strict();
export const MoveItemInput = z.object({ meetingId: Id, itemId: ItemId, direction: z.enum(['up', 'down']) }).strict();
export const CancelMeetingInput = z.object({ meetingId: Id, reason: text(2, 200, '取消原因') }).strict();

export const SignInInput = z
  .object({
    meetingId: Id,
    /** The scene of the meeting's code on the station screen, as the scan read it. */
    scene: z.string().trim().min(4).max(64),
  })
  .strict();
/** A leader signs someone in: by scanning their personal code, by picking an invitee, or by name (no phone). */
export const SignInForInput = z
  .object({
    meetingId: Id,
    scene: z.string().trim().min(4).max(64).optional(),
    userId: Id.optional(),
    name: text(1, 20, '姓名').optional(),
  })
  .strict()
  .refine((v) => [v.scene, v.userId, v.name].filter((x) => x !== undefined).length === 1, { message: '请扫码、选择参会人或填写姓名（三选一）', path: ['name'] });

export const VoteInput = z.object({ meetingId: Id, itemId: ItemId, choice: z.enum(CHOICES) }).strict();
export const DecideInput = z
  .object({
    meetingId: Id,
    itemId: ItemId,
    outcome: z.enum(OUTCOMES),
    notes: z.string().trim().max(500, '说明最多 500 字').default(''),
    actions: z.array(NewActionItem).max(10, '每项最多 10 个行动').default([]),
  })
  .strict();
export const MinutesInput = z.object({ meetingId: Id, text: text(20, 10_000, '会议纪要') }).strict();

export const MEETING_LISTS = ['mine', 'place'] as const;
export const ListMeetingsInput = z
  .object({
    /** `mine`: meetings I convene or am invited to; `place`: the meetings of a grid or community I may see. */
    view: z.enum(MEETING_LISTS).default('mine'),
    nodeId: Id.optional(),
    ...Paging,
  })
  .strict();

export const DecisionsInput = z.object({ gridId: Id.optional(), ...Paging }).strict();

export const MeasuresInput = z
  .object({
    nodeId: Id,
    from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11'),
    to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11'),
  })
  .strict()
  .refine((v) => v.from <= v.to, { message: '开始月份不能晚于结束月份', path: ['from'] });

// ---- outputs ----------------------------------------------------------------------------------

export const Line = z.object({ at: z.string(), actor: z.string(), kind: z.string(), text: z.string() });
export const TallyView = z.object({ agree: z.number().int(), oppose: z.number().int(), abstain: z.number().int(), total: z.number().int() });

export const ActionItemView = z.object({
  id: z.string(),
  text: z.string(),
  ownerName: z.string(),
  deadline: z.string(),
  budget: z.number(),
  category: z.enum(CATEGORIES),
  orderId: z.string().nullable(),
  /** The work order's progress, as the order shows it (已派单, 处理中, 已办结…). */
  orderStateLabel: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const TopicView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  photos: z.array(z.object({ fileId: z.string(), url: z.string() })),
  source: z.enum(TOPIC_SOURCES),
  sourceOrderId: z.string().nullable(),
  state: z.enum(TOPIC_STATES),
  stateLabel: z.string(),
  private: z.boolean(),
  gridId: z.string().nullable(),
  placeLabel: z.string(),
  proposerName: z.string().nullable(),
  mine: z.boolean(),
  supportCount: z.number().int(),
  threshold: z.number().int(),
  supportedByMe: z.boolean(),
  answer: z.string().nullable(),
  mergedInto: z.string().nullable(),
  meeting: z.object({ id: z.string(), title: z.string(), startAt: z.string() }).nullable(),
  decision: z.object({ outcome: z.enum(OUTCOMES), outcomeLabel: z.string(), notes: z.string(), tally: TallyView.nullable(), at: z.string() }).nullable(),
  actions: z.array(ActionItemView),
  way: z.array(z.object({ stage: z.enum(TOPIC_WAY), label: z.string(), reached: z.boolean() })),
  rating: z.object({ count: z.number().int(), average: z.number() }).nullable(),
  myRating: z.number().int().nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(TOPIC_ACTIONS)),
  timeline: z.array(Line).optional(),
});
export type TopicView = z.infer<typeof TopicView>;

export const TopicOutput = z.object({ topic: TopicView });
export const ListTopicsOutput = z.object({ topics: z.array(TopicView), total: z.number().int(), offset: z.number().int(), limit: z.number().int(), threshold: z.number().int() });
export const SetThresholdOutput = z.object({ gridId: z.string(), threshold: z.number().int() });

export const AgendaItemView = z.object({
  id: z.string(),
  topicId: z.string(),
  title: z.string(),
  presenterName: z.string(),
  minutes: z.number().int(),
  kind: z.enum(['decide', 'review']),
  voting: z.enum(['none', 'open', 'closed']),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  notes: z.string(),
  /** Live while voting, final once decided. */
  tally: TallyView,
  myChoice: z.enum(CHOICES).nullable(),
  /** I voted (anonymous ballots: the roll says so, not the choice). */
  voted: z.boolean(),
});

export const AttendeeView = z.object({ name: z.string(), roleLabel: z.string(), invited: z.boolean(), via: z.enum(['code', 'scan', 'hand', 'pick']), at: z.string() });

export const MeetingView = z.object({
  id: z.string(),
  type: z.enum(MEETING_TYPES),
  title: z.string(),
  state: z.enum(MEETING_STATES),
  stateLabel: z.string(),
  level: z.enum(['grid', 'community']),
  nodeId: z.string(),
  placeLabel: z.string(),
  stationId: z.string().nullable(),
  placeText: z.string(),
  startAt: z.string(),
  lengthMinutes: z.number().int(),
  private: z.boolean(),
  anonymous: z.boolean(),
  convenerName: z.string(),
  mine: z.boolean(),
  invited: z.boolean(),
  signedIn: z.boolean(),
  inviteRoles: z.array(z.enum(INVITABLE_ROLES)),
  invitees: z.array(z.object({ userId: z.string(), name: z.string(), roleLabel: z.string(), via: z.enum(['role', 'name', 'proposer']), present: z.boolean() })),
  agenda: z.array(AgendaItemView),
  agendaTotal: z.number().int(),
  quorum: z.object({ invited: z.number().int(), present: z.number().int(), needed: z.number().int(), reached: z.boolean() }),
  attendees: z.array(AttendeeView),
  minutes: z.string().nullable(),
  /** The minutes' first draft (attendance, items, votes, outcomes) while none are written. */
  minutesDraft: z.string().nullable(),
  minutesAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  decisionsPublishedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(MEETING_ACTIONS)),
  timeline: z.array(Line).optional(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingSummary = z.object({
  id: z.string(),
  type: z.enum(MEETING_TYPES),
  title: z.string(),
  state: z.enum(MEETING_STATES),
  stateLabel: z.string(),
  placeLabel: z.string(),
  placeText: z.string(),
  startAt: z.string(),
  lengthMinutes: z.number().int(),
  items: z.number().int(),
  mine: z.boolean(),
  invited: z.boolean(),
});

export const MeetingOutput = z.object({ meeting: MeetingView });
export const ListMeetingsOutput = z.object({ meetings: z.array(MeetingSummary), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
export const VoteOutput = z.object({ itemId: z.string(), voted: z.literal(true), tally: TallyView.nullable() });
export const SignInOutput = z.object({ meetingId: z.string(), name: z.string(), already: z.boolean(), quorum: MeetingView.shape.quorum });
export const MeetingCodeOutput = z.object({ scene: z.string(), image: z.string(), refreshAt: z.string(), title: z.string(), quorum: MeetingView.shape.quorum });

export const DecisionView = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  type: z.enum(MEETING_TYPES),
  heldAt: z.string(),
  publishedAt: z.string(),
  items: z.array(
    z.object({
      topicId: z.string(),
      title: z.string(),
      outcome: z.enum(OUTCOMES),
      outcomeLabel: z.string(),
      notes: z.string(),
      tally: TallyView.nullable(),
      actions: z.array(ActionItemView),
      topicStateLabel: z.string(),
    }),
  ),
});
export const DecisionsOutput = z.object({ decisions: z.array(DecisionView), total: z.number().int(), offset: z.number().int(), limit: z.number().int(), placeLabel: z.string() });

export const MeasureRow = z.object({
  gridId: z.string(),
  gridName: z.string(),
  month: z.string(),
  meetingsHeld: z.number().int(),
  minutesOnTime: z.number().int(),
  decisionsAdopted: z.number().int(),
  actionsDue: z.number().int(),
  actionsDoneOnTime: z.number().int(),
  ratingCount: z.number().int(),
  ratingSum: z.number().int(),
});
export const MeasuresOutput = z.object({
  rows: z.array(MeasureRow),
  totals: z.object({
    meetingsHeld: z.number().int(),
    minutesOnTimeShare: z.number().nullable(),
    decisionsAdopted: z.number().int(),
    actionsDoneOnTimeShare: z.number().nullable(),
    ratingAverage: z.number().nullable(),
  }),
});
