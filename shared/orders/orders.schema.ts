import type { TimelineEntry as StoredTimelineEntry } from '../kernel/lifecycle';
import * as z from 'zod';
import { Id, Phone, Room } from '../accounts/accounts.schema';
import { ClientKey, FileId, MapPoint, text } from '../api/fields';
import { PlacePath } from '../territory/territory.schema';
import { CATEGORIES, EMERGENCY_KEYS, RATING_TAGS, URGENCIES, type Category, type Urgency } from './categories';
import type { AvailabilityWindow } from './dispatch';
import { LEVELS, type Level } from './escalation';
import { ORDER_STATES, type OrderState } from './order.machine';
import { ORDER_ACTIONS } from './orders.policy';
import { QUEUE_FILTERS } from './queue';

// ---- stored documents -------------------------------------------------------------------------

export interface Offer {
  volunteerId: string;
  offeredAt: string;
  expiresAt: string;
  /** A leader's hand dispatch, not the platform's. */
  manual: boolean;
  score: number | null;
}

/** A point the resident placed on the map, with their name for the spot. */
export interface OrderPoint {
  lat: number;
  lng: number;
  name?: string | null;
}

export interface Order {
  _id: string;
  version: number;
  /** The resident the order is for. */
  posterId: string;
  /** Who typed it: the poster, or a grid leader posting on their behalf (代办). */
  postedBy: string;
  onBehalf: boolean;
  clientKey: string;
  category: Category;
  description: string;
  photos: string[];
  urgency: Urgency;
  preferredTime: string | null;
  /** `point.name`: the resident's words for the spot (`3号楼东侧路灯`); absent on orders posted before it existed. */
  place: { path: PlacePath; buildingId: string | null; room: string | null; point: OrderPoint | null; label: string };
  contact: { name: string; phone: string | null };
  private: boolean;
  state: OrderState;
  level: Level;
  /** The highest level the order ever reached (出格率, 出社区率). */
  maxLevel: Level;
  levelSince: string;
  levelDeadline: string;
  /** Clocks that ran out, over the order's life. */
  breaches: number;
  offer: Offer | null;
  /** Volunteers who declined or let an offer expire: never offered this order again. */
  excluded: string[];
  failedOffers: number;
  assigneeId: string | null;
  /** The reason for the last automatic choice (PIPL art. 24), shown to leaders. */
  dispatchReason: string | null;
  postedAt: string;
  /** Beijing month of posting, `2026-11`, for the measures. */
  month: string;
  firstOfferedAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  ratedAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  reopenedAt: string | null;
  closedAs: 'rated' | 'unrated' | 'review' | null;
  resolution: { note: string; photos: string[]; by: string; at: string } | null;
  /** Photos (of `photos` or the resolution's) that failed the content check: never shown again; absent when none did. */
  hiddenPhotos?: string[];
  rating: { stars: number; tags: string[]; comment: string; at: string } | null;
  reopenCount: number;
  handBacks: number;
  cancelReason: string | null;
  topicId: string | null;
  /** 我也遇到了: neighbours who reported the same problem (user ids); missing on older orders (none). */
  affected?: string[];
  /** Ratings by affected neighbours: theirs to give, the poster's rating alone moves the order. */
  neighbourRatings?: NeighbourRating[];
  /** 三方共治: the compound's desk the responsibility list sent it to first; absent when none did. */
  desk?: DeskOwner | null;
  /** "Not ours" answers of desks, each back to the leader with its reason; absent when none. */
  refusals?: DeskRefusal[];
}

/** The desk (物业, 单位后勤, 小区党支部) that answers first for an order in its compound, and its clock. */
export interface DeskOwner {
  party: 'property' | 'unit' | 'branch';
  compoundId: string;
  /** Who the desk is, as residents know it: the property company, the unit, the branch. */
  name: string;
  hours: number | null;
  dueAt: string | null;
  /** Set when the desk said "not ours": it holds the order no longer. */
  refusedAt: string | null;
}

export interface DeskRefusal {
  at: string;
  by: string;
  name: string;
  reason: string;
}

/** An affected neighbour's rating of the result. */
export interface NeighbourRating {
  userId: string;
  stars: number;
  tags: string[];
  comment: string;
  at: string;
}

/** One line of an order's timeline: every change, automatic step and comment. */
/** A line of an order's timeline. */
export interface OrderEventDoc extends StoredTimelineEntry {
  orderId: string;
}

/** A volunteer's dispatch profile, kept beside the membership so the candidate query is one index. */
export interface VolunteerDoc {
  _id: string;
  userId: string;
  name: string;
  active: boolean;
  skills: string[];
  availability: AvailabilityWindow[];
  openLoad: number;
  lastAssignedAt: string | null;
  ratingSum: number;
  ratingCount: number;
  streetId: string;
  communityId: string;
  gridId: string;
  microGridId?: string;
  buildingId?: string;
  /** 常在位置: where the volunteer usually is, set by them; dispatch weighs the distance to an order's point. */
  point?: { lat: number; lng: number } | null;
  version: number;
}

// ---- inputs -----------------------------------------------------------------------------------

export const OrderId = Id;

export const PostOrderInput = z
  .object({
    category: z.enum(CATEGORIES),
    description: text(4, 500, '问题描述'),
    photos: z.array(FileId).max(9, '最多 9 张照片').default([]),
    /** Defaults to the poster's household. */
    buildingId: Id.optional(),
    room: Room.optional(),
    /** A point on the map; for 环境卫生, 公共设施, 安全隐患 where the problem is (`CATEGORY_RULES[c].wherePrompt`). */
    point: MapPoint.extend({ name: z.string().trim().max(40, '地点名称最多 40 个字').optional() })
      .strict()
      .optional(),
    urgency: z.enum(URGENCIES).default('normal'),
    preferredTime: z.string().trim().max(40).optional(),
    /** Made by the client once per form: a double tap or a retry posts one order. */
    clientKey: ClientKey,
    /** 代办: a grid leader posts for a resident of the grid. */
    onBehalfOf: Id.optional(),
    /** 代办 for someone not registered: their name and phone, typed by the leader. */
    contactName: z.string().trim().min(1).max(20).optional(),
    contactPhone: Phone.optional(),
    /** The resident saw the 119/120/110 screen for these words and said it is not an emergency. */
    notEmergency: z.literal(true).optional(),
  })
  .strict();
export type PostOrderInput = z.infer<typeof PostOrderInput>;

/** 代办: the resident a leader is about to post for (after a scan of their code or a pick from the list). */
export const ProxyForInput = z.object({ userId: Id }).strict();
export const ProxyForOutput = z.object({
  resident: z.object({
    userId: z.string(),
    name: z.string(),
    /** 138****1234: the form says who it is for without showing the number. */
    phoneMasked: z.string().nullable(),
    /** The registered home, or null: then the leader picks the building. */
    home: z.object({ buildingId: z.string(), label: z.string(), room: z.string() }).nullable(),
  }),
});

export const UploadPhotoInput = z
  .object({
    contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    /** The picture, base64; at most ~700 KB of image (the client compresses first). */
    dataBase64: z
      .string()
      .min(16)
      .max(960_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '图片数据格式不对'),
  })
  .strict();

/** 说出来就懂: what the resident has typed or said so far. */
export const SuggestInput = z.object({ text: text(1, 500, '问题描述') }).strict();

export const OrderRef = z.object({ orderId: OrderId }).strict();
export const WithReason = z.object({ orderId: OrderId, reason: text(2, 200, '原因') }).strict();
/** A desk's staff member takes an order, for themselves or (staffId) for a colleague of the same desk. */
export const DeskAcceptInput = z.object({ orderId: OrderId, staffId: Id.optional() }).strict();
/** 派给同事: the staff of the order's desk, for one who may take it (the same order reference as every read). */
export const DeskStaffInput = OrderRef;
export const ResolveInput = z.object({ orderId: OrderId, note: text(2, 500, '办理情况'), photos: z.array(FileId).max(9, '最多 9 张照片').default([]) }).strict();
export const RateInput = z
  .object({
    orderId: OrderId,
    stars: z.number().int('请选择 1 到 5 颗星').min(1, '请选择 1 到 5 颗星').max(5, '请选择 1 到 5 颗星'),
    tags: z.array(z.enum(RATING_TAGS)).max(7).default([]),
    comment: z.string().trim().max(300, '评价最多 300 字').default(''),
  })
  .strict();
export const CommentInput = z.object({ orderId: OrderId, text: text(1, 300, '留言') }).strict();
export const DispatchByHandInput = z.object({ orderId: OrderId, volunteerId: Id }).strict();
export const ToCouncilInput = z.object({ orderId: OrderId, title: text(4, 60, '议题标题') }).strict();

/** `desk`: a compound desk's orders (物业工单), for its staff. */
export const LIST_VIEWS = ['posted', 'offers', 'tasks', 'pool', 'queue', 'desk'] as const;
/** The queue's filters, defined beside their labels and states in queue.ts. */
export { QUEUE_FILTERS };
export const ListOrdersInput = z
  .object({
    view: z.enum(LIST_VIEWS),
    /** For the queue: the leader's node (grid, community or street). */
    nodeId: Id.optional(),
    filter: z.enum(QUEUE_FILTERS).default('all'),
    offset: z.number().int().min(0).max(10_000).default(0),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type ListOrdersInput = z.infer<typeof ListOrdersInput>;

/** 重复提醒: a draft, to find open orders nearby that look like the same problem. */
export const SimilarInput = z
  .object({
    category: z.enum(CATEGORIES).optional(),
    text: text(1, 500, '问题描述'),
    /** Defaults to the caller's household. */
    buildingId: Id.optional(),
  })
  .strict();

export const StatsInput = z
  .object({
    nodeId: Id,
    /** `2026-11`; all months when left out. */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11')
      .optional(),
  })
  .strict();

// ---- outputs ----------------------------------------------------------------------------------

export const TimelineEntry = z.object({ at: z.string(), actor: z.string(), kind: z.string(), text: z.string() });

export const OrderView = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  description: z.string(),
  photos: z.array(z.object({ fileId: z.string(), url: z.string() })),
  urgency: z.enum(URGENCIES),
  preferredTime: z.string().nullable(),
  state: z.enum(ORDER_STATES),
  stateLabel: z.string(),
  level: z.enum(LEVELS),
  levelLabel: z.string(),
  levelDeadline: z.string(),
  overdue: z.boolean(),
  private: z.boolean(),
  onBehalf: z.boolean(),
  placeLabel: z.string(),
  room: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string().nullable(),
  /** True when the caller sees the full phone and room (and the read was audited). */
  contactRevealed: z.boolean(),
  /**
   * The point the resident placed: for those who see the contact, and for everyone who sees a
   * public-place order (`wherePrompt: 'point'`). `navigate`: the page offers 导航 (assignee, offeree, leaders).
   */
  point: z.object({ lat: z.number(), lng: z.number(), name: z.string().nullable(), navigate: z.boolean() }).nullable(),
  postedAt: z.string(),
  acceptedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedAs: z.enum(['rated', 'unrated', 'review']).nullable(),
  offer: z.object({ volunteerName: z.string(), expiresAt: z.string(), manual: z.boolean(), mine: z.boolean() }).nullable(),
  assigneeName: z.string().nullable(),
  resolution: z.object({ note: z.string(), photos: z.array(z.object({ fileId: z.string(), url: z.string() })), at: z.string() }).nullable(),
  rating: z.object({ stars: z.number(), tags: z.array(z.string()), comment: z.string(), at: z.string() }).nullable(),
  reopenCount: z.number(),
  /** Households that reported it: the poster's and each neighbour's who said 我也遇到了. */
  affectedHouseholds: z.number().int(),
  /** The caller is one of those neighbours (您也反映了这件事). */
  affectedMe: z.boolean(),
  /** The neighbours' ratings, averaged (no names). */
  neighbourRating: z.object({ average: z.number(), count: z.number().int() }).nullable(),
  dispatchReason: z.string().nullable(),
  /** 三方共治: the compound's desk the responsibility list sent it to, and whether it said "not ours". */
  desk: z.object({ name: z.string(), partyLabel: z.string(), dueAt: z.string().nullable(), refused: z.boolean() }).nullable(),
  /** The desks' "not ours" answers with their reasons: for the leaders of the place and the desk. */
  refusals: z.array(z.object({ at: z.string(), name: z.string(), reason: z.string() })),
  photoOnResolve: z.boolean(),
  allowedActions: z.array(z.enum(ORDER_ACTIONS)),
  timeline: z.array(TimelineEntry).optional(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderOutput = z.object({ order: OrderView });
export const SuggestOutput = z.object({
  /** All ten categories, best first; scores sum to 1. */
  suggestions: z.array(z.object({ category: z.enum(CATEGORIES), score: z.number() })),
  urgency: z.enum(URGENCIES),
  /** A call-now emergency: the page shows the number before anything else. */
  emergency: z.object({ key: z.enum(EMERGENCY_KEYS), call: z.string() }).nullable(),
  /** False when the words could not be read (another language, emoji alone): nothing is preselected. */
  confident: z.boolean(),
});
export const ListOrdersOutput = z.object({ orders: z.array(OrderView), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
export const UploadPhotoOutput = z.object({ fileId: z.string(), url: z.string() });
export const CandidatesOutput = z.object({
  candidates: z.array(z.object({ userId: z.string(), name: z.string(), score: z.number(), why: z.array(z.string()) })),
  explanation: z.string(),
});
/**
 * The staff (物业客服) of an order's desk, for a colleague who takes it for one of them: names only,
 * never a phone; `holding` is how many of the desk's orders each has in hand (处理中) now.
 */
export const DeskStaffOutput = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), holding: z.number().int(), isMe: z.boolean() })),
});
export const ToCouncilOutput = z.object({ order: OrderView, topicId: z.string() });
/** A nearby order as a short card: never the poster's name, phone or room. */
export const SimilarCard = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  /** The first words of the description. */
  description: z.string(),
  photoUrl: z.string().nullable(),
  stateLabel: z.string(),
  postedAt: z.string(),
  sameBuilding: z.boolean(),
  affectedHouseholds: z.number().int(),
  alreadyJoined: z.boolean(),
});
export const SimilarOutput = z.object({ orders: z.array(SimilarCard) });

export const Measure = z.object({
  posted: z.number().int(),
  closed: z.number().int(),
  /** 出格率: share of closed orders that left the grid (smaller is better). */
  leftGridRate: z.number().nullable(),
  /** Share of closed orders resolved inside the grid. */
  insideGridRate: z.number().nullable(),
  /** 出社区率: share of closed orders that reached the street. */
  leftCommunityRate: z.number().nullable(),
  /** 办结率: closed / posted (cancelled left out). */
  closureRate: z.number().nullable(),
  /** 满意度: share of rated orders with ≥ 4★; unrated never count. */
  satisfaction: z.number().nullable(),
  rated: z.number().int(),
  unrated: z.number().int(),
  medianAcceptMinutes: z.number().nullable(),
  medianResolveMinutes: z.number().nullable(),
  clockBreaches: z.number().int(),
});
export type Measure = z.infer<typeof Measure>;
export const StatsOutput = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  total: Measure,
  byMonth: z.array(z.object({ month: z.string() }).and(Measure)),
  byChild: z.array(z.object({ nodeId: z.string(), nodeName: z.string() }).and(Measure)),
});

export type { Level, OrderState };
export { PlacePath };
