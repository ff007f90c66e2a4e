import { beijingInstant, beijingMonth, type Instant } from '../kernel/time';

/**
 * The periods a dashboard looks at, in Beijing time: a month `2026-11`, a quarter `2026-Q4` or a
 * year `2026`. Every measure of a period is the sum of its months' rollups, so a period is only
 * ever a list of months.
 */

export const DASHBOARD_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type DashboardPeriodKind = (typeof DASHBOARD_PERIOD_KINDS)[number];

export const DASHBOARD_PERIOD_LABELS: Record<DashboardPeriodKind, string> = { month: '月', quarter: '季度', year: '年' };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
/** Any period key: `2026-11`, `2026-Q4` or `2026` (years 2000–2099). */
export const DASHBOARD_PERIOD_PATTERN = /^20\d{2}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

export function kindOfPeriod(period: string): DashboardPeriodKind {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  if (YEAR.test(period)) return 'year';
  throw new RangeError(`not a period: ${period}`);
}

/** The period of each kind that holds a month: `2026-11` → `2026-11`, `2026-Q4`, `2026`. */
export function periodOfMonth(kind: DashboardPeriodKind, month: string): string {
  const year = month.slice(0, 4);
  if (kind === 'month') return month;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
  return year;
}

/** The period of this kind that holds an instant. */
export const dashboardPeriodOf = (kind: DashboardPeriodKind, at: Instant): string => periodOfMonth(kind, beijingMonth(at));

/** The months of a period, in order. */
export function monthsOfPeriod(period: string): string[] {
  const kind = kindOfPeriod(period);
  if (kind === 'month') return [period];
  const year = Number(period.slice(0, 4));
  const first = kind === 'quarter' ? (Number(period.slice(6)) - 1) * 3 + 1 : 1;
  const count = kind === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
}

/** The period just before, of the same kind. */
export function periodBefore(period: string): string {
  const kind = kindOfPeriod(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') {
    const q = Number(period.slice(6));
    return q > 1 ? `${year}-Q${q - 1}` : `${year - 1}-Q4`;
  }
  const m = Number(period.slice(5));
  return m > 1 ? `${year}-${pad(m - 1)}` : `${year - 1}-12`;
}

/** The month `n` months before `month` (n ≥ 0). */
export function monthMinus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEndingAt(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthMinus(last, count - 1 - i));
}

/** The instants a period runs between: [from, to), Beijing midnights. */
export function periodSpan(period: string): { from: string; to: string } {
  const months = monthsOfPeriod(period);
  const last = months[months.length - 1]!;
  return { from: beijingInstant(`${months[0]}-01`), to: beijingInstant(`${monthMinus(last, -1)}-01`) };
}

/** How a page names a period: 2026年11月, 2026年第4季度, 2026年. */
export function periodLabel(period: string): string {
  const kind = kindOfPeriod(period);
  const year = period.slice(0, 4);
  if (kind === 'year') return `${year}年`;
  if (kind === 'quarter') return `${year}年第${period.slice(6)}季度`;
  return `${year}年${Number(period.slice(5))}月`;
}
