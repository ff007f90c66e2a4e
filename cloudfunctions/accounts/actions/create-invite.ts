import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { INVITE_ALPHABET, type Invite } from '../../../shared/accounts/accounts.schema';
import { makeInviteCode } from '../../../shared/accounts/invite.machine';
import { ROLE_LABELS, type GrantedRole } from '../../../shared/accounts/roles';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { type InviteDoc } from '../steps';
import { loadNodeOf } from '../../_core/nodes';

/** An admin of the level above makes a one-time code for a role at a node of their place. */
export const createInvite = defineAction(accountsApi.createInvite, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId'),
  authorize: (actor, input, node) => authorizeAccounts(actor, { action: 'createInvite', role: input.role as GrantedRole, node }),
  run: async (ctx, input, actor, node) => {
    const expiresAt = new Date(Date.parse(ctx.now) + input.expiresInHours * 3600_000).toISOString();
    const role = input.role as GrantedRole;
    // A code collision is astronomically rare but possible: try a fresh code a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      const code = makeInviteCode(ctx.ports.ids.randomInts(8), INVITE_ALPHABET);
      const invite: Invite = {
        _id: ctx.ports.ids.id('inv'),
        code,
        role,
        nodeId: node._id,
        nodeKind: node.kind,
        path: node.path,
        createdBy: actor.user._id,
        createdAt: ctx.now,
        expiresAt,
        status: 'active',
        version: 1,
      };
      const written = await ctx.commit([{ op: 'insert', collection: 'invites', doc: invite as InviteDoc }], { subjectId: invite._id, detail: { role, nodeId: node._id } });
      if (written.ok)
        return ok({ invite: { id: invite._id, code, role, roleLabel: ROLE_LABELS[role], nodeId: node._id, nodeName: node.name, expiresAt, status: 'active' as const } });
    }
    return fail('COMMON.CONFLICT');
  },
});
