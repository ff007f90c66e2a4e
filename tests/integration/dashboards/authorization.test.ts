import { PERSONAS, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { MORNING, post } from '../../helpers/orders';

/**
 * Who may open which dashboard, through the gateway: person × place × action, written out by hand
 * and denied by default. A leader sees their own place and the places below it, never a place
 * beside or above; residents and volunteers see none. `records` answers a child that is not a child
 * of the place as missing, and never lists an order of another place.
 */

let gw: TestGateway;
const OTHER_STREET_ADMIN = 'dashboards-authz-streetadmin-st02';

beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // A second street with its own admin, beside the demo's 红星街道.
  await gw.store.insert('nodes', { _id: 'st02', kind: 'street', name: '青石街道', parentId: null, path: { streetId: 'st02' }, order: 2, version: 1, createdAt: MORNING });
  await gw.store.insert('users', {
    _id: 'dashboards-authz-st02',
    openid: OTHER_STREET_ADMIN,
    name: '郑青石',
    largeText: false,
    createdAt: MORNING,
    updatedAt: MORNING,
    version: 1,
  });
  await gw.store.insert('memberships', {
    _id: 'dashboards-authz-st02.streetAdmin.st02',
    userId: 'dashboards-authz-st02',
    role: 'streetAdmin',
    nodeId: 'st02',
    nodeKind: 'street',
    path: { streetId: 'st02' },
    grantedBy: null,
    inviteId: null,
    grantedAt: MORNING,
    version: 1,
  });
});
afterAll(async () => {
  await gw.stop();
});

const WHO = {
  /** 周卫东, 街道管理员 of 红星街道 (st01). */
  street: PERSONAS.streetAdmin,
  /** 街道管理员 of 青石街道 (st02). */
  otherStreet: OTHER_STREET_ADMIN,
  /** 陈丽华, 社区书记 of 幸福里社区 (cm01). */
  community: PERSONAS.communityAdmin,
  /** 李建国, 网格长 of 幸福里第一网格 (cm01-gd1). */
  grid: PERSONAS.gridLeader,
  resident: PERSONAS.resident,
  volunteer: PERSONAS.volunteer,
  inService: PERSONAS.inService,
} as const;
type Who = keyof typeof WHO;

const PLACES = ['st01', 'st02', 'cm01', 'cm02', 'ss01', 'cm01-gd1', 'cm01-gd2', 'cm02-gd1'] as const;

/** Where each person may open a dashboard; everywhere else is refused. */
const MAY: Record<Who, readonly string[]> = {
  street: ['st01', 'cm01', 'cm02', 'ss01', 'cm01-gd1', 'cm01-gd2', 'cm02-gd1'],
  otherStreet: ['st02'],
  community: ['cm01', 'cm01-gd1', 'cm01-gd2'],
  grid: ['cm01-gd1'],
  resident: [],
  volunteer: [],
  inService: [],
};

const outcome = (res: CallResult) => (res.body.ok ? 'ok' : `${res.status} ${res.body.error.code}`);
const PERIOD = '2026-11';

describe('dashboards: who sees which place', () => {
  it('lets each leader open the overview and records of their place and below, and nobody else', async () => {
    for (const who of Object.keys(WHO) as Who[]) {
      for (const nodeId of PLACES) {
        const expected = MAY[who].includes(nodeId) ? 'ok' : '403 COMMON.FORBIDDEN';
        const overview = await gw.call(WHO[who], 'dashboards', 'overview', { nodeId, period: PERIOD });
        expect([who, nodeId, 'overview', outcome(overview)]).toEqual([who, nodeId, 'overview', expected]);
        const records = await gw.call(WHO[who], 'dashboards', 'records', { nodeId, period: PERIOD, figure: 'posted' });
        expect([who, nodeId, 'records', outcome(records)]).toEqual([who, nodeId, 'records', expected]);
      }
    }
  });

  it('gives the same answer to orders.stats, which reads the same rollups', async () => {
    for (const who of Object.keys(WHO) as Who[]) {
      for (const nodeId of PLACES) {
        const expected = MAY[who].includes(nodeId) ? 'ok' : '403 COMMON.FORBIDDEN';
        expect([who, nodeId, outcome(await gw.call(WHO[who], 'orders', 'stats', { nodeId }))]).toEqual([who, nodeId, expected]);
      }
    }
  });

  it('refuses a place that is no place to lead, and one that does not exist', async () => {
    const micro = await gw.call(WHO.street, 'dashboards', 'overview', { nodeId: 'cm01-gd1-mg1', period: PERIOD });
    expect(outcome(micro)).toMatch(/^(400 DASHBOARD.NOT_A_LEAD_PLACE|404 TERRITORY.NODE_NOT_FOUND)$/);
    const missing = await gw.call(WHO.street, 'dashboards', 'overview', { nodeId: 'st99', period: PERIOD });
    expect(outcome(missing)).toBe('404 TERRITORY.NODE_NOT_FOUND');
  });
});

describe('dashboards.records: only the records of the place', () => {
  const posted: Record<string, string[]> = {};
  beforeAll(async () => {
    const residents = async (gridId: string) =>
      (await gw.store.find<{ _id: string; openid: string }>('users', { 'home.path.gridId': gridId }, { limit: 200 }))
        .map((u) => u.openid)
        .filter((o) => o.startsWith('seed-resident-'));
    for (const gridId of ['cm01-gd1', 'cm01-gd2', 'cm02-gd1', 'ss01-gd1']) {
      const [a, b] = await residents(gridId);
      posted[gridId] = [];
      for (const who of [a!, b!]) posted[gridId].push((await post(gw, who, { category: '政策咨询', description: `看板权限测试：${gridId}` })).id);
    }
  });

  const ids = async (who: string, payload: Record<string, unknown>) => {
    const res = await gw.call(who, 'dashboards', 'records', { period: PERIOD, figure: 'posted', limit: 50, ...payload });
    if (!res.body.ok) throw new Error(`${res.body.error.code} ${res.body.error.field ?? ''}`);
    return (res.body.data.orders as { id: string }[]).map((o) => o.id).sort();
  };
  const of = (...grids: string[]) => grids.flatMap((g) => posted[g]!).sort();

  it('lists exactly the orders of the place, and of a child when one is asked for', async () => {
    expect(await ids(WHO.grid, { nodeId: 'cm01-gd1' })).toEqual(of('cm01-gd1'));
    expect(await ids(WHO.community, { nodeId: 'cm01' })).toEqual(of('cm01-gd1', 'cm01-gd2'));
    expect(await ids(WHO.community, { nodeId: 'cm01', childId: 'cm01-gd2' })).toEqual(of('cm01-gd2'));
    expect(await ids(WHO.community, { nodeId: 'cm01-gd2' })).toEqual(of('cm01-gd2'));
    expect(await ids(WHO.street, { nodeId: 'st01' })).toEqual(of('cm01-gd1', 'cm01-gd2', 'cm02-gd1', 'ss01-gd1'));
    expect(await ids(WHO.street, { nodeId: 'st01', childId: 'ss01' })).toEqual(of('ss01-gd1'));
    expect(await ids(WHO.street, { nodeId: 'st01', childId: 'cm02' })).toEqual(of('cm02-gd1'));
    expect(await ids(WHO.otherStreet, { nodeId: 'st02' })).toEqual([]);
  });

  it('answers a child of another place as missing, whether it exists or not', async () => {
    const cases: [string, string, string][] = [
      [WHO.street, 'st01', 'cm01-gd1'], // a grandchild
      [WHO.street, 'st01', 'st02'], // another street
      [WHO.street, 'st01', 'st01'], // itself
      [WHO.street, 'st01', 'cm99'], // nothing at all
      [WHO.community, 'cm01', 'cm02-gd1'], // a grid of another community
      [WHO.community, 'cm01', 'cm02'], // a community beside it
      [WHO.community, 'cm01', 'cm01-gd1-mg1'], // a micro-grid below a grid
      [WHO.grid, 'cm01-gd1', 'cm01-gd1-mg1'], // a grid has no children on a dashboard
      [WHO.grid, 'cm01-gd1', 'cm01-gd2'],
      [WHO.otherStreet, 'st02', 'cm01'],
    ];
    for (const [who, nodeId, childId] of cases) {
      const res = await gw.call(who, 'dashboards', 'records', { nodeId, period: PERIOD, figure: 'posted', childId });
      expect([nodeId, childId, res.status, res.body.ok || [res.body.error.code, res.body.error.field]]).toEqual([
        nodeId,
        childId,
        404,
        ['DASHBOARD.CHILD_NOT_FOUND', 'payload.childId'],
      ]);
    }
  });

  it('never lists another place’s orders, whatever figure, month or page is asked for', async () => {
    const mine = new Set(of('cm01-gd1'));
    for (const figure of ['posted', 'open', 'closed', 'leftGrid', 'breached', 'unrated', 'rated', 'dissatisfied']) {
      for (const period of ['2026-11', '2026-Q4', '2026']) {
        for (const offset of [0, 1]) {
          const res = await gw.call(WHO.grid, 'dashboards', 'records', { nodeId: 'cm01-gd1', period, figure, offset, limit: 50 });
          if (!res.body.ok) throw new Error(res.body.error.code);
          for (const o of res.body.data.orders as { id: string }[]) expect([figure, period, o.id, mine.has(o.id)]).toEqual([figure, period, o.id, true]);
        }
      }
    }
    const category = await gw.call(WHO.grid, 'dashboards', 'records', { nodeId: 'cm01-gd1', period: PERIOD, figure: 'category', category: '政策咨询' });
    expect(category.body.ok && (category.body.data.orders as { id: string }[]).map((o) => o.id).sort()).toEqual(of('cm01-gd1'));
  });
});
