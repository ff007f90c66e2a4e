import { maySetThreshold } from '../../../shared/councils/councils.policy';
import { councilsApi } from '../../../shared/councils/councils.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { CouncilSettings } from '../topic-store';

/**
 * The community (or the street) sets a grid's support threshold (附议人数). New proposals take it;
 * topics already gathering support keep the one they started with.
 */
export const setThreshold = defineAction(councilsApi.setThreshold, {
  load: async (ctx, input) => {
    const [grid, settings] = await Promise.all([
      loadNodeOf(ctx.ports.store, input.gridId, 'payload.gridId', ['grid']),
      ctx.ports.store.get<CouncilSettings>('council_settings', input.gridId),
    ]);
    return grid.ok ? ok({ grid: grid.data, settings }) : grid;
  },
  authorize: (caller, _input, { grid }) => (maySetThreshold(caller, grid) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, { grid, settings }) => {
    const fields = { supportThreshold: input.threshold, updatedBy: caller.user._id, updatedAt: ctx.now };
    const op = settings
      ? { op: 'update' as const, collection: 'council_settings', id: grid._id, version: settings.version, patch: { $set: fields } }
      : { op: 'insert' as const, collection: 'council_settings', doc: { _id: grid._id, version: 1, ...fields } };
    const done = await ctx.commit([op], { subjectId: grid._id, detail: { event: 'council.setThreshold', from: settings?.supportThreshold ?? null, to: input.threshold } });
    return done.ok ? ok({ gridId: grid._id, threshold: input.threshold }) : fail('COMMON.CONFLICT');
  },
});
