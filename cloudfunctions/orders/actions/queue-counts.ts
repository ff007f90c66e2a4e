import { ROLE_LABELS } from '../../../shared/accounts/roles';
import { opensAt } from '../../../shared/accounts/scopes';
import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { LEVEL_LEADERS } from '../../../shared/orders/orders.policy';
import { queueFiltersAt } from '../../../shared/orders/queue';
import { defineAction } from '../../_core/pipeline';
import { placeCounts } from '../order-lists';
import { loadNodeOf } from '../../_core/nodes';
import { LEAD_KINDS, leadLevelOf } from '../../../shared/territory/territory.domain';

/** The queue page's counts, one per filter the place has: the same counts the home page shows. */
export const queueCounts = defineAction(ordersApi.queueCounts, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', LEAD_KINDS),
  authorize: (caller, _input, node) => (opensAt(caller, 'queue', node.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, _input, caller, node) => {
    const kind = leadLevelOf(node.kind)!;
    const own = caller.memberships.find((m) => m.nodeId === node._id && (LEVEL_LEADERS[kind] as readonly string[]).includes(m.role));
    const roleLabel = own ? ROLE_LABELS[own.role] : '上级负责人';
    const counts = await placeCounts(ctx.ports.store, { nodeId: node._id, nodeKind: kind }, queueFiltersAt(kind), ctx.now);
    return ok({ nodeId: node._id, nodeName: node.name, nodeKind: kind, roleLabel, counts });
  },
});
