import type { Order, OrderEventDoc, VolunteerDoc } from '../../shared/orders/orders.schema';
import { nextOrderState, type OrderEvent } from '../../shared/orders/order.machine';
import type { Notification, Ports } from '../_core/ports';
import type { Doc, Patch, Store, TxOp } from '../_core/ports/store';

export type OrderDoc = Order & Doc;
export type VolunteerRecord = VolunteerDoc & Doc;

export const OFFER_MINUTES = 30;
export const MAX_FAILED_OFFERS = 3;
export const AUTO_CLOSE_DAYS = 7;

export async function loadOrder(store: Store, id: string): Promise<OrderDoc | null> {
  return store.get<OrderDoc>('orders', id);
}

/** Who did it, as the timeline shows it. null id: the platform itself. */
export interface Actor {
  id: string | null;
  role: string;
  name: string;
}

export const PLATFORM: Actor = { id: null, role: '平台', name: '' };

export interface TimelineNote {
  kind: string;
  text: string;
  leadersOnly?: boolean;
}

export function timelineOp(ports: Pick<Ports, 'ids'>, orderId: string, at: string, actor: Actor, note: TimelineNote): TxOp {
  const doc: OrderEventDoc & Doc = {
    _id: ports.ids.id('oev'),
    orderId,
    at,
    actorId: actor.id,
    actorLabel: actor.name ? `${actor.role} ${actor.name}` : actor.role,
    kind: note.kind,
    text: note.text,
    leadersOnly: note.leadersOnly ?? false,
  };
  return { op: 'insert', collection: 'order_events', doc };
}

/**
 * The one way an order changes: the lifecycle table must allow the event in the order's state, and
 * the write is guarded by the version that was read. Returns null when the table forbids it.
 */
export function moveOrder(order: OrderDoc, event: OrderEvent, set: Partial<Order> = {}, more: Omit<Patch, '$set'> = {}): TxOp | null {
  const next = nextOrderState(order.state, event);
  if (next === null) return null;
  return { op: 'update', collection: 'orders', id: order._id, version: order.version, patch: { ...more, $set: { ...set, state: next } } };
}

/** A volunteer's dispatch profile changes with their orders; guarded by its own version. */
export function volunteerOp(v: VolunteerRecord, patch: Patch): TxOp {
  return { op: 'update', collection: 'volunteers', id: v._id, version: v.version, patch };
}

/**
 * A notification about an order, none when there is nobody to tell. It is written as an outbox row
 * with the change it tells of (`ctx.transact(…, notify)`, `transactWithOutbox`) and delivered after.
 */
export function notice(userId: string | null, n: Omit<Notification, 'recipientId'>): Notification[] {
  return userId ? [{ recipientId: userId, ...n }] : [];
}

/** Page a notification opens for an order. */
export const orderPage = (orderId: string) => `/packages/orders/detail/index?id=${orderId}`;
