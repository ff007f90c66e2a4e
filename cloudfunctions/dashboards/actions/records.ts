import { fail } from '../../../shared/api/envelope';
import { dashboardsApi } from '../../../shared/dashboard/dashboard.contract';
import type { OrderFigure } from '../../../shared/dashboard/dashboard.schema';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { hoursRecords } from '../hours-records';
import { orderRecords } from '../order-records';
import { authorizePlace, loadPlace, periodMonths } from '../steps';

/** The records behind one number of a dashboard, within the place the caller may see. */
export const records = defineAction(dashboardsApi.records, {
  load: (ctx, input) => loadPlace(ctx.ports.store, input.nodeId),
  authorize: (actor, _input, place) => authorizePlace(actor, place),
  run: async (ctx, input, _actor, place) => {
    const { months } = periodMonths(input.period);
    if (input.month && !months.includes(input.month)) return fail('DASHBOARD.MONTH_OUTSIDE', 'payload.month');
    if (input.childId) {
      // A child of this place only; anything else answers as missing, whether it exists or not.
      const child = place.childKey ? await ctx.ports.store.get<NodeDoc>('nodes', input.childId) : null;
      if (!child || child.parentId !== place.node._id) return fail('DASHBOARD.CHILD_NOT_FOUND', 'payload.childId');
    }
    const within = input.month ? [input.month] : months;
    if (input.figure === 'hours') return hoursRecords(ctx.ports.store, place, within, input);
    return orderRecords(ctx.ports.store, place, within, { ...input, figure: input.figure as OrderFigure });
  },
});
