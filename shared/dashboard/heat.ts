/**
 * The lines between 好, 注意 and 要改进 in the dashboard's heat table (pure; the app imports it). They
 * are a reading aid for comparing places, not an assessment: 出格率 ≤ 10 % / ≤ 25 %, 办结率 ≥ 90 % /
 * ≥ 70 %, 满意度 ≥ 90 % / ≥ 75 %, 超时 0 / ≤ 2 次. One table, so a street that wants other lines
 * changes them here (and, later, in its settings) rather than in a page.
 */
export type Heat = 'good' | 'amber' | 'bad' | 'none';

export const HEAT_LINES = {
  leftGridRate: { better: 'lower', good: 0.1, amber: 0.25 },
  closureRate: { better: 'higher', good: 0.9, amber: 0.7 },
  satisfaction: { better: 'higher', good: 0.9, amber: 0.75 },
  clockBreaches: { better: 'lower', good: 0, amber: 2 },
} as const satisfies Record<string, { better: 'lower' | 'higher'; good: number; amber: number }>;

export type HeatMeasure = keyof typeof HEAT_LINES;

/** Good, amber or bad for a value of a judged measure; none when there is no value. */
export function heatOf(measure: HeatMeasure, value: number | null): Heat {
  if (value === null) return 'none';
  const line = HEAT_LINES[measure];
  if (line.better === 'lower') return value <= line.good ? 'good' : value <= line.amber ? 'amber' : 'bad';
  return value >= line.good ? 'good' : value >= line.amber ? 'amber' : 'bad';
}
