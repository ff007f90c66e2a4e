import { fail, ok } from '../../../shared/api/envelope';
import { checkIdOf, newCheck } from '../../../shared/liuyou/check.factory';
import type { Check } from '../../../shared/liuyou/check.lifecycle';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { mayStartCheck } from '../../../shared/liuyou/liuyou.policy';
import { periodKindOf, periodLabel, periodOf, periodRange } from '../../../shared/liuyou/period';
import type { Change } from '../../../shared/kernel/lifecycle';
import { isCommunityLevel } from '../../../shared/territory/kinds';
import { create } from '../../_core/mover';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { CHECKS, effectiveTemplate, loadCheck, type CheckDoc, type CheckEventRecord } from '../check-store';
import { figuresOf, timelineActor } from '../check-steps';
import { toCheckOutput } from '../check-view';

/**
 * A community's (or 集中居住区's) check of a period, started by its admin or the street above: the
 * street's current template copied into it, the automatic figures counted now. One check per place
 * and period: starting it again — one after the other or at once — opens the one there is.
 */
export const startCheck = defineAction(liuyouApi.startCheck, {
  load: async (ctx, input) => {
    const node = await ctx.ports.store.get<NodeDoc>('nodes', input.communityId);
    if (!node || !isCommunityLevel(node.kind)) return fail('TERRITORY.NODE_NOT_FOUND', 'payload.communityId');
    return ok({ node, template: await effectiveTemplate(ctx.ports.store, node.path.streetId) });
  },
  authorize: (caller, _input, { node }) => (mayStartCheck(caller, node) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, { node, template }) => {
    const period = input.period ?? periodOf(template.periodKind, ctx.now);
    if (periodKindOf(period) !== template.periodKind) return fail('LIUYOU.PERIOD_KIND', 'payload.period');
    if (periodRange(period).from > ctx.now) return fail('LIUYOU.PERIOD_FUTURE', 'payload.period');

    const id = checkIdOf(node._id, period);
    const existing = await loadCheck(ctx.ports.store, id);
    if (existing) return ok(await toCheckOutput(ctx, caller, existing, { timeline: true, tasks: true }));

    const place = { _id: node._id, name: node.name, kind: node.kind, path: node.path };
    const figures = await figuresOf(ctx.ports.store, { path: node.path, communityId: node._id, period, items: template.items }, ctx.now);
    const check = { ...newCheck({ template, community: place, period, figures, by: { id: caller.user._id }, now: ctx.now }), version: 1 } as CheckDoc;
    const change: Change<Check> = {
      after: check,
      set: {},
      inc: {},
      timeline: [{ kind: 'start', text: `发起${periodLabel(period)}六有自查（${template.name}，第 ${template.version} 版）` }],
      notify: [],
      audit: { event: 'liuyou.start', period, templateVersion: template.version },
      writes: [],
    };
    const made = await create(ctx, CHECKS, check, change, timelineActor(caller, check));
    if (!made.ok) {
      // Started at the same moment by someone else: answer theirs.
      const first = await loadCheck(ctx.ports.store, id);
      return first ? ok(await toCheckOutput(ctx, caller, first, { timeline: true, tasks: true })) : fail('COMMON.CONFLICT');
    }
    return ok(await toCheckOutput(ctx, caller, made.doc as CheckDoc, { timeline: made.lines as CheckEventRecord[], tasks: [] }));
  },
});
