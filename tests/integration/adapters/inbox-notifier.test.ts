import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClock } from '../../../cloudfunctions/_core/adapters/clock';
import { cryptoIds } from '../../../cloudfunctions/_core/adapters/ids';
import { inboxAndSubscribe, outboxNotifier, subscribeMessageNotifier, type SubscribeMessageApi } from '../../../cloudfunctions/_core/adapters/notifier';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import type { NotifierPort } from '../../../cloudfunctions/_core/ports';

/** Production's notifier: a subscribe message via WeChat, and a copy in the inbox the 消息 page lists. */
describe('inbox + subscribe-message notifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-inbox-'));
  const store = new SqliteStore(join(dir, 'inbox.sqlite'));
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const sent: unknown[] = [];
  // WeChat's openapi is the outside world here: a stand-in that records what it was asked to send.
  const wechat: SubscribeMessageApi = { subscribeMessage: { send: async (p) => void sent.push(p) } };
  const n = { recipientId: 'usr-1', template: 'order.accepted' as const, title: '您的事项有人接单了', body: '志愿者已接单，电话13812345678', page: '/pages/me/index' };

  it('keeps a copy in the inbox and sends the subscribe message', async () => {
    const notifier = inboxAndSubscribe(
      outboxNotifier(store, cryptoIds(), localClock('2026-11-23T02:00:00.000Z')),
      subscribeMessageNotifier(wechat, { HONGLIN_TEMPLATE_ORDER_ACCEPTED: 'tmpl-1' }),
    );
    await expect(notifier.send(n, 'oUser')).resolves.toEqual({ delivered: true });
    expect(sent).toHaveLength(1);
    const inbox = await store.find<{ _id: string; title: string; body: string }>('outbox', { recipientId: 'usr-1' });
    expect(inbox.map((m) => m.title)).toEqual(['您的事项有人接单了']);
    expect(inbox[0]!.body).not.toContain('13812345678');
  });

  it('still sends when the inbox copy fails, and never throws', async () => {
    const broken: NotifierPort = { send: async () => Promise.reject(new Error('database unreachable')) };
    const notifier = inboxAndSubscribe(broken, subscribeMessageNotifier(wechat, {}));
    await expect(notifier.send(n, 'oUser')).resolves.toEqual({ delivered: false, reason: 'no template configured (HONGLIN_TEMPLATE_ORDER_ACCEPTED)' });
  });
});
