import { orderEntry, type OrderEntry } from '../service/entry';
import type { Order } from './orders.schema';

/** 双报到 record entry of a closed order: verified, from the request loop. One per order (its id). */
export function serviceEntryFor(order: Pick<Order, '_id' | 'assigneeId' | 'acceptedAt' | 'resolvedAt' | 'rating'>, closedAt: string, month: string): OrderEntry | null {
  return orderEntry(order, closedAt, month);
}
