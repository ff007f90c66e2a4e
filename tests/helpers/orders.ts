import type { TestGateway } from './local-gateway';

let keys = 0;
/** A client key as the post form makes one. */
export const clientKey = () => `test-key-${process.pid}-${++keys}-${Math.random().toString(36).slice(2, 8)}`;

/** Monday 23 Nov 2026, 10:00 in Beijing: volunteers are within their hours. */
export const MORNING = '2026-11-23T02:00:00.000Z';

export const later = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

export async function post(gw: TestGateway, persona: string, payload: Record<string, unknown> = {}) {
  const res = await gw.call(persona, 'orders', 'post', { category: '水电维修', description: '厨房水龙头一直滴水，关不紧', clientKey: clientKey(), ...payload });
  if (!res.body.ok) throw new Error(`post failed: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data.order;
}

export async function act(gw: TestGateway, persona: string, action: string, payload: Record<string, unknown>) {
  const res = await gw.call(persona, 'orders', action, payload);
  if (!res.body.ok) throw new Error(`${action} by ${persona} failed: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data.order;
}

/** The openid of a user id. */
export async function openidOf(gw: TestGateway, userId: string): Promise<string> {
  const user = await gw.store.get<{ _id: string; openid: string }>('users', userId);
  if (!user) throw new Error(`no user ${userId}`);
  return user.openid;
}

/** The openid of the volunteer an order is offered to. */
export async function offereeOf(gw: TestGateway, orderId: string): Promise<string> {
  const order = await gw.store.get<{ _id: string; offer: { volunteerId: string } | null }>('orders', orderId);
  if (!order?.offer) throw new Error(`order ${orderId} has no offer`);
  return openidOf(gw, order.offer.volunteerId);
}
