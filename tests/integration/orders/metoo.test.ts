import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, openidOf, post } from '../../helpers/orders';

/**
 * 重复提醒 + 我也遇到了: a resident about to post the same problem finds it, joins it as an affected
 * household, is told of its progress and rates it; the more households, the higher in the queue.
 * Residents of the demo: 张桂英 (PERSONAS.resident) lives in building 1 of micro-grid 1 of grid 1;
 * the seed residents below share her micro-grid (0092 her building); 0080 lives in another micro-grid
 * of her grid; 0064 in another community.
 */
const SAME_BUILDING = 'seed-resident-0092';
const SAME_MICRO = [
  'seed-resident-0074',
  'seed-resident-0108',
  'seed-resident-0121',
  'seed-resident-0124',
  'seed-resident-0129',
  'seed-resident-0144',
  'seed-resident-0156',
  'seed-resident-0160',
  'seed-resident-0171',
  'seed-resident-0186',
];
const OTHER_MICRO = 'seed-resident-0080';
const OTHER_GRID = 'seed-resident-0064';
const LEAK = '楼上漏水，卫生间天花板一直在滴水';

let gw: TestGateway;
let leakId: string;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  leakId = (await post(gw, PERSONAS.resident, { category: '水电维修', description: LEAK })).id;
});
afterAll(async () => {
  await gw.stop();
});

const similar = async (persona: string, payload: Record<string, unknown>) => {
  const res = await gw.call(persona, 'orders', 'similar', payload);
  if (!res.body.ok) throw new Error(`similar failed: ${res.body.error.code}`);
  return res.body.data.orders as { id: string; sameBuilding: boolean; affectedHouseholds: number; alreadyJoined: boolean; [k: string]: unknown }[];
};
const userIdOf = async (openid: string) => (await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 }))[0]!._id;

describe('orders.similar (重复提醒)', () => {
  it("finds the same building's leak, and neither a private order nor another grid's", async () => {
    const dispute = await post(gw, SAME_MICRO[0]!, { category: '邻里纠纷', description: '楼上漏水到我家卫生间天花板，一直在滴水，邻居不管' });
    const elsewhere = await post(gw, OTHER_GRID, { category: '水电维修', description: LEAK });
    const cards = await similar(SAME_BUILDING, { category: '水电维修', text: '卫生间天花板漏水，一直滴水' });
    const ids = cards.map((c) => c.id);
    expect(ids).toContain(leakId);
    expect(ids).not.toContain(dispute.id);
    expect(ids).not.toContain(elsewhere.id);
    const card = cards.find((c) => c.id === leakId)!;
    expect(card).toEqual(expect.objectContaining({ category: '水电维修', description: LEAK, sameBuilding: true, affectedHouseholds: 1, alreadyJoined: false, photoUrl: null }));
    expect(Object.keys(card).sort()).toEqual(['affectedHouseholds', 'alreadyJoined', 'category', 'description', 'id', 'photoUrl', 'postedAt', 'sameBuilding', 'stateLabel']);
    // The poster's name, phone and room are nowhere in the answer.
    const poster = (await gw.store.get<{ _id: string; name: string; phone: string; home: { room: string } }>('users', await userIdOf(PERSONAS.resident)))!;
    const raw = JSON.stringify(cards);
    for (const secret of [poster.name, poster.phone, poster.home.room]) expect(raw).not.toContain(secret);
  });

  it("shows the poster nothing of their own, a stranger's unrelated words nothing, and a resident of another grid nothing", async () => {
    expect((await similar(PERSONAS.resident, { category: '水电维修', text: LEAK })).map((c) => c.id)).not.toContain(leakId);
    expect(await similar(SAME_BUILDING, { category: '环境卫生', text: '小区门口垃圾桶满了没人清理' })).toEqual([]);
    expect((await similar(OTHER_GRID, { category: '水电维修', text: LEAK })).map((c) => c.id)).not.toContain(leakId);
  });

  it('refuses bad input with the field, and an unknown building clearly', async () => {
    const empty = await gw.call(SAME_BUILDING, 'orders', 'similar', { text: '' });
    expect(empty.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.text' }) });
    const long = await gw.call(SAME_BUILDING, 'orders', 'similar', { text: '漏'.repeat(501) });
    expect(long.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.text' }) });
    const nowhere = await gw.call(SAME_BUILDING, 'orders', 'similar', { text: '漏水了', buildingId: 'no-such-building' });
    expect(nowhere.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ACCOUNT.BUILDING_NOT_FOUND', field: 'payload.buildingId' }) });
  });
});

describe('indexes', () => {
  it('serves the similar query and the followers of 我的事项 from their indexes', () => {
    const plan = (collection: string, filter: Record<string, unknown>, sort: [string, 1 | -1][]) => gw.store.plan(collection, filter as never, { sort, limit: 50 }).join(' ');
    const since = '2026-10-24T00:00:00.000Z';
    const open = { $in: ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'resolved', 'reopened'] };
    expect(
      plan('orders', { 'place.path.microGridId': 'cm01-gd1-mg1', postedAt: { $gte: since }, state: open, private: false }, [
        ['place.path.microGridId', 1],
        ['postedAt', -1],
      ]),
    ).toMatch(/USING INDEX \S*micro_posted/);
    expect(
      plan('orders', { 'place.path.gridId': 'cm01-gd1', postedAt: { $gte: since }, state: open, private: false }, [
        ['place.path.gridId', 1],
        ['postedAt', -1],
      ]),
    ).toMatch(/USING INDEX \S*grid_posted/);
    expect(
      plan('order_followers', { userId: 'usr-0092' }, [
        ['userId', 1],
        ['at', -1],
      ]),
    ).toMatch(/USING INDEX \S*user/);
  });
});

/** A photo of the work, uploaded by whoever resolves (水电维修 needs one). */
async function photoOf(persona: string): Promise<string> {
  const photo = await gw.call(persona, 'orders', 'uploadPhoto', {
    contentType: 'image/png',
    dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0]).toString('base64'),
  });
  if (!photo.body.ok) throw new Error(photo.body.error.code);
  return photo.body.data.fileId;
}

describe('orders.metoo (我也遇到了)', () => {
  /** The stairwell pipe ten neighbours joined at once. */
  let pipeId = '';
  it('adds exactly one household, once per resident, with a timeline line that names no one', async () => {
    const joined = await act(gw, SAME_BUILDING, 'metoo', { orderId: leakId });
    expect(joined.affectedHouseholds).toBe(2);
    expect(joined.affectedMe).toBe(true);
    const again = await act(gw, SAME_BUILDING, 'metoo', { orderId: leakId });
    expect(again.affectedHouseholds).toBe(2);
    const posterView = await act(gw, PERSONAS.resident, 'get', { orderId: leakId });
    expect(posterView.affectedHouseholds).toBe(2);
    expect(posterView.affectedMe).toBe(false);
    const lines = posterView.timeline.filter((e: { kind: string }) => e.kind === 'affected');
    expect(lines).toEqual([expect.objectContaining({ text: '又有一户居民反映了同样的问题（共 2 户）', actor: '居民' })]);
    const neighbour = (await gw.store.get<{ _id: string; name: string }>('users', await userIdOf(SAME_BUILDING)))!;
    expect(JSON.stringify(posterView.timeline)).not.toContain(neighbour.name);
    // The neighbour's 我的事项 has it; the card says they joined.
    const mine = await gw.call(SAME_BUILDING, 'orders', 'list', { view: 'posted' });
    expect(mine.body.ok && mine.body.data.orders.map((o: { id: string }) => o.id)).toContain(leakId);
    // …and so does their home page's 我的 section.
    const home = await gw.call(SAME_BUILDING, 'orders', 'home', {});
    expect(home.body.ok && home.body.data.mine.orders.map((o: { id: string }) => o.id)).toContain(leakId);
    expect((await similar(SAME_BUILDING, { category: '水电维修', text: LEAK })).find((c) => c.id === leakId)).toEqual(
      expect.objectContaining({ alreadyJoined: true, affectedHouseholds: 2 }),
    );
  });

  it('counts exactly under 10 neighbours tapping at once: 11 households, 10 lines, and the queue and the dispatch reason weigh them', async () => {
    const pipe = await post(gw, PERSONAS.residentYoung, { category: '水电维修', description: '楼道里的水管一直漏水，地上全是水' });
    pipeId = pipe.id;
    const answers = await Promise.all(SAME_MICRO.map((p) => gw.call(p, 'orders', 'metoo', { orderId: pipe.id })));
    expect(answers.map((a) => (a.body.ok ? 'ok' : a.body.error.code))).toEqual(SAME_MICRO.map(() => 'ok'));
    const stored = (await gw.store.get<{ _id: string; affected: string[] }>('orders', pipe.id))!;
    expect(stored.affected).toHaveLength(10);
    expect(new Set(stored.affected).size).toBe(10);
    const view = await act(gw, PERSONAS.gridLeader, 'get', { orderId: pipe.id });
    expect(view.affectedHouseholds).toBe(11);
    const lines = view.timeline.filter((e: { kind: string }) => e.kind === 'affected').map((e: { text: string }) => e.text);
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe('又有一户居民反映了同样的问题（共 11 户）');
    expect(await gw.store.count('order_followers', { orderId: pipe.id })).toBe(10);

    // The leader's queue puts it first; a new offer's reason says how many households wait.
    const queue = await gw.call(PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: 'cm01-gd1', filter: 'all' });
    expect(queue.body.ok && queue.body.data.orders[0].id).toBe(pipe.id);
    expect(view.state).toBe('offered');
    {
      const volunteer = await offereeOf(gw, pipe.id);
      await act(gw, volunteer, 'decline', { orderId: pipe.id, reason: '今天不在小区' });
      const after = await act(gw, PERSONAS.gridLeader, 'get', { orderId: pipe.id });
      expect(after.state).toBe('offered');
      expect(after.dispatchReason).toMatch(/11 户受影响/);
    }
  });

  it('tells the affected neighbour that it was accepted and resolved, and lets them rate once without moving it', async () => {
    const neighbourId = await userIdOf(SAME_BUILDING);
    const volunteer = await offereeOf(gw, leakId);
    await act(gw, volunteer, 'accept', { orderId: leakId });
    await gw.tick(later(MORNING, 60));
    await act(gw, volunteer, 'resolve', { orderId: leakId, note: '楼上水管接头已更换', photos: [await photoOf(volunteer)] });
    const told = await gw.store.find<{ _id: string; template: string; page: string }>('outbox', { recipientId: neighbourId }, { limit: 50 });
    const templates = told.filter((r) => r.page?.includes(leakId)).map((r) => r.template);
    expect(templates).toEqual(expect.arrayContaining(['order.accepted', 'order.resolved']));

    const before = await act(gw, SAME_BUILDING, 'get', { orderId: leakId });
    expect(before.allowedActions).toEqual(['rate']);
    const rated = await act(gw, SAME_BUILDING, 'rate', { orderId: leakId, stars: 4, tags: ['上门及时'], comment: '' });
    expect(rated.state).toBe('resolved');
    expect(rated.neighbourRating).toEqual({ average: 4, count: 1 });
    expect(rated.allowedActions).not.toContain('rate');
    const twice = await gw.call(SAME_BUILDING, 'orders', 'rate', { orderId: leakId, stars: 1 });
    expect(twice.body.ok).toBe(false);
    // The poster's rating still closes it.
    const closed = await act(gw, PERSONAS.resident, 'rate', { orderId: leakId, stars: 5 });
    expect(closed.state).toBe('closed');
    expect(closed.neighbourRating).toEqual({ average: 4, count: 1 });
  });

  it('shows a neighbour the words without the people in them: a phone or room typed in is masked, on the card and after joining', async () => {
    const words = '楼道水管漏水，3-502 张桂英家门口全是水，急，电话13812345678';
    const leak = await post(gw, PERSONAS.resident, { category: '水电维修', description: words });
    const card = (await similar(SAME_BUILDING, { category: '水电维修', text: '楼道水管漏水了，门口全是水' })).find((c) => c.id === leak.id);
    expect(card?.description).toContain('＊＊');
    expect(card?.description).not.toMatch(/13812345678|5678|张桂英/);
    const joined = await act(gw, SAME_BUILDING, 'metoo', { orderId: leak.id });
    expect(joined.description).not.toMatch(/13812345678|张桂英/);
    expect((await act(gw, PERSONAS.resident, 'get', { orderId: leak.id })).description).toBe(words);
  });

  it('takes the ratings of ten neighbours rating at once, each once, none asked to refresh', async () => {
    const volunteer = await offereeOf(gw, pipeId);
    await act(gw, volunteer, 'accept', { orderId: pipeId });
    await act(gw, volunteer, 'resolve', { orderId: pipeId, note: '楼道水管已修好', photos: [await photoOf(volunteer)] });
    const answers = await Promise.all(SAME_MICRO.map((p, i) => gw.call(p, 'orders', 'rate', { orderId: pipeId, stars: 1 + (i % 5) })));
    expect(answers.map((a) => (a.body.ok ? 'ok' : a.body.error.code))).toEqual(SAME_MICRO.map(() => 'ok'));
    const stored = (await gw.store.get<{ _id: string; state: string; neighbourRatings: { userId: string; stars: number }[] }>('orders', pipeId))!;
    expect(stored.state).toBe('resolved');
    expect(stored.neighbourRatings).toHaveLength(10);
    expect(new Set(stored.neighbourRatings.map((r) => r.userId)).size).toBe(10);
    expect(stored.neighbourRatings.reduce((n, r) => n + r.stars, 0)).toBe(SAME_MICRO.reduce((n, _, i) => n + 1 + (i % 5), 0));
    const again = await gw.call(SAME_MICRO[0]!, 'orders', 'rate', { orderId: pipeId, stars: 5 });
    expect(again.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.NOT_ALLOWED_NOW' }) });
  });

  it("refuses the poster's own order, a private one, a resident of another micro-grid or grid, and a closed one — each with its code", async () => {
    const lamp = await post(gw, PERSONAS.resident, { category: '公共设施', description: '单元门的门禁坏了，关不上', clientKey: clientKey() });
    const own = await gw.call(PERSONAS.resident, 'orders', 'metoo', { orderId: lamp.id });
    expect(own.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.METOO_OWN_ORDER', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }) });
    const dispute = await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天半夜装修，太吵了' });
    const priv = await gw.call(SAME_BUILDING, 'orders', 'metoo', { orderId: dispute.id });
    expect(priv.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.METOO_PRIVATE' }) });
    const far = await gw.call(OTHER_MICRO, 'orders', 'metoo', { orderId: lamp.id });
    expect(far.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.METOO_NOT_NEIGHBOUR' }) });
    const farther = await gw.call(OTHER_GRID, 'orders', 'metoo', { orderId: lamp.id });
    expect(farther.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.METOO_NOT_NEIGHBOUR' }) });
    // A private order is not even there for someone from elsewhere.
    const hidden = await gw.call(OTHER_GRID, 'orders', 'metoo', { orderId: dispute.id });
    expect(hidden.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.NOT_FOUND' }) });
    const closed = await gw.call(SAME_BUILDING, 'orders', 'metoo', { orderId: leakId });
    expect(closed.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ORDER.NOT_ALLOWED_NOW' }) });
    const bad = await gw.call(SAME_BUILDING, 'orders', 'metoo', { orderId: '' });
    expect(bad.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.orderId' }) });
    expect(await openidOf(gw, await userIdOf(SAME_BUILDING))).toBe(SAME_BUILDING);
  });
});
