import { loadResponsibilities, responsibilityListId } from '../../../cloudfunctions/compounds/list-store';
import type { ResponsibilitiesOutput } from '../../../shared/compounds/compounds.api.schema';
import type { ResponsibilityRule } from '../../../shared/compounds/compounds.schema';
import { DEFAULT_RESPONSIBILITIES } from '../../../shared/compounds/responsibility';
import { PERSONAS, snapshot, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { later, MORNING } from '../../helpers/orders';

/**
 * 责任清单: a community's admin or the street changes the list against the version they read; the 公示
 * shows the stored lines, the routes they make and who changed what, named at read time. A stale
 * save, a line for a compound elsewhere or of another model, and an owner a model does not have are
 * refused and change nothing.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(MORNING);
  // A 1+3 compound of the other community (和平新村社区, cm02), beside the demo's two in cm01.
  await gw.store.insert('nodes', {
    _id: 'cm02-gd1-cp1',
    kind: 'compound',
    name: '和平小区',
    parentId: 'cm02-gd1',
    path: { streetId: 'st01', communityId: 'cm02', gridId: 'cm02-gd1', compoundId: 'cm02-gd1-cp1' },
    order: 200,
    model: '1+3',
    buildingIds: ['cm02-gd1-mg1-bd1'],
    property: { company: '和平物业有限公司', deskPhone: '028-81234567', hours: '每天 8:00-18:00' },
    unit: null,
    branch: null,
    version: 1,
    createdAt: MORNING,
  });
});
afterAll(async () => {
  await gw.stop();
});

const ADMIN = PERSONAS.communityAdmin;
const read = async (who: string = PERSONAS.resident): Promise<ResponsibilitiesOutput> => {
  const res = await gw.call<ResponsibilitiesOutput>(who, 'compounds', 'responsibilities', { communityId: 'cm01' });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data;
};
const save = (who: string, baseVersion: number, rules: readonly ResponsibilityRule[]) =>
  gw.call<ResponsibilitiesOutput>(who, 'compounds', 'saveResponsibilities', { communityId: 'cm01', baseVersion, rules });
const error = (res: CallResult) => (res.body.ok ? 'ok' : { code: res.body.error.code, field: res.body.error.field });
const cell = (out: ResponsibilitiesOutput, category: string, model: string) => out.table.find((r) => r.category === category)!.cells.find((c) => c.model === model)!;
/** Every call a minute after the one before, so changes are told apart by time. */
const tick = () => gw.ports.clock.set(later(gw.ports.clock.now(), 1));

/** The defaults with 1+3 公共设施 handed to the grid leader on a 12-hour clock. */
const OVERRIDE: ResponsibilityRule[] = DEFAULT_RESPONSIBILITIES.map((r) => (r.category === '公共设施' && r.model === '1+3' ? { ...r, owner: 'gridLeader', hours: 12 } : { ...r }));

describe('compounds.responsibilities before any save', () => {
  it('shows the street’s defaults at version 0, with the community’s compounds and no changes', async () => {
    const out = await read();
    expect(out).toMatchObject({ communityId: 'cm01', communityName: '幸福里社区', version: 0, isDefault: true, changes: [], allowedActions: [] });
    expect(out.rules).toEqual(DEFAULT_RESPONSIBILITIES);
    expect(out.compounds).toEqual([
      { id: 'cm01-gd2-cp1', name: '幸福花园', model: '1+3' },
      { id: 'cm01-gd3-cp1', name: '纺织厂宿舍', model: '1+1' },
    ]);
    expect(cell(out, '公共设施', '1+3')).toEqual({ model: '1+3', owner: 'property', ownerLabel: '物业服务中心', hours: 24, source: 'default' });
    expect(await loadResponsibilities(gw.store, 'cm01')).toEqual(DEFAULT_RESPONSIBILITIES);
  });
});

describe('compounds.saveResponsibilities', () => {
  it('stores an override that the 公示 shows: its rules, its table cell, and a change naming 陈丽华 社区书记 with the changed line', async () => {
    tick();
    const res = await save(ADMIN, 0, OVERRIDE);
    expect(res.status).toBe(200);
    const out = await read();
    expect(out).toMatchObject({ version: 1, isDefault: false, allowedActions: [] });
    expect(out.rules).toEqual(OVERRIDE);
    expect(cell(out, '公共设施', '1+3')).toEqual({ model: '1+3', owner: 'gridLeader', ownerLabel: '网格长', hours: 12, source: 'community' });
    expect(out.changes).toEqual([
      { at: gw.ports.clock.now(), by: { name: '陈丽华', roleLabel: '社区书记' }, lines: ['1+3 小区·公共设施：物业服务中心（24 小时） → 网格长（12 小时）'] },
    ]);
    // The saver gets the same 公示 back, with 保存 offered.
    expect(res.body.ok && { ...res.body.data, allowedActions: [] }).toEqual(out);
    expect(res.body.ok && res.body.data.allowedActions).toEqual(['save']);
    expect(await loadResponsibilities(gw.store, 'cm01')).toEqual(OVERRIDE);
  });

  it('keeps the changer’s id only, under rl_<community>, with an audit entry of the save', async () => {
    const doc = await gw.store.get<{ _id: string } & Record<string, any>>('responsibility_lists', responsibilityListId('cm01'));
    expect(doc).toMatchObject({ _id: 'rl_cm01', communityId: 'cm01', path: { streetId: 'st01', communityId: 'cm01' }, version: 1 });
    expect(doc!.changes).toEqual([{ at: expect.any(String), byId: expect.stringMatching(/^usr-/), roleLabel: '社区书记', lines: expect.any(Array) }]);
    expect(JSON.stringify(doc)).not.toContain('陈丽华');
    const audits = await gw.store.find('audit', { subjectId: 'rl_cm01' }, { limit: 10 });
    expect(audits).toEqual([
      expect.objectContaining({ function: 'compounds', action: 'saveResponsibilities', outcome: 'ok', detail: expect.objectContaining({ version: 1, lines: 1 }) }),
    ]);
  });

  it('refuses a save against a stale version with COMMON.CONFLICT and changes nothing', async () => {
    const before = await snapshot(gw);
    expect(error(await save(ADMIN, 0, DEFAULT_RESPONSIBILITIES))).toEqual({ code: 'COMMON.CONFLICT', field: 'payload.baseVersion' });
    expect(error(await save(PERSONAS.streetAdmin, 2, DEFAULT_RESPONSIBILITIES))).toEqual({ code: 'COMMON.CONFLICT', field: 'payload.baseVersion' });
    expect(await snapshot(gw)).toBe(before);
  });

  it('accepts a save that changes no line but records no change and writes nothing', async () => {
    const before = await snapshot(gw);
    const res = await save(ADMIN, 1, [...OVERRIDE].reverse());
    expect(res.body).toMatchObject({ ok: true, data: { version: 1 } });
    expect(res.body.ok && res.body.data.changes).toHaveLength(1);
    expect(await snapshot(gw)).toBe(before);
  });

  it('refuses a line for a compound of another community, or for something that is not a compound, naming the line', async () => {
    const before = await snapshot(gw);
    for (const compoundId of ['cm02-gd1-cp1', 'cm01-gd2', 'cm01-gd2-cp9']) {
      const rules = [...OVERRIDE, { category: '水电维修' as const, model: '1+3' as const, compoundId, owner: 'property' as const, hours: 12 }];
      expect(error(await save(ADMIN, 1, rules))).toEqual({ code: 'COMPOUND.NOT_IN_COMMUNITY', field: `payload.rules.${OVERRIDE.length}.compoundId` });
    }
    expect(await snapshot(gw)).toBe(before);
  });

  it('refuses a line whose model is not the compound’s (纺织厂宿舍 is 1+1), naming the line', async () => {
    const before = await snapshot(gw);
    const rules = [{ category: '环境卫生' as const, model: '1+3' as const, compoundId: 'cm01-gd3-cp1', owner: 'property' as const, hours: 24 }, ...OVERRIDE];
    expect(error(await save(ADMIN, 1, rules))).toEqual({ code: 'COMPOUND.MODEL_MISMATCH', field: 'payload.rules.0.compoundId' });
    expect(await snapshot(gw)).toBe(before);
  });

  it('refuses an owner the model does not have (no property company in a 1+1 compound), naming the line’s owner', async () => {
    const before = await snapshot(gw);
    const i = OVERRIDE.findIndex((r) => r.category === '水电维修' && r.model === '1+1');
    const rules = OVERRIDE.map((r, n) => (n === i ? { ...r, owner: 'property' as const } : r));
    const res = await save(ADMIN, 1, rules);
    expect(error(res)).toEqual({ code: 'COMMON.INVALID_INPUT', field: `payload.rules.${i}.owner` });
    expect(res.body.ok ? '' : res.body.error.message).toBe('1+1 小区没有物业服务中心，请改选先处理的一方');
    expect(await snapshot(gw)).toBe(before);
  });

  it('records a compound’s own line saved by the street as 周卫东 街道管理员, newest change first', async () => {
    tick();
    const rules = [...OVERRIDE, { category: '环境卫生' as const, model: '1+1' as const, compoundId: 'cm01-gd3-cp1', owner: 'volunteers' as const, hours: 24 }];
    expect((await save(PERSONAS.streetAdmin, 1, rules)).body).toMatchObject({ ok: true, data: { version: 2 } });
    const out = await read(PERSONAS.volunteer);
    expect(out.changes.map((c) => [c.by, c.lines])).toEqual([
      [{ name: '周卫东', roleLabel: '街道管理员' }, ['新增 纺织厂宿舍（1+1）·环境卫生：党员志愿者（24 小时）']],
      [{ name: '陈丽华', roleLabel: '社区书记' }, ['1+3 小区·公共设施：物业服务中心（24 小时） → 网格长（12 小时）']],
    ]);
    expect(out.changes[0]!.at > out.changes[1]!.at).toBe(true);
    // A compound's own line is not the model's column: the 公示's 1+1 cell stays the community's line for the model.
    expect(cell(out, '环境卫生', '1+1')).toMatchObject({ owner: 'branch', source: 'community' });
  });

  it('keeps the last 50 changes and shows the newest 20', async () => {
    let version = 2;
    for (let n = 0; n < 50; n++) {
      tick();
      const hours = n % 2 === 0 ? 6 : 12;
      const rules = OVERRIDE.map((r) => (r.category === '公共设施' && r.model === '1+3' ? { ...r, hours } : r));
      const res = await save(ADMIN, version, rules);
      expect(res.body.ok).toBe(true);
      version += 1;
    }
    const doc = await gw.store.get<{ _id: string; changes: { lines: string[] }[] }>('responsibility_lists', 'rl_cm01');
    expect(doc!.changes).toHaveLength(50);
    // The two oldest (陈丽华's override, the street's compound line) have gone.
    expect(doc!.changes.some((c) => c.lines[0]!.startsWith('新增'))).toBe(false);
    const out = await read();
    expect(out.version).toBe(52);
    expect(out.changes).toHaveLength(20);
    expect(out.changes[0]!.lines).toEqual(['1+3 小区·公共设施：网格长时限 6 小时 → 12 小时']);
  });
});
