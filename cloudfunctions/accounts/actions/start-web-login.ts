import { accountsApi } from '../../../shared/accounts/accounts.contract';
import {
  deviceLabel,
  newTicketId,
  newTicketSecret,
  SECRET_LENGTH,
  STARTS_PER_MINUTE,
  TICKET_ID_LENGTH,
  ticketExpiry,
  ticketPayload,
  WEB_LOGIN_PAGE,
} from '../../../shared/accounts/web-login';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAnonymousAction } from '../../_core/pipeline';
import { hashOfSecret, WEB_LOGIN_TICKETS, type TicketDoc } from '../web-session-store';

/**
 * 扫码登录, on the PC: a login ticket and its mini-program code. No login is needed, so the tickets
 * started in the last minute, over the whole service, are capped (COMMON.RATE_LIMITED). The secret
 * is in this answer only (`shownOnce`); the store keeps its SHA-256.
 */
export const startWebLogin = defineAnonymousAction(accountsApi.startWebLogin, async (ctx, input) => {
  const minuteAgo = new Date(Date.parse(ctx.now) - 60_000).toISOString();
  if ((await ctx.ports.store.count(WEB_LOGIN_TICKETS, { createdAt: { $gt: minuteAgo } })) >= STARTS_PER_MINUTE) return fail('COMMON.RATE_LIMITED');
  const ticketId = newTicketId(ctx.ports.ids.randomInts(TICKET_ID_LENGTH));
  const secret = newTicketSecret(ctx.ports.ids.randomInts(SECRET_LENGTH));
  const scene = ctx.ports.qr.sign(ticketPayload(ticketId));
  const doc: TicketDoc = {
    _id: ticketId,
    version: 1,
    secretHash: hashOfSecret(secret),
    label: deviceLabel(input.userAgent),
    state: 'pending',
    createdAt: ctx.now,
    expiresAt: ticketExpiry(ctx.now),
    userId: null,
    confirmedAt: null,
    sessionId: null,
  };
  const [image, written] = await Promise.all([
    ctx.ports.qr.image(scene, WEB_LOGIN_PAGE),
    ctx.commit([{ op: 'insert', collection: WEB_LOGIN_TICKETS, doc }], { subjectId: ticketId, detail: { event: 'accounts.startWebLogin' } }),
  ]);
  if (!written.ok) return written;
  return ok({ ticketId, secret, scene, imageDataUrl: `data:${image.contentType};base64,${Buffer.from(image.bytes).toString('base64')}`, expiresAt: doc.expiresAt });
});
