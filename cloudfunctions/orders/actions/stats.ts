import { opensAt } from '../../../shared/accounts/scopes';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { computeMeasures } from '../../../shared/orders/measures';
import { isCommunityLevel, LEAD_KINDS, pathKey, scopeIdOf } from '../../../shared/territory/territory.domain';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { OrderDoc } from '../order-store';
import { loadNodeOf } from '../../_core/nodes';

/** The measures of a place, per month and per child place; for its leaders. */
export const stats = defineAction(ordersApi.stats, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', LEAD_KINDS),
  authorize: (caller, _input, node) => (opensAt(caller, 'stats', node.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, node) => {
    const key = `place.path.${pathKey(node.kind)}`;
    const filter = input.month ? { [key]: scopeIdOf(node), month: input.month } : { [key]: scopeIdOf(node) };
    const childKey = node.kind === 'street' ? 'communityId' : isCommunityLevel(node.kind) ? 'gridId' : 'microGridId';
    const pageOf = (skip: number) =>
      ctx.ports.store.find<OrderDoc>('orders', filter, {
        sort: [
          [key, 1],
          ['month', 1],
        ],
        skip,
        limit: 1000,
      });
    const [first, children] = await Promise.all([
      pageOf(0),
      ctx.ports.store.find<NodeDoc>(
        'nodes',
        { parentId: node._id },
        {
          sort: [
            ['parentId', 1],
            ['order', 1],
          ],
          limit: 1000,
        },
      ),
    ]);
    const orders: OrderDoc[] = [...first];
    for (let skip = 1000, page = first; page.length === 1000; skip += 1000) orders.push(...(page = await pageOf(skip)));
    const months = [...new Set(orders.map((o) => o.month))].sort();
    return ok({
      nodeId: node._id,
      nodeName: node.name,
      total: computeMeasures(orders),
      byMonth: months.map((month) => ({ month, ...computeMeasures(orders.filter((o) => o.month === month)) })),
      byChild: children
        .filter((c) => c.kind !== 'station')
        .map((c) => ({ nodeId: c._id, nodeName: c.name, ...computeMeasures(orders.filter((o) => o.place.path[childKey] === c._id)) })),
    });
  },
});
