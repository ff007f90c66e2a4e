import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, MORNING, offereeOf, post } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

type UserRow = { _id: string; name: string; phone?: string; home?: { buildingId: string; room: string; path: Record<string, string> } };
const userOf = async (openid: string) => (await gw.store.find<UserRow>('users', { openid }))[0]!;
const leaderGrid = async () =>
  (await gw.store.find<{ _id: string; nodeId: string; role: string }>('memberships', { userId: (await userOf(PERSONAS.gridLeader))._id })).find((m) => m.role === 'gridLeader')!
    .nodeId;

describe('proxyFor (代办: who the order is for)', () => {
  it('tells a grid leader the name, masked phone and home of a resident of their grid', async () => {
    const her = await userOf(PERSONAS.resident);
    const res = await gw.call(PERSONAS.gridLeader, 'orders', 'proxyFor', { userId: her._id });
    if (!res.body.ok) throw new Error(res.body.error.code);
    const r = res.body.data.resident;
    expect(r.name).toBe('张桂英');
    expect(r.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(r.phoneMasked).not.toBe(her.phone);
    expect(r.home.buildingId).toBe(her.home!.buildingId);
    expect(r.home.room).toBe(her.home!.room);
    expect(r.home.label).toMatch(/›/);
  });

  it('answers the same refusal for a resident of another grid, an unknown id, and a caller who leads nothing', async () => {
    const elsewhere = (await gw.store.find<UserRow>('users', { 'home.path.gridId': 'cm02-gd1' }, { limit: 1 }))[0]!;
    const her = await userOf(PERSONAS.resident);
    for (const [persona, userId] of [
      [PERSONAS.gridLeader, elsewhere._id],
      [PERSONAS.gridLeader, 'usr_nobody_at_all'],
      [PERSONAS.residentYoung, her._id],
      [PERSONAS.volunteer, her._id],
    ] as const) {
      const res = await gw.call(persona, 'orders', 'proxyFor', { userId });
      expect(res.status).toBe(403);
      expect(res.body.ok || res.body.error.code).toBe('ORDER.NOT_A_RESIDENT_OF_PLACE');
    }
  });

  it('lets a leader post for an unregistered resident only in a building of a place they lead (what the picker offers)', async () => {
    const grid = await leaderGrid();
    const inside = (await gw.store.find<{ _id: string }>('nodes', { kind: 'building', 'path.gridId': grid }, { limit: 1 }))[0]!;
    const outside = (await gw.store.find<{ _id: string; path: Record<string, string> }>('nodes', { kind: 'building' }, { limit: 1000 })).find((b) => b.path.gridId !== grid)!;
    const payload = { category: '代买代办', description: '帮王大爷买降压药', contactName: '王大爷', contactPhone: '13800001234' };
    const ok = await post(gw, PERSONAS.gridLeader, { ...payload, buildingId: inside._id });
    expect(ok.onBehalf).toBe(true);
    const refused = await gw.call(PERSONAS.gridLeader, 'orders', 'post', { ...payload, clientKey: clientKey(), buildingId: outside._id });
    expect(refused.status).toBe(403);
    expect(refused.body.ok || refused.body.error.code).toBe('ORDER.NOT_A_RESIDENT_OF_PLACE');
  });
});

describe('dispatch wording', () => {
  it('never says a volunteer was chosen for a dispute (邻里纠纷): not to the resident, not to the leader', async () => {
    const posted = await post(gw, PERSONAS.residentYoung, { category: '邻里纠纷', description: '楼上每天半夜拖椅子，很吵' });
    expect(posted.state).toBe('waiting');
    const views = [await act(gw, PERSONAS.residentYoung, 'get', { orderId: posted.id }), await act(gw, PERSONAS.gridLeader, 'get', { orderId: posted.id })];
    for (const view of views) {
      const words = [view.dispatchReason ?? '', view.stateLabel, ...view.timeline.map((t: { text: string }) => t.text)].join('\n');
      expect(words).not.toMatch(/选中|派单给|派给/);
      expect(view.offer).toBeNull();
    }
    const cands = await gw.call(PERSONAS.gridLeader, 'orders', 'candidates', { orderId: posted.id });
    if (!cands.body.ok) throw new Error(cands.body.error.code);
    expect(cands.body.data.explanation).not.toMatch(/选中/);
  });

  it('heads the leader’s 人工派单 list without naming anyone as chosen, and keeps each candidate’s reasons apart', async () => {
    // Three declines: the order waits for the leader, who looks at the list.
    const posted = await post(gw, PERSONAS.residentYoung, { category: '其他', description: '想找人帮忙搬一下旧衣柜' });
    let state = posted.state;
    for (let i = 0; i < 3 && state === 'offered'; i++) state = (await act(gw, await offereeOf(gw, posted.id), 'decline', { orderId: posted.id, reason: '时间不合适' })).state;
    expect(state).toBe('waiting');
    const cands = await gw.call(PERSONAS.gridLeader, 'orders', 'candidates', { orderId: posted.id });
    if (!cands.body.ok) throw new Error(cands.body.error.code);
    expect(cands.body.data.explanation).toMatch(/^本辖区共 \d+ 位志愿者，最合适的 \d+ 位排在前面/);
    expect(cands.body.data.candidates.length).toBeGreaterThan(0);
    expect(cands.body.data.explanation).not.toMatch(/选中|分）/);
    for (const c of cands.body.data.candidates) expect(c.why.every((w: string) => !w.includes('、'))).toBe(true);
  });
});
