import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { toNodeView } from '../../../shared/territory/territory.domain';
import { TREE_LEVELS } from '../../../shared/territory/territory.schema';
import { loadTree } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';

/** The tree: streets, communities, grids, micro-grids, buildings and stations, top-down. */
export const tree = defineAction(accountsApi.tree, {
  authorize: (actor) => authorizeAccounts(actor, { action: 'tree' }),
  run: async (ctx) => {
    const nodes = await loadTree(ctx.ports.store);
    const depth = (k: string) => (k === 'station' ? TREE_LEVELS.length : TREE_LEVELS.indexOf(k as (typeof TREE_LEVELS)[number]));
    nodes.sort((a, b) => depth(a.kind) - depth(b.kind) || a.order - b.order);
    return ok({ nodes: nodes.map(toNodeView) });
  },
});
