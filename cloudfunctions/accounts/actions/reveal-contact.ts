import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import type { MembershipDoc, UserDoc } from '../steps';

/** A leader of the person's place reads their full phone number; every reveal is on the record. */
export const revealContact = defineAction(accountsApi.revealContact, {
  load: async (ctx, input) => {
    const user = await ctx.ports.store.get<UserDoc>('users', input.userId);
    if (!user) return fail('COMMON.NOT_FOUND', 'payload.userId');
    const memberships = await ctx.ports.store.find<MembershipDoc>('memberships', { userId: user._id }, { limit: 100 });
    return ok({ user, memberships });
  },
  authorize: (actor, _input, target) => authorizeAccounts(actor, { action: 'revealContact', target }),
  run: async (ctx, input, _actor, target) => {
    await ctx.audit({ subjectId: target.user._id, detail: { reveal: 'phone', reason: input.reason } });
    return ok({ userId: target.user._id, phone: target.user.phone ?? null });
  },
});
