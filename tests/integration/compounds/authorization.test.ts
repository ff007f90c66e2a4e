import { DEFAULT_RESPONSIBILITIES } from '../../../shared/compounds/responsibility';
import { PERSONAS, snapshot, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

/**
 * Who may do what with 三方共治 in 幸福里社区 (cm01), through the gateway, written out by hand from the
 * product rules and denied by default: the list of compounds is for the community's leaders (a grid
 * leader sees their grid's, the property desk and the owners' committee their own compound); the
 * responsibility list is public to whoever lives in or serves the community and to the street; only
 * the community's admin and the street change it. A compound's monthly review (评议监督) is for its
 * community's admin, the street, its owners' committee and its desk. Every refusal changes nothing.
 */

let gw: TestGateway;
beforeAll(async () => {
  // Dozens of calls a second from a few personas: the gateway's rate limit is not what this walks.
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const WHO = {
  /** 张桂英, lives in grid cm01-gd1, outside any compound. */
  resident: PERSONAS.resident,
  /** 黄秀兰, lives in 幸福花园 (cm01-gd2-cp1). */
  compoundResident: 'seed-resident-cp1-001',
  /** 钱晓梅, 物业客服 of 幸福花园. */
  property: PERSONAS.property,
  /** 冯国栋, 业委会委员 of 幸福花园. */
  owners: 'seed-owners-cm01-gd2-cp1',
  /** 李建国, 网格长 of cm01-gd1, a grid without a compound. */
  gridLeader: PERSONAS.gridLeader,
  /** 网格长 of cm01-gd2, the grid of 幸福花园. */
  gardenGridLeader: 'seed-gridleader-cm01-gd2',
  /** 陈丽华, 社区书记 of cm01. */
  communityAdmin: PERSONAS.communityAdmin,
  /** 社区书记 of 和平新村社区 (cm02), who lives there. */
  otherAdmin: 'demo-communityadmin-002',
  /** 周卫东, 街道管理员 of 红星街道 above. */
  streetAdmin: PERSONAS.streetAdmin,
  /** 王志强, 党员志愿者 of cm01-gd1. */
  volunteer: PERSONAS.volunteer,
} as const;
type Who = keyof typeof WHO;

const GARDEN = 'cm01-gd2-cp1';
const DORMS = 'cm01-gd3-cp1';

/** Outcome of each action for cm01 (review: of its compound 幸福花园): 'ok' or the error code. */
const TABLE: Record<Who, { list: string; responsibilities: string; saveResponsibilities: string; review: string }> = {
  resident: { list: 'COMMON.FORBIDDEN', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'COMMON.FORBIDDEN' },
  compoundResident: { list: 'COMMON.FORBIDDEN', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'COMMON.FORBIDDEN' },
  property: { list: 'ok', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'ok' },
  owners: { list: 'ok', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'ok' },
  gridLeader: { list: 'ok', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'COMMON.FORBIDDEN' },
  gardenGridLeader: { list: 'ok', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'COMMON.FORBIDDEN' },
  communityAdmin: { list: 'ok', responsibilities: 'ok', saveResponsibilities: 'ok', review: 'ok' },
  otherAdmin: { list: 'COMMON.FORBIDDEN', responsibilities: 'COMMON.FORBIDDEN', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'COMMON.FORBIDDEN' },
  streetAdmin: { list: 'ok', responsibilities: 'ok', saveResponsibilities: 'ok', review: 'ok' },
  volunteer: { list: 'COMMON.FORBIDDEN', responsibilities: 'ok', saveResponsibilities: 'COMMON.FORBIDDEN', review: 'COMMON.FORBIDDEN' },
};

/** The compounds each caller allowed the list finds in it. */
const SEES: Partial<Record<Who, string[]>> = {
  property: [GARDEN],
  owners: [GARDEN],
  gridLeader: [],
  gardenGridLeader: [GARDEN],
  communityAdmin: [GARDEN, DORMS],
  streetAdmin: [GARDEN, DORMS],
};

const outcome = (res: CallResult) => (res.body.ok ? 'ok' : res.body.error.code);
/** A save of the list as it stands (the defaults, never saved): allowed changes nothing either. */
const unchangedSave = { communityId: 'cm01', baseVersion: 0, rules: DEFAULT_RESPONSIBILITIES };
const PAYLOADS = { list: { communityId: 'cm01' }, responsibilities: { communityId: 'cm01' }, saveResponsibilities: unchangedSave, review: { compoundId: GARDEN } };
const CASES = (Object.keys(WHO) as Who[]).flatMap((who) => (Object.keys(PAYLOADS) as (keyof typeof PAYLOADS)[]).map((action) => [who, action] as const));

describe('compounds: who × action in 幸福里社区, deny by default', () => {
  it.each(CASES)('%s → %s', async (who, action) => {
    const before = await snapshot(gw);
    const res = await gw.call(WHO[who], 'compounds', action, PAYLOADS[action]);
    expect(outcome(res)).toBe(TABLE[who][action]);
    expect(res.status).toBe(TABLE[who][action] === 'ok' ? 200 : 403);
    // Reads change nothing; the one allowed write here saves the list unchanged, which writes nothing.
    expect(await snapshot(gw)).toBe(before);
  });

  it.each(Object.entries(SEES))('the list shows %s exactly their compounds', async (who, ids) => {
    const res = await gw.call(WHO[who as Who], 'compounds', 'list', { communityId: 'cm01' });
    expect(res.body.ok && res.body.data.items.map((c: { id: string }) => c.id)).toEqual(ids);
  });

  it('the 公示 offers 保存 to the community’s admin and the street, and to nobody else', async () => {
    for (const who of Object.keys(WHO) as Who[]) {
      if (TABLE[who].responsibilities !== 'ok') continue;
      const res = await gw.call(WHO[who], 'compounds', 'responsibilities', { communityId: 'cm01' });
      expect([who, res.body.ok && res.body.data.allowedActions]).toEqual([who, TABLE[who].saveResponsibilities === 'ok' ? ['save'] : []]);
    }
  });

  it('refuses the other community’s admin in their own community’s place too: cm01’s leaders have no say in cm02', async () => {
    expect(outcome(await gw.call(WHO.communityAdmin, 'compounds', 'saveResponsibilities', { ...unchangedSave, communityId: 'cm02' }))).toBe('COMMON.FORBIDDEN');
    expect(outcome(await gw.call(WHO.property, 'compounds', 'list', { communityId: 'cm02' }))).toBe('COMMON.FORBIDDEN');
    expect(outcome(await gw.call(WHO.otherAdmin, 'compounds', 'responsibilities', { communityId: 'cm02' }))).toBe('ok');
  });

  it('gives the desk and the committee of 幸福花园 no review of 纺织厂宿舍, which the community’s admin reads', async () => {
    for (const who of ['property', 'owners', 'gardenGridLeader'] as const)
      expect([who, outcome(await gw.call(WHO[who], 'compounds', 'review', { compoundId: DORMS }))]).toEqual([who, 'COMMON.FORBIDDEN']);
    expect(outcome(await gw.call(WHO.communityAdmin, 'compounds', 'review', { compoundId: DORMS }))).toBe('ok');
  });

  it('answers a place that is not a community as not found, the same for every caller', async () => {
    for (const communityId of ['cm01-gd1', GARDEN, 'st01', 'cm99'])
      for (const action of ['list', 'responsibilities'] as const) {
        const res = await gw.call(WHO.streetAdmin, 'compounds', action, { communityId });
        expect(res.body).toMatchObject({ ok: false, error: { code: 'TERRITORY.NODE_NOT_FOUND', field: 'payload.communityId' } });
      }
  });
});

describe('compounds.list', () => {
  it('describes each compound: its grid, model, buildings, manager and property desk staff', async () => {
    const res = await gw.call(WHO.communityAdmin, 'compounds', 'list', { communityId: 'cm01' });
    expect(res.body.ok && res.body.data.items).toEqual([
      {
        id: GARDEN,
        name: '幸福花园',
        gridId: 'cm01-gd2',
        gridName: '幸福里第二网格',
        model: '1+3',
        modelLabel: '1+3 居委会·业委会·物业',
        buildingCount: 4,
        property: { company: '安居物业服务有限公司', deskPhone: '028-87654321', hours: '每天 8:00-20:00' },
        unit: null,
        branch: null,
        deskStaff: 1,
      },
      {
        id: DORMS,
        name: '纺织厂宿舍',
        gridId: 'cm01-gd3',
        gridName: '幸福里第三网格',
        model: '1+1',
        modelLabel: '1+1 党支部·居民自治',
        buildingCount: 2,
        property: null,
        unit: null,
        branch: { name: '纺织厂宿舍党支部' },
        deskStaff: 0,
      },
    ]);
  });
});
