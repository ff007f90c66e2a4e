import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { membersPage, memberView } from '../steps';
import { loadNodeOf } from '../../_core/nodes';

/** Admins list the role holders or the residents at a node and below; phones masked. */
export const listMembers = defineAction(accountsApi.listMembers, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId'),
  authorize: (actor, _input, node) => authorizeAccounts(actor, { action: 'listMembers', node }),
  run: async (ctx, input, actor, node) => {
    const { users, memberships, total, order } = await membersPage(ctx, node, input.kind, { skip: input.offset, limit: input.limit });
    const nodes = await loadNodes(ctx.ports.store, [...memberships.map((m) => m.nodeId), ...users.flatMap((u) => (u.home ? Object.values(u.home.path) : []))]);
    const byId = new Map(users.map((u) => [u._id, u]));
    const members = order.flatMap((id) => (byId.has(id) ? [memberView(actor, byId.get(id)!, memberships, nodes)] : []));
    return ok({ members, total, offset: input.offset, limit: input.limit });
  },
});
