import { beijingInstant, beijingMonth, type Instant } from '../kernel/time';
import type { PeriodKind } from './template';

/**
 * Check periods in Beijing time: a quarter `2026-Q4` or a half-year `2026-H2`. A check belongs to
 * one community and one period; its automatic items count the records of the period's months.
 */

const PERIOD = /^(\d{4})-(Q[1-4]|H[12])$/;
export const PERIOD_PATTERN = PERIOD;

export function periodKindOf(period: string): PeriodKind {
  return period.includes('-H') ? 'half' : 'quarter';
}

/** The period of this kind that contains an instant. */
export function periodOf(kind: PeriodKind, instant: Instant): string {
  const [year, month] = beijingMonth(instant).split('-').map(Number) as [number, number];
  return kind === 'quarter' ? `${year}-Q${Math.ceil(month / 3)}` : `${year}-H${month <= 6 ? 1 : 2}`;
}

/** The months (`2026-10`…) a period covers, in order. */
export function periodMonths(period: string): string[] {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  const year = Number(m[1]);
  const n = Number(m[2]!.slice(1));
  const first = m[2]!.startsWith('Q') ? (n - 1) * 3 + 1 : (n - 1) * 6 + 1;
  const count = m[2]!.startsWith('Q') ? 3 : 6;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

/** The instants a period runs between: [from, to), Beijing midnights. */
export function periodRange(period: string): { from: string; to: string } {
  const months = periodMonths(period);
  const last = months[months.length - 1]!;
  const [y, mo] = last.split('-').map(Number) as [number, number];
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: beijingInstant(`${months[0]}-01`), to: beijingInstant(`${next}-01`) };
}

/** The period before, of the same kind. */
export function previousPeriod(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  const year = Number(m[1]);
  const letter = m[2]![0]!;
  const n = Number(m[2]!.slice(1));
  if (n > 1) return `${year}-${letter}${n - 1}`;
  return `${year - 1}-${letter}${letter === 'Q' ? 4 : 2}`;
}

/** The period after, of the same kind. */
export function nextPeriod(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  const year = Number(m[1]);
  const letter = m[2]![0]!;
  const n = Number(m[2]!.slice(1));
  return n < (letter === 'Q' ? 4 : 2) ? `${year}-${letter}${n + 1}` : `${year + 1}-${letter}1`;
}

/** The last `n` periods up to and including `period`, oldest first. */
export function periodsUpTo(period: string, n: number): string[] {
  const out = [period];
  while (out.length < n) out.unshift(previousPeriod(out[0]!));
  return out;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** `2026年第四季度`, `2026年下半年`. */
export function periodLabel(period: string): string {
  const m = PERIOD.exec(period);
  if (!m) return period;
  const n = Number(m[2]!.slice(1));
  return m[2]!.startsWith('Q') ? `${m[1]}年第${QUARTER_NAMES[n - 1]}季度` : `${m[1]}年${n === 1 ? '上' : '下'}半年`;
}
