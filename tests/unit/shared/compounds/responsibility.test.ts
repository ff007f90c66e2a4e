import fc from 'fast-check';
import {
  GOVERNANCE_MODELS,
  PARTIES,
  PARTIES_OF_MODEL,
  SaveResponsibilitiesInput,
  type GovernanceModel,
  type Party,
  type ResponsibilityRule,
} from '../../../../shared/compounds/compounds.schema';
import { DEFAULT_RESPONSIBILITIES, diffRules, responsibilityTable, routeOrder } from '../../../../shared/compounds/responsibility';
import { CATEGORIES, type Category } from '../../../../shared/orders/categories';

/**
 * Who answers an order first (三方共治): the compound's own line, the community's line for the
 * compound's model, the street's default, and outside any compound the volunteers or the grid leader.
 */

const inCompound = (model: GovernanceModel, id = 'k1') => ({ id, model });
const rule = (category: Category, model: GovernanceModel, owner: Party, hours: number, compoundId?: string): ResponsibilityRule =>
  compoundId === undefined ? { category, model, owner, hours } : { category, model, owner, hours, compoundId };

/** The street's default list, written out cell by cell: [category, model, first owner, hours]. */
const DEFAULT_TABLE: [Category, GovernanceModel, Party, number][] = [
  ['水电维修', '1+3', 'property', 24],
  ['水电维修', '1+2', 'unit', 48],
  ['水电维修', '1+1', 'volunteers', 24],
  ['家居小修', '1+3', 'volunteers', 24],
  ['家居小修', '1+2', 'volunteers', 24],
  ['家居小修', '1+1', 'volunteers', 24],
  ['环境卫生', '1+3', 'property', 24],
  ['环境卫生', '1+2', 'unit', 48],
  ['环境卫生', '1+1', 'branch', 48],
  ['公共设施', '1+3', 'property', 24],
  ['公共设施', '1+2', 'unit', 48],
  ['公共设施', '1+1', 'branch', 48],
  ['邻里纠纷', '1+3', 'gridLeader', 48],
  ['邻里纠纷', '1+2', 'gridLeader', 48],
  ['邻里纠纷', '1+1', 'gridLeader', 48],
  ['养老助残', '1+3', 'volunteers', 24],
  ['养老助残', '1+2', 'volunteers', 24],
  ['养老助残', '1+1', 'volunteers', 24],
  ['代买代办', '1+3', 'volunteers', 24],
  ['代买代办', '1+2', 'volunteers', 24],
  ['代买代办', '1+1', 'volunteers', 24],
  ['政策咨询', '1+3', 'volunteers', 24],
  ['政策咨询', '1+2', 'volunteers', 24],
  ['政策咨询', '1+1', 'volunteers', 24],
  ['安全隐患', '1+3', 'property', 4],
  ['安全隐患', '1+2', 'unit', 8],
  ['安全隐患', '1+1', 'gridLeader', 4],
  ['其他', '1+3', 'gridLeader', 24],
  ['其他', '1+2', 'gridLeader', 24],
  ['其他', '1+1', 'gridLeader', 24],
];

describe('the default responsibility list', () => {
  it.each(DEFAULT_TABLE)('sends %s in a %s compound to %s first, on a %i-hour clock', (category, model, owner, hours) => {
    const route = routeOrder([], { category }, inCompound(model));
    expect(route).toMatchObject({ owner, hours, source: 'default' });
  });

  it('has exactly one line for every category × model, and nothing else', () => {
    expect(DEFAULT_TABLE).toHaveLength(CATEGORIES.length * GOVERNANCE_MODELS.length);
    expect(DEFAULT_RESPONSIBILITIES).toHaveLength(30);
    const cells = DEFAULT_RESPONSIBILITIES.map((r) => [r.category, r.model, r.owner, r.hours]);
    expect(cells.sort()).toEqual([...DEFAULT_TABLE].sort());
    expect(DEFAULT_RESPONSIBILITIES.some((r) => r.compoundId !== undefined)).toBe(false);
  });

  it('is itself a list a community could save (every owner belongs to its model, no duplicates)', () => {
    expect(SaveResponsibilitiesInput.safeParse({ communityId: 'C1', baseVersion: 0, rules: DEFAULT_RESPONSIBILITIES }).success).toBe(true);
  });

  it('says why in Chinese, naming the model, the category, the party and the clock', () => {
    expect(routeOrder([], { category: '公共设施' }, inCompound('1+3')).why).toBe('按默认责任清单：1+3 小区的公共设施由物业服务中心先处理（24 小时）');
    expect(routeOrder([], { category: '安全隐患' }, inCompound('1+2')).why).toBe('按默认责任清单：1+2 小区的安全隐患由单位后勤先处理（8 小时）');
  });
});

describe('an order outside any compound', () => {
  it.each(CATEGORIES.map((c) => [c, c === '邻里纠纷' ? 'gridLeader' : 'volunteers'] as const))('routes %s to %s as before, on the level clock', (category, owner) => {
    const route = routeOrder(DEFAULT_RESPONSIBILITIES, { category }, null);
    expect(route).toMatchObject({ owner, hours: null, source: 'none' });
    expect(route.why).toMatch(/^不在小区内：/);
  });

  it('ignores every line of the list, even one for the category', () => {
    const rules = GOVERNANCE_MODELS.map((m) => rule('家居小修', m, 'gridLeader', 2));
    expect(routeOrder(rules, { category: '家居小修' }, null)).toMatchObject({ owner: 'volunteers', hours: null, source: 'none' });
  });
});

describe('precedence', () => {
  const community = rule('公共设施', '1+3', 'gridLeader', 12);
  const own = rule('公共设施', '1+3', 'volunteers', 6, 'k1');

  it('a compound’s own line beats the community’s line for its model, which beats the default', () => {
    expect(routeOrder([community, own], { category: '公共设施' }, inCompound('1+3'))).toMatchObject({ owner: 'volunteers', hours: 6, source: 'compound' });
    expect(routeOrder([own, community], { category: '公共设施' }, inCompound('1+3'))).toMatchObject({ owner: 'volunteers', hours: 6, source: 'compound' });
    expect(routeOrder([community], { category: '公共设施' }, inCompound('1+3'))).toMatchObject({ owner: 'gridLeader', hours: 12, source: 'community' });
    expect(routeOrder([], { category: '公共设施' }, inCompound('1+3'))).toMatchObject({ owner: 'property', hours: 24, source: 'default' });
  });

  it('a compound’s line is for that compound and that category only', () => {
    expect(routeOrder([own], { category: '公共设施' }, inCompound('1+3', 'k2'))).toMatchObject({ owner: 'property', source: 'default' });
    expect(routeOrder([own], { category: '环境卫生' }, inCompound('1+3'))).toMatchObject({ owner: 'property', source: 'default' });
  });

  it('a community’s line is for its model only', () => {
    expect(routeOrder([community], { category: '公共设施' }, inCompound('1+2'))).toMatchObject({ owner: 'unit', hours: 48, source: 'default' });
  });

  it('says which list it followed', () => {
    expect(routeOrder([community, own], { category: '公共设施' }, inCompound('1+3')).why).toBe('按本小区责任清单：公共设施由党员志愿者先处理（6 小时）');
    expect(routeOrder([community], { category: '公共设施' }, inCompound('1+3')).why).toBe('按责任清单：1+3 小区的公共设施由网格长先处理（12 小时）');
  });

  it('passes over a compound’s line whose owner its model no longer has, to the community’s line', () => {
    // k1 was a 1+3 compound with a property company; the company left and it now governs itself (1+1).
    const stale = rule('公共设施', '1+3', 'property', 4, 'k1');
    const route = routeOrder([stale, rule('公共设施', '1+1', 'volunteers', 24)], { category: '公共设施' }, inCompound('1+1'));
    expect(route).toMatchObject({ owner: 'volunteers', hours: 24, source: 'community' });
    expect(route.why).toContain('本小区责任清单指定的物业服务中心不在 1+1 小区的共治架构内');
  });

  it('passes over every unavailable owner down to the default (a list saved before the model’s parties were checked)', () => {
    const route = routeOrder([rule('环境卫生', '1+1', 'unit', 4, 'k1'), rule('环境卫生', '1+1', 'property', 4)], { category: '环境卫生' }, inCompound('1+1'));
    expect(route).toMatchObject({ owner: 'branch', hours: 48, source: 'default' });
    expect(route.why).toContain('单位后勤');
    expect(route.why).toContain('物业服务中心');
  });

  it('keeps a compound’s line from an earlier model when its owner still serves, preferring one written for the current model', () => {
    const earlier = rule('其他', '1+3', 'volunteers', 10, 'k1');
    expect(routeOrder([earlier], { category: '其他' }, inCompound('1+1'))).toMatchObject({ owner: 'volunteers', hours: 10, source: 'compound' });
    const current = rule('其他', '1+1', 'branch', 30, 'k1');
    expect(routeOrder([earlier, current], { category: '其他' }, inCompound('1+1'))).toMatchObject({ owner: 'branch', hours: 30, source: 'compound' });
  });
});

// ---- properties ---------------------------------------------------------------------------------

const categoryArb = fc.constantFrom(...CATEGORIES);
const modelArb = fc.constantFrom(...GOVERNANCE_MODELS);
const compoundIdArb = fc.constantFrom('k1', 'k2', 'k3');
const hoursArb = fc.integer({ min: 1, max: 720 });
/** A line a community could save: its owner is one of its model's parties. */
const validRuleArb: fc.Arbitrary<ResponsibilityRule> = fc
  .record({ category: categoryArb, model: modelArb, compoundId: fc.option(compoundIdArb, { nil: undefined }), hours: hoursArb, pick: fc.nat() })
  .map(({ pick, compoundId, ...r }) => {
    const owner = PARTIES_OF_MODEL[r.model][pick % PARTIES_OF_MODEL[r.model].length]!;
    return compoundId === undefined ? { ...r, owner } : { ...r, owner, compoundId };
  });
/** Any saved list: subsets and overrides of the defaults and compound lines, one line per key. */
const validRulesArb = fc.tuple(fc.subarray([...DEFAULT_RESPONSIBILITIES]), fc.array(validRuleArb, { maxLength: 60 })).map(([kept, extra]) => {
  const seen = new Set<string>();
  return [...extra, ...kept].filter((r) => {
    const key = `${r.category}|${r.model}|${r.compoundId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
});
const compoundArb = fc.option(fc.record({ id: compoundIdArb, model: modelArb }), { nil: null });

describe('routing, for any list', () => {
  it('the generated lists are lists a community could save', () => {
    fc.assert(fc.property(validRulesArb, (rules) => SaveResponsibilitiesInput.safeParse({ communityId: 'C1', baseVersion: 3, rules }).success));
  });

  it('gives exactly one owner the compound’s model has (volunteers or the grid leader outside), and a clock of 1–720 hours or none', () => {
    fc.assert(
      fc.property(validRulesArb, categoryArb, compoundArb, (rules, category, compound) => {
        const route = routeOrder(rules, { category }, compound);
        expect(PARTIES).toContain(route.owner);
        const allowed: readonly Party[] = compound ? PARTIES_OF_MODEL[compound.model] : ['volunteers', 'gridLeader'];
        expect(allowed).toContain(route.owner);
        if (route.hours !== null) {
          expect(Number.isInteger(route.hours)).toBe(true);
          expect(route.hours).toBeGreaterThanOrEqual(1);
          expect(route.hours).toBeLessThanOrEqual(720);
        }
        expect(route.source === 'none').toBe(compound === null);
        expect(route.hours === null).toBe(compound === null);
        expect(route.why.length).toBeGreaterThan(0);
      }),
    );
  });

  it('follows the compound’s own line for its model whenever there is one', () => {
    fc.assert(
      fc.property(validRulesArb, categoryArb, fc.record({ id: compoundIdArb, model: modelArb }), (rules, category, compound) => {
        const own = rules.find((r) => r.category === category && r.compoundId === compound.id && r.model === compound.model);
        fc.pre(own !== undefined);
        expect(routeOrder(rules, { category }, compound)).toMatchObject({ owner: own!.owner, hours: own!.hours, source: 'compound' });
      }),
    );
  });

  it('holds for unchecked lists too: an owner outside the model is never chosen', () => {
    const anyRuleArb = fc.record({
      category: categoryArb,
      model: modelArb,
      compoundId: fc.option(compoundIdArb, { nil: undefined }),
      owner: fc.constantFrom(...PARTIES),
      hours: hoursArb,
    });
    fc.assert(
      fc.property(fc.array(anyRuleArb, { maxLength: 60 }), categoryArb, fc.record({ id: compoundIdArb, model: modelArb }), (rules, category, compound) => {
        expect(PARTIES_OF_MODEL[compound.model]).toContain(routeOrder(rules, { category }, compound).owner);
      }),
    );
  });
});

describe('the 公示 table', () => {
  it('prints the defaults as a row per category and a column per model', () => {
    const table = responsibilityTable([]);
    expect(table.map((r) => r.category)).toEqual([...CATEGORIES]);
    for (const [category, model, owner, hours] of DEFAULT_TABLE) {
      const cell = table.find((r) => r.category === category)!.cells.find((c) => c.model === model);
      expect(cell).toEqual({ model, owner, ownerLabel: expect.any(String), hours, source: 'default' });
    }
    expect(table.find((r) => r.category === '公共设施')!.cells.map((c) => c.ownerLabel)).toEqual(['物业服务中心', '单位后勤', '小区党支部']);
  });

  it('prints the community’s own lines, not the compounds’, and only the models asked for, in that order', () => {
    const rules = [rule('家居小修', '1+1', 'branch', 72), rule('家居小修', '1+2', 'gridLeader', 5, 'k9')];
    const row = responsibilityTable(rules, ['1+1', '1+2']).find((r) => r.category === '家居小修')!;
    expect(row.cells).toEqual([
      { model: '1+1', owner: 'branch', ownerLabel: '小区党支部', hours: 72, source: 'community' },
      { model: '1+2', owner: 'volunteers', ownerLabel: '党员志愿者', hours: 24, source: 'default' },
    ]);
  });

  it('prints what is routed: each cell is the route of a compound of that model with no lines of its own', () => {
    fc.assert(
      fc.property(validRulesArb, (rules) => {
        for (const row of responsibilityTable(rules)) {
          for (const cell of row.cells) {
            const route = routeOrder(rules, { category: row.category }, { id: 'no-lines-of-its-own', model: cell.model });
            expect({ owner: cell.owner, hours: cell.hours, source: cell.source }).toEqual({ owner: route.owner, hours: route.hours, source: route.source });
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('diffRules (the change log)', () => {
  const before = [rule('公共设施', '1+3', 'gridLeader', 24), rule('环境卫生', '1+1', 'branch', 48), rule('其他', '1+2', 'gridLeader', 24, 'k1')];

  it('says nothing when nothing changed, whatever the order of the lines', () => {
    expect(diffRules(before, [...before].reverse())).toEqual([]);
    expect(diffRules([], [])).toEqual([]);
  });

  it('writes a change of owner as before → after, with the clock', () => {
    expect(diffRules(before, [rule('公共设施', '1+3', 'property', 24), before[1]!, before[2]!])).toEqual(['1+3 小区·公共设施：网格长 → 物业服务中心（24 小时）']);
    expect(diffRules(before, [rule('公共设施', '1+3', 'property', 8), before[1]!, before[2]!])).toEqual(['1+3 小区·公共设施：网格长（24 小时） → 物业服务中心（8 小时）']);
  });

  it('writes a change of the clock alone', () => {
    expect(diffRules(before, [before[0]!, rule('环境卫生', '1+1', 'branch', 24), before[2]!])).toEqual(['1+1 小区·环境卫生：小区党支部时限 48 小时 → 24 小时']);
  });

  it('writes added and removed lines, naming a compound by its name when given and by its id otherwise', () => {
    const after = [before[0]!, before[1]!, rule('安全隐患', '1+3', 'property', 2, 'k2')];
    expect(diffRules(before, after, { k2: '阳光花园' })).toEqual(['新增 阳光花园（1+3）·安全隐患：物业服务中心（2 小时）', '删除 小区 k1（1+2）·其他：网格长（24 小时）']);
  });

  it('lists the lines in the order of the printed list: category, then model, the model’s line before its compounds’', () => {
    const after = [rule('其他', '1+1', 'branch', 5), rule('其他', '1+1', 'volunteers', 5, 'k1'), rule('水电维修', '1+2', 'unit', 5)];
    expect(diffRules([], after)).toEqual([
      '新增 1+2 小区·水电维修：单位后勤（5 小时）',
      '新增 1+1 小区·其他：小区党支部（5 小时）',
      '新增 小区 k1（1+1）·其他：党员志愿者（5 小时）',
    ]);
  });

  it('writes one line per line of the list that differs, and none when the lists are the same', () => {
    fc.assert(
      fc.property(validRulesArb, validRulesArb, (a, b) => {
        const key = (r: ResponsibilityRule) => `${r.category}|${r.model}|${r.compoundId ?? ''}`;
        const same = (x: ResponsibilityRule, y: ResponsibilityRule | undefined) => y !== undefined && x.owner === y.owner && x.hours === y.hours;
        const inB = new Map(b.map((r) => [key(r), r]));
        const inA = new Map(a.map((r) => [key(r), r]));
        const differing = a.filter((r) => !same(r, inB.get(key(r)))).length + b.filter((r) => !inA.has(key(r))).length;
        expect(diffRules(a, b)).toHaveLength(differing);
        expect(diffRules(a, a)).toEqual([]);
      }),
    );
  });
});
