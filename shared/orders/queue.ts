import { levelAbove, type Level } from './escalation';
import type { OrderState } from './order.machine';
import { householdsOf } from './similar';

/**
 * A leader's queue (待办队列) and the home page's view of it: which filters a place has, what they
 * are called, and what the home page shows first. Pure; the handlers count, the pages render.
 */
export const QUEUE_FILTERS = ['all', 'waiting', 'offered', 'overdue', 'reopened', 'escalated'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export const QUEUE_FILTER_LABELS: Record<QueueFilter, string> = {
  all: '全部',
  waiting: '待处理',
  offered: '已派出',
  overdue: '超时',
  reopened: '差评复核',
  escalated: '已上报',
};

/** Open at a level: what the leader of that level still has to see through. */
export const OPEN_AT_LEVEL: readonly OrderState[] = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'reopened', 'desk'];

/** The states each filter of the queue takes (`escalated` is about the level, not the state). */
export const QUEUE_FILTER_STATES: Record<QueueFilter, readonly OrderState[]> = {
  all: OPEN_AT_LEVEL,
  waiting: ['waiting', 'dispatching'],
  offered: ['offered', 'pool', 'desk'],
  overdue: OPEN_AT_LEVEL,
  reopened: ['reopened'],
  escalated: OPEN_AT_LEVEL,
};

/** The filters a place at `level` has: nothing goes above the street, so it has no 已上报. */
export function queueFiltersAt(level: Level): QueueFilter[] {
  return QUEUE_FILTERS.filter((f) => f !== 'escalated' || levelAbove(level) !== null);
}

/** What needs a leader's action today, in the order the home page shows it. */
export const HOME_FILTERS: readonly QueueFilter[] = ['waiting', 'overdue', 'reopened', 'escalated'];

export function homeFiltersAt(level: Level): QueueFilter[] {
  const at = queueFiltersAt(level);
  return HOME_FILTERS.filter((f) => at.includes(f));
}

/**
 * How much an order weighs in a queue or the pool: the households waiting for it beyond the first
 * (我也遇到了). Orders of equal weight keep their order (the earliest deadline first).
 */
export const priorityOf = (order: { affected?: readonly string[] | null }): number => householdsOf(order) - 1;

/** Orders by priority, heaviest first; a stable sort, so equal ones keep the order they came in. */
export const byPriority = <O extends { affected?: readonly string[] | null }>(orders: readonly O[]): O[] =>
  orders
    .map((o, i) => ({ o, i, p: priorityOf(o) }))
    .sort((a, b) => b.p - a.p || a.i - b.i)
    .map((x) => x.o);

/** What a resident still follows: everything not closed or withdrawn (待评价 included). */
export const OPEN_FOR_POSTER: readonly OrderState[] = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'resolved', 'reopened', 'desk'];

export const HOME_SECTIONS = ['offers', 'queues', 'mine'] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

/**
 * The sections of a caller's home page, first to last. A waiting offer runs out, so it comes first;
 * then the places the caller leads; then the caller's own orders, which every person has. A
 * volunteer with nothing offered still sees the (empty) offers section, after their own orders.
 */
export function homeSections(facts: { volunteer: boolean; offersWaiting: number; leadsPlaces: number }): HomeSection[] {
  const sections: HomeSection[] = [];
  if (facts.volunteer && facts.offersWaiting > 0) sections.push('offers');
  if (facts.leadsPlaces > 0) sections.push('queues');
  sections.push('mine');
  if (facts.volunteer && facts.offersWaiting === 0) sections.push('offers');
  return sections;
}
