import { subscribeMessageNotifier, type SubscribeMessageApi } from '../../../cloudfunctions/_core/adapters/notifier';
import { MAX_SEND_ATTEMPTS, transactWithOutbox, type OutboxRow } from '../../../cloudfunctions/_core/outbox';
import { runCall } from '../../../cloudfunctions/_core/pipeline';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { ordersFunction } from '../../../cloudfunctions/orders/orders.function';
import { runTick } from '../../../cloudfunctions/scheduler/scheduler.jobs';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, post } from '../../helpers/orders';

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterEach(async () => {
  await gw.stop();
});

const rowsOf = (recipientId: string, template: string) => gw.store.find<OutboxRow & Doc>('outbox', { recipientId, template }, { limit: 100 });
const deliveriesOf = (outboxId: string) => gw.ports.notifier.delivered.filter((d) => d.outboxId === outboxId);
async function userIdOf(openid: string): Promise<string> {
  const [user] = await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 });
  return user!._id;
}

/** A resident's comment on an order offered to a volunteer: one notification, to the volunteer. */
async function commentWhileSendDies() {
  const order = await post(gw, PERSONAS.resident);
  const volunteer = await offereeOf(gw, order.id);
  const volunteerId = await userIdOf(volunteer);
  gw.ports.notifier.interrupt(1); // the function stops between its commit and the delivery
  await act(gw, PERSONAS.resident, 'comment', { orderId: order.id, text: '下午三点以后家里有人' });
  const [row, ...more] = await rowsOf(volunteerId, 'order.comment');
  expect(more).toEqual([]);
  return { order, volunteer, row: row! };
}

describe('transactional outbox: a notification is written with its change and delivered after the commit', () => {
  it('delivers what the sender wrote, right after the commit, and marks it sent', async () => {
    const order = await post(gw, PERSONAS.resident);
    const volunteerId = await userIdOf(await offereeOf(gw, order.id));
    const [row] = await rowsOf(volunteerId, 'order.offered');
    expect(row).toEqual(expect.objectContaining({ status: 'sent', attempts: 1, sentAt: MORNING, page: `/packages/orders/detail/index?id=${order.id}` }));
    expect(deliveriesOf(row!._id)).toHaveLength(1);
  });

  it('a send killed between commit and delivery still arrives after the next tick, exactly once', async () => {
    const { volunteer, row } = await commentWhileSendDies();
    expect(row).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    expect(deliveriesOf(row._id)).toEqual([]);
    // The 消息 page lists it already: it is the row written with the comment.
    const inbox = await gw.call(volunteer, 'accounts', 'inbox', {});
    expect(inbox.body.ok && inbox.body.data.messages.filter((m: { id: string }) => m.id === row._id)).toHaveLength(1);

    // A tick while the writer may still be sending leaves it to the writer.
    const early = await gw.tick(MORNING);
    expect(early.body.ok && early.body.data.outbox).toBeUndefined();
    expect(deliveriesOf(row._id)).toEqual([]);

    const next = await gw.tick(later(MORNING, 5));
    expect(next.body.ok && next.body.data.outbox).toEqual({ sent: 1, failed: 0, retry: 0 });
    expect(deliveriesOf(row._id)).toEqual([expect.objectContaining({ recipientOpenid: volunteer, template: 'order.comment', title: '事项有新留言' })]);
    expect(await gw.store.get('outbox', row._id)).toEqual(expect.objectContaining({ status: 'sent', attempts: 2, sentAt: later(MORNING, 5) }));

    // Later ticks never send it again.
    await gw.tick(later(MORNING, 10));
    await gw.tick(later(MORNING, 24 * 60));
    expect(deliveriesOf(row._id)).toHaveLength(1);
  });

  it('two concurrent ticks never both deliver a row', async () => {
    const { row } = await commentWhileSendDies();
    const at = later(MORNING, 5);
    const [a, b] = await Promise.all([runTick(gw.ports, at), runTick(gw.ports, at)]);
    expect((a.outbox?.sent ?? 0) + (b.outbox?.sent ?? 0)).toBe(1);
    expect(deliveriesOf(row._id)).toHaveLength(1);
    expect(await gw.store.get('outbox', row._id)).toEqual(expect.objectContaining({ status: 'sent', attempts: 2 }));
  });

  it('a change that fails to commit leaves no outbox row and sends nothing', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '公共设施', description: '小区门口路灯坏了一整排' });
    const before = await gw.store.count('outbox', {});
    const sends = gw.ports.notifier.delivered.length;
    const stale = await transactWithOutbox(
      gw.ports,
      // An order's update carries the document as read, for its rollups (`_core/rollups.ts`); here at a stale version.
      [{ op: 'update', collection: 'orders', id: order.id, version: 999, patch: { $set: { level: 'community' } }, was: (await gw.store.get<Doc>('orders', order.id))! }],
      [{ recipientId: await userIdOf(PERSONAS.resident), template: 'order.escalated', title: '您的事项已上报至社区', body: '公共设施' }],
      MORNING,
    );
    expect(stale).toEqual({ ok: false, reason: 'conflict', index: 0 });
    expect(await gw.store.count('outbox', {})).toBe(before);
    expect(gw.ports.notifier.delivered.length).toBe(sends);

    // Two leaders' 上报 of one order at once: one commits, and the resident hears of it once.
    const results = await Promise.all([1, 2].map(() => gw.call(PERSONAS.gridLeader, 'orders', 'escalate', { orderId: order.id, reason: '需要社区协调供电部门' })));
    expect(results.filter((r) => r.body.ok)).toHaveLength(1);
    const told = await rowsOf(await userIdOf(PERSONAS.resident), 'order.escalated');
    expect(told.map((m) => [m.title, m.status])).toEqual([['您的事项已上报至社区', 'sent']]);
  });

  it('retries a busy WeChat with backoff until it delivers; a refusal (43101) is final', async () => {
    let answer: 'busy' | 'refused' | 'ok' = 'busy';
    const sent: string[] = [];
    const toResident = () => sent.filter((m) => m.startsWith(`${PERSONAS.resident}:`)).map((m) => m.slice(PERSONAS.resident.length + 1));
    // WeChat's openapi is the outside world: a stand-in that answers as told.
    const wechat: SubscribeMessageApi = {
      subscribeMessage: {
        send: async (p) => {
          if (answer !== 'ok') throw Object.assign(new Error('wechat'), { errCode: answer === 'busy' ? -1 : 43101 });
          sent.push(`${p.touser}:${p.data.thing1!.value} ${p.data.phrase2!.value}`);
        },
      },
    };
    const ports = { ...gw.ports, notifier: subscribeMessageNotifier(wechat, { HONGLIN_TEMPLATE_ORDER_ESCALATED: 'tmpl-level' }) };
    const order = await post(gw, PERSONAS.resident, { category: '公共设施', description: '单元门禁坏了' });
    const residentId = await userIdOf(PERSONAS.resident);

    expect(
      (await runCall(ordersFunction, ports, { action: 'escalate', payload: { orderId: order.id, reason: '需要社区统一更换门禁' } }, { persona: PERSONAS.gridLeader })).ok,
    ).toBe(true);
    const [row] = await rowsOf(residentId, 'order.escalated');
    expect(row).toEqual(expect.objectContaining({ status: 'pending', attempts: 1, reason: 'wechat refused (-1)', dueAt: later(MORNING, 5) }));
    // Not before its backoff; then again, still busy: it waits longer (10 minutes).
    await runTick(ports, later(MORNING, 4));
    expect(await gw.store.get('outbox', row!._id)).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    await runTick(ports, later(MORNING, 5));
    expect(await gw.store.get('outbox', row!._id)).toEqual(expect.objectContaining({ status: 'pending', attempts: 2, dueAt: later(MORNING, 15) }));
    answer = 'ok';
    expect((await runTick(ports, later(MORNING, 15))).outbox?.sent).toBeGreaterThanOrEqual(1);
    expect(toResident()).toEqual(['公共设施 已上报']);
    expect(await gw.store.get('outbox', row!._id)).toEqual(expect.objectContaining({ status: 'sent', attempts: 3 }));

    // The user refused the template: given up at once, never tried again; the inbox still has it.
    answer = 'refused';
    expect((await runCall(ordersFunction, ports, { action: 'sendBack', payload: { orderId: order.id, reason: '请网格先登记' } }, { persona: PERSONAS.communityAdmin })).ok).toBe(
      true,
    );
    const refused = (await rowsOf(residentId, 'order.escalated')).find((m) => m.title === '您的事项已回派至网格处理')!;
    expect(refused).toEqual(expect.objectContaining({ status: 'failed', attempts: 1, reason: 'wechat refused (43101)' }));
    answer = 'ok';
    await runTick(ports, later(MORNING, 6 * 60));
    expect(toResident()).toEqual(['公共设施 已上报']);
    expect(await gw.store.get('outbox', refused._id)).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    const inbox = await gw.call(PERSONAS.resident, 'accounts', 'inbox', {});
    expect(inbox.body.ok && inbox.body.data.messages.map((m: { title: string }) => m.title)).toContain('您的事项已回派至网格处理');
  });

  it('gives a row up after its attempts', async () => {
    const wechat: SubscribeMessageApi = { subscribeMessage: { send: async () => Promise.reject(Object.assign(new Error('busy'), { errCode: -1 })) } };
    const ports = { ...gw.ports, notifier: subscribeMessageNotifier(wechat, { HONGLIN_TEMPLATE_ORDER_ESCALATED: 'tmpl-level' }) };
    const order = await post(gw, PERSONAS.resident, { category: '公共设施', description: '楼道灯不亮' });
    expect((await runCall(ordersFunction, ports, { action: 'escalate', payload: { orderId: order.id, reason: '需要社区协调' } }, { persona: PERSONAS.gridLeader })).ok).toBe(true);
    const [row] = await rowsOf(await userIdOf(PERSONAS.resident), 'order.escalated');
    // Each tick a day apart is past any backoff (at most 6 hours).
    for (let day = 1; day <= MAX_SEND_ATTEMPTS + 2; day++) await runTick(ports, later(MORNING, day * 24 * 60));
    expect(await gw.store.get('outbox', row!._id)).toEqual(expect.objectContaining({ status: 'failed', attempts: MAX_SEND_ATTEMPTS, reason: 'wechat refused (-1)' }));
  });
});
