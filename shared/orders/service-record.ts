import { orderEntry, type OrderEntry } from '../service/entry';
import type { Order } from './orders.schema';

/**
 * 双报到 record entry of a closed order: verified, from the request loop, at the order's place and
 * for the assignee's in-service work unit (null when they serve outside one). One per order (its id).
 */
export function serviceEntryFor(
  order: Pick<Order, '_id' | 'assigneeId' | 'acceptedAt' | 'resolvedAt' | 'rating'> & { place?: Pick<Order['place'], 'path'> },
  closedAt: string,
  month: string,
  workUnit: string | null = null,
): OrderEntry | null {
  return orderEntry(order, closedAt, month, workUnit);
}
