import { fail, ok, type Result } from '../../shared/api/envelope';
import type { OrderFigure, RecordsInput, RecordsOutput } from '../../shared/dashboard/dashboard.schema';
import { orderSummary } from '../../shared/dashboard/export';
import { stateLabelAt } from '../../shared/orders/order.machine';
import { SATISFIED_STARS } from '../../shared/orders/order.rollup';
import type { Filter, Store } from '../_core/ports/store';
import type { OrderDoc } from '../orders/order-store';
import type { Place } from './steps';

/** The filter of each figure: exactly the orders its count is made of (see `orderCounts`). */
const FIGURE_FILTERS: Record<OrderFigure, Filter> = {
  posted: { state: { $ne: 'cancelled' } },
  category: { state: { $ne: 'cancelled' } },
  open: { state: { $nin: ['closed', 'cancelled'] } },
  closed: { state: 'closed' },
  leftGrid: { state: 'closed', maxLevel: { $ne: 'grid' } },
  leftCommunity: { state: 'closed', maxLevel: 'street' },
  breached: { state: { $ne: 'cancelled' }, breaches: { $gt: 0 } },
  unrated: { state: 'closed', closedAs: 'unrated' },
  rated: { state: 'closed', 'rating.stars': { $gte: 1 } },
  dissatisfied: { state: 'closed', 'rating.stars': { $lt: SATISFIED_STARS } },
};

export const FIGURE_TITLES: Record<OrderFigure, string> = {
  posted: '收到的事',
  category: '这一类的事',
  open: '还在办的事',
  closed: '已办结的事',
  leftGrid: '出了网格的事（上报过社区或街道）',
  leftCommunity: '上报到街道的事',
  breached: '超过时限的事',
  unrated: '办结后没有评价的事',
  rated: '居民评价过的事',
  dissatisfied: '评价 3 星及以下的事',
};

/**
 * The orders behind a figure of a place in some months (the period's, or one of them), optionally of
 * one child place or one category: two index-backed reads side by side (the page and its count), on
 * the place-and-month index every order query of a place uses.
 */
export async function orderRecords(store: Store, place: Place, months: readonly string[], input: RecordsInput & { figure: OrderFigure }): Promise<Result<RecordsOutput>> {
  if (input.figure === 'category' && !input.category) return fail('DASHBOARD.CATEGORY_REQUIRED', 'payload.category');
  const key = `place.path.${place.key}`;
  const filter: Filter = { [key]: place.scopeId, month: { $in: [...months] }, ...FIGURE_FILTERS[input.figure] };
  if (input.category) filter.category = input.category;
  if (input.childId) filter[`place.path.${place.childKey}`] = input.childId;
  const [rows, total] = await Promise.all([
    store.find<OrderDoc>('orders', filter, {
      sort: [
        [key, 1],
        ['month', -1],
      ],
      skip: input.offset,
      limit: input.limit,
    }),
    store.count('orders', filter),
  ]);
  return ok({
    title: input.category && input.figure === 'category' ? `「${input.category}」的事` : FIGURE_TITLES[input.figure],
    kind: 'orders',
    total,
    orders: rows.map((o) => ({
      id: o._id,
      category: o.category,
      // The place's leaders read the words as written; a private category's are never listed.
      summary: orderSummary(o, true),
      state: o.state,
      stateLabel: stateLabelAt(o.state, o.level, o.desk),
      level: o.level,
      maxLevel: o.maxLevel,
      placeLabel: o.place.label,
      postedAt: o.postedAt,
      closedAt: o.closedAt,
      breaches: o.breaches,
      stars: o.rating?.stars ?? null,
    })),
    entries: [],
  });
}
