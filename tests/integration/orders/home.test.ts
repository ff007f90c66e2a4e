import { localPorts } from '../../../cloudfunctions/_core/adapters/local';
import { runCall } from '../../../cloudfunctions/_core/pipeline';
import type { Store } from '../../../cloudfunctions/_core/ports/store';
import { homeQueries, queueFilter } from '../../../cloudfunctions/orders/order-lists';
import { ordersFunction } from '../../../cloudfunctions/orders/orders.function';
import { QUEUE_FILTERS } from '../../../shared/orders/queue';
import { playDemoStory } from '../../../scripts/demo-story';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, later, MORNING, offereeOf, openidOf, post } from '../../helpers/orders';

type Path = { streetId: string; communityId?: string; gridId?: string };
type Stored = {
  _id: string;
  posterId: string;
  state: string;
  level: 'grid' | 'community' | 'street';
  levelDeadline: string;
  place: { path: Path };
  offer: { volunteerId: string; expiresAt: string } | null;
};
type Home = {
  now: string;
  sections: string[];
  workBadge: number;
  offers: { orders: { id: string; expiresAt: string | null; state: string }[]; inHand: number } | null;
  places: { nodeId: string; nodeName: string; nodeKind: string; roleLabel: string; counts: { filter: string; label: string; count: number }[] }[];
  mine: { orders: { id: string; state: string; stateLabel: string; hint: string | null }[]; more: boolean };
};

/** A photo of the repair, for the categories that ask for one on 办结. */
async function resolveWithPhoto(gw: TestGateway, volunteer: string, orderId: string) {
  const photo = await gw.call(volunteer, 'orders', 'uploadPhoto', {
    contentType: 'image/png',
    dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0]).toString('base64'),
  });
  if (!photo.body.ok) throw new Error(photo.body.error.code);
  return act(gw, volunteer, 'resolve', { orderId, note: '已上门修好', photos: [photo.body.data.fileId] });
}

async function home(gw: TestGateway, persona: string): Promise<Home> {
  const res = await gw.call(persona, 'orders', 'home', {});
  if (!res.body.ok) throw new Error(`home as ${persona}: ${res.body.error.code}`);
  return res.body.data as Home;
}

const allOrders = (gw: TestGateway) => gw.store.find<Stored>('orders', {}, { limit: 1000 });
const userIdOf = async (gw: TestGateway, openid: string) => (await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 }))[0]!._id;

/**
 * What a leader of a place should see, written out from the product rules and counted over every
 * stored order (not through the queries under test): 待处理 = waiting for the leader at this level;
 * 超时 = open at this level past its clock; 差评复核 = reopened at this level; 已上报 = open above it.
 */
const OPEN = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'reopened'];
const ABOVE = { grid: ['community', 'street'], community: ['street'], street: [] as string[] };
function expectedCounts(orders: Stored[], node: { id: string; kind: 'grid' | 'community' | 'street' }, now: string): Record<string, number> {
  const key = node.kind === 'grid' ? 'gridId' : node.kind === 'community' ? 'communityId' : 'streetId';
  const here = orders.filter((o) => o.place.path[key] === node.id);
  const atLevel = here.filter((o) => o.level === node.kind);
  const counts: Record<string, number> = {
    waiting: atLevel.filter((o) => o.state === 'waiting' || o.state === 'dispatching').length,
    overdue: atLevel.filter((o) => OPEN.includes(o.state) && o.levelDeadline < now).length,
    reopened: atLevel.filter((o) => o.state === 'reopened').length,
  };
  if (node.kind !== 'street') counts.escalated = here.filter((o) => ABOVE[node.kind].includes(o.level) && OPEN.includes(o.state)).length;
  return counts;
}
const asRecord = (counts: { filter: string; count: number }[]) => Object.fromEntries(counts.map((c) => [c.filter, c.count]));

describe('orders.home: the home page knows who you are', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await startTestGateway();
    await gw.tick(MORNING);
  });
  afterEach(async () => {
    await gw.stop();
  });

  it('puts a volunteer’s waiting offer first, with the offer’s own expiry and a badge count', async () => {
    const posted = await post(gw, PERSONAS.resident);
    const volunteer = await offereeOf(gw, posted.id);
    const stored = (await gw.store.get<Stored>('orders', posted.id))!;

    const h = await home(gw, volunteer);
    expect(h.sections[0]).toBe('offers');
    expect(h.offers!.orders.map((o) => [o.id, o.expiresAt])).toEqual([[posted.id, stored.offer!.expiresAt]]);
    expect(h.workBadge).toBe(1);
    expect(h.now).toBe(MORNING);

    // Once it lapses, it is no longer offered to them: no badge, the (empty) offers after their own orders.
    gw.ports.clock.set(later(MORNING, 31));
    const lapsed = await home(gw, volunteer);
    expect(lapsed.workBadge).toBe(0);
    expect(lapsed.offers!.orders).toEqual([]);
    expect(lapsed.sections).toEqual(['mine', 'offers']);
  });

  it('shows a resident their open orders with their state, and nothing of volunteers or queues', async () => {
    const first = await post(gw, PERSONAS.resident, { category: '家居小修', description: '卧室门锁坏了打不开' });
    const h = await home(gw, PERSONAS.resident);
    expect(h.sections).toEqual(['mine']);
    expect(h.offers).toBeNull();
    expect(h.places).toEqual([]);
    expect(h.workBadge).toBe(0);
    expect(h.mine.orders.map((o) => [o.id, o.state, o.stateLabel])).toEqual([[first.id, 'offered', '待接单']]);

    // Resolved, it stays on the home page and asks for a rating; rated, it leaves.
    const volunteer = await offereeOf(gw, first.id);
    await act(gw, volunteer, 'accept', { orderId: first.id });
    await resolveWithPhoto(gw, volunteer, first.id);
    expect((await home(gw, PERSONAS.resident)).mine.orders).toEqual([expect.objectContaining({ id: first.id, state: 'resolved', hint: '已办结，请您评价' })]);
    await act(gw, PERSONAS.resident, 'rate', { orderId: first.id, stars: 5 });
    expect((await home(gw, PERSONAS.resident)).mine.orders).toEqual([]);
  });

  it('counts what a grid leader must act on today, only in the grid he leads, and the same again in the queue', async () => {
    // A built state in 幸福里第一网格: a dispute (待处理), one escalated to the community (已上报),
    // one rated 2★ (差评复核), one offered; and an order in another grid that must not count here.
    await post(gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天深夜有很大的噪音' });
    const lights = await post(gw, PERSONAS.resident, { category: '公共设施', description: '小区门口路灯坏了一整排' });
    await act(gw, PERSONAS.gridLeader, 'escalate', { orderId: lights.id, reason: '需要社区协调供电部门' });
    const tap = await post(gw, PERSONAS.resident, { category: '水电维修', description: '厨房水龙头一直滴水' });
    const v = await offereeOf(gw, tap.id);
    await act(gw, v, 'accept', { orderId: tap.id });
    await resolveWithPhoto(gw, v, tap.id);
    await act(gw, PERSONAS.resident, 'rate', { orderId: tap.id, stars: 2 });
    await post(gw, PERSONAS.residentYoung, { category: '家居小修', description: '阳台晾衣架摇不下来了' });
    const elsewhere = (
      await gw.store.find<{ _id: string; openid: string }>(
        'users',
        { 'home.path.gridId': 'cm01-gd2' },
        {
          sort: [
            ['home.path.gridId', 1],
            ['createdAt', 1],
          ],
          limit: 50,
        },
      )
    ).find((u) => u.openid.startsWith('seed-resident-'))!;
    await post(gw, elsewhere.openid, { category: '邻里纠纷', description: '隔壁的狗整夜在叫' });

    const h = await home(gw, PERSONAS.gridLeader);
    expect(h.sections[0]).toBe('queues');
    expect(h.places.map((p) => [p.nodeId, p.nodeName, p.roleLabel])).toEqual([['cm01-gd1', '幸福里第一网格', '网格长']]);
    expect(h.places[0]!.counts.map((c) => c.label)).toEqual(['待处理', '超时', '差评复核', '已上报']);
    const counts = asRecord(h.places[0]!.counts);
    expect(counts).toEqual(expectedCounts(await allOrders(gw), { id: 'cm01-gd1', kind: 'grid' }, MORNING));
    expect(counts).toEqual({ waiting: 1, overdue: 0, reopened: 1, escalated: 1 });

    // A day later (the scheduler not yet run): what is still open at the grid is past its clock.
    const dayLater = later(MORNING, 25 * 60);
    gw.ports.clock.set(dayLater);
    const late = asRecord((await home(gw, PERSONAS.gridLeader)).places[0]!.counts);
    expect(late).toEqual(expectedCounts(await allOrders(gw), { id: 'cm01-gd1', kind: 'grid' }, dayLater));
    expect(late.overdue).toBeGreaterThanOrEqual(3);

    // The queue's own counts are the same numbers, and each is the length of the list it opens.
    const q = await gw.call(PERSONAS.gridLeader, 'orders', 'queueCounts', { nodeId: 'cm01-gd1' });
    if (!q.body.ok) throw new Error(q.body.error.code);
    expect(q.body.data.counts.map((c: { filter: string }) => c.filter)).toEqual([...QUEUE_FILTERS]);
    for (const c of q.body.data.counts as { filter: string; count: number }[]) {
      if (c.filter in late) expect([c.filter, c.count]).toEqual([c.filter, late[c.filter]]);
      const list = await gw.call(PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: 'cm01-gd1', filter: c.filter, limit: 50 });
      expect([c.filter, list.body.ok && list.body.data.total]).toEqual([c.filter, c.count]);
    }
  });

  it('gives the community and the street their own counts (the street has nothing above it), and refuses counts of a place one does not lead', async () => {
    const lights = await post(gw, PERSONAS.resident, { category: '公共设施', description: '小区门口路灯坏了一整排' });
    await act(gw, PERSONAS.gridLeader, 'escalate', { orderId: lights.id, reason: '需要社区协调供电部门' });
    const orders = await allOrders(gw);

    const community = await home(gw, PERSONAS.communityAdmin);
    expect(community.places.map((p) => [p.nodeId, p.roleLabel])).toEqual([['cm01', '社区书记']]);
    expect(asRecord(community.places[0]!.counts)).toEqual(expectedCounts(orders, { id: 'cm01', kind: 'community' }, MORNING));
    expect(asRecord(community.places[0]!.counts).waiting).toBe(1);

    const street = await home(gw, PERSONAS.streetAdmin);
    expect(street.places[0]!.counts.map((c) => c.filter)).toEqual(['waiting', 'overdue', 'reopened']);
    expect(asRecord(street.places[0]!.counts)).toEqual(expectedCounts(orders, { id: 'st01', kind: 'street' }, MORNING));

    const denied = await gw.call(PERSONAS.gridLeader, 'orders', 'queueCounts', { nodeId: 'cm01-gd2' });
    expect([denied.status, denied.body.ok || denied.body.error.code]).toEqual([403, 'COMMON.FORBIDDEN']);
    const resident = await gw.call(PERSONAS.resident, 'orders', 'queueCounts', { nodeId: 'cm01-gd1' });
    expect(resident.body.ok || resident.body.error.code).toBe('COMMON.FORBIDDEN');
    // People who lead nothing get no places, whatever other role they hold.
    expect((await home(gw, PERSONAS.police)).places).toEqual([]);
    expect((await home(gw, PERSONAS.police)).sections).toEqual(['mine']);
  });

  it('serves every query of the home page and the queue counts by an index', async () => {
    const leader = await userIdOf(gw, PERSONAS.gridLeader);
    const q = homeQueries(leader, true);
    const plans = [q.offers!, q.inHand!, q.mine].map((x) => [x.name, gw.store.plan('orders', x.filter, x.options).join(' | ')]);
    plans.push([q.joined.name, gw.store.plan('order_followers', q.joined.filter, q.joined.options).join(' | ')]);
    for (const node of [
      { _id: 'cm01-gd1', kind: 'grid' as const },
      { _id: 'cm01', kind: 'community' as const },
      { _id: 'st01', kind: 'street' as const },
    ]) {
      for (const f of QUEUE_FILTERS) plans.push([`${node.kind}:${f}`, gw.store.plan('orders', queueFilter(node, f, MORNING)).join(' | ')]);
    }
    for (const [name, plan] of plans) expect([name, /USING (COVERING )?INDEX/.test(plan!) && !/^SCAN orders\b/.test(plan!.replace(/"/g, ''))]).toEqual([name, true]);
  });

  it('reads the store in a handful of calls, however many orders there are', async () => {
    for (let i = 0; i < 8; i++) await post(gw, PERSONAS.resident, { description: `第 ${i + 1} 件：厨房水龙头滴水`, clientKey: clientKey() });
    let calls = 0;
    const counted = new Proxy(gw.store as Store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (['get', 'find', 'count', 'insert', 'update', 'transact', 'increment', 'push'].includes(String(prop))) calls++;
          return value.apply(target, args);
        };
      },
    });
    const ports = { ...localPorts({ store: counted, dataDir: gw.dataDir }), clock: gw.ports.clock };
    const callsOf = async (persona: string) => {
      calls = 0;
      const res = await runCall(ordersFunction, ports, { action: 'home', payload: {} }, { persona });
      if (!res.ok) throw new Error(res.error.code);
      return calls;
    };
    // The caller (2 reads) plus the orders they joined with 我也遇到了 (1; none here) plus: resident 1;
    // volunteer 3; grid leader 1 + names 1 + 4 counts.
    expect(await callsOf(PERSONAS.resident)).toBe(4);
    expect(await callsOf(PERSONAS.volunteer)).toBe(6);
    expect(await callsOf(PERSONAS.gridLeader)).toBe(9);
  });
});

describe('orders.home on the demo story (ten days of the loop)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    await playDemoStory(gw.ports, Date.parse(MORNING));
    // The story hands the clock back to the system; the test reads at the instant it ended on.
    gw.ports.clock.set(MORNING);
  }, 60_000);
  afterAll(async () => {
    await gw.stop();
  });

  it('answers each persona with the sections and counts their data calls for', async () => {
    const now = gw.ports.clock.now();
    const orders = await allOrders(gw);
    const expectations: [string, string[]][] = [
      [PERSONAS.resident, ['mine']],
      [PERSONAS.residentYoung, ['mine']],
      [PERSONAS.gridLeader, ['queues', 'mine']],
      [PERSONAS.communityAdmin, ['queues', 'mine']],
      [PERSONAS.streetAdmin, ['queues', 'mine']],
      [PERSONAS.police, ['mine']],
    ];
    for (const [persona, sections] of expectations) expect([persona, (await home(gw, persona)).sections]).toEqual([persona, sections]);

    // The story leaves 张桂英's door lock offered to a volunteer: it is first on that volunteer's home.
    const residentId = await userIdOf(gw, PERSONAS.resident);
    const lock = orders.find((o) => o.state === 'offered' && o.posterId === residentId)!;
    const offeree = await openidOf(gw, lock.offer!.volunteerId);
    const h = await home(gw, offeree);
    expect(h.sections[0]).toBe('offers');
    expect(h.offers!.orders.map((o) => o.id)).toContain(lock._id);
    expect(h.workBadge).toBe(orders.filter((o) => o.state === 'offered' && o.offer!.volunteerId === lock.offer!.volunteerId && o.offer!.expiresAt > now).length);

    // 张桂英 sees that lock among her open orders.
    const mine = await home(gw, PERSONAS.resident);
    const open = orders.filter((o) => o.posterId === residentId && !['closed', 'cancelled'].includes(o.state));
    expect(mine.mine.orders.map((o) => o.id).sort()).toEqual(open.map((o) => o._id).sort());

    for (const [persona, node] of [
      [PERSONAS.gridLeader, { id: 'cm01-gd1', kind: 'grid' }],
      [PERSONAS.communityAdmin, { id: 'cm01', kind: 'community' }],
      [PERSONAS.streetAdmin, { id: 'st01', kind: 'street' }],
    ] as const) {
      const got = asRecord((await home(gw, persona)).places[0]!.counts);
      expect([persona, got]).toEqual([persona, expectedCounts(orders, node, now)]);
    }
    // The story leaves a dispute waiting for the grid leader, and two orders above the grid: the
    // lamp he escalated, and yesterday's 2★ whose grid clock ran out before he reviewed it.
    expect(asRecord((await home(gw, PERSONAS.gridLeader)).places[0]!.counts)).toEqual({ waiting: 1, overdue: 0, reopened: 0, escalated: 2 });
  });
});
