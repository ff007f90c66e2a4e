import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, MORNING, post } from '../../helpers/orders';

/**
 * A rural 集中居住区 (柳湾集中居住区, ss01) stands beside the communities of 红星街道: its admin (社区书记,
 * granted by the street) leads its grid's requests as a community admin leads a community's, and the
 * admin of a community beside it sees none of them.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const SETTLEMENT = 'ss01';
const GRID = 'ss01-gd1';
const RESIDENT = 'seed-resident-ss01-002';
const GRID_LEADER = 'seed-gridleader-ss01-gd1';

async function queue(persona: string, nodeId: string, filter = 'all') {
  return gw.call(persona, 'orders', 'list', { view: 'queue', nodeId, filter });
}
const ids = (res: Awaited<ReturnType<typeof queue>>) => (res.body.ok ? res.body.data.orders.map((o: { id: string }) => o.id) : res.body.error.code);
type Message = { template: string; page: string | null };
async function inbox(persona: string): Promise<Message[]> {
  const res = await gw.call(persona, 'accounts', 'inbox', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.messages;
}

describe('a settlement (集中居住区) is led like a community', () => {
  let orderId = '';
  beforeAll(async () => {
    orderId = (await post(gw, RESIDENT, { category: '公共设施', description: '居住区门口的路灯坏了一整排' })).id;
  });

  it('is in the tree under the street, among the communities, with its grid below it', async () => {
    const res = await gw.call(PERSONAS.resident, 'accounts', 'tree', {});
    if (!res.body.ok) throw new Error(res.body.error.code);
    const nodes = res.body.data.nodes as { id: string; kind: string; kindLabel: string; name: string; parentId: string | null }[];
    expect(nodes.find((n) => n.id === SETTLEMENT)).toEqual(expect.objectContaining({ kind: 'settlement', kindLabel: '集中居住区', name: '柳湾集中居住区', parentId: 'st01' }));
    expect(nodes.find((n) => n.id === GRID)).toEqual(expect.objectContaining({ kind: 'grid', parentId: SETTLEMENT }));
    const depth = (id: string) => nodes.findIndex((n) => n.id === id);
    expect(depth(SETTLEMENT)).toBeLessThan(nodes.findIndex((n) => n.kind === 'grid'));
    expect(depth('cm02')).toBeLessThan(depth(SETTLEMENT));
  });

  it('puts an order of its grid in the settlement’s place: its grid leader’s queue, seen by the settlement admin', async () => {
    const stored = await gw.store.get<{ _id: string; place: { path: Record<string, string> }; level: string }>('orders', orderId);
    expect(stored!.place.path).toEqual(expect.objectContaining({ streetId: 'st01', communityId: SETTLEMENT, gridId: GRID }));
    expect(stored!.level).toBe('grid');
    expect(ids(await queue(GRID_LEADER, GRID))).toContain(orderId);
    // Above the grid: the settlement admin may open the grid's queue, as a community admin may a grid of theirs.
    expect(ids(await queue(PERSONAS.settlementAdmin, GRID))).toContain(orderId);
  });

  it('refuses the admin of another community the settlement’s queues, counts and numbers', async () => {
    for (const nodeId of [GRID, SETTLEMENT]) {
      expect([nodeId, (await queue(PERSONAS.communityAdmin, nodeId)).status]).toEqual([nodeId, 403]);
      expect([nodeId, (await gw.call(PERSONAS.communityAdmin, 'orders', 'queueCounts', { nodeId })).status]).toEqual([nodeId, 403]);
      expect([nodeId, (await gw.call(PERSONAS.communityAdmin, 'orders', 'stats', { nodeId })).status]).toEqual([nodeId, 403]);
    }
    // The order itself: not found, as any order outside one's places is.
    expect((await gw.call(PERSONAS.communityAdmin, 'orders', 'get', { orderId })).status).toBe(404);
    // …and the settlement admin nothing of 幸福里.
    expect((await queue(PERSONAS.settlementAdmin, 'cm01-gd1')).status).toBe(403);
    expect((await queue(PERSONAS.settlementAdmin, 'cm01')).status).toBe(403);
  });

  it('takes an order its grid escalates at the community level: the settlement admin’s queue and inbox, nobody else’s', async () => {
    const up = await act(gw, GRID_LEADER, 'escalate', { orderId, reason: '需要居住区协调供电部门' });
    expect([up.level, up.state]).toEqual(['community', 'waiting']);
    expect(ids(await queue(PERSONAS.settlementAdmin, SETTLEMENT))).toEqual([orderId]);
    expect(ids(await queue(GRID_LEADER, GRID, 'escalated'))).toEqual([orderId]);
    expect(ids(await queue(PERSONAS.communityAdmin, 'cm01'))).not.toContain(orderId);
    expect((await inbox(PERSONAS.settlementAdmin)).some((m) => m.page?.includes(orderId))).toBe(true);
    expect((await inbox(PERSONAS.communityAdmin)).some((m) => m.page?.includes(orderId))).toBe(false);

    const asAdmin = await act(gw, PERSONAS.settlementAdmin, 'get', { orderId });
    expect(asAdmin.allowedActions).toEqual(expect.arrayContaining(['sendBack', 'escalate', 'dispatchByHand']));
    const down = await act(gw, PERSONAS.settlementAdmin, 'sendBack', { orderId, reason: '供电部门已答复，请网格跟进' });
    expect([down.level, down.state]).toEqual(['grid', 'waiting']);
  });

  it('shows the settlement on its admin’s home page and scopes, at the community level', async () => {
    const me = await gw.call(PERSONAS.settlementAdmin, 'accounts', 'me', {});
    if (!me.body.ok) throw new Error(me.body.error.code);
    const scopes = me.body.data.user.scopes as Record<string, { nodeId: string; nodeKind: string }[]>;
    for (const menu of ['queue', 'stats', 'proxy', 'dutyOverview', 'approvals', 'reports', 'members', 'invites'])
      expect([menu, scopes[menu]!.map((s) => [s.nodeId, s.nodeKind])]).toEqual([menu, [[SETTLEMENT, 'settlement']]]);
    const home = await gw.call(PERSONAS.settlementAdmin, 'orders', 'home', {});
    if (!home.body.ok) throw new Error(home.body.error.code);
    expect(home.body.data.places).toEqual([expect.objectContaining({ nodeId: SETTLEMENT, nodeName: '柳湾集中居住区', nodeKind: 'community', roleLabel: '社区书记' })]);
    const counts = await gw.call(PERSONAS.settlementAdmin, 'orders', 'queueCounts', { nodeId: SETTLEMENT });
    expect(counts.body.ok && counts.body.data.roleLabel).toBe('社区书记');
  });

  it('is one of the street’s places in its numbers, and its own numbers are per grid', async () => {
    const street = await gw.call(PERSONAS.streetAdmin, 'orders', 'stats', { nodeId: 'st01' });
    if (!street.body.ok) throw new Error(street.body.error.code);
    expect(street.body.data.byChild.map((c: { nodeName: string; posted: number }) => [c.nodeName, c.posted])).toEqual([
      ['幸福里社区', 0],
      ['和平新村社区', 0],
      ['柳湾集中居住区', 1],
    ]);
    const own = await gw.call(PERSONAS.settlementAdmin, 'orders', 'stats', { nodeId: SETTLEMENT });
    if (!own.body.ok) throw new Error(own.body.error.code);
    expect(own.body.data.byChild.map((c: { nodeName: string; posted: number }) => [c.nodeName, c.posted])).toEqual([['柳湾第一网格', 1]]);
  });

  it('gets its admin from the street admin, as a community does; a community admin cannot grant one', async () => {
    const refused = await gw.call(PERSONAS.communityAdmin, 'accounts', 'createInvite', { role: 'communityAdmin', nodeId: SETTLEMENT, expiresInHours: 24 });
    expect(refused.status).toBe(403);
    const wrongLevel = await gw.call(PERSONAS.streetAdmin, 'accounts', 'createInvite', { role: 'gridLeader', nodeId: SETTLEMENT, expiresInHours: 24 });
    expect(wrongLevel.body.ok || wrongLevel.body.error.code).toBe('ACCOUNT.ROLE_NODE_MISMATCH');

    const made = await gw.call(PERSONAS.streetAdmin, 'accounts', 'createInvite', { role: 'communityAdmin', nodeId: SETTLEMENT, expiresInHours: 24 });
    if (!made.body.ok) throw new Error(made.body.error.code);
    await gw.call('settlement-deputy', 'accounts', 'me', {});
    const redeemed = await gw.call('settlement-deputy', 'accounts', 'redeemInvite', { code: made.body.data.invite.code });
    if (!redeemed.body.ok) throw new Error(redeemed.body.error.code);
    expect(redeemed.body.data.role).toEqual(expect.objectContaining({ role: 'communityAdmin', nodeId: SETTLEMENT, nodeName: '柳湾集中居住区' }));
    expect(ids(await queue('settlement-deputy', GRID))).toContain(orderId);
    expect((await queue('settlement-deputy', 'cm01')).status).toBe(403);

    // The settlement admin grants grid roles in its grid, and not in a community's.
    expect((await gw.call(PERSONAS.settlementAdmin, 'accounts', 'createInvite', { role: 'volunteer', nodeId: GRID, expiresInHours: 24 })).body.ok).toBe(true);
    expect((await gw.call(PERSONAS.settlementAdmin, 'accounts', 'createInvite', { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 24 })).status).toBe(403);
  });

  it('may have its own 党群服务中心, saved by its admin, serving only its grids', async () => {
    const station = {
      communityId: SETTLEMENT,
      name: '柳湾党群服务中心',
      address: '柳湾集中居住区 1 栋旁',
      openingHours: '周一至周六 8:30-17:30',
      hours: { days: [1, 2, 3, 4, 5, 6], open: 510, close: 1050 },
      servesGridIds: [GRID],
    };
    const saved = await gw.call(PERSONAS.settlementAdmin, 'stations', 'save', station);
    expect(saved.body.ok || saved.body.error).toBe(true);
    const elsewhere = await gw.call(PERSONAS.settlementAdmin, 'stations', 'save', { ...station, servesGridIds: ['cm01-gd1'] });
    expect(elsewhere.body.ok || [elsewhere.body.error.code, elsewhere.body.error.field]).toEqual(['TERRITORY.NODE_NOT_FOUND', 'payload.servesGridIds.0']);
    expect((await gw.call(PERSONAS.communityAdmin, 'stations', 'save', station)).status).toBe(403);
    const duty = await gw.call(PERSONAS.settlementAdmin, 'stations', 'dutyOverview', { communityId: SETTLEMENT, fromDate: '2026-11-23', days: 7 });
    expect(duty.body.ok || duty.body.error).toBe(true);
  });
});
