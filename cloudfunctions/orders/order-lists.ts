import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import type { Level } from '../../shared/orders/escalation';
import type { OrderState } from '../../shared/orders/order.machine';
import type { ListOrdersInput } from '../../shared/orders/orders.schema';
import type { NodeDoc } from '../_core/nodes';
import type { Filter, FindOptions, Store } from '../_core/ports/store';
import type { OrderDoc } from './order-store';

const OPEN_AT_LEVEL: OrderState[] = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'reopened'];

/**
 * Each list is one query that an index in collections.ts serves (the benchmarks check the plans).
 * Exposed for the benchmark as well as the `list` action.
 */
export function listQuery(caller: Pick<Caller, 'user' | 'memberships'>, input: Pick<ListOrdersInput, 'view' | 'filter' | 'offset' | 'limit'>, node: NodeDoc | null, now: string): { filter: Filter; options: FindOptions }[] {
  const me = caller.user._id;
  const page = { skip: input.offset, limit: input.limit };
  switch (input.view) {
    case 'posted':
      return [{ filter: { posterId: me }, options: { ...page, sort: [['posterId', 1], ['postedAt', -1]] } }];
    case 'offers':
      return [{ filter: { 'offer.volunteerId': me, state: 'offered' }, options: { ...page, sort: [['offer.volunteerId', 1], ['state', 1]] } }];
    case 'tasks':
      return [{ filter: { assigneeId: me, state: { $in: ['accepted', 'resolved'] } }, options: { ...page, sort: [['assigneeId', 1], ['state', 1], ['acceptedAt', -1]] } }];
    case 'pool': {
      const grids = [...new Set(caller.memberships.filter((m) => m.role === 'volunteer' && m.path.gridId).map((m) => m.path.gridId!))];
      const communities = [...new Set(caller.memberships.filter((m) => m.role === 'volunteer' && m.path.communityId).map((m) => m.path.communityId!))];
      return [
        { filter: { 'place.path.gridId': { $in: grids }, level: 'grid', state: 'pool' }, options: { limit: 50, sort: [['place.path.gridId', 1], ['level', 1], ['state', 1], ['levelDeadline', 1]] } },
        { filter: { 'place.path.communityId': { $in: communities }, level: 'community', state: 'pool' }, options: { limit: 50, sort: [['place.path.communityId', 1], ['level', 1], ['state', 1], ['levelDeadline', 1]] } },
      ];
    }
    case 'queue': {
      const n = node!;
      const key = n.kind === 'grid' ? 'gridId' : n.kind === 'community' ? 'communityId' : 'streetId';
      const level: Level = n.kind === 'grid' ? 'grid' : n.kind === 'community' ? 'community' : 'street';
      const field = `place.path.${key}`;
      const sort = { sort: [[field, 1], ['level', 1], ['state', 1], ['levelDeadline', 1]] as [string, 1 | -1][] };
      const states: Record<string, OrderState[]> = {
        all: OPEN_AT_LEVEL,
        waiting: ['waiting', 'dispatching'],
        offered: ['offered', 'pool'],
        overdue: OPEN_AT_LEVEL,
        reopened: ['reopened'],
      };
      if (input.filter === 'escalated') {
        // Orders of this place that have gone above it: a grid leader follows what the community took over.
        const above: Level[] = level === 'grid' ? ['community', 'street'] : level === 'community' ? ['street'] : [];
        return [{ filter: { [field]: n._id, level: { $in: above }, state: { $in: OPEN_AT_LEVEL } }, options: { ...page, ...sort } }];
      }
      const filter: Filter = { [field]: n._id, level, state: { $in: states[input.filter] ?? OPEN_AT_LEVEL } };
      if (input.filter === 'overdue') filter.levelDeadline = { $lt: now };
      return [{ filter, options: { ...page, ...sort } }];
    }
    default:
      return [];
  }
}

export async function listOrders(store: Store, caller: Caller, input: ListOrdersInput, node: NodeDoc | null, now: string): Promise<{ orders: OrderDoc[]; total: number }> {
  const queries = listQuery(caller, input, node, now);
  if (input.view === 'pool') {
    const all = (await Promise.all(queries.map((q) => store.find<OrderDoc>('orders', q.filter, q.options)))).flat().sort((a, b) => a.levelDeadline.localeCompare(b.levelDeadline));
    return { orders: all.slice(input.offset, input.offset + input.limit), total: all.length };
  }
  const [q] = queries;
  const [orders, total] = await Promise.all([store.find<OrderDoc>('orders', q!.filter, q!.options), store.count('orders', q!.filter)]);
  return { orders, total };
}
