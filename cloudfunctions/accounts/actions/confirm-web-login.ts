import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { confirmRefusal, ticketIdOf } from '../../../shared/accounts/web-login';
import { fail, ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { WEB_LOGIN_TICKETS, type TicketDoc } from '../web-session-store';

/**
 * 扫码登录, on the phone: the caller, as WeChat identifies them, confirms the PC whose code they
 * scanned. The scene's signature is checked here; a code that was not made by startWebLogin is not
 * found. Only those who lead a place may sign in on a PC; a web session may not confirm (WEB_DENIED).
 */
export const confirmWebLogin = defineAction(accountsApi.confirmWebLogin, {
  load: async (ctx, input) => {
    const verified = ctx.ports.qr.verify(input.scene);
    const ticketId = verified.ok ? ticketIdOf(verified.payload) : null;
    const ticket = ticketId ? await ctx.ports.store.get<TicketDoc>(WEB_LOGIN_TICKETS, ticketId) : null;
    return ticket ? ok(ticket) : fail('ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'payload.scene');
  },
  authorize: (actor) => authorizeAccounts(actor, { action: 'confirmWebLogin' }),
  run: async (ctx, _input, actor, ticket) => {
    const refusal = confirmRefusal(ticket, ctx.now);
    if (refusal) return fail(refusal, 'payload.scene');
    const written = await ctx.commit(
      [
        {
          op: 'update',
          collection: WEB_LOGIN_TICKETS,
          id: ticket._id,
          version: ticket.version,
          patch: { $set: { state: 'confirmed', userId: actor.user._id, confirmedAt: ctx.now } },
        },
      ],
      { subjectId: ticket._id, detail: { event: 'accounts.confirmWebLogin' } },
    );
    // Two confirmations at once: the one that lost finds the ticket used.
    if (!written.ok) return fail('ACCOUNTS.LOGIN_TICKET_USED', 'payload.scene');
    return ok({ label: ticket.label, confirmedAt: ctx.now });
  },
});
