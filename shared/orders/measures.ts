import { durationBucket } from '../kernel/rollup';
import type { Measure, Order } from './orders.schema';

type MeasuredOrder = Pick<Order, 'state' | 'maxLevel' | 'closedAs' | 'rating' | 'postedAt' | 'firstOfferedAt' | 'acceptedAt' | 'resolvedAt' | 'breaches'>;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
/** Minutes between two instants, in the rollups' duration buckets (whole minutes below an hour; see `durationBucket`). */
const minutes = (from: string | null, to: string | null) => (from && to ? durationBucket((Date.parse(to) - Date.parse(from)) / 60_000) : null);

/**
 * The measures of a set of orders, from their records alone:
 * 出格率 (closed orders that left the grid), 出社区率 (that reached the street), 办结率 (closed of
 * posted, cancelled left out), 满意度 (≥ 4★ among rated; 未评价 never counts as satisfied),
 * median minutes from posting to acceptance and from acceptance to resolution (in the rollups'
 * duration buckets, so a rollup gives the same figure), clock breaches.
 */
export function computeMeasures(orders: readonly MeasuredOrder[]): Measure {
  const live = orders.filter((o) => o.state !== 'cancelled');
  const closed = live.filter((o) => o.state === 'closed');
  const rated = closed.filter((o) => o.rating !== null);
  const leftGrid = closed.filter((o) => o.maxLevel !== 'grid').length;
  const accept = live.map((o) => minutes(o.postedAt, o.acceptedAt)).filter((m): m is number => m !== null);
  const resolve = live.map((o) => minutes(o.acceptedAt, o.resolvedAt)).filter((m): m is number => m !== null);
  const round = (m: number | null) => (m === null ? null : Math.round(m * 10) / 10);
  return {
    posted: live.length,
    closed: closed.length,
    leftGridRate: ratio(leftGrid, closed.length),
    insideGridRate: ratio(closed.length - leftGrid, closed.length),
    leftCommunityRate: ratio(closed.filter((o) => o.maxLevel === 'street').length, closed.length),
    closureRate: ratio(closed.length, live.length),
    satisfaction: ratio(rated.filter((o) => (o.rating?.stars ?? 0) >= 4).length, rated.length),
    rated: rated.length,
    unrated: closed.filter((o) => o.closedAs === 'unrated').length,
    medianAcceptMinutes: round(median(accept)),
    medianResolveMinutes: round(median(resolve)),
    clockBreaches: live.reduce((n, o) => n + o.breaches, 0),
  };
}
