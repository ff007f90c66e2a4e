import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

type Scope = { role: string; roleLabel: string; nodeId: string; nodeName: string; nodeKind: string; grants?: string[] };
type Scopes = Record<string, Scope[]>;

async function scopesOf(openid: string): Promise<Scopes> {
  const res = await gw.call(openid, 'accounts', 'me', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.user.scopes as Scopes;
}
/** Each menu → the names of the places it opens at. */
const named = (scopes: Scopes) =>
  Object.fromEntries(
    Object.entries(scopes)
      .filter(([, list]) => list.length > 0)
      .map(([menu, list]) => [menu, list.map((s) => s.nodeName)]),
  );

describe('accounts.me sends each persona their scopes: the places each menu opens at', () => {
  it('a resident (张桂英) and a police officer open no role menu', async () => {
    expect(named(await scopesOf(PERSONAS.resident))).toEqual({});
    expect(named(await scopesOf(PERSONAS.police))).toEqual({});
  });

  it('a volunteer and an in-service party member take tasks and keep a service record in their grid', async () => {
    for (const who of [PERSONAS.volunteer, PERSONAS.inService]) {
      const scopes = named(await scopesOf(who));
      expect(Object.keys(scopes).sort()).toEqual(['serviceRecord', 'tasks']);
      expect(scopes.tasks).toEqual(scopes.serviceRecord);
    }
    expect(named(await scopesOf(PERSONAS.volunteer)).tasks).toEqual(['幸福里第一网格']);
  });

  it('a grid leader opens the queue, numbers, 代办, members and invites of the grid, a service record and the 六有 checklist; no duty overview or approvals', async () => {
    const scopes = await scopesOf(PERSONAS.gridLeader);
    const g = ['幸福里第一网格'];
    expect(named(scopes)).toEqual({ queue: g, stats: g, proxy: g, members: g, invites: g, serviceRecord: g, liuyou: g });
    expect(scopes.invites![0]!.grants).toEqual(['liaison', 'volunteer']);
  });

  it('a community secretary opens every leader and admin menu of the community', async () => {
    const c = ['幸福里社区'];
    expect(named(await scopesOf(PERSONAS.communityAdmin))).toEqual({
      queue: c,
      stats: c,
      proxy: c,
      dutyOverview: c,
      approvals: c,
      reports: c,
      members: c,
      invites: c,
      liuyou: c,
      compounds: c,
    });
  });

  it('a street admin opens them for the street', async () => {
    const s = ['红星街道'];
    const scopes = await scopesOf(PERSONAS.streetAdmin);
    expect(named(scopes)).toEqual({
      queue: s,
      stats: s,
      proxy: s,
      dutyOverview: s,
      approvals: s,
      reports: s,
      members: s,
      invites: s,
      liuyou: s,
      dataAccess: s,
      revealLog: s,
      compounds: s,
    });
    expect(scopes.queue![0]).toEqual(expect.objectContaining({ role: 'streetAdmin', roleLabel: '街道管理员', nodeKind: 'street' }));
  });

  it('the property desk of 幸福花园 opens its orders and its compound, nothing of the grid or the community', async () => {
    const x = ['幸福花园'];
    expect(named(await scopesOf(PERSONAS.property))).toEqual({ desk: x, compounds: x });
  });

  it('each scope is a place the server then lets the persona open', async () => {
    for (const who of Object.values(PERSONAS)) {
      const scopes = await scopesOf(who);
      for (const s of scopes.queue ?? []) expect((await gw.call(who, 'orders', 'queueCounts', { nodeId: s.nodeId })).body.ok).toBe(true);
      for (const s of scopes.members ?? []) expect((await gw.call(who, 'accounts', 'listMembers', { nodeId: s.nodeId, kind: 'roles', offset: 0, limit: 5 })).body.ok).toBe(true);
      for (const s of scopes.dataAccess ?? []) expect((await gw.call(who, 'open311', 'listKeys', { streetId: s.nodeId })).body.ok).toBe(true);
      for (const s of scopes.revealLog ?? []) expect((await gw.call(who, 'privacy', 'revealLog', { streetId: s.nodeId })).body.ok).toBe(true);
      if (scopes.desk?.length) expect((await gw.call(who, 'orders', 'list', { view: 'desk' })).body.ok).toBe(true);
      for (const s of (scopes.compounds ?? []).filter((x) => x.nodeKind === 'community'))
        expect((await gw.call(who, 'compounds', 'list', { communityId: s.nodeId })).body.ok).toBe(true);
      for (const s of (scopes.dutyOverview ?? []).filter((x) => x.nodeKind === 'community')) {
        expect((await gw.call(who, 'stations', 'dutyOverview', { communityId: s.nodeId, fromDate: '2026-11-23', days: 7 })).body.ok).toBe(true);
      }
      for (const s of (scopes.approvals ?? []).filter((x) => x.nodeKind === 'community'))
        expect((await gw.call(who, 'service', 'pendingHours', { communityId: s.nodeId })).body.ok).toBe(true);
      // 六有: a street opens its matrix, a community (or 集中居住区) its checks.
      for (const s of scopes.liuyou ?? []) {
        if (s.nodeKind === 'street') expect((await gw.call(who, 'liuyou', 'matrix', { streetId: s.nodeId })).body.ok).toBe(true);
        if (s.nodeKind === 'community' || s.nodeKind === 'settlement') expect((await gw.call(who, 'liuyou', 'listChecks', { nodeId: s.nodeId })).body.ok).toBe(true);
      }
    }
  });
});
