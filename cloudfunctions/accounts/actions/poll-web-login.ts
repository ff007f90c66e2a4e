import { timingSafeEqual } from 'node:crypto';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { newSessionToken, pollState, SECRET_LENGTH } from '../../../shared/accounts/web-login';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAnonymousAction } from '../../_core/pipeline';
import { hashOfSecret, sessionView, WEB_LOGIN_TICKETS, WEB_SESSIONS, type TicketDoc, type WebSessionDoc } from '../web-session-store';
import type { UserDoc } from '../steps';

const sameHash = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const waiting = (status: 'pending' | 'expired') => ok({ status, token: null, session: null, user: null });

/**
 * 扫码登录, on the PC: asks whether its code was confirmed, proving with the ticket's secret that it
 * is the PC that asked for it. Once confirmed, the session is made and its token answered, once: the
 * ticket is consumed in the same transaction (of two polls at once, one gets it). A wrong secret is
 * answered like an unknown ticket.
 */
export const pollWebLogin = defineAnonymousAction(accountsApi.pollWebLogin, async (ctx, input) => {
  const ticket = await ctx.ports.store.get<TicketDoc>(WEB_LOGIN_TICKETS, input.ticketId);
  if (!ticket || !sameHash(ticket.secretHash, hashOfSecret(input.secret))) return fail('ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'payload.ticketId');
  const state = pollState(ticket, ctx.now);
  if (state === 'used') return fail('ACCOUNTS.LOGIN_TICKET_USED', 'payload.ticketId');
  if (state !== 'collect' || !ticket.userId) return waiting(state === 'pending' ? 'pending' : 'expired');

  const user = await ctx.ports.store.get<UserDoc>('users', ticket.userId);
  if (!user) return waiting('expired');
  const token = newSessionToken(ctx.ports.ids.randomInts(SECRET_LENGTH));
  const session: WebSessionDoc = {
    _id: ctx.ports.ids.id('wss'),
    version: 1,
    userId: user._id,
    hash: hashOfSecret(token),
    label: ticket.label,
    createdAt: ctx.now,
    lastUsedAt: ctx.now,
    revokedAt: null,
    revokedBy: null,
  };
  const written = await ctx.commit(
    [
      { op: 'update', collection: WEB_LOGIN_TICKETS, id: ticket._id, version: ticket.version, patch: { $set: { state: 'consumed', sessionId: session._id } } },
      { op: 'insert', collection: WEB_SESSIONS, doc: session },
    ],
    { subjectId: session._id, detail: { event: 'accounts.webSessionStarted', userId: user._id, ticketId: ticket._id } },
  );
  if (!written.ok) return fail('ACCOUNTS.LOGIN_TICKET_USED', 'payload.ticketId');
  return ok({ status: 'confirmed' as const, token, session: sessionView(session, session._id), user: { name: user.name } });
});
