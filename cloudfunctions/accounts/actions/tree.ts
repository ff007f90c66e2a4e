import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { levelDepth, toNodeView } from '../../../shared/territory/territory.domain';
import { loadTree, type NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';

/** The tree: streets, communities and settlements, grids, micro-grids, buildings and stations, top-down. */
export const tree = defineAction(accountsApi.tree, {
  authorize: (actor) => authorizeAccounts(actor, { action: 'tree' }),
  run: async (ctx) => {
    const nodes = await loadTree(ctx.ports.store);
    // Stations last, after the buildings; a settlement among the communities.
    const depth = (k: NodeDoc['kind']) => (k === 'station' ? Number.MAX_SAFE_INTEGER : levelDepth(k));
    nodes.sort((a, b) => depth(a.kind) - depth(b.kind) || a.order - b.order);
    return ok({ nodes: nodes.map(toNodeView) });
  },
});
