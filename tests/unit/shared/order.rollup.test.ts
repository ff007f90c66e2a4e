import fc from 'fast-check';
import { rollupTotals } from '../../../shared/kernel/rollup';
import { CATEGORIES } from '../../../shared/orders/categories';
import { computeMeasures } from '../../../shared/orders/measures';
import { categoriesOfCounts, measuresOfCounts, orderContributions, orderCounts, orderRollupId, type RolledOrder } from '../../../shared/orders/order.rollup';
import { ORDER_STATES } from '../../../shared/orders/order.machine';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const order = fc
  .record({
    state: fc.constantFrom(...ORDER_STATES),
    maxLevel: fc.constantFrom('grid', 'community', 'street'),
    stars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    unrated: fc.boolean(),
    acceptAfter: fc.option(fc.integer({ min: 0, max: 20_000 * 60_000 }), { nil: null }),
    resolveAfter: fc.option(fc.integer({ min: 0, max: 20_000 * 60_000 }), { nil: null }),
    breaches: fc.integer({ min: 0, max: 3 }),
    category: fc.constantFrom(...CATEGORIES),
    grid: fc.constantFrom('g1', 'g2', 'g3'),
    month: fc.constantFrom('2026-10', '2026-11'),
  })
  .map(({ state, maxLevel, stars, unrated, acceptAfter, resolveAfter, breaches, category, grid, month }): RolledOrder => {
    const closed = state === 'closed';
    const acceptedAt = acceptAfter === null ? null : iso(T0 + acceptAfter);
    return {
      state,
      maxLevel,
      category,
      month,
      breaches,
      postedAt: iso(T0),
      acceptedAt,
      resolvedAt: acceptedAt && resolveAfter !== null ? iso(Date.parse(acceptedAt) + resolveAfter) : null,
      rating: closed && stars !== null && !unrated ? { stars, tags: [], comment: '', at: iso(T0) } : null,
      closedAs: closed ? (unrated && stars === null ? 'unrated' : stars !== null ? 'rated' : 'review') : null,
      place: { path: { streetId: 's1', communityId: grid === 'g3' ? 'c2' : 'c1', gridId: grid }, buildingId: null, room: null, point: null, label: '' },
    } as RolledOrder;
  });

describe('the orders rollup', () => {
  it('an order counts in its street, community and grid rollups of its month', () => {
    const [o] = fc.sample(order, { numRuns: 1, seed: 7 });
    expect(orderContributions(o!).map((c) => [c.id, c.init.level, c.init.parentId])).toEqual([
      [orderRollupId('s1', o!.month), 'street', null],
      [orderRollupId(o!.place.path.communityId!, o!.month), 'community', 's1'],
      [orderRollupId(o!.place.path.gridId!, o!.month), 'grid', o!.place.path.communityId],
    ]);
  });

  it('a cancelled order counts only as cancelled', () => {
    const [o] = fc.sample(order, { numRuns: 1, seed: 3 });
    expect(orderCounts({ ...o!, state: 'cancelled' })).toEqual({ cancelled: 1 });
  });

  it('property: the measures read from the summed rollups equal the measures computed from the records, for every place and month', () => {
    fc.assert(
      fc.property(fc.array(order, { maxLength: 60 }), (orders) => {
        const totals = rollupTotals(orderContributions, orders);
        for (const [place, inPlace] of [
          ['s1', () => true],
          ['c1', (o: RolledOrder) => o.place.path.communityId === 'c1'],
          ['g3', (o: RolledOrder) => o.place.path.gridId === 'g3'],
        ] as const) {
          for (const month of ['2026-10', '2026-11']) {
            const raw = orders.filter((o) => inPlace(o) && o.month === month);
            const counts = totals.get(orderRollupId(place, month))?.counts ?? {};
            expect(measuresOfCounts(counts)).toEqual(computeMeasures(raw as never));
            expect(categoriesOfCounts(counts).map((c) => c.posted)).toEqual(CATEGORIES.map((c) => raw.filter((o) => o.category === c && o.state !== 'cancelled').length));
          }
        }
      }),
    );
  });
});
