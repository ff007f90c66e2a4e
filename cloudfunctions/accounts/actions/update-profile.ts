import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { planProfileUpdate } from '../../../shared/accounts/profile.domain';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { applyPatch } from '../../_core/adapters/patch';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { profileOf, type UserDoc } from '../steps';

/** Edit name, phone (with consent), household (building + room → grid), large-text mode. */
export const updateProfile = defineAction(accountsApi.updateProfile, {
  load: async (ctx, input) => ok(input.buildingId === undefined ? null : await ctx.ports.store.get<NodeDoc>('nodes', input.buildingId)),
  authorize: (actor) => authorizeAccounts(actor, { action: 'updateProfile' }),
  run: async (ctx, input, actor, building) => {
    const change = planProfileUpdate(actor.user, input, building, ctx.now);
    if (!change.ok) return change;
    const patch = { $set: change.data.set, $unset: change.data.unset };
    const fields = Object.keys(change.data.set).filter((f) => f !== 'updatedAt');
    const written = await ctx.commit([{ op: 'update', collection: 'users', id: actor.user._id, version: actor.user.version, patch }], {
      subjectId: actor.user._id,
      detail: { fields: [...fields, ...change.data.unset].join(',') },
    });
    if (!written.ok) return written;
    // The caller as written: the patch on the caller as read, one version on.
    const user = { ...applyPatch(actor.user as UserDoc, patch), version: actor.user.version + 1 };
    return ok({ user: (await profileOf(ctx, { ...actor, user })).view });
  },
});
