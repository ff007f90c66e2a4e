import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import { accountsApi } from '../../../shared/accounts/accounts.contract';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';

type Message = Doc & { template: string; title: string; body: string; page: string | null; createdAt: string };

/** 消息: what the platform told the caller, newest first. */
export const inbox = defineAction(accountsApi.inbox, {
  authorize: (actor) => authorizeAccounts(actor, { action: 'inbox' }),
  run: async (ctx, input, actor) => {
    const filter = { recipientId: actor.user._id };
    const rows = await ctx.ports.store.find<Message>('outbox', filter, {
      sort: [
        ['recipientId', 1],
        ['createdAt', -1],
      ],
      skip: input.offset,
      limit: input.limit,
    });
    return ok({
      messages: rows.map((m) => ({ id: m._id, template: m.template, title: m.title, body: m.body, page: m.page, createdAt: m.createdAt })),
      total: await ctx.ports.store.count('outbox', filter),
    });
  },
});
