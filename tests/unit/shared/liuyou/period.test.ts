import fc from 'fast-check';
import { nextPeriod, periodKindOf, periodLabel, periodMonths, periodOf, periodRange, periodsUpTo, previousPeriod } from '../../../../shared/liuyou/period';

/**
 * Check periods in Beijing time: a quarter `2026-Q4` or a half-year `2026-H2`, their months, the
 * instants they run between, the one before, and how the pages name them.
 */

describe('periodOf: the period that contains an instant, in Beijing time', () => {
  it.each([
    // 1 April 00:00 in Beijing is 31 March 16:00 UTC: already the second quarter.
    ['quarter', '2026-03-31T16:00:00.000Z', '2026-Q2'],
    ['quarter', '2026-03-31T15:59:59.999Z', '2026-Q1'],
    ['quarter', '2026-11-23T02:00:00.000Z', '2026-Q4'],
    // New Year in Beijing arrives eight hours before it does in UTC.
    ['quarter', '2025-12-31T16:00:00.000Z', '2026-Q1'],
    ['quarter', '2025-12-31T15:59:59.999Z', '2025-Q4'],
    ['half', '2026-06-30T16:00:00.000Z', '2026-H2'],
    ['half', '2026-06-30T15:59:59.999Z', '2026-H1'],
    ['half', '2025-12-31T16:00:00.000Z', '2026-H1'],
    ['half', '2026-12-31T15:59:59.999Z', '2026-H2'],
  ] as const)('%s at %s → %s', (kind, instant, period) => {
    expect(periodOf(kind, instant)).toBe(period);
  });

  it('tells a half-year from a quarter by its name', () => {
    expect(periodKindOf('2026-H2')).toBe('half');
    expect(periodKindOf('2026-Q4')).toBe('quarter');
  });
});

describe('periodMonths and periodRange', () => {
  it('lists the months of a period in order', () => {
    expect(periodMonths('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(periodMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodMonths('2026-H1')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(periodMonths('2026-H2')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('runs between Beijing midnights, [from, to)', () => {
    expect(periodRange('2026-Q2')).toEqual({ from: '2026-03-31T16:00:00.000Z', to: '2026-06-30T16:00:00.000Z' });
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(periodRange('2026-H2')).toEqual({ from: '2026-06-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(periodRange('2026-H1')).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-06-30T16:00:00.000Z' });
  });

  it.each(['2026-Q5', '2026-Q0', '2026-H3', '26-Q1', '2026Q1', '2026-q1', ''])('refuses %j as a period', (bad) => {
    expect(() => periodMonths(bad)).toThrow(RangeError);
    expect(() => periodRange(bad)).toThrow(RangeError);
    expect(() => previousPeriod(bad)).toThrow(RangeError);
  });
});

describe('previousPeriod and periodsUpTo', () => {
  it.each([
    ['2026-Q4', '2026-Q3'],
    ['2026-Q2', '2026-Q1'],
    ['2026-Q1', '2025-Q4'],
    ['2026-H2', '2026-H1'],
    ['2026-H1', '2025-H2'],
    ['2000-Q1', '1999-Q4'],
  ])('%s comes after %s', (period, before) => {
    expect(previousPeriod(period)).toBe(before);
    expect(nextPeriod(before)).toBe(period);
  });

  it('answers the last n periods, oldest first, across years', () => {
    expect(periodsUpTo('2026-Q2', 4)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodsUpTo('2026-H1', 3)).toEqual(['2025-H1', '2025-H2', '2026-H1']);
    expect(periodsUpTo('2026-Q4', 1)).toEqual(['2026-Q4']);
    expect(periodsUpTo('2026-Q4', 8)).toHaveLength(8);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2026-Q1', '2026年第一季度'],
    ['2026-Q2', '2026年第二季度'],
    ['2026-Q3', '2026年第三季度'],
    ['2026-Q4', '2026年第四季度'],
    ['2026-H1', '2026年上半年'],
    ['2026-H2', '2026年下半年'],
    ['不是周期', '不是周期'],
  ])('%s → %s', (period, label) => {
    expect(periodLabel(period)).toBe(label);
  });
});

// ---- properties -------------------------------------------------------------------------------

const period = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2'))
  .map(([year, part]) => `${year}-${part}`)
  .filter((p) => p !== '2000-Q1' && p !== '2000-H1');

describe('period properties', () => {
  it('leaves no gap and no overlap between a period and the one before', () => {
    fc.assert(
      fc.property(period, (p) => {
        const before = previousPeriod(p);
        expect(nextPeriod(before)).toBe(p);
        expect(periodKindOf(before)).toBe(periodKindOf(p));
        expect(periodRange(before).to).toBe(periodRange(p).from);
        expect(periodRange(p).from < periodRange(p).to).toBe(true);
      }),
    );
  });

  it('finds a period again from the first and the last instant it runs between', () => {
    fc.assert(
      fc.property(period, (p) => {
        const { from, to } = periodRange(p);
        const kind = periodKindOf(p);
        expect(periodOf(kind, from)).toBe(p);
        expect(periodOf(kind, Date.parse(to) - 1)).toBe(p);
        expect(periodOf(kind, to)).not.toBe(p);
      }),
    );
  });

  it('puts every instant in the period whose range holds it', () => {
    const instant = fc.integer({ min: Date.parse('2001-01-01T00:00:00Z'), max: Date.parse('2098-12-31T00:00:00Z') });
    fc.assert(
      fc.property(instant, fc.constantFrom('quarter' as const, 'half' as const), (ms, kind) => {
        const p = periodOf(kind, ms);
        const { from, to } = periodRange(p);
        expect(Date.parse(from) <= ms && ms < Date.parse(to)).toBe(true);
      }),
    );
  });

  it('answers n contiguous periods ending with the one asked for', () => {
    fc.assert(
      fc.property(period, fc.integer({ min: 1, max: 12 }), (p, n) => {
        const ps = periodsUpTo(p, n);
        expect(ps).toHaveLength(n);
        expect(ps[n - 1]).toBe(p);
        for (let i = 1; i < n; i++) expect(periodRange(ps[i - 1]!).to).toBe(periodRange(ps[i]!).from);
      }),
    );
  });
});
