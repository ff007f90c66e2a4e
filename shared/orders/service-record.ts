import type { Order } from './orders.schema';

/** Hours credited for one order: accept → resolve, at least half an hour, at most four. */
export const ORDER_HOURS_MIN = 0.5;
export const ORDER_HOURS_CAP = 4;
export const POINTS_PER_HOUR = 10;
export const RATING_BONUS: Record<number, number> = { 5: 5, 4: 3 };

export interface ServiceEntry {
  _id: string;
  volunteerId: string;
  source: 'order';
  orderId: string;
  verified: true;
  hours: number;
  points: number;
  stars: number | null;
  at: string;
  month: string;
  version: number;
}

/** 双报到 record entry of a closed order: verified, from the request loop. One per order (its id). */
export function serviceEntryFor(order: Pick<Order, '_id' | 'assigneeId' | 'acceptedAt' | 'resolvedAt' | 'rating'>, closedAt: string, month: string): ServiceEntry | null {
  if (!order.assigneeId || !order.acceptedAt || !order.resolvedAt) return null;
  const raw = (Date.parse(order.resolvedAt) - Date.parse(order.acceptedAt)) / 3600_000;
  const hours = Math.round(Math.min(ORDER_HOURS_CAP, Math.max(ORDER_HOURS_MIN, raw)) * 100) / 100;
  const stars = order.rating?.stars ?? null;
  const points = Math.round((hours * POINTS_PER_HOUR + (stars ? (RATING_BONUS[stars] ?? 0) : 0)) * 100) / 100;
  return { _id: `order.${order._id}`, volunteerId: order.assigneeId, source: 'order', orderId: order._id, verified: true, hours, points, stars, at: closedAt, month, version: 1 };
}
