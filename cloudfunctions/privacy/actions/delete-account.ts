import { fail, ok } from '../../../shared/api/envelope';
import { stableHash } from '../../../shared/kernel/hash';
import { privacyApi } from '../../../shared/privacy/privacy.contract';
import { defineAction } from '../../_core/pipeline';
import { EraseConflict, eraseAccount, soleAdminPlaces } from '../erase';
import { openOrdersOf } from '../preview';

/**
 * 注销账号: the caller's own account, and nobody else's (the input names no one). The person typed
 * 注销; with open orders they chose what becomes of them; the sole admin of a place is refused until
 * a successor is appointed. A conflict part-way leaves the account as it was: calling again finishes.
 */
export const deleteAccount = defineAction(privacyApi.deleteAccount, {
  authorize: () => ({ allow: true }),
  run: async (ctx, input, actor) => {
    if (input.confirm !== '注销') return fail('PRIVACY.CONFIRM_REQUIRED', 'payload.confirm');
    const me = actor.user._id;
    const [open, sole] = await Promise.all([openOrdersOf(ctx.ports.store, me), soleAdminPlaces(ctx.ports, actor.memberships)]);
    if (sole.length > 0) return fail('PRIVACY.LAST_ADMIN');
    if (open.length > 0 && !input.openOrders) return fail('PRIVACY.OPEN_ORDERS_CHOICE_REQUIRED', 'payload.openOrders');
    try {
      // This call's own replay claim stays: its transactions are fenced on it (`_core/pipeline.ts`).
      const keepReplay = `${stableHash(ctx.openid)}:privacy.deleteAccount:${ctx.requestId}:`;
      const done = await eraseAccount(ctx, me, { openOrders: input.openOrders ?? 'cancel', by: 'self', keepReplay });
      return ok({ deleted: true as const, ...done });
    } catch (e) {
      if (e instanceof EraseConflict) return fail('COMMON.CONFLICT');
      throw e;
    }
  },
});
