import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { CATEGORIES } from './categories';
import { ORDER_STATES } from './order.machine';
import { HOME_SECTIONS, QUEUE_FILTERS } from './queue';

// ---- inputs -----------------------------------------------------------------------------------

export const HomeInput = z.object({}).strict();
export const QueueCountsInput = z.object({ nodeId: Id }).strict();

// ---- outputs ----------------------------------------------------------------------------------

/** An order as a line of the home page: what it is, where it stands, and what it waits for. */
export const HomeOrder = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  /** The description, or the privacy notice for those who may not read it. */
  description: z.string(),
  state: z.enum(ORDER_STATES),
  stateLabel: z.string(),
  placeLabel: z.string(),
  postedAt: z.string(),
  overdue: z.boolean(),
  /** A waiting offer: when it lapses (the page counts down to it by the server's `now`). */
  expiresAt: z.string().nullable(),
  /** What the caller can do about it now, in words (去评价, 去接单), or null. */
  hint: z.string().nullable(),
});
export type HomeOrder = z.infer<typeof HomeOrder>;

/** One count of a place's queue: the filter the queue page opens with, its label and how many. */
export const QueueCount = z.object({ filter: z.enum(QUEUE_FILTERS), label: z.string(), count: z.number().int() });

export const PlaceCounts = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  nodeKind: z.enum(['grid', 'community', 'street']),
  /** The caller's role there (网格长, 社区书记, 街道管理员). */
  roleLabel: z.string(),
  counts: z.array(QueueCount),
});

export const HomeOutput = z.object({
  /** The server's instant: countdowns run from it, not from the phone's clock. */
  now: z.string(),
  /** What the page shows, first to last; a section not named here is not drawn. */
  sections: z.array(z.enum(HOME_SECTIONS)),
  /** The number on the 办事 tab: offers waiting for the caller to accept or decline. */
  workBadge: z.number().int(),
  /** Offers waiting for the caller (soonest to lapse first) and how many they have in hand; null for non-volunteers. */
  offers: z.object({ orders: z.array(HomeOrder), inHand: z.number().int() }).nullable(),
  /** The places the caller leads, each with what needs action today. */
  places: z.array(PlaceCounts),
  /** The caller's own open orders, newest first; `more` when there are others than these (我的事项 lists them all). */
  mine: z.object({ orders: z.array(HomeOrder), more: z.boolean() }),
});
export type HomeOutput = z.infer<typeof HomeOutput>;

export const QueueCountsOutput = PlaceCounts;
