import { opensAt } from '../../../shared/accounts/scopes';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { sumCounts } from '../../../shared/kernel/rollup';
import { measuresOfCounts, ORDER_ROLLUP_KIND } from '../../../shared/orders/order.rollup';
import { isCommunityLevel, LEAD_KINDS, scopeIdOf } from '../../../shared/territory/territory.domain';
import type { NodeDoc } from '../../_core/nodes';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Filter, Store } from '../../_core/ports/store';
import type { RollupDoc } from '../../_core/rollups';

const PAGE = 1000;

/** Every rollup of a filter on one of the rollups' indexes, a page at a time (a place has one per month). */
async function rollupsOf(store: Store, filter: Filter, by: 'nodeId' | 'parentId'): Promise<RollupDoc[]> {
  const out: RollupDoc[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.find<RollupDoc>('rollups', filter, {
      sort: [
        ['kind', 1],
        [by, 1],
        ['month', 1],
      ],
      skip,
      limit: PAGE,
    });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** A rollup whose records are all gone (a rebuild empties it) stands for no month. */
const counts = (d: RollupDoc) => Object.keys(d.t ?? {}).length > 0;

/**
 * The measures of a place, per month and per child place; for its leaders. Read from the orders
 * rollups kept on write (`_core/rollups.ts`): the place's own month documents and its children's
 * (by `parentId`), two index-backed reads beside the children's names, however many orders there
 * are. A grid is the smallest place rollups are kept for, so a grid's `byChild` is empty.
 */
export const stats = defineAction(ordersApi.stats, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', LEAD_KINDS),
  authorize: (caller, _input, node) => (opensAt(caller, 'stats', node.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, node) => {
    const store = ctx.ports.store;
    const scopeId = scopeIdOf(node);
    const month = input.month ? { month: input.month } : {};
    const childKind = node.kind === 'street' ? isCommunityLevel : isCommunityLevel(node.kind) ? (kind: string) => kind === 'grid' : null;
    const [own, kids, childNodes] = await Promise.all([
      rollupsOf(store, { kind: ORDER_ROLLUP_KIND, nodeId: scopeId, ...month }, 'nodeId'),
      childKind ? rollupsOf(store, { kind: ORDER_ROLLUP_KIND, parentId: scopeId, ...month }, 'parentId') : Promise.resolve([] as RollupDoc[]),
      childKind
        ? store.find<NodeDoc>(
            'nodes',
            { parentId: node._id },
            {
              sort: [
                ['parentId', 1],
                ['order', 1],
              ],
              limit: PAGE,
            },
          )
        : Promise.resolve([] as NodeDoc[]),
    ]);
    const months = own.filter(counts).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    return ok({
      nodeId: node._id,
      nodeName: node.name,
      total: measuresOfCounts(sumCounts(months.map((d) => d.t))),
      byMonth: months.map((d) => ({ month: d.month, ...measuresOfCounts(d.t) })),
      byChild: childNodes
        .filter((c) => childKind?.(c.kind))
        .map((c) => ({ nodeId: c._id, nodeName: c.name, ...measuresOfCounts(sumCounts(kids.filter((k) => k.nodeId === c._id).map((k) => k.t))) })),
    });
  },
});
