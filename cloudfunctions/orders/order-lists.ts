import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import { heldByDesk } from '../../shared/orders/desk';
import { LEVELS, type Level } from '../../shared/orders/escalation';
import type { ListOrdersInput } from '../../shared/orders/orders.schema';
import { leadLevelOf } from '../../shared/territory/territory.domain';
import { byPriority, OPEN_AT_LEVEL, OPEN_FOR_POSTER, QUEUE_FILTER_LABELS, QUEUE_FILTER_STATES, type QueueFilter } from '../../shared/orders/queue';
import type { NodeDoc } from '../_core/nodes';
import { MAX_PAGE, type Doc, type Filter, type FindOptions, type Store } from '../_core/ports/store';
import type { OrderDoc } from './order-store';

type QueueNode = Pick<NodeDoc, '_id' | 'kind'>;

/** A desk's list: waiting for it, in its staff's hands, and done but not yet rated. */
export const DESK_LIST_STATES = ['desk', 'accepted', 'resolved', 'reopened'] as const;

/** A queue's place: the path field its orders carry and the level its leader handles (a settlement's is the community's). */
function queuePlace(node: QueueNode): { field: string; level: Level } {
  const level: Level = leadLevelOf(node.kind) ?? 'street';
  return { field: `place.path.${level === 'grid' ? 'gridId' : level === 'community' ? 'communityId' : 'streetId'}`, level };
}

/**
 * The orders of one filter of a place's queue, for its list and its count alike (one definition,
 * so a count never disagrees with the list it opens). Served by the grid/community/street_queue index.
 */
export function queueFilter(node: QueueNode, filter: QueueFilter, now: string): Filter {
  const { field, level } = queuePlace(node);
  if (filter === 'escalated') {
    // Orders of this place that have gone above it: a grid leader follows what the community took over.
    const above = LEVELS.slice(LEVELS.indexOf(level) + 1);
    return { [field]: node._id, level: { $in: above }, state: { $in: OPEN_AT_LEVEL } };
  }
  const f: Filter = { [field]: node._id, level, state: { $in: QUEUE_FILTER_STATES[filter] } };
  if (filter === 'overdue') f.levelDeadline = { $lt: now };
  return f;
}

export function queueSort(node: QueueNode): FindOptions['sort'] {
  const { field } = queuePlace(node);
  return [
    [field, 1],
    ['level', 1],
    ['state', 1],
    ['levelDeadline', 1],
  ];
}

/**
 * Each list is one query that an index in collections.ts serves (the benchmarks check the plans).
 * Exposed for the benchmark as well as the `list` action.
 */
export function listQuery(
  caller: Pick<Caller, 'user' | 'memberships'>,
  input: Pick<ListOrdersInput, 'view' | 'filter' | 'offset' | 'limit'>,
  node: NodeDoc | null,
  now: string,
): { filter: Filter; options: FindOptions }[] {
  const me = caller.user._id;
  const page = { skip: input.offset, limit: input.limit };
  switch (input.view) {
    case 'posted':
      return [
        {
          filter: { posterId: me },
          options: {
            ...page,
            sort: [
              ['posterId', 1],
              ['postedAt', -1],
            ],
          },
        },
      ];
    case 'offers':
      return [
        {
          filter: { 'offer.volunteerId': me, state: 'offered' },
          options: {
            ...page,
            sort: [
              ['offer.volunteerId', 1],
              ['state', 1],
            ],
          },
        },
      ];
    case 'tasks':
      return [
        {
          filter: { assigneeId: me, state: { $in: ['accepted', 'resolved'] } },
          options: {
            ...page,
            sort: [
              ['assigneeId', 1],
              ['state', 1],
              ['acceptedAt', -1],
            ],
          },
        },
      ];
    case 'pool': {
      const grids = [...new Set(caller.memberships.filter((m) => m.role === 'volunteer' && m.path.gridId).map((m) => m.path.gridId!))];
      const communities = [...new Set(caller.memberships.filter((m) => m.role === 'volunteer' && m.path.communityId).map((m) => m.path.communityId!))];
      return [
        {
          filter: { 'place.path.gridId': { $in: grids }, level: 'grid', state: 'pool' },
          options: {
            limit: 50,
            sort: [
              ['place.path.gridId', 1],
              ['level', 1],
              ['state', 1],
              ['levelDeadline', 1],
            ],
          },
        },
        {
          filter: { 'place.path.communityId': { $in: communities }, level: 'community', state: 'pool' },
          options: {
            limit: 50,
            sort: [
              ['place.path.communityId', 1],
              ['level', 1],
              ['state', 1],
              ['levelDeadline', 1],
            ],
          },
        },
      ];
    }
    case 'queue': {
      const n = node!;
      return [{ filter: queueFilter(n, input.filter, now), options: { ...page, sort: queueSort(n) } }];
    }
    case 'desk': {
      // 物业工单: the open grid-level orders of the grids of the caller's compounds (the grid_queue
      // index); `listOrders` keeps those the responsibility list sent to the caller's desks.
      const grids = [...new Set(caller.memberships.filter((m) => m.role === 'property' && m.path.gridId).map((m) => m.path.gridId!))];
      return [
        {
          filter: { 'place.path.gridId': { $in: grids }, level: 'grid', state: { $in: DESK_LIST_STATES } },
          options: {
            limit: MAX_PAGE,
            sort: [
              ['place.path.gridId', 1],
              ['level', 1],
              ['state', 1],
              ['levelDeadline', 1],
            ],
          },
        },
      ];
    }
    default:
      return [];
  }
}

/** A queue's first orders in index order, ranked by `priorityOf` (more households first); pages beyond it keep the index order. */
export const QUEUE_RANK_WINDOW = 200;
/** At most this many orders a neighbour joined (我也遇到了) show in their 我的事项. */
export const FOLLOWED_SHOWN = 200;

export const newestFirst = (a: OrderDoc, b: OrderDoc) => (a.postedAt < b.postedAt ? 1 : a.postedAt > b.postedAt ? -1 : a._id < b._id ? 1 : -1);

export async function listOrders(store: Store, caller: Caller, input: ListOrdersInput, node: NodeDoc | null, now: string): Promise<{ orders: OrderDoc[]; total: number }> {
  const queries = listQuery(caller, input, node, now);
  if (input.view === 'pool') {
    const all = (await Promise.all(queries.map((q) => store.find<OrderDoc>('orders', q.filter, q.options)))).flat().sort((a, b) => a.levelDeadline.localeCompare(b.levelDeadline));
    const ranked = byPriority(all);
    return { orders: ranked.slice(input.offset, input.offset + input.limit), total: ranked.length };
  }
  const [q] = queries;
  if (input.view === 'desk') {
    const mine = new Set(caller.memberships.filter((m) => m.role === 'property').map((m) => m.nodeId));
    const held =
      q!.filter['place.path.gridId'] && (q!.filter['place.path.gridId'] as { $in: string[] }).$in.length ? await store.find<OrderDoc>('orders', q!.filter, q!.options) : [];
    const desk = held.filter((o) => heldByDesk(o) && mine.has(o.desk!.compoundId)).sort(newestFirst);
    return { orders: desk.slice(input.offset, input.offset + input.limit), total: desk.length };
  }
  if (input.view === 'queue') {
    const end = input.offset + input.limit;
    const [head, total] = await Promise.all([store.find<OrderDoc>('orders', q!.filter, { sort: q!.options.sort, limit: QUEUE_RANK_WINDOW }), store.count('orders', q!.filter)]);
    const orders = byPriority(head).slice(input.offset, end);
    if (end > QUEUE_RANK_WINDOW && total > QUEUE_RANK_WINDOW) {
      const from = Math.max(input.offset, QUEUE_RANK_WINDOW);
      orders.push(...(await store.find<OrderDoc>('orders', q!.filter, { sort: q!.options.sort, skip: from, limit: end - from })));
    }
    return { orders, total };
  }
  if (input.view === 'posted') {
    // 我的事项: the orders the caller posted and those they joined as an affected neighbour (order_followers).
    const [follows, posted, total] = await Promise.all([
      store.find<Doc & { orderId: string }>(
        'order_followers',
        { userId: caller.user._id },
        {
          sort: [
            ['userId', 1],
            ['at', -1],
          ],
          limit: FOLLOWED_SHOWN,
        },
      ),
      store.find<OrderDoc>('orders', q!.filter, q!.options),
      store.count('orders', q!.filter),
    ]);
    if (follows.length === 0) return { orders: posted, total };
    const end = input.offset + input.limit;
    const ids = follows.map((f) => f.orderId);
    const [followed, head] = await Promise.all([
      store.find<OrderDoc>('orders', { _id: { $in: ids } }, { limit: ids.length }),
      input.offset === 0 ? posted : store.find<OrderDoc>('orders', q!.filter, { sort: q!.options.sort, limit: Math.min(end, MAX_PAGE) }),
    ]);
    const merged = [...head, ...followed.filter((o) => o.posterId !== caller.user._id)].sort(newestFirst);
    return { orders: merged.slice(input.offset, end), total: total + followed.length };
  }
  const [orders, total] = await Promise.all([store.find<OrderDoc>('orders', q!.filter, q!.options), store.count('orders', q!.filter)]);
  return { orders, total };
}

/** One count of a place's queue for each filter, all at once (each an indexed count). */
export async function countQueue(store: Store, node: QueueNode, filters: readonly QueueFilter[], now: string): Promise<Map<QueueFilter, number>> {
  const counts = await Promise.all(filters.map((f) => store.count('orders', queueFilter(node, f, now))));
  return new Map(filters.map((f, i) => [f, counts[i]!]));
}

/** A query of the home page, named for the benchmark's index check. */
export interface HomeQuery {
  name: string;
  filter: Filter;
  options: FindOptions;
}

export const HOME_OFFERS_LIMIT = 20;
export const HOME_MINE_SHOWN = 5;

/**
 * The caller's own finds of the home page: offers waiting for them (volunteers), the orders they have
 * in hand, and their own open orders. The leader counts are `queueFilter` counts.
 */
export function homeQueries(userId: string, volunteer: boolean): { offers: HomeQuery | null; inHand: HomeQuery | null; mine: HomeQuery; joined: HomeQuery } {
  return {
    offers: volunteer
      ? {
          name: 'home:offers',
          filter: { 'offer.volunteerId': userId, state: 'offered' },
          options: {
            sort: [
              ['offer.volunteerId', 1],
              ['state', 1],
            ],
            limit: HOME_OFFERS_LIMIT,
          },
        }
      : null,
    inHand: volunteer ? { name: 'home:inHand', filter: { assigneeId: userId, state: 'accepted' }, options: {} } : null,
    mine: {
      name: 'home:mine',
      filter: { posterId: userId, state: { $in: OPEN_FOR_POSTER } },
      options: {
        sort: [
          ['posterId', 1],
          ['postedAt', -1],
        ],
        limit: HOME_MINE_SHOWN + 1,
      },
    },
    // The orders the caller joined with 我也遇到了 (their rows in order_followers, newest first).
    joined: {
      name: 'home:joined',
      filter: { userId },
      options: {
        sort: [
          ['userId', 1],
          ['at', -1],
        ],
        limit: HOME_MINE_SHOWN + 1,
      },
    },
  };
}

/** The counts of a place's queue, one per filter, labelled: what the home page and the queue page show. */
export async function placeCounts(store: Store, place: { nodeId: string; nodeKind: Level }, filters: readonly QueueFilter[], now: string) {
  const counts = await countQueue(store, { _id: place.nodeId, kind: place.nodeKind }, filters, now);
  return filters.map((filter) => ({ filter, label: QUEUE_FILTER_LABELS[filter], count: counts.get(filter) ?? 0 }));
}
