import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { sessionView, WEB_SESSIONS, type WebSessionDoc } from '../web-session-store';

/**
 * Ends one of the caller's web sessions: from the phone's list (退出), or from the PC itself
 * (退出登录). The session's next call is refused with ACCOUNTS.SESSION_REVOKED. Another person's
 * session is answered as not found.
 */
export const revokeWebSession = defineAction(accountsApi.revokeWebSession, {
  load: async (ctx, input) => {
    const session = await ctx.ports.store.get<WebSessionDoc>(WEB_SESSIONS, input.sessionId);
    return session ? ok(session) : fail('ACCOUNTS.SESSION_NOT_FOUND', 'payload.sessionId');
  },
  authorize: (actor, _input, session) => authorizeAccounts(actor, { action: 'revokeWebSession', session }),
  run: async (ctx, _input, actor, session) => {
    if (session.revokedAt !== null) return fail('ACCOUNTS.SESSION_ALREADY_ENDED');
    const set = { revokedAt: ctx.now, revokedBy: actor.user._id };
    const written = await ctx.commit([{ op: 'update', collection: WEB_SESSIONS, id: session._id, version: session.version, patch: { $set: set } }], {
      subjectId: session._id,
      detail: { event: 'accounts.revokeWebSession', fromWeb: ctx.webSessionId != null },
    });
    if (!written.ok) return written;
    return ok({ session: sessionView({ ...session, ...set, version: session.version + 1 }, ctx.webSessionId) });
  },
});
