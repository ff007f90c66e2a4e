import { inboxAndSubscribe, outboxNotifier, subscribeMessageNotifier, type SubscribeMessageApi } from '../../../cloudfunctions/_core/adapters/notifier';
import { runCall } from '../../../cloudfunctions/_core/pipeline';
import { ordersFunction } from '../../../cloudfunctions/orders/orders.function';
import { runTick } from '../../../cloudfunctions/scheduler/scheduler.jobs';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, post } from '../../helpers/orders';

// These stories follow one order's messages over three months; delivered messages are otherwise
// removed 30 days after they went out (the outbox retention job), which is not what is tested here.
const retainOutbox = process.env.HONGLIN_RETAIN_OUTBOX_DAYS;
beforeAll(() => {
  process.env.HONGLIN_RETAIN_OUTBOX_DAYS = '365';
});
afterAll(() => {
  if (retainOutbox === undefined) delete process.env.HONGLIN_RETAIN_OUTBOX_DAYS;
  else process.env.HONGLIN_RETAIN_OUTBOX_DAYS = retainOutbox;
});

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterEach(async () => {
  await gw.stop();
});

type Message = { title: string; body: string; page: string | null; template: string; createdAt: string };
async function inbox(persona: string): Promise<Message[]> {
  const res = await gw.call(persona, 'accounts', 'inbox', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.messages;
}

describe('the resident is told when their order changes level', () => {
  it('hears of a leader’s 上报 and of the 回派, with the reason, in the inbox', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '公共设施', description: '小区门口路灯坏了一整排' });
    await act(gw, PERSONAS.gridLeader, 'escalate', { orderId: order.id, reason: '需要社区协调供电部门' });
    const [up] = await inbox(PERSONAS.resident);
    expect(up).toEqual(
      expect.objectContaining({
        template: 'order.escalated',
        title: '您的事项已上报至社区',
        body: '公共设施：需要社区协调供电部门',
        page: `/packages/orders/detail/index?id=${order.id}`,
      }),
    );

    await gw.tick(later(MORNING, 60));
    await act(gw, PERSONAS.communityAdmin, 'sendBack', { orderId: order.id, reason: '供电部门已答复，请网格跟进' });
    const [back] = await inbox(PERSONAS.resident);
    expect(back).toEqual(expect.objectContaining({ template: 'order.escalated', title: '您的事项已回派至网格处理', body: '公共设施：供电部门已答复，请网格跟进' }));
    // The leaders still hear of it as before.
    const leader = await inbox(PERSONAS.gridLeader);
    expect(leader.map((m) => m.title)).toContain('社区回派了一件事');
  });

  it('hears when the clock hands the order up, once per tick however many levels it climbed', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼道里被邻居堆满了杂物' });
    const before = (await inbox(PERSONAS.resident)).length;
    await gw.tick(later(MORNING, 25 * 60));
    const [first] = await inbox(PERSONAS.resident);
    expect(first).toEqual(
      expect.objectContaining({ title: '您的事项已上报至社区', body: '邻里纠纷：网格超过处理时限，已自动上报', page: `/packages/orders/detail/index?id=${order.id}` }),
    );
    await gw.tick(later(MORNING, 30 * 24 * 60));
    const all = await inbox(PERSONAS.resident);
    expect(all.length).toBe(before + 2);
    expect(all[0]).toEqual(expect.objectContaining({ title: '您的事项已上报至街道', body: '邻里纠纷：社区超过处理时限，已自动上报' }));
    // At the street further breaches are recorded, not announced to the resident again.
    await gw.tick(later(MORNING, 60 * 24 * 60));
    expect((await inbox(PERSONAS.resident)).length).toBe(before + 2);

    // Left alone for a month, another order climbs two levels in one tick: one message says so.
    const other = await post(gw, PERSONAS.resident, { category: '环境卫生', description: '垃圾桶一周没有清运' });
    await gw.tick(later(MORNING, 90 * 24 * 60));
    const latest = await inbox(PERSONAS.resident);
    expect(latest.length).toBe(before + 3);
    expect(latest[0]).toEqual(
      expect.objectContaining({ title: '您的事项已上报至街道', body: '环境卫生：网格、社区超过处理时限，已自动上报', page: `/packages/orders/detail/index?id=${other.id}` }),
    );
  });

  it('reaches the resident as a subscribe message too, where WeChat delivers them', async () => {
    const sent: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }[] = [];
    // WeChat's openapi is the outside world: a stand-in that records what it was asked to send.
    const wechat: SubscribeMessageApi = { subscribeMessage: { send: async (p) => void sent.push(p) } };
    const notifier = inboxAndSubscribe(
      outboxNotifier(gw.store, gw.ports.ids, gw.ports.clock),
      subscribeMessageNotifier(wechat, { HONGLIN_TEMPLATE_ORDER_ESCALATED: 'tmpl-level' }),
    );
    const ports = { ...gw.ports, notifier };
    const order = await post(gw, PERSONAS.resident, { category: '公共设施', description: '单元门禁坏了' });

    const up = await runCall(ordersFunction, ports, { action: 'escalate', payload: { orderId: order.id, reason: '需要社区统一更换门禁' } }, { persona: PERSONAS.gridLeader });
    expect(up.ok).toBe(true);
    expect(sent.filter((m) => m.touser === PERSONAS.resident)).toEqual([
      {
        touser: PERSONAS.resident,
        templateId: 'tmpl-level',
        page: `packages/orders/detail/index?id=${order.id}`,
        miniprogramState: 'formal',
        // The template's own keys: 服务事项, 当前状态, 说明, 更新时间 (北京时间).
        data: { thing1: { value: '公共设施' }, phrase2: { value: '已上报' }, thing3: { value: '公共设施：需要社区统一更换门禁' }, time4: { value: '2026年11月23日 10:00' } },
      },
    ]);

    const down = await runCall(ordersFunction, ports, { action: 'sendBack', payload: { orderId: order.id, reason: '请网格先登记' } }, { persona: PERSONAS.communityAdmin });
    expect(down.ok).toBe(true);
    await runTick(ports, later(MORNING, 2 * 24 * 60));
    expect(sent.filter((m) => m.touser === PERSONAS.resident).map((m) => `${m.data.phrase2!.value} ${m.data.thing3!.value}`)).toEqual([
      '已上报 公共设施：需要社区统一更换门禁',
      '已回派 公共设施：请网格先登记',
      '已上报 公共设施：网格超过处理时限，已自动上报',
    ]);
  });
});
