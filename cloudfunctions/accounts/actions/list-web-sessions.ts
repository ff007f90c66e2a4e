import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { sessionRefusal } from '../../../shared/accounts/web-login';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { sessionsOf, sessionView } from '../web-session-store';

/** 我的 → 电脑登录: the caller's live web sessions, newest first; ended and expired ones are left out. Never a hash. */
export const listWebSessions = defineAction(accountsApi.listWebSessions, {
  authorize: (actor) => authorizeAccounts(actor, { action: 'listWebSessions' }),
  run: async (ctx, _input, actor) => {
    const sessions = await sessionsOf(ctx.ports.store, actor.user._id);
    return ok({ sessions: sessions.filter((s) => sessionRefusal(s, ctx.now) === null).map((s) => sessionView(s, ctx.webSessionId)) });
  },
});
