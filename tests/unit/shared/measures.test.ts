import fc from 'fast-check';
import { computeMeasures, median } from '../../../shared/orders/measures';
import { serviceEntryFor } from '../../../shared/orders/service-record';

const T = '2026-11-23T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T) + minutes * 60_000).toISOString();
const o = (extra: Record<string, unknown>) =>
  ({
    state: 'closed',
    maxLevel: 'grid',
    closedAs: 'rated',
    rating: { stars: 5, tags: [], comment: '', at: T },
    postedAt: T,
    firstOfferedAt: T,
    acceptedAt: at(10),
    resolvedAt: at(70),
    breaches: 0,
    ...extra,
  }) as never;

describe('measures', () => {
  it('computes 出格率, 出社区率, 办结率 and 满意度 from the records', () => {
    const m = computeMeasures([
      o({}),
      o({ rating: { stars: 3, tags: [], comment: '', at: T }, maxLevel: 'community' }),
      o({ closedAs: 'unrated', rating: null, maxLevel: 'street', breaches: 2 }),
      o({ state: 'accepted', closedAs: null, rating: null, resolvedAt: null }),
      o({ state: 'cancelled', closedAs: null, rating: null }),
    ]);
    expect(m).toEqual({
      posted: 4,
      closed: 3,
      leftGridRate: 0.667,
      insideGridRate: 0.333,
      leftCommunityRate: 0.333,
      closureRate: 0.75,
      satisfaction: 0.5,
      rated: 2,
      unrated: 1,
      medianAcceptMinutes: 10,
      medianResolveMinutes: 60,
      clockBreaches: 2,
    });
  });

  it('never counts an unrated order as satisfied (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ stars: fc.option(fc.integer({ min: 1, max: 5 })) }), { maxLength: 30 }), (rows) => {
        const m = computeMeasures(
          rows.map((r) => o({ rating: r.stars === null ? null : { stars: r.stars, tags: [], comment: '', at: T }, closedAs: r.stars === null ? 'unrated' : 'rated' })),
        );
        const rated = rows.filter((r) => r.stars !== null);
        expect(m.rated).toBe(rated.length);
        if (rated.length === 0) expect(m.satisfaction).toBeNull();
        else expect(m.satisfaction).toBeCloseTo(rated.filter((r) => r.stars! >= 4).length / rated.length, 2);
      }),
    );
  });

  it('has no rates for an empty place rather than zeros', () => {
    expect(computeMeasures([])).toEqual(expect.objectContaining({ posted: 0, closureRate: null, satisfaction: null, medianAcceptMinutes: null }));
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('service record entry of a closed order', () => {
  const base = { _id: 'ord1', assigneeId: 'v1', acceptedAt: T, resolvedAt: at(90), rating: { stars: 5, tags: [], comment: '', at: T } };
  it('credits the hours from accept to resolve, capped at 4 and at least half an hour, plus a rating bonus', () => {
    expect(serviceEntryFor(base, T, '2026-11')).toEqual(expect.objectContaining({ _id: 'order.ord1', volunteerId: 'v1', hours: 1.5, points: 20, verified: true }));
    expect(serviceEntryFor({ ...base, resolvedAt: at(600) }, T, '2026-11')?.hours).toBe(4);
    expect(serviceEntryFor({ ...base, resolvedAt: at(5), rating: null }, T, '2026-11')).toEqual(expect.objectContaining({ hours: 0.5, points: 5 }));
    expect(serviceEntryFor({ ...base, assigneeId: null }, T, '2026-11')).toBeNull();
  });
});
