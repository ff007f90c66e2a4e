import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { profileOf } from '../steps';

/** 我的: the caller's profile; the first call of a new OPENID registers a resident. */
export const me = defineAction(accountsApi.me, {
  registers: true,
  authorize: (actor) => authorizeAccounts(actor, { action: 'me' }),
  run: async (ctx, _input, actor) => ok({ user: (await profileOf(ctx, actor)).view, registered: actor.user.createdAt === ctx.now }),
});
