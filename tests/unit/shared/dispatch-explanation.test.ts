import fc from 'fast-check';
import { dispatch, explain, explainCandidates, matchOf, readExplanation } from '../../../shared/orders/dispatch';
import { NOW, order, volunteer } from '../../helpers/dispatch-fixtures';

describe('readExplanation', () => {
  it('takes a stored reason apart into who, the score, each reason and each group left out', () => {
    const d = dispatch(order, [volunteer('王志强', { buildingId: 'b1', ratingSum: 14, ratingCount: 3 }), volunteer('x', { active: false }), volunteer('y', { gridId: 'g2' })], NOW);
    const read = readExplanation(explain(d));
    expect(read).toEqual({ considered: 3, chosen: { name: '王志强', score: d.chosen!.score, why: d.chosen!.why }, skipped: ['已停用 1 人', '不在本辖区 1 人'] });
    expect(read!.chosen!.why).toContain('同一楼栋');
  });

  it('reads "nobody fits" with and without the groups left out', () => {
    expect(readExplanation(explain(dispatch(order, [], NOW)))).toEqual({ considered: 0, chosen: null, skipped: [] });
    expect(readExplanation(explain(dispatch(order, [volunteer('v', { openLoad: 3 })], NOW)))).toEqual({ considered: 1, chosen: null, skipped: ['手头事项已满 1 人'] });
  });

  it('gives null for any other text, so the page shows it as it is', () => {
    expect(readExplanation('邻里纠纷由网格长直接协调处理')).toBeNull();
    expect(readExplanation('已连续 3 次派单未成功，转负责人人工处理')).toBeNull();
  });

  it('reads back whatever explain wrote (property)', () => {
    const raw = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      active: fc.boolean(),
      load: fc.integer({ min: 0, max: 3 }),
      grid: fc.constantFrom('g1', 'g2'),
      count: fc.integer({ min: 0, max: 8 }),
      days: fc.option(fc.integer({ min: 0, max: 40 })),
    });
    fc.assert(
      fc.property(fc.uniqueArray(raw, { selector: (c) => c.id, maxLength: 4 }), (cs) => {
        const d = dispatch(
          order,
          cs.map((c) =>
            volunteer(c.id, {
              active: c.active,
              openLoad: c.load,
              gridId: c.grid,
              ratingSum: c.count * 4,
              ratingCount: c.count,
              lastAssignedAt: c.days === null ? null : new Date(Date.parse(NOW) - c.days * 86_400_000).toISOString(),
            }),
          ),
          NOW,
        );
        const read = readExplanation(explain(d))!;
        expect(read.considered).toBe(cs.length);
        expect(read.chosen).toEqual(d.chosen ? { name: d.chosen.name, score: d.chosen.score, why: d.chosen.why } : null);
        expect(read.skipped).toHaveLength(Object.keys(d.excluded).length);
      }),
    );
  });
});

describe('explainCandidates', () => {
  it('heads a leader’s list without saying anyone was chosen', () => {
    const d = dispatch(order, [volunteer('王志强'), volunteer('李明'), volunteer('x', { active: false })], NOW);
    expect(explainCandidates(d)).toBe('本辖区共 3 位志愿者，最合适的 2 位排在前面；未考虑：已停用 1 人');
    expect(explainCandidates(dispatch(order, [volunteer('x', { active: false })], NOW))).toBe('本辖区共 1 位志愿者，暂时没有能接的（已停用 1 人）');
    expect(explainCandidates(d)).not.toMatch(/选中/);
  });
});

describe('matchOf', () => {
  it('turns a score into a share of the best possible and into words', () => {
    expect(matchOf(100)).toEqual({ share: 1, words: '很合适' });
    expect(matchOf(73.59)).toEqual({ share: 0.7359, words: '很合适' });
    expect(matchOf(55)).toEqual({ share: 0.55, words: '比较合适' });
    expect(matchOf(20)).toEqual({ share: 0.2, words: '可以考虑' });
    expect(matchOf(-5).share).toBe(0);
    expect(matchOf(140).share).toBe(1);
  });
});
