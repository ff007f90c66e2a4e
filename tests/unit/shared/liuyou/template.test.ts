import {
  AUTO_SOURCE_LABELS,
  AUTO_SOURCES,
  DEFAULT_TEMPLATE,
  DEFAULT_THRESHOLDS,
  MECHANISM_LABELS,
  MECHANISMS,
  templateIdOf,
  templateProblems,
  type ItemDef,
  type MechanismKey,
} from '../../../../shared/liuyou/template';

/**
 * The default 六有 template, written from the district's description of the mechanism (seed 004),
 * and the rules a street's own version must keep.
 */

const items = DEFAULT_TEMPLATE.items;
const of = (m: MechanismKey) => items.filter((i) => i.mechanism === m);
/** The words of a mechanism's items: titles and hints. */
const words = (m: MechanismKey) =>
  of(m)
    .map((i) => `${i.title} ${i.hint}`)
    .join('\n');

describe('the default template', () => {
  it('is a valid template: no problems, thresholds green 85 / amber 60, quarterly', () => {
    expect(templateProblems(DEFAULT_TEMPLATE)).toEqual([]);
    expect(DEFAULT_TEMPLATE.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(DEFAULT_TEMPLATE).toMatchObject({ _id: 'lyt_default_v1', streetId: null, version: 1, periodKind: 'quarter' });
  });

  it('covers all six mechanisms, in their order, and names them', () => {
    expect([...new Set(items.map((i) => i.mechanism))]).toEqual([...MECHANISMS]);
    expect(MECHANISMS.map((m) => MECHANISM_LABELS[m])).toEqual(['有人管事', '有人做事', '有地方议事', '有机制理事', '有钱办事', '有网格管理']);
    for (const m of MECHANISMS) expect(of(m).length).toBeGreaterThanOrEqual(3);
  });

  it('gives every item a unique id prefixed by its mechanism, a whole positive weight and a title', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(i.id.startsWith(`${i.mechanism}.`)).toBe(true);
      expect(Number.isInteger(i.weight) && i.weight >= 1 && i.weight <= 10).toBe(true);
      expect(i.title.length).toBeGreaterThanOrEqual(2);
      expect(i.title.length).toBeLessThanOrEqual(40);
      expect(i.hint.length).toBeLessThanOrEqual(120);
    }
  });

  it.each<[MechanismKey, string, RegExp[]]>([
    ['manage', 'a party organisation in each residential area and in the property sector', [/党支部/, /物业.*党组织/]],
    [
      'people',
      'community workers, a property service team, volunteer teams of old party members, villagers and retired teachers',
      [/社区工作者/, /物业服务团队/, /老党员/, /村民/, /老教师/, /志愿服务队/],
    ],
    ['place', 'a 党群服务站, a 共建办公室, 一室多用', [/党群服务站/, /共建办公室/, /一室多用/]],
    ['rules', 'rules for 共谋、共建、共管、共评、共享 (五共) and a 居民公约', [/共谋、共建、共管、共评、共享/, /五共/, /居民公约/]],
    ['funds', 'a funding mix (budget, party fees, social support, own contribution, property fees) and a ledger', [/财政/, /党费/, /社会/, /自筹/, /物业费/, /台账/]],
    ['grid', 'grids drawn, grid teams led by the party organisation, regular inspections', [/网格.*划分/, /党组织领导/, /巡查/]],
  ])('%s mentions %s', (m, _, patterns) => {
    const text = words(m);
    for (const p of patterns) expect([m, p.source, p.test(text)]).toEqual([m, p.source, true]);
  });

  it('fills every automatic item from a different record source, each one a count with a unit and no evidence rule', () => {
    const auto = items.filter((i): i is ItemDef & { auto: NonNullable<ItemDef['auto']> } => i.auto !== null);
    expect(auto.map((i) => i.auto).sort()).toEqual([...AUTO_SOURCES].sort());
    for (const i of auto) {
      expect([i.id, i.kind, i.evidenceRequired]).toEqual([i.id, 'count', false]);
      expect([i.id, i.unit]).toEqual([i.id, AUTO_SOURCE_LABELS[i.auto].unit]);
      expect(i.target === null || i.target > 0).toBe(true);
    }
  });

  it('gives targets to count items only, and evidence items always require evidence', () => {
    for (const i of items) {
      if (i.kind !== 'count') expect([i.id, i.target, i.auto]).toEqual([i.id, null, null]);
      if (i.kind === 'evidence') expect([i.id, i.evidenceRequired]).toEqual([i.id, true]);
    }
  });

  it('names template versions by street and number', () => {
    expect(templateIdOf('st01', 3)).toBe('lyt_st01_v3');
    expect(templateIdOf(null, 1)).toBe(DEFAULT_TEMPLATE._id);
  });
});

describe('templateProblems: what a street may not publish, each with its field', () => {
  const base = { items: [...items], thresholds: DEFAULT_THRESHOLDS };
  const at = (index: number, over: Partial<ItemDef>) => ({ ...base, items: items.map((i, n) => (n === index ? { ...i, ...over } : i)) });
  const yesnoAt = items.findIndex((i) => i.kind === 'yesno');
  const evidenceAt = items.findIndex((i) => i.kind === 'evidence');
  const autoAt = items.findIndex((i) => i.auto !== null);

  it.each([
    ['amber 0', { green: 85, amber: 0 }],
    ['amber negative', { green: 85, amber: -1 }],
    ['green equal to amber', { green: 60, amber: 60 }],
    ['green below amber', { green: 50, amber: 60 }],
    ['green above 100', { green: 101, amber: 60 }],
  ])('thresholds: %s', (_, thresholds) => {
    expect(templateProblems({ ...base, thresholds })).toEqual([{ code: 'LIUYOU.THRESHOLDS', field: 'payload.thresholds' }]);
  });

  it.each([
    ['green 100, amber 1', { green: 100, amber: 1 }],
    ['green 61, amber 60', { green: 61, amber: 60 }],
  ])('thresholds at their edges pass: %s', (_, thresholds) => {
    expect(templateProblems({ ...base, thresholds })).toEqual([]);
  });

  it('a duplicate item id, at the second one', () => {
    const dup = [...items, { ...items[0]! }];
    expect(templateProblems({ ...base, items: dup })).toEqual([{ code: 'LIUYOU.ITEM_DUPLICATE', field: `payload.items.${items.length}.id` }]);
  });

  it('a target on an item that is not a count', () => {
    expect(templateProblems(at(yesnoAt, { target: 3 }))).toEqual([{ code: 'LIUYOU.ITEM_SHAPE', field: `payload.items.${yesnoAt}.kind` }]);
  });

  it('an automatic figure on an item that is not a count', () => {
    expect(templateProblems(at(evidenceAt, { auto: 'dutyHours', evidenceRequired: false }))).toEqual([{ code: 'LIUYOU.ITEM_SHAPE', field: `payload.items.${evidenceAt}.kind` }]);
  });

  it('an automatic item that requires evidence (the figure from the records must score on its own)', () => {
    expect(templateProblems(at(autoAt, { evidenceRequired: true }))).toEqual([{ code: 'LIUYOU.ITEM_SHAPE', field: `payload.items.${autoAt}.evidenceRequired` }]);
  });

  it.each(MECHANISMS)('a mechanism without items: %s', (m) => {
    expect(templateProblems({ ...base, items: items.filter((i) => i.mechanism !== m) })).toEqual([{ code: 'LIUYOU.MECHANISM_EMPTY', field: 'payload.items' }]);
  });

  it('reports every problem at once', () => {
    const bad = { thresholds: { green: 50, amber: 60 }, items: [...at(yesnoAt, { target: 1 }).items.filter((i) => i.mechanism !== 'grid'), { ...items[0]! }] };
    expect(templateProblems(bad).map((p) => p.code)).toEqual(['LIUYOU.THRESHOLDS', 'LIUYOU.ITEM_SHAPE', 'LIUYOU.ITEM_DUPLICATE', 'LIUYOU.MECHANISM_EMPTY']);
  });
});
