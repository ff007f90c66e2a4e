import fc from 'fast-check';
import { ReviewMeasures } from '../../../../shared/compounds/compounds.api.schema';
import { reviewHeadline, reviewMeasures, type ReviewOrder } from '../../../../shared/compounds/review';
import { CATEGORIES, type Category } from '../../../../shared/orders/categories';
import { ORDER_STATES } from '../../../../shared/orders/order.machine';

/**
 * 评议监督: the measures of a compound's desk in a month, from its orders. The desk's staff are
 * `staff-1` and `staff-2` of compound `cp1`; `vol-1` is a volunteer.
 */

const CP = 'cp1';
const STAFF = ['staff-1', 'staff-2'];
const DUE = '2026-11-24T02:00:00.000Z';
const BEFORE_DUE = '2026-11-23T08:00:00.000Z';
const AFTER_DUE = '2026-11-25T02:00:00.000Z';

const desk = (over: Partial<NonNullable<ReviewOrder['desk']>> = {}): NonNullable<ReviewOrder['desk']> => ({
  party: 'property',
  compoundId: CP,
  name: '安居物业',
  hours: 24,
  dueAt: DUE,
  refusedAt: null,
  ...over,
});

/** An order of the compound nobody sent to the desk, posted and waiting. */
const order = (over: Partial<ReviewOrder> = {}): ReviewOrder => ({
  category: '公共设施',
  state: 'waiting',
  place: { path: { compoundId: CP } },
  desk: null,
  refusals: [],
  assigneeId: null,
  acceptedAt: null,
  resolvedAt: null,
  rating: null,
  ...over,
});
const rating = (stars: number) => ({ stars, tags: [], comment: '', at: AFTER_DUE });

/** A desk order taken by staff-1 and resolved at `at`, rated `stars` (none when null). */
const handled = (at: string, stars: number | null, over: Partial<ReviewOrder> = {}) =>
  order({ state: stars ? 'closed' : 'resolved', desk: desk(), assigneeId: 'staff-1', acceptedAt: BEFORE_DUE, resolvedAt: at, rating: stars ? rating(stars) : null, ...over });
const refusedOrder = (reason: string, at: string, category: Category = '环境卫生') =>
  order({ category, state: 'waiting', desk: desk({ refusedAt: at }), refusals: [{ at, by: 'staff-1', name: '安居物业', reason }] });

describe('reviewMeasures', () => {
  it('reads a month with nothing posted as zeros, and the rates as unknown (null), not 0', () => {
    expect(reviewMeasures([], CP, STAFF)).toEqual({
      orders: 0,
      sent: 0,
      taken: 0,
      resolved: 0,
      onTime: 0,
      onTimeRate: null,
      rated: 0,
      averageStars: null,
      satisfiedRate: null,
      refused: 0,
      refusedOrders: 0,
      refusals: [],
      open: 0,
      byCategory: [],
    });
  });

  it.each<[string, ReviewOrder, Partial<ReturnType<typeof reviewMeasures>>]>([
    ['not sent to the desk: counted in the compound only', order(), { orders: 1, sent: 0, taken: 0, open: 0 }],
    ['waiting at the desk: sent and open', order({ state: 'desk', desk: desk() }), { sent: 1, taken: 0, open: 1 }],
    ['taken by its staff: taken and open', order({ state: 'accepted', desk: desk(), assigneeId: 'staff-2', acceptedAt: BEFORE_DUE }), { sent: 1, taken: 1, open: 1 }],
    [
      'a desk order that climbed to the leaders and went to a volunteer: sent, not the desk’s work',
      order({ state: 'accepted', desk: desk(), assigneeId: 'vol-1', acceptedAt: AFTER_DUE }),
      { sent: 1, taken: 0, open: 1 },
    ],
    ['resolved before its due time and rated 5', handled(BEFORE_DUE, 5), { taken: 1, resolved: 1, onTime: 1, onTimeRate: 1, rated: 1, averageStars: 5, satisfiedRate: 1, open: 0 }],
    ['resolved exactly at its due time: on time', handled(DUE, null), { resolved: 1, onTime: 1, onTimeRate: 1, rated: 0, averageStars: null }],
    ['resolved after its due time, rated 2', handled(AFTER_DUE, 2), { resolved: 1, onTime: 0, onTimeRate: 0, averageStars: 2, satisfiedRate: 0 }],
    ['a desk without a clock (no due time) is on time', handled(AFTER_DUE, null, { desk: desk({ hours: null, dueAt: null }) }), { onTime: 1, onTimeRate: 1 }],
    ['refused: sent, counted with its reason, not open', refusedOrder('绿化带属于市政', BEFORE_DUE), { sent: 1, taken: 0, refused: 1, refusedOrders: 1, open: 0 }],
    ['withdrawn by the resident at the desk: sent, not open', order({ state: 'cancelled', desk: desk() }), { sent: 1, open: 0 }],
    ['of another compound in the same grid: left out', order({ place: { path: { compoundId: 'cp2' } }, desk: desk({ compoundId: 'cp2' }) }), { orders: 0, sent: 0 }],
    ['outside any compound: left out', order({ place: { path: {} } }), { orders: 0 }],
  ])('%s', (_what, o, expected) => {
    expect(reviewMeasures([o], CP, STAFF)).toMatchObject(expected);
  });

  it('averages the stars of the desk’s rated orders to one decimal and counts 4–5★ as satisfied', () => {
    const m = reviewMeasures([handled(BEFORE_DUE, 5), handled(BEFORE_DUE, 4), handled(AFTER_DUE, 2), handled(BEFORE_DUE, null)], CP, STAFF);
    expect(m).toMatchObject({ resolved: 4, onTime: 3, onTimeRate: 0.75, rated: 3, averageStars: 3.7, satisfiedRate: 2 / 3 });
  });

  it('does not count the stars of an order the desk did not resolve', () => {
    const volunteers = order({ state: 'closed', assigneeId: 'vol-1', acceptedAt: BEFORE_DUE, resolvedAt: BEFORE_DUE, rating: rating(1) });
    expect(reviewMeasures([volunteers, handled(BEFORE_DUE, 5)], CP, STAFF)).toMatchObject({ rated: 1, averageStars: 5 });
  });

  it('lists the refusals newest first, with the category and the desk’s own words', () => {
    const m = reviewMeasures([refusedOrder('不在合同范围', '2026-11-02T01:00:00.000Z'), refusedOrder('属于电梯厂家质保', '2026-11-20T01:00:00.000Z', '公共设施')], CP, STAFF);
    expect(m.refusals).toEqual([
      { at: '2026-11-20T01:00:00.000Z', category: '公共设施', deskName: '安居物业', reason: '属于电梯厂家质保' },
      { at: '2026-11-02T01:00:00.000Z', category: '环境卫生', deskName: '安居物业', reason: '不在合同范围' },
    ]);
    expect(JSON.stringify(m)).not.toContain('staff-1');
  });

  it('breaks the month down by category, in the categories’ order, only those that had orders', () => {
    const m = reviewMeasures([handled(BEFORE_DUE, 5), refusedOrder('不归物业', BEFORE_DUE), order({ category: '水电维修', state: 'desk', desk: desk() })], CP, STAFF);
    expect(m.byCategory).toEqual([
      { category: '水电维修', orders: 1, sent: 1, taken: 0, resolved: 0, onTime: 0, refused: 0, open: 1 },
      { category: '环境卫生', orders: 1, sent: 1, taken: 0, resolved: 0, onTime: 0, refused: 1, open: 0 },
      { category: '公共设施', orders: 1, sent: 1, taken: 1, resolved: 1, onTime: 1, refused: 0, open: 0 },
    ]);
  });
});

describe('reviewHeadline', () => {
  it('keeps the numbers a month’s bar needs', () => {
    expect(reviewHeadline('2026-11', reviewMeasures([handled(BEFORE_DUE, 4), refusedOrder('不归物业', BEFORE_DUE)], CP, STAFF))).toEqual({
      month: '2026-11',
      orders: 2,
      sent: 2,
      resolved: 1,
      onTimeRate: 1,
      averageStars: 4,
      satisfiedRate: 1,
      refused: 1,
      open: 0,
    });
  });
});

describe('reviewMeasures on any month of orders', () => {
  const instant = fc.integer({ min: Date.parse('2026-11-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((t) => new Date(t).toISOString());
  const anyOrder: fc.Arbitrary<ReviewOrder> = fc
    .record({
      category: fc.constantFrom(...CATEGORIES),
      state: fc.constantFrom(...ORDER_STATES),
      compoundId: fc.constantFrom(CP, 'cp2', undefined),
      deskCompound: fc.constantFrom(CP, 'cp2', null),
      refusedAt: fc.option(instant),
      dueAt: fc.option(instant),
      assigneeId: fc.option(fc.constantFrom('staff-1', 'staff-2', 'vol-1')),
      acceptedAt: fc.option(instant),
      resolvedAt: fc.option(instant),
      stars: fc.option(fc.integer({ min: 1, max: 5 })),
      reasons: fc.array(fc.tuple(instant, fc.string({ minLength: 1, maxLength: 10 })), { maxLength: 2 }),
    })
    .map((r) =>
      order({
        category: r.category,
        state: r.state,
        place: { path: r.compoundId ? { compoundId: r.compoundId } : {} },
        desk: r.deskCompound ? desk({ compoundId: r.deskCompound, refusedAt: r.refusedAt, dueAt: r.dueAt }) : null,
        refusals: r.reasons.map(([at, reason]) => ({ at, by: 'staff-1', name: '安居物业', reason })),
        assigneeId: r.assigneeId,
        acceptedAt: r.acceptedAt,
        resolvedAt: r.resolvedAt,
        rating: r.stars ? rating(r.stars) : null,
      }),
    );

  it('keeps the counts consistent and the rates within 0..1, in the shape the API answers', () => {
    fc.assert(
      fc.property(fc.array(anyOrder, { maxLength: 40 }), (orders) => {
        const m = reviewMeasures(orders, CP, STAFF);
        expect(ReviewMeasures.safeParse(m).success).toBe(true);
        expect(m.orders).toBe(orders.filter((o) => o.place.path.compoundId === CP).length);
        expect(m.sent).toBeLessThanOrEqual(m.orders);
        expect(m.taken).toBeLessThanOrEqual(m.sent);
        expect(m.resolved).toBeLessThanOrEqual(m.taken);
        expect(m.onTime).toBeLessThanOrEqual(m.resolved);
        expect(m.rated).toBeLessThanOrEqual(m.resolved);
        expect(m.open).toBeLessThanOrEqual(m.sent);
        expect(m.refusedOrders).toBeLessThanOrEqual(m.orders);
        expect(m.refusals).toHaveLength(m.refused);
        for (const rate of [m.onTimeRate, m.satisfiedRate]) if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
        expect(m.onTimeRate === null).toBe(m.resolved === 0);
        expect(m.averageStars === null).toBe(m.rated === 0);
        if (m.averageStars !== null) expect(m.averageStars >= 1 && m.averageStars <= 5).toBe(true);
        expect([...m.refusals].sort((a, b) => b.at.localeCompare(a.at))).toEqual(m.refusals);
        // The categories add up to the month.
        for (const key of ['orders', 'sent', 'taken', 'resolved', 'onTime', 'refused', 'open'] as const) {
          const whole = key === 'refused' ? m.refusedOrders : m[key];
          expect(m.byCategory.reduce((s, c) => s + c[key], 0)).toBe(whole);
        }
      }),
    );
  });
});
