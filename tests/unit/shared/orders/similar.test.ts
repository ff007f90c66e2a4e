import fc from 'fast-check';
import { CATEGORIES, CATEGORY_RULES, type Category } from '../../../../shared/orders/categories';
import { ORDER_STATES, type OrderState } from '../../../../shared/orders/order.machine';
import { householdsOf, livesNear, MAX_SIMILAR, pickSimilar, similarity, SIMILAR_THRESHOLD, textSimilarity, type SimilarCandidate } from '../../../../shared/orders/similar';

const category = fc.constantFrom(...CATEGORIES);
// Words residents type: a small alphabet of common characters so texts overlap often, plus punctuation.
const words = fc.string({ unit: fc.constantFrom(...'楼道灯坏了水管漏电梯垃圾门锁，。 ！家里天花板滴'.split('')), maxLength: 30 });
const draft = fc.record({ category: fc.option(category, { nil: undefined }), text: words });

let n = 0;
const candidate = (over: Partial<SimilarCandidate> & { description: string }): SimilarCandidate => ({
  _id: `ord_${++n}`,
  posterId: 'usr_poster',
  category: '水电维修',
  private: false,
  state: 'waiting',
  postedAt: '2026-12-01T08:00:00.000Z',
  place: { buildingId: 'b1' },
  ...over,
});

describe('similarity', () => {
  it('is symmetric (property)', () => {
    fc.assert(fc.property(draft, draft, (a, b) => similarity(a, b) === similarity(b, a)));
  });

  it('stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(draft, draft, (a, b) => {
        const s = similarity(a, b);
        return s >= 0 && s <= 1;
      }),
    );
  });

  it('is 1 for the same words in the same category, whatever the punctuation and spaces (property)', () => {
    fc.assert(fc.property(category, words, (c, t) => similarity({ category: c, text: t }, { category: c, text: `  ${t}！` }) === 1));
  });

  it('gives a category nothing on its own: unrelated words of one category score 0', () => {
    expect(similarity({ category: '公共设施', text: '楼道的灯坏了' }, { category: '公共设施', text: '小区门口垃圾没人清理' })).toBe(0);
  });

  it('weighs the same category above another when the words overlap', () => {
    const a = { text: '楼道的灯坏了好几天了' };
    const b = { text: '楼道灯坏了，晚上看不见' };
    expect(similarity({ ...a, category: '公共设施' }, { ...b, category: '公共设施' })).toBeGreaterThan(similarity({ ...a, category: '公共设施' }, { ...b, category: '水电维修' }));
    expect(textSimilarity('楼道的灯坏了', '楼道的灯坏了')).toBe(1);
  });
});

describe('pickSimilar', () => {
  it('finds the leak in the same building and leaves out what is unrelated', () => {
    const leak = candidate({ category: '水电维修', description: '楼上漏水，我家天花板在滴水', place: { buildingId: 'b1' } });
    const lamp = candidate({ category: '公共设施', description: '小区门口的路灯不亮了', place: { buildingId: 'b2' } });
    const rubbish = candidate({ category: '环境卫生', description: '垃圾桶满了没人清理', place: { buildingId: 'b1' } });
    const picks = pickSimilar({ category: '水电维修', text: '卫生间漏水，楼下天花板湿了' }, [lamp, rubbish, leak], 'usr_me', 'b1');
    expect(picks.map((p) => p.order._id)).toEqual([leak._id]);
    expect(picks[0]!.sameBuilding).toBe(true);
    expect(picks[0]!.score).toBeGreaterThanOrEqual(SIMILAR_THRESHOLD);
  });

  it('finds the broken corridor light however it is worded', () => {
    const lamp = candidate({ category: '公共设施', description: '楼道的灯坏了好几天了' });
    expect(pickSimilar({ category: '公共设施', text: '楼道灯坏了，晚上看不见' }, [lamp], 'usr_me')).toHaveLength(1);
    expect(pickSimilar({ text: '楼道灯坏了好几天' }, [lamp], 'usr_me')).toHaveLength(1);
  });

  it("never shows the caller's own orders, closed or withdrawn ones, and at most five, best first", () => {
    const same = '3号楼电梯坏了，老人下不了楼';
    const many = Array.from({ length: 8 }, (_, i) =>
      candidate({ category: '公共设施', description: i % 2 ? same : `${same}，已经${i}天了`, postedAt: `2026-12-0${i + 1}T08:00:00.000Z` }),
    );
    const mine = candidate({ category: '公共设施', description: same, posterId: 'usr_me' });
    const closed = candidate({ category: '公共设施', description: same, state: 'closed' });
    const cancelled = candidate({ category: '公共设施', description: same, state: 'cancelled' });
    const picks = pickSimilar({ category: '公共设施', text: same }, [mine, closed, cancelled, ...many], 'usr_me');
    expect(picks).toHaveLength(MAX_SIMILAR);
    expect(picks.map((p) => p.order._id)).not.toContain(mine._id);
    expect(picks.map((p) => p.order.state)).not.toContain('closed');
    const scores = picks.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('never suggests a private order to another resident (property)', () => {
    const privateCategories = CATEGORIES.filter((c) => CATEGORY_RULES[c].private);
    const anyCandidate = fc.record({
      category: category as fc.Arbitrary<Category>,
      description: words,
      private: fc.boolean(),
      state: fc.constantFrom(...ORDER_STATES) as fc.Arbitrary<OrderState>,
      posterId: fc.constantFrom('usr_a', 'usr_b', 'usr_me'),
    });
    fc.assert(
      fc.property(draft, fc.array(anyCandidate, { maxLength: 12 }), fc.constantFrom('usr_me', 'usr_c'), (d, rows, viewer) => {
        const picks = pickSimilar(
          d,
          rows.map((r) => candidate(r)),
          viewer,
        );
        return picks.every((p) => !p.order.private && !privateCategories.includes(p.order.category) && p.order.posterId !== viewer) && picks.length <= MAX_SIMILAR;
      }),
    );
    // Even the very same words: a dispute stays out.
    const dispute = candidate({ category: '邻里纠纷', description: '楼上装修噪音太大', private: false });
    expect(pickSimilar({ category: '邻里纠纷', text: '楼上装修噪音太大' }, [dispute], 'usr_me')).toEqual([]);
  });
});

describe('neighbours and households', () => {
  it('lives near: the same micro-grid, or the same grid where the place has no micro-grid', () => {
    expect(livesNear({ gridId: 'g1', microGridId: 'm1' }, { gridId: 'g1', microGridId: 'm1' })).toBe(true);
    expect(livesNear({ gridId: 'g1', microGridId: 'm2' }, { gridId: 'g1', microGridId: 'm1' })).toBe(false);
    expect(livesNear({ gridId: 'g1' }, { gridId: 'g1' })).toBe(true);
    expect(livesNear({ gridId: 'g2' }, { gridId: 'g1' })).toBe(false);
    expect(livesNear(null, { gridId: 'g1' })).toBe(false);
  });

  it('counts the poster and each affected neighbour; older orders without the field count one', () => {
    expect(householdsOf({})).toBe(1);
    expect(householdsOf({ affected: ['a', 'b'] })).toBe(3);
  });
});
