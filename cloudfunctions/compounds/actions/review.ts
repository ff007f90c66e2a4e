import { ok } from '../../../shared/api/envelope';
import { compoundsApi } from '../../../shared/compounds/compounds.contract';
import { authorizeCompounds } from '../../../shared/compounds/compounds.policy';
import { MODEL_LABELS } from '../../../shared/compounds/compounds.schema';
import { reviewHeadline, reviewMeasures } from '../../../shared/compounds/review';
import { beijingInstant, beijingMonth, recentMonths } from '../../../shared/kernel/time';
import { deskName } from '../../../shared/orders/desk';
import type { Order } from '../../../shared/orders/orders.schema';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { MAX_PAGE, type Doc, type Filter, type Store } from '../../_core/ports/store';
import type { CompoundDoc } from '../list-store';
import { surveyResults } from '../survey-store';
import { DESK_OF_MODEL } from '../../../shared/compounds/labels';
import { quarterOfMonth } from '../../../shared/compounds/survey';

/** The months the chart shows: the month asked for and the five before it. */
const CHART_MONTHS = 6;

type ReviewedOrder = Order & Doc;

/**
 * The orders of the compound's grid posted in one month, through the orders' `grid_month` index (the
 * orders collection has no room for another): one page in the usual case, else the count and the
 * other pages side by side.
 */
async function gridMonthOrders(store: Store, gridId: string, month: string): Promise<ReviewedOrder[]> {
  const filter: Filter = { 'place.path.gridId': gridId, month };
  const sort = [['_id', 1]] as const;
  const first = await store.find<ReviewedOrder>('orders', filter, { sort, limit: MAX_PAGE });
  if (first.length < MAX_PAGE) return first;
  const total = await store.count('orders', filter);
  const skips: number[] = [];
  for (let skip = MAX_PAGE; skip < total; skip += MAX_PAGE) skips.push(skip);
  const rest = await Promise.all(skips.map((skip) => store.find<ReviewedOrder>('orders', filter, { sort, skip, limit: MAX_PAGE })));
  return [first, ...rest].flat();
}

/**
 * 评议监督: how the compound's desk served its residents in a month (this month when none is given) —
 * orders sent to it, taken, resolved, on time, the residents' stars, its "not ours" answers with its
 * reasons, what it still holds, by category — and the same headline numbers for the six months up to
 * it. For the community's admin, the street above, the compound's owners' committee and the desk
 * itself. Names no resident and no staff member.
 */
export const review = defineAction(compoundsApi.review, {
  load: async (ctx, input) => {
    const compound = await loadNodeOf(ctx.ports.store, input.compoundId, 'payload.compoundId', ['compound']);
    return compound.ok ? ok({ compound: compound.data as unknown as CompoundDoc }) : compound;
  },
  authorize: (actor, _input, { compound }) => authorizeCompounds(actor, { action: 'review', compound }),
  run: async (ctx, input, _actor, { compound }) => {
    const store = ctx.ports.store;
    const month = input.month ?? beijingMonth(ctx.now);
    const months = recentMonths(CHART_MONTHS, beijingInstant(`${month}-01`)).reverse();
    const [staff, survey, ...perMonth] = await Promise.all([
      store.find<Doc & { userId: string }>('memberships', { 'path.compoundId': compound._id, role: 'property' }, { limit: 100 }),
      surveyResults(store, compound._id, quarterOfMonth(month)),
      ...months.map((m) => gridMonthOrders(store, compound.path.gridId!, m)),
    ]);
    const staffIds = staff.map((m) => m.userId);
    const measured = perMonth.map((orders) => reviewMeasures(orders, compound._id, staffIds));
    return ok({
      compound: {
        id: compound._id,
        name: compound.name,
        model: compound.model,
        modelLabel: MODEL_LABELS[compound.model],
        deskName: deskName(compound, DESK_OF_MODEL[compound.model]),
      },
      month,
      measures: measured[measured.length - 1]!,
      months: months.map((m, i) => reviewHeadline(m, measured[i]!)),
      survey,
    });
  },
});
