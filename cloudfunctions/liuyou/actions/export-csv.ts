import { ok } from '../../../shared/api/envelope';
import { csvText } from '../../../shared/kernel/csv';
import { LIUYOU_EXPORT_HEADER, liuyouExportRows } from '../../../shared/liuyou/export';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { mayRunStreet } from '../../../shared/liuyou/liuyou.policy';
import { defineAction } from '../../_core/pipeline';
import type { CheckDoc } from '../check-store';
import { loadStreetScope } from '../street';

/**
 * A period's checks of the street as CSV, one line per community × item, communities in tree order
 * (the lines: `shared/liuyou/export.ts`, shared with the dashboard's export).
 */
export const exportCsv = defineAction(liuyouApi.exportCsv, {
  load: (ctx, input) => loadStreetScope(ctx.ports.store, input.streetId),
  authorize: (caller, _input, { street }) => (mayRunStreet(caller, street) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, { street, places }) => {
    const checks = await ctx.ports.store.find<CheckDoc>(
      'liuyou_checks',
      { 'path.streetId': street._id, period: input.period },
      {
        sort: [
          ['path.streetId', 1],
          ['period', 1],
        ],
        limit: 1000,
      },
    );
    const order = new Map(places.map((p, i) => [p._id, i]));
    const sorted = [...checks].sort((a, b) => (order.get(a.communityId) ?? 1e9) - (order.get(b.communityId) ?? 1e9) || a.communityId.localeCompare(b.communityId));
    const lines = liuyouExportRows(sorted);
    return ok({ filename: `六有自查_${street.name}_${input.period}.csv`, csv: csvText([LIUYOU_EXPORT_HEADER, ...lines]), rows: lines.length });
  },
});
