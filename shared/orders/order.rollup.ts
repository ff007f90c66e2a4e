import { durationBucket, histogramMedian, registerRollupRule, type Contribution } from '../kernel/rollup';
import { CATEGORIES, CATEGORY_SLUGS, type Category } from './categories';
import type { Measure, Order } from './orders.schema';

/**
 * What one order adds to the orders rollups (`rollups`, kind `orders`): one document per place —
 * its street, its community (or settlement) and its grid — and per Beijing month of posting. The
 * counts are those `computeMeasures` reads from the records, so a rollup answers every measure of
 * its place and month; a period is the sum of its months, a place's children are the documents
 * whose `parentId` is the place.
 *
 * Counts: `posted` (not cancelled), `cancelled`, `closed`, `open`, `leftGrid`, `leftCommunity`,
 * `rated`, `satisfied` (≥ 4★), `unrated` (closed unrated), `breaches`, `cat_<slug>` (posted per
 * category), `catClosed_<slug>`, and the histograms `acc_<minutes>` (posting → acceptance) and
 * `res_<minutes>` (acceptance → resolution), in `durationBucket`s.
 */
export type RolledOrder = Pick<Order, 'state' | 'maxLevel' | 'closedAs' | 'rating' | 'postedAt' | 'acceptedAt' | 'resolvedAt' | 'breaches' | 'category' | 'month' | 'place'>;

export const ORDER_ROLLUP_KIND = 'orders';
export const SATISFIED_STARS = 4;

export const orderRollupId = (nodeId: string, month: string) => `${ORDER_ROLLUP_KIND}:${nodeId}:${month}`;

const minutesBetween = (from: string | null, to: string | null) => (from && to ? (Date.parse(to) - Date.parse(from)) / 60_000 : null);

/** The counts one order adds to each of its places' rollups. */
export function orderCounts(o: RolledOrder): Record<string, number> {
  if (o.state === 'cancelled') return { cancelled: 1 };
  const closed = o.state === 'closed';
  const slug = CATEGORY_SLUGS[o.category];
  const c: Record<string, number> = { posted: 1, [`cat_${slug}`]: 1 };
  if (closed) {
    c.closed = 1;
    c[`catClosed_${slug}`] = 1;
    if (o.maxLevel !== 'grid') c.leftGrid = 1;
    if (o.maxLevel === 'street') c.leftCommunity = 1;
    if (o.rating) {
      c.rated = 1;
      if (o.rating.stars >= SATISFIED_STARS) c.satisfied = 1;
    }
    if (o.closedAs === 'unrated') c.unrated = 1;
  } else c.open = 1;
  if (o.breaches) c.breaches = o.breaches;
  const accept = minutesBetween(o.postedAt, o.acceptedAt);
  if (accept !== null) c[`acc_${durationBucket(accept)}`] = 1;
  const resolve = minutesBetween(o.acceptedAt, o.resolvedAt);
  if (resolve !== null) c[`res_${durationBucket(resolve)}`] = 1;
  return c;
}

/** The rollup documents an order counts in: its street, community and grid, in its month. */
export function orderContributions(o: RolledOrder): Contribution[] {
  const { streetId, communityId, gridId } = o.place.path;
  const counts = orderCounts(o);
  const at = (level: 'street' | 'community' | 'grid', nodeId: string | undefined, parentId: string | null): Contribution[] =>
    nodeId ? [{ id: orderRollupId(nodeId, o.month), init: { kind: ORDER_ROLLUP_KIND, level, nodeId, parentId, month: o.month }, counts }] : [];
  return [...at('street', streetId, null), ...at('community', communityId, streetId), ...at('grid', gridId, communityId ?? null)];
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
const oneDecimal = (m: number | null) => (m === null ? null : Math.round(m * 10) / 10);

/** The measures of summed order counts: the same figures `computeMeasures` gives for the records. */
export function measuresOfCounts(t: Record<string, number>): Measure {
  const n = (k: string) => t[k] ?? 0;
  const closed = n('closed');
  return {
    posted: n('posted'),
    closed,
    leftGridRate: ratio(n('leftGrid'), closed),
    insideGridRate: ratio(closed - n('leftGrid'), closed),
    leftCommunityRate: ratio(n('leftCommunity'), closed),
    closureRate: ratio(closed, n('posted')),
    satisfaction: ratio(n('satisfied'), n('rated')),
    rated: n('rated'),
    unrated: n('unrated'),
    medianAcceptMinutes: oneDecimal(histogramMedian(t, 'acc_')),
    medianResolveMinutes: oneDecimal(histogramMedian(t, 'res_')),
    clockBreaches: n('breaches'),
  };
}

/** Posted orders per category, in the categories' order. */
export function categoriesOfCounts(t: Record<string, number>): { category: Category; posted: number; closed: number }[] {
  return CATEGORIES.map((category) => ({ category, posted: t[`cat_${CATEGORY_SLUGS[category]}`] ?? 0, closed: t[`catClosed_${CATEGORY_SLUGS[category]}`] ?? 0 }));
}

registerRollupRule('orders', orderContributions);
