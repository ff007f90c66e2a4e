import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, post } from '../../helpers/orders';

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterEach(async () => {
  await gw.stop();
});

type Stored = { _id: string; state: string; level: string; maxLevel: string; breaches: number; excluded: string[]; failedOffers: number; closedAs: string | null };
const stored = (id: string) => gw.store.get<Stored>('orders', id) as Promise<Stored>;

describe('小事不出格、大事不出社区、矛盾不上交', () => {
  it('escalates to the community with a reason, and the community sends it back down (回派)', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '公共设施', description: '小区门口路灯坏了一整排' });
    const up = await act(gw, PERSONAS.gridLeader, 'escalate', { orderId: posted.id, reason: '需要社区协调供电部门' });
    expect([up.level, up.state]).toEqual(['community', 'waiting']);

    const queue = await gw.call(PERSONAS.communityAdmin, 'orders', 'list', { view: 'queue', nodeId: 'cm01' });
    if (!queue.body.ok) throw new Error(queue.body.error.code);
    expect(queue.body.data.orders.map((o: { id: string }) => o.id)).toContain(posted.id);
    const followed = await gw.call(PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: 'cm01-gd1', filter: 'escalated' });
    expect(followed.body.ok && followed.body.data.orders.map((o: { id: string }) => o.id)).toContain(posted.id);

    // The grid leader can no longer act on it; the community can.
    const asLeader = await act(gw, PERSONAS.gridLeader, 'get', { orderId: posted.id });
    expect(asLeader.allowedActions).toEqual(['comment']);
    const asAdmin = await act(gw, PERSONAS.communityAdmin, 'get', { orderId: posted.id });
    expect(asAdmin.allowedActions).toEqual(expect.arrayContaining(['sendBack', 'escalate', 'dispatchByHand', 'openPool']));

    const down = await act(gw, PERSONAS.communityAdmin, 'sendBack', { orderId: posted.id, reason: '供电部门已答复，请网格跟进' });
    expect([down.level, down.state]).toEqual(['grid', 'waiting']);
    expect(down.timeline.map((e: { text: string }) => e.text).join('|')).toMatch(/上报至社区：需要社区协调供电部门.*回派至网格：供电部门已答复/);
    expect((await stored(posted.id)).maxLevel).toBe('community');
  });

  it('lets the clock escalate a stalled order, once per clock, and a second tick at the same instant changes nothing', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼道里被邻居堆满了杂物' });
    await gw.tick(later(MORNING, 23 * 60));
    expect((await stored(posted.id)).level).toBe('grid');
    const at = later(MORNING, 25 * 60);
    const first = await gw.tick(at);
    expect(first.body.ok && first.body.data.jobs.clockEscalations).toBe(1);
    expect(await stored(posted.id)).toEqual(expect.objectContaining({ level: 'community', breaches: 1, state: 'waiting' }));
    const before = await snapshot(gw);
    const second = await gw.tick(at);
    expect(second.body.ok && second.body.data.jobs).toEqual({
      expireOffers: 0,
      clockEscalations: 0,
      autoClose: 0,
      closeForgottenDuty: 0,
      expireInvites: 0,
      followCouncilOrders: 0,
      remindMeetings: 0,
      remindMinutes: 0,
      remindLiuyouTasks: 0,
      retentionContacts: 0,
      retentionPhotos: 0,
      retentionReplays: 0,
      retentionOutbox: 0,
      retentionAudit: 0,
      retentionInactive: 0,
    });
    expect(await snapshot(gw)).toBe(before);

    // A week later it has missed the community's clock too, and sits with the street.
    await gw.tick(later(MORNING, 25 * 60 + 80 * 60));
    expect(await stored(posted.id)).toEqual(expect.objectContaining({ level: 'street', breaches: 2 }));
  });

  it('moves an unanswered offer on when it expires, and after three failed offers waits for the leader', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买降压药' });
    let at = MORNING;
    const offered: string[] = [];
    for (let i = 0; i < 3; i++) {
      const order = await stored(posted.id);
      if (order.state !== 'offered') break;
      offered.push(await offereeOf(gw, posted.id));
      at = later(at, 31);
      await gw.tick(at);
    }
    const order = await stored(posted.id);
    expect(new Set(offered).size).toBe(offered.length);
    expect(order.excluded).toHaveLength(offered.length);
    expect(order.state).toBe('waiting');
    const view = await act(gw, PERSONAS.gridLeader, 'get', { orderId: posted.id });
    expect(view.allowedActions).toEqual(expect.arrayContaining(['dispatchByHand', 'openPool', 'candidates']));
  });

  it('reopens a 1★ order for the leader; a second bad rating escalates it', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去超市买一袋米' });
    const v1 = await offereeOf(gw, posted.id);
    await act(gw, v1, 'accept', { orderId: posted.id });
    await act(gw, v1, 'resolve', { orderId: posted.id, note: '已送到门口' });
    const reopened = await act(gw, PERSONAS.resident, 'rate', { orderId: posted.id, stars: 1, tags: ['没有解决'], comment: '买错了牌子' });
    expect([reopened.state, reopened.reopenCount, reopened.level]).toEqual(['reopened', 1, 'grid']);

    const queue = await gw.call(PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: 'cm01-gd1', filter: 'reopened' });
    expect(queue.body.ok && queue.body.data.orders.map((o: { id: string }) => o.id)).toContain(posted.id);

    const candidates = await gw.call(PERSONAS.gridLeader, 'orders', 'candidates', { orderId: posted.id });
    if (!candidates.body.ok) throw new Error(candidates.body.error.code);
    expect(candidates.body.data.candidates.length).toBeGreaterThan(0);
    const chosen = candidates.body.data.candidates[0];
    expect(chosen.why.length).toBeGreaterThan(0);
    await act(gw, PERSONAS.gridLeader, 'dispatchByHand', { orderId: posted.id, volunteerId: chosen.userId });
    const v2 = await offereeOf(gw, posted.id);
    await act(gw, v2, 'accept', { orderId: posted.id });
    await act(gw, v2, 'resolve', { orderId: posted.id, note: '换成了您要的牌子' });
    const escalated = await act(gw, PERSONAS.resident, 'rate', { orderId: posted.id, stars: 2, comment: '还是不满意' });
    expect([escalated.state, escalated.level, escalated.reopenCount]).toEqual(['waiting', 'community', 2]);
  });

  it('closes an unrated order after 7 days as 未评价, never as satisfied', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '政策咨询', description: '想问问高龄补贴怎么申请' });
    const v = await offereeOf(gw, posted.id);
    await act(gw, v, 'accept', { orderId: posted.id });
    await act(gw, v, 'resolve', { orderId: posted.id, note: '已上门讲解申请流程' });
    await gw.tick(later(MORNING, 6 * 24 * 60));
    expect((await stored(posted.id)).state).toBe('resolved');
    await gw.tick(later(MORNING, 7 * 24 * 60 + 5));
    expect(await stored(posted.id)).toEqual(expect.objectContaining({ state: 'closed', closedAs: 'unrated' }));

    const stats = await gw.call(PERSONAS.gridLeader, 'orders', 'stats', { nodeId: 'cm01-gd1' });
    if (!stats.body.ok) throw new Error(stats.body.error.code);
    expect(stats.body.data.total).toEqual(expect.objectContaining({ closed: 1, rated: 0, unrated: 1, satisfaction: null, closureRate: 1, insideGridRate: 1 }));
  });
});

describe('measures (出格率, 出社区率, 办结率, 满意度)', () => {
  it('are computed from the records, per grid, community, street and month', async () => {
    const good = await post(gw, PERSONAS.resident);
    const v = await offereeOf(gw, good.id);
    await act(gw, v, 'accept', { orderId: good.id });
    await gw.tick(later(MORNING, 30));
    const photo = await gw.call(v, 'orders', 'uploadPhoto', {
      contentType: 'image/jpeg',
      dataBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]).toString('base64'),
    });
    if (!photo.body.ok) throw new Error(photo.body.error.code);
    await act(gw, v, 'resolve', { orderId: good.id, note: '修好了', photos: [photo.body.data.fileId] });
    await act(gw, PERSONAS.resident, 'rate', { orderId: good.id, stars: 4 });
    const up = await post(gw, PERSONAS.resident, { category: '公共设施', description: '小区健身器材坏了' });
    await act(gw, PERSONAS.gridLeader, 'escalate', { orderId: up.id, reason: '需要社区出资维修' });

    const grid = await gw.call(PERSONAS.gridLeader, 'orders', 'stats', { nodeId: 'cm01-gd1', month: '2026-11' });
    if (!grid.body.ok) throw new Error(grid.body.error.code);
    expect(grid.body.data.total).toEqual(
      expect.objectContaining({ posted: 2, closed: 1, closureRate: 0.5, satisfaction: 1, rated: 1, leftGridRate: 0, medianAcceptMinutes: 0, medianResolveMinutes: 30 }),
    );
    const street = await gw.call(PERSONAS.streetAdmin, 'orders', 'stats', { nodeId: 'st01' });
    if (!street.body.ok) throw new Error(street.body.error.code);
    expect(street.body.data.byChild.map((c: { nodeName: string; posted: number }) => [c.nodeName, c.posted])).toEqual([
      ['幸福里社区', 2],
      ['和平新村社区', 0],
      ['柳湾集中居住区', 0],
    ]);
    expect(street.body.data.byMonth.map((m: { month: string }) => m.month)).toEqual(['2026-11']);
    const refused = await gw.call(PERSONAS.volunteer, 'orders', 'stats', { nodeId: 'cm01-gd1' });
    expect(refused.status).toBe(403);
  });
});
