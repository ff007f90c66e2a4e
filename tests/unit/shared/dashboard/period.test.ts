import fc from 'fast-check';
import {
  dashboardPeriodOf,
  DASHBOARD_PERIOD_PATTERN,
  kindOfPeriod,
  monthMinus,
  monthsEndingAt,
  monthsOfPeriod,
  periodBefore,
  periodLabel,
  periodSpan,
} from '../../../../shared/dashboard/period';

describe('dashboard periods (Beijing time)', () => {
  it('a month, a quarter and a year hold their months in order', () => {
    expect(monthsOfPeriod('2026-11')).toEqual(['2026-11']);
    expect(monthsOfPeriod('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOfPeriod('2026')).toHaveLength(12);
    expect(monthsOfPeriod('2026')[0]).toBe('2026-01');
  });

  it('the period before crosses a year', () => {
    expect(periodBefore('2026-01')).toBe('2025-12');
    expect(periodBefore('2026-Q1')).toBe('2025-Q4');
    expect(periodBefore('2026-Q3')).toBe('2026-Q2');
    expect(periodBefore('2026')).toBe('2025');
  });

  it('an instant belongs to the Beijing month, quarter and year: 23:59 on 31 December is still that year', () => {
    const lastMinute = '2026-12-31T15:59:00.000Z'; // 23:59 Beijing
    const firstMinute = '2026-12-31T16:00:00.000Z'; // 00:00 on 1 January in Beijing
    expect([dashboardPeriodOf('month', lastMinute), dashboardPeriodOf('quarter', lastMinute), dashboardPeriodOf('year', lastMinute)]).toEqual(['2026-12', '2026-Q4', '2026']);
    expect([dashboardPeriodOf('month', firstMinute), dashboardPeriodOf('quarter', firstMinute), dashboardPeriodOf('year', firstMinute)]).toEqual(['2027-01', '2027-Q1', '2027']);
  });

  it('a period spans Beijing midnights', () => {
    expect(periodSpan('2026-Q4')).toEqual({ from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  });

  it('labels read as people say them', () => {
    expect([periodLabel('2026-11'), periodLabel('2026-Q4'), periodLabel('2026')]).toEqual(['2026年11月', '2026年第4季度', '2026年']);
  });

  it('the pattern accepts the three shapes and nothing else', () => {
    for (const ok of ['2026-11', '2026-Q4', '2026']) expect(DASHBOARD_PERIOD_PATTERN.test(ok)).toBe(true);
    for (const bad of ['2026-13', '2026-Q5', '2026-00', '1999', '2026-11; drop', '2026-1', '']) expect(DASHBOARD_PERIOD_PATTERN.test(bad)).toBe(false);
  });

  it('property: every instant lies in its period, whose months are consecutive, and the period before ends where it starts', () => {
    const instant = fc.integer({ min: Date.parse('2001-01-01'), max: Date.parse('2098-12-01') });
    fc.assert(
      fc.property(instant, fc.constantFrom('month', 'quarter', 'year') as fc.Arbitrary<'month' | 'quarter' | 'year'>, (ms, kind) => {
        const p = dashboardPeriodOf(kind, ms);
        expect(kindOfPeriod(p)).toBe(kind);
        const span = periodSpan(p);
        expect(Date.parse(span.from) <= ms && ms < Date.parse(span.to)).toBe(true);
        expect(periodSpan(periodBefore(p)).to).toBe(span.from);
        const months = monthsOfPeriod(p);
        months.slice(1).forEach((m, i) => expect(monthMinus(m, 1)).toBe(months[i]));
      }),
    );
  });

  it('twelve months ending with a month run back across the year', () => {
    expect(monthsEndingAt('2026-03', 12)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });
});
