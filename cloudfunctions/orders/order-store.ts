import type { Order, OrderEventDoc } from '../../shared/orders/orders.schema';
import { orderLifecycle, type OrderContext, type OrderStep, type VolunteerRecord } from '../../shared/orders/order.lifecycle';
import type { OrderState } from '../../shared/orders/order.machine';
import type { User } from '../../shared/accounts/accounts.schema';
import { serviceUnitOf } from '../../shared/service/entry';
import type { Stored } from '../_core/mover';
import type { Doc, Store } from '../_core/ports/store';

export type OrderDoc = Order & Doc;
export type { VolunteerRecord };
export type OrderEventRecord = OrderEventDoc & Doc;

/** Where orders and their timelines live: the order lifecycle's binding for the mover. */
export const ORDERS: Stored<OrderState, OrderStep, Order, OrderContext> = {
  lifecycle: orderLifecycle,
  collection: 'orders',
  timeline: { collection: 'order_events', subjectKey: 'orderId', idPrefix: 'oev' },
};

export async function loadOrder(store: Store, id: string): Promise<OrderDoc | null> {
  return store.get<OrderDoc>('orders', id);
}

/** An order's timeline, oldest first. */
export async function loadTimeline(store: Store, orderId: string): Promise<OrderEventRecord[]> {
  return store.find<OrderEventRecord>(
    'order_events',
    { orderId },
    {
      sort: [
        ['orderId', 1],
        ['at', 1],
      ],
      limit: 500,
    },
  );
}

/**
 * 双报到: the in-service work unit of the order's assignee, by their id, for the steps that close it
 * (their service-record entry counts for the unit); empty without an assignee.
 */
export async function assigneeUnits(store: Store, order: Pick<Order, 'assigneeId'>): Promise<OrderContext['workUnits']> {
  if (!order.assigneeId) return {};
  const user = await store.get<Pick<User, 'volunteer'> & Doc>('users', order.assigneeId);
  return { [order.assigneeId]: serviceUnitOf(user?.volunteer) };
}

/** A volunteer's dispatch record (its id is the user's). */
export async function loadVolunteer(store: Store, userId: string | null | undefined): Promise<VolunteerRecord | null> {
  return userId ? store.get<VolunteerRecord & Doc>('volunteers', userId) : null;
}
