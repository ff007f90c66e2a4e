import { sumCounts } from '../kernel/rollup';
import { categoriesOfCounts, measuresOfCounts } from '../orders/order.rollup';
import type { Measure } from '../orders/orders.schema';
import { quarterOfMonth, surveyFigures } from '../compounds/survey';
import { SERVICE_SOURCE_LABELS, SERVICE_SOURCES, type CouncilsSection, type HoursSection, type PropertySection } from './dashboard.schema';

/**
 * The dashboard's sections, read from rollup documents (pure). A rollup holds the counts of one kind,
 * place and month (`cloudfunctions/_core/rollups.ts`); a period is the sum of its months.
 *
 * Count keys by kind:
 * - `orders`: see `shared/orders/order.rollup.ts`.
 * - `service`: `h_order`, `h_duty`, `h_manual` — verified hours of each source, in hundredths of an
 *   hour (whole numbers add up exactly); `u_<key>` — hundredths of in-service party members' hours by
 *   work unit, the unit's name in `labels.u_<key>`.
 * - `councils`: `meetings` held, `minutesOnTime`, `decisions` adopted, `decisionsDone`, 效果共评
 *   `ratings` and `ratingStars` (their sum).
 * - `property`: residents' quarterly answers about their compounds' desks (`surveyCounts` in
 *   `shared/compounds/survey.ts`); a compound's own rollup names its community as parent and carries
 *   the compound's name in `labels.name`.
 */
export interface RollupCounts {
  kind: string;
  month: string;
  t: Record<string, number>;
  labels?: Record<string, string>;
}

export const ROLLUP_KINDS = ['orders', 'service', 'councils', 'property'] as const;

/** The summed counts of one kind over some months. */
export function countsOf(docs: readonly RollupCounts[], kind: string, months: readonly string[]): Record<string, number> {
  const set = new Set(months);
  return sumCounts(docs.filter((d) => d.kind === kind && set.has(d.month)).map((d) => d.t));
}

export function orderMeasures(docs: readonly RollupCounts[], months: readonly string[]): Measure {
  return measuresOfCounts(countsOf(docs, 'orders', months));
}

export function orderTrend(docs: readonly RollupCounts[], months: readonly string[]): ({ month: string } & Measure)[] {
  return months.map((month) => ({ month, ...orderMeasures(docs, [month]) }));
}

export function orderCategories(docs: readonly RollupCounts[], months: readonly string[], previousMonths: readonly string[]) {
  const before = categoriesOfCounts(countsOf(docs, 'orders', previousMonths));
  return categoriesOfCounts(countsOf(docs, 'orders', months)).map((c, i) => ({ ...c, previousPosted: before[i]!.posted }));
}

/** Hundredths of an hour → hours. */
const hours = (hundredths: number | undefined) => Math.round(hundredths ?? 0) / 100;

export function hoursSection(docs: readonly RollupCounts[], months: readonly string[], previousMonths: readonly string[], trendMonths: readonly string[]): HoursSection {
  const now = countsOf(docs, 'service', months);
  const before = countsOf(docs, 'service', previousMonths);
  const labels: Record<string, string> = Object.assign({}, ...docs.filter((d) => d.kind === 'service').map((d) => d.labels ?? {}));
  const total = (t: Record<string, number>) => hours(SERVICE_SOURCES.reduce((n, s) => n + (t[`h_${s}`] ?? 0), 0));
  return {
    total: total(now),
    previousTotal: total(before),
    bySource: SERVICE_SOURCES.map((source) => ({ source, label: SERVICE_SOURCE_LABELS[source], hours: hours(now[`h_${source}`]), previous: hours(before[`h_${source}`]) })),
    byUnit: Object.entries(now)
      .filter(([k, v]) => k.startsWith('u_') && v > 0)
      .map(([k, v]) => ({ unitKey: k.slice(2), workUnit: labels[k] ?? '未注明单位', hours: hours(v) }))
      .sort((a, b) => b.hours - a.hours || a.workUnit.localeCompare(b.workUnit, 'zh-CN')),
    trend: trendMonths.map((month) => {
      const t = countsOf(docs, 'service', [month]);
      return { month, order: hours(t.h_order), duty: hours(t.h_duty), manual: hours(t.h_manual) };
    }),
  };
}

export function councilsSection(docs: readonly RollupCounts[], months: readonly string[], previousMonths: readonly string[], trendMonths: readonly string[]): CouncilsSection {
  const now = countsOf(docs, 'councils', months);
  const before = countsOf(docs, 'councils', previousMonths);
  const n = (k: string) => now[k] ?? 0;
  return {
    meetings: n('meetings'),
    previousMeetings: before.meetings ?? 0,
    minutesOnTime: n('minutesOnTime'),
    decisions: n('decisions'),
    decisionsDone: n('decisionsDone'),
    ratings: n('ratings'),
    effectAverage: n('ratings') ? Math.round((n('ratingStars') / n('ratings')) * 10) / 10 : null,
    trend: trendMonths.map((month) => {
      const t = countsOf(docs, 'councils', [month]);
      return { month, meetings: t.meetings ?? 0, decisions: t.decisions ?? 0, decisionsDone: t.decisionsDone ?? 0 };
    }),
  };
}

/** The rollups of a community's compounds (kind `property`, level `compound`), with their names. */
export interface CompoundRollup extends RollupCounts {
  nodeId: string;
}

export function propertySection(
  docs: readonly RollupCounts[],
  months: readonly string[],
  previousMonths: readonly string[],
  trendMonths: readonly string[],
  compounds: readonly CompoundRollup[],
): PropertySection {
  const now = surveyFigures(countsOf(docs, 'property', months));
  const before = surveyFigures(countsOf(docs, 'property', previousMonths));
  const quarters = [...new Set(trendMonths.map(quarterOfMonth))];
  const ids = [...new Set(compounds.map((c) => c.nodeId))];
  return {
    respondents: now.respondents,
    previousRespondents: before.respondents,
    averageOverall: now.averageOverall,
    satisfiedRate: now.satisfiedRate,
    previousSatisfiedRate: before.satisfiedRate,
    questions: now.questions.map(({ key, short, average }) => ({ key, short, average })),
    trend: quarters.map((quarter) => {
      const f = surveyFigures(
        countsOf(
          docs,
          'property',
          trendMonths.filter((m) => quarterOfMonth(m) === quarter),
        ),
      );
      return { quarter, respondents: f.respondents, satisfiedRate: f.satisfiedRate };
    }),
    compounds: ids
      .map((nodeId) => {
        const mine = compounds.filter((c) => c.nodeId === nodeId);
        const f = surveyFigures(countsOf(mine, 'property', months));
        const name = mine.map((c) => c.labels?.name).find(Boolean) ?? '小区';
        return { nodeId, nodeName: name, respondents: f.respondents, satisfiedRate: f.enough ? f.satisfiedRate : null };
      })
      .filter((c) => c.respondents > 0)
      .sort((a, b) => b.respondents - a.respondents || a.nodeName.localeCompare(b.nodeName, 'zh-CN')),
  };
}
