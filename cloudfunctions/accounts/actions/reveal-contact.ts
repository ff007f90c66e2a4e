import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { ADMIN_ROLES } from '../../../shared/accounts/roles';
import { nearestRoleOver } from '../../../shared/privacy/reveal-words';
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
  run: async (ctx, input, actor, target) => {
    const self = target.user._id === actor.user._id;
    // The place by which the reader may see the person: their home, else the first of their roles' places the reader leads.
    const places = [...(target.user.home ? [target.user.home.path] : []), ...target.memberships.map((m) => m.path)];
    const place = places.find((p) => nearestRoleOver(actor.memberships, p, ADMIN_ROLES)) ?? places[0] ?? null;
    const role = place ? nearestRoleOver(actor.memberships, place, ADMIN_ROLES) : null;
    await ctx.audit({
      subjectId: target.user._id,
      detail: { reveal: 'phone', reason: input.reason, role },
      // One's own number is no reveal: only a reader other than the person goes on their list.
      ...(self ? {} : { reveal: { personId: target.user._id, streetId: place?.streetId ?? null, kind: 'phone', as: 'leader', orderId: null } }),
    });
    return ok({ userId: target.user._id, phone: target.user.phone ?? null });
  },
});
