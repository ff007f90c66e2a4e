import { ok } from '../../../shared/api/envelope';
import { CHECK_STATE_LABELS, SCORES_COLLECTION, type ScoreRecord } from '../../../shared/liuyou/check.lifecycle';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { mayRunStreet } from '../../../shared/liuyou/liuyou.policy';
import { periodLabel, periodOf, periodsUpTo, previousPeriod } from '../../../shared/liuyou/period';
import { MECHANISMS } from '../../../shared/liuyou/template';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import type { CheckDoc } from '../check-store';
import { kindLabelOf, rated } from '../check-view';
import { loadStreetScope } from '../street';

/** Periods the trend shows, the chosen one last. */
export const TREND_PERIODS = 8;

/**
 * The street's roll-up: each community (and 集中居住区) × the six mechanisms for one period, with
 * the score scored last period, the trend of the last periods and the open 整改任务. This period's
 * checks, the score records of the periods shown and the task counts are read in one round trip.
 */
export const matrix = defineAction(liuyouApi.matrix, {
  load: (ctx, input) => loadStreetScope(ctx.ports.store, input.streetId),
  authorize: (caller, _input, { street }) => (mayRunStreet(caller, street) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, { street, places, template }) => {
    const period = input.period ?? periodOf(template.periodKind, ctx.now);
    const periods = periodsUpTo(period, TREND_PERIODS);
    const streetKey = { 'path.streetId': street._id };
    const [checks, records, open, overdue] = await Promise.all([
      // This period's checks in full; earlier periods only as the few numbers written when each was scored.
      ctx.ports.store.find<CheckDoc>('liuyou_checks', { ...streetKey, period }, { limit: 1000 }),
      ctx.ports.store.find<ScoreRecord & Doc>(SCORES_COLLECTION, { streetId: street._id, period: { $in: periods } }, { limit: 1000 }),
      ctx.ports.store.count('liuyou_tasks', { ...streetKey, state: 'open' }),
      ctx.ports.store.count('liuyou_tasks', { ...streetKey, state: 'open', dueAt: { $lte: ctx.now } }),
    ]);
    const current = new Map(checks.map((c) => [c.communityId, c]));
    const overallOf = new Map(records.map((r) => [`${r.communityId}|${r.period}`, r.overall]));
    const scored = (communityId: string, p: string) => overallOf.get(`${communityId}|${p}`) ?? null;
    const previous = previousPeriod(period);
    const rows = places.map((place) => {
      const c = current.get(place._id);
      return {
        communityId: place._id,
        communityName: place.name,
        kindLabel: kindLabelOf(place.kind),
        checkId: c?._id ?? null,
        state: c?.state ?? null,
        stateLabel: c ? CHECK_STATE_LABELS[c.state] : '未发起',
        answered: c?.score.answered ?? 0,
        total: c?.score.total ?? template.items.length,
        overall: c ? rated(c.score.overall, c.score.rating) : rated(null, null, '未发起'),
        cells: MECHANISMS.map((key) => {
          const m = c?.score.mechanisms[key];
          return { key, ...(m ? rated(m.score, m.rating) : rated(null, null, '未发起')) };
        }),
        previous: scored(place._id, previous),
      };
    });
    const trend = periods.map((p) => {
      const scores = places.map((place) => ({ communityId: place._id, score: scored(place._id, p) }));
      const known = scores.map((s) => s.score).filter((s): s is number => s !== null);
      const average = known.length ? Math.round((known.reduce((n, s) => n + s, 0) / known.length) * 10) / 10 : null;
      return { period: p, periodLabel: periodLabel(p), average, scores };
    });
    return ok({
      streetId: street._id,
      streetName: street.name,
      period,
      periodLabel: periodLabel(period),
      thresholds: template.thresholds,
      rows,
      trend,
      tasks: { open, overdue },
    });
  },
});
