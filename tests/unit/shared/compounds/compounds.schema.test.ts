import fc from 'fast-check';
import type * as z from 'zod';
import {
  Compound,
  GOVERNANCE_MODELS,
  MODEL_LABELS,
  MODEL_NOTES,
  OWNERS_LABEL,
  PARTIES,
  PARTIES_OF_MODEL,
  PARTY_LABELS,
  ResponsibilityRule,
  SaveResponsibilitiesInput,
  type GovernanceModel,
} from '../../../../shared/compounds/compounds.schema';
import { CATEGORIES } from '../../../../shared/orders/categories';
import { buildDemoData } from '../../../../scripts/demo-data';

/** 小区 and their responsibility lists, as the server accepts them. */

const issues = (r: { success: boolean; error?: z.ZodError }) => (r.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));

const base = {
  _id: 'k1',
  kind: 'compound',
  parentId: 'G1',
  order: 1,
  name: '阳光花园',
  path: { streetId: 'S', communityId: 'C1', gridId: 'G1', compoundId: 'k1' },
  buildingIds: ['B1', 'B2'],
  property: null,
  unit: null,
  branch: null,
  version: 1,
  createdAt: '2026-11-02T08:00:00.000Z',
};
const desk = { company: '绿城物业', deskPhone: '0571-88886666', hours: '每天 8:00–20:00' };
const unit = { name: '市第二纺织厂', contact: '后勤科 王科长' };
const branch = { name: '桂花弄小区党支部' };
const of = (model: GovernanceModel) => ({
  ...base,
  model,
  ...(model === '1+3' ? { property: desk } : model === '1+2' ? { unit } : { branch }),
});

describe('governance models and parties', () => {
  it('has three models, each with a label and a note in Chinese', () => {
    expect(GOVERNANCE_MODELS).toEqual(['1+3', '1+2', '1+1']);
    expect(MODEL_LABELS['1+3']).toBe('1+3 居委会·业委会·物业');
    for (const m of GOVERNANCE_MODELS) {
      expect(MODEL_LABELS[m].startsWith(m)).toBe(true);
      expect(MODEL_NOTES[m]).toMatch(/。$/);
    }
  });

  it('gives each model its own manager beside the volunteers and the grid leader', () => {
    expect(PARTIES_OF_MODEL).toEqual({
      '1+3': ['property', 'volunteers', 'gridLeader'],
      '1+2': ['unit', 'volunteers', 'gridLeader'],
      '1+1': ['branch', 'volunteers', 'gridLeader'],
    });
    expect(PARTY_LABELS).toEqual({ property: '物业服务中心', unit: '单位后勤', branch: '小区党支部', volunteers: '党员志愿者', gridLeader: '网格长' });
  });

  it('keeps the owners’ committee (业委会) out of the parties that answer first', () => {
    expect(OWNERS_LABEL).toBe('业委会');
    expect(Object.values(PARTY_LABELS)).not.toContain(OWNERS_LABEL);
    expect(PARTIES).not.toContain('owners');
  });
});

describe('Compound', () => {
  it.each(GOVERNANCE_MODELS)('accepts a %s compound with its manager', (model) => {
    expect(Compound.safeParse(of(model)).success).toBe(true);
  });

  it.each([
    ['1+3', 'property', '1+3 小区请填写物业服务中心（公司、服务台电话、服务时间）'],
    ['1+2', 'unit', '1+2 小区请填写主管单位和后勤联系人'],
    ['1+1', 'branch', '1+1 小区请填写党支部或居民自治委员会名称'],
  ] as const)('requires a %s compound’s %s', (model, field, message) => {
    expect(issues(Compound.safeParse({ ...of(model), [field]: null }))).toEqual([{ path: [field], message }]);
  });

  it.each([
    ['1+2', 'property', desk],
    ['1+1', 'property', desk],
    ['1+3', 'unit', unit],
    ['1+1', 'unit', unit],
    ['1+3', 'branch', branch],
    ['1+2', 'branch', branch],
  ] as const)('refuses a %s compound with a %s it does not have', (model, field, value) => {
    const found = issues(Compound.safeParse({ ...of(model), [field]: value }));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual([field]);
    expect(found[0]!.message).toMatch(/^只有 1\+\d 小区登记/);
  });

  it('refuses a path that names another community, grid or compound', () => {
    expect(issues(Compound.safeParse({ ...of('1+3'), path: { streetId: 'S', gridId: 'G1', compoundId: 'k1' } })).map((i) => i.path)).toEqual([['path', 'communityId']]);
    expect(issues(Compound.safeParse({ ...of('1+3'), path: { streetId: 'S', communityId: 'C1', compoundId: 'k1' } })).map((i) => i.path)).toEqual([['path', 'gridId']]);
    expect(issues(Compound.safeParse({ ...of('1+3'), path: { streetId: 'S', communityId: 'C1', gridId: 'G1' } })).map((i) => i.path)).toEqual([['path', 'compoundId']]);
    expect(issues(Compound.safeParse({ ...of('1+3'), path: { ...base.path, compoundId: 'k2' } })).map((i) => i.path)).toEqual([['path', 'compoundId']]);
    expect(Compound.safeParse({ ...of('1+3'), path: { ...base.path, compoundId: 'k1' } }).success).toBe(true);
  });

  it('takes 1 to 200 distinct buildings', () => {
    expect(Compound.safeParse({ ...of('1+1'), buildingIds: [] }).success).toBe(false);
    expect(Compound.safeParse({ ...of('1+1'), buildingIds: Array.from({ length: 200 }, (_, i) => `B${i}`) }).success).toBe(true);
    expect(Compound.safeParse({ ...of('1+1'), buildingIds: Array.from({ length: 201 }, (_, i) => `B${i}`) }).success).toBe(false);
    expect(issues(Compound.safeParse({ ...of('1+1'), buildingIds: ['B1', 'B2', 'B1'] }))).toEqual([{ path: ['buildingIds', 2], message: '同一栋楼选了两次' }]);
  });

  it.each(['0571-88886666', '057188886666', '010-12345678-801', '88886666', '13912345678', '400-800-1234', ' 0571-88886666 '])('accepts the desk phone %p', (deskPhone) => {
    expect(Compound.safeParse({ ...of('1+3'), property: { ...desk, deskPhone } }).success).toBe(true);
  });

  it.each(['', '123', '电话', '12345678901', '0571-88886666; drop', '<script>', '1'.repeat(40)])('refuses the desk phone %p', (deskPhone) => {
    expect(issues(Compound.safeParse({ ...of('1+3'), property: { ...desk, deskPhone } })).map((i) => i.path)).toEqual([['property', 'deskPhone']]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a name too long', { name: '阳'.repeat(31) }],
    ['a name of spaces', { name: '   ' }],
    ['a name that is a number', { name: 12 }],
    ['an unknown model', { model: '1+4' }],
    ['an id that is a query', { _id: { $ne: null } }],
    ['an id with spaces', { _id: 'k 1' }],
    ['a building id too long', { buildingIds: ['B'.repeat(65)] }],
    ['buildings that are a string', { buildingIds: 'B1' }],
    ['a negative version', { version: -1 }],
    ['a time that is not an instant', { createdAt: 'yesterday' }],
    ['a company name too long', { property: { ...desk, company: '物'.repeat(41) } }],
    ['a property desk with extra fields', { property: { ...desk, $where: 'x' } }],
  ])('refuses %s', (_what, patch) => {
    expect(Compound.safeParse({ ...of('1+3'), ...patch }).success).toBe(false);
  });
});

describe('ResponsibilityRule', () => {
  const ok = { category: '公共设施', model: '1+3', owner: 'property', hours: 24 };

  it('accepts a line for a model, or for one compound', () => {
    expect(ResponsibilityRule.safeParse(ok).success).toBe(true);
    expect(ResponsibilityRule.safeParse({ ...ok, compoundId: 'k1' }).success).toBe(true);
  });

  it.each([0, 721, 1.5, '24', null])('refuses a clock of %p hours', (hours) => {
    expect(issues(ResponsibilityRule.safeParse({ ...ok, hours })).map((i) => i.path)).toEqual([['hours']]);
  });

  it.each(['owners', '业委会', 'admin', ''])('refuses %p as an owner', (owner) => {
    expect(ResponsibilityRule.safeParse({ ...ok, owner }).success).toBe(false);
  });

  it('refuses an unknown category, model, extra fields and a hostile compound id', () => {
    expect(ResponsibilityRule.safeParse({ ...ok, category: '其它' }).success).toBe(false);
    expect(ResponsibilityRule.safeParse({ ...ok, model: '1+0' }).success).toBe(false);
    expect(ResponsibilityRule.safeParse({ ...ok, note: 'x' }).success).toBe(false);
    expect(ResponsibilityRule.safeParse({ ...ok, compoundId: '../k1' }).success).toBe(false);
    expect(ResponsibilityRule.safeParse({ ...ok, compoundId: 'k'.repeat(65) }).success).toBe(false);
  });

  it('accepts exactly the owners of the line’s model, and names the missing one in Chinese at `owner`', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATEGORIES), fc.constantFrom(...GOVERNANCE_MODELS), fc.constantFrom(...PARTIES), (category, model, owner) => {
        const result = ResponsibilityRule.safeParse({ category, model, owner, hours: 24 });
        expect(result.success).toBe(PARTIES_OF_MODEL[model].includes(owner));
        if (!result.success) expect(issues(result)).toEqual([{ path: ['owner'], message: `${model} 小区没有${PARTY_LABELS[owner]}，请改选先处理的一方` }]);
      }),
    );
  });
});

describe('SaveResponsibilitiesInput', () => {
  const line = (category: string, model: string, owner: string, compoundId?: string) => ({ category, model, owner, hours: 24, ...(compoundId ? { compoundId } : {}) });
  const save = (rules: unknown[], extra: Record<string, unknown> = {}) => SaveResponsibilitiesInput.safeParse({ communityId: 'C1', baseVersion: 2, rules, ...extra });

  it('accepts a list with one line per category, model and compound', () => {
    const rules = [line('公共设施', '1+3', 'property'), line('公共设施', '1+2', 'unit'), line('公共设施', '1+3', 'volunteers', 'k1'), line('公共设施', '1+3', 'gridLeader', 'k2')];
    expect(save(rules).success).toBe(true);
    expect(save([]).success).toBe(true);
  });

  it('points at the rule whose owner its model does not have', () => {
    const found = issues(save([line('公共设施', '1+3', 'property'), line('环境卫生', '1+1', 'property'), line('环境卫生', '1+2', 'branch', 'k1')]));
    expect(found).toEqual([
      { path: ['rules', 1, 'owner'], message: '1+1 小区没有物业服务中心，请改选先处理的一方' },
      { path: ['rules', 2, 'owner'], message: '1+2 小区没有小区党支部，请改选先处理的一方' },
    ]);
  });

  it('points at the second of two lines for the same category, model and compound', () => {
    expect(issues(save([line('公共设施', '1+3', 'property'), line('其他', '1+3', 'gridLeader'), line('公共设施', '1+3', 'volunteers')]))).toEqual([
      { path: ['rules', 2], message: '1+3 小区的公共设施已经有一条责任规则，请合并为一条' },
    ]);
    expect(issues(save([line('其他', '1+1', 'branch', 'k1'), line('其他', '1+1', 'volunteers', 'k1')]))).toEqual([
      { path: ['rules', 1], message: '该小区的其他已经有一条责任规则，请合并为一条' },
    ]);
  });

  it('takes at most 300 lines', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => line('其他', '1+3', 'gridLeader', `k${i}`));
    expect(save(many(300)).success).toBe(true);
    expect(save(many(301)).success).toBe(false);
  });

  it('refuses a negative or fractional base version, a missing community, extra fields, and rules that are not a list', () => {
    expect(save([], { baseVersion: -1 }).success).toBe(false);
    expect(save([], { baseVersion: 1.5 }).success).toBe(false);
    expect(save([], { communityId: undefined }).success).toBe(false);
    expect(save([], { communityId: 'C1; drop' }).success).toBe(false);
    expect(save([], { by: 'u1' }).success).toBe(false);
    expect(SaveResponsibilitiesInput.safeParse({ communityId: 'C1', baseVersion: 0, rules: 'all' }).success).toBe(false);
  });
});

describe('the demo’s compounds', () => {
  const demo = buildDemoData();
  const compounds = demo.nodes.filter((n) => n.kind === 'compound');

  it('are one 1+3 compound with a property desk and one 1+1 old compound with a party branch, both valid', () => {
    expect(compounds.map((c) => [c.name, (c as unknown as Compound).model])).toEqual([
      ['幸福花园', '1+3'],
      ['纺织厂宿舍', '1+1'],
    ]);
    for (const c of compounds) expect(issues(Compound.safeParse(c))).toEqual([]);
  });

  it('name themselves in the paths of their buildings and of the homes in them, and nowhere else', () => {
    for (const c of compounds) {
      const inside = new Set((c as unknown as Compound).buildingIds);
      for (const b of demo.nodes.filter((n) => n.kind === 'building')) expect(b.path.compoundId === c._id).toBe(inside.has(b._id));
      for (const u of demo.users.filter((u) => u.home && inside.has(u.home.buildingId))) expect(u.home!.path.compoundId).toBe(c._id);
    }
    expect(demo.users.filter((u) => u.home?.path.compoundId).length).toBeGreaterThan(3);
  });

  it('give the 1+3 compound its 物业客服 and an owners’ committee member, held at the compound', () => {
    const held = demo.memberships.filter((m) => m.nodeKind === 'compound').map((m) => [m.role, m.nodeId, m.path.compoundId]);
    expect(held).toEqual([
      ['property', 'cm01-gd2-cp1', 'cm01-gd2-cp1'],
      ['owners', 'cm01-gd2-cp1', 'cm01-gd2-cp1'],
    ]);
  });
});
