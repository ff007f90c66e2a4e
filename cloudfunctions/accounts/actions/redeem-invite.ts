import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import type { Membership } from '../../../shared/accounts/accounts.schema';
import { toRoleView } from '../../../shared/accounts/accounts.view';
import { effectiveInviteStatus, nextInviteStatus } from '../../../shared/accounts/invite.machine';
import { ROLE_LABELS } from '../../../shared/accounts/roles';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { volunteerProfileDoc } from '../../../shared/orders/volunteer';
import { defineAction } from '../../_core/pipeline';
import type { Doc, TxOp } from '../../_core/ports/store';
import { profileOf, type InviteDoc, type MembershipDoc } from '../steps';

/** Redeem a code: once, before it expires; the role is held at the invite's node. */
export const redeemInvite = defineAction(accountsApi.redeemInvite, {
  load: async (ctx, input) => {
    const [invite] = await ctx.ports.store.find<InviteDoc>('invites', { code: input.code }, { limit: 1 });
    return invite ? ok(invite) : fail('INVITE.NOT_FOUND', 'payload.code');
  },
  authorize: (actor) => authorizeAccounts(actor, { action: 'redeemInvite' }),
  run: async (ctx, _input, actor, invite) => {
    const status = effectiveInviteStatus(invite, ctx.now);
    if (status !== 'active' || nextInviteStatus(status, 'redeem') === null)
      return fail(status === 'redeemed' ? 'INVITE.ALREADY_REDEEMED' : status === 'revoked' ? 'INVITE.REVOKED' : 'INVITE.EXPIRED', 'payload.code');
    if (actor.memberships.some((m) => m.role === invite.role && m.nodeId === invite.nodeId)) return fail('ACCOUNT.ROLE_ALREADY_HELD', 'payload.code');
    const me = actor.user._id;
    const membership: Membership = {
      _id: `${me}.${invite.role}.${invite.nodeId}`,
      userId: me,
      role: invite.role,
      nodeId: invite.nodeId,
      nodeKind: invite.nodeKind,
      path: invite.path,
      grantedBy: invite.createdBy,
      inviteId: invite._id,
      grantedAt: ctx.now,
      version: 1,
    };
    // A new volunteer gets a dispatch profile at the grid (one per person; a second grid keeps the first).
    const profile: TxOp[] =
      invite.role === 'volunteer' && !(await ctx.ports.store.get('volunteers', me))
        ? [{ op: 'insert', collection: 'volunteers', doc: volunteerProfileDoc(actor.user, invite.path) as unknown as Doc }]
        : [];
    const written = await ctx.commit(
      [
        { op: 'update', collection: 'invites', id: invite._id, version: invite.version, patch: { $set: { status: 'redeemed', redeemedBy: me, redeemedAt: ctx.now } } },
        { op: 'insert', collection: 'memberships', doc: membership as MembershipDoc },
        ...profile,
      ],
      { subjectId: invite._id, detail: { role: invite.role, nodeId: invite.nodeId } },
      // The one who issued the code hears of it (an outbox row, delivered after the commit).
      [
        {
          recipientId: invite.createdBy,
          template: 'invite.redeemed',
          title: '邀请码已被使用',
          body: `您发放的「${ROLE_LABELS[invite.role]}」邀请码已被兑换`,
          page: '/pages/me/index',
          facts: { subject: `${ROLE_LABELS[invite.role]}邀请码` },
        },
      ],
    );
    // Lost a race for the same code: someone else redeemed it a moment ago.
    if (!written.ok) return fail('INVITE.ALREADY_REDEEMED', 'payload.code');
    // The caller as written: the role just granted follows the ones held before.
    const { view, nodes } = await profileOf(ctx, { ...actor, memberships: [...actor.memberships, membership] });
    return ok({ role: toRoleView(membership, nodes), user: view });
  },
});
