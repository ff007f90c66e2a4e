import { ok } from '../../../shared/api/envelope';
import { CHECK_STATE_LABELS } from '../../../shared/liuyou/check.lifecycle';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { checkRelation, maySeeCheck, mayRunStreet } from '../../../shared/liuyou/liuyou.policy';
import { periodLabel, periodOf } from '../../../shared/liuyou/period';
import { isCommunityLevel } from '../../../shared/territory/kinds';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Filter, SortSpec } from '../../_core/ports/store';
import { effectiveTemplate, type CheckDoc } from '../check-store';
import { rated } from '../check-view';

/** One line of a list of checks. */
export const summaryOf = (c: CheckDoc) => ({
  id: c._id,
  state: c.state,
  stateLabel: CHECK_STATE_LABELS[c.state],
  communityId: c.communityId,
  communityName: c.communityName,
  period: c.period,
  periodLabel: periodLabel(c.period),
  overall: rated(c.score.overall, c.score.rating),
  answered: c.score.answered,
  total: c.score.total,
  returned: c.items.filter((i) => i.review === 'returned').length,
});

/**
 * A community's checks, newest period first (its admin, its grid leaders, the street above), or a
 * street's checks (its admins): of one period when it is given. One indexed page and its count, and
 * the period a check started now belongs to (by the street's template), read together.
 */
export const listChecks = defineAction(liuyouApi.listChecks, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', ['street', 'community', 'settlement']),
  authorize: (caller, _input, node) => {
    const allowed = isCommunityLevel(node.kind) ? maySeeCheck(checkRelation(caller, { path: node.path, communityId: node._id })) : mayRunStreet(caller, node);
    return allowed ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' };
  },
  run: async (ctx, input, _caller, node) => {
    const key = node.kind === 'street' ? 'path.streetId' : 'path.communityId';
    const filter: Filter = { [key]: node._id, ...(input.period ? { period: input.period } : {}) };
    const sort: SortSpec = [
      [key, 1],
      ['period', -1],
    ];
    const [checks, total, template] = await Promise.all([
      ctx.ports.store.find<CheckDoc>('liuyou_checks', filter, { sort, skip: input.offset, limit: input.limit }),
      ctx.ports.store.count('liuyou_checks', filter),
      effectiveTemplate(ctx.ports.store, node.path.streetId),
    ]);
    return ok({ checks: checks.map(summaryOf), total, offset: input.offset, limit: input.limit, currentPeriod: periodOf(template.periodKind, ctx.now) });
  },
});
