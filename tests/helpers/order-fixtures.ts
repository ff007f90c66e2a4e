import { newOrder } from '../../shared/orders/order.factory';
import type { Order } from '../../shared/orders/orders.schema';

/** The place of the fixture order: street S › community C › grid G › micro-grid M › building B. */
export const FIXTURE_PATH = { streetId: 'S', communityId: 'C', gridId: 'G', microGridId: 'M', buildingId: 'B' };

/** A new errand order of resident R at building B, posted at `now` (no photo needed to resolve it). */
export function fixtureOrder(now: string): Order {
  return newOrder({
    posterId: 'R',
    postedBy: 'R',
    clientKey: 'k-0000001',
    category: '代买代办',
    description: '帮忙买药',
    photos: [],
    urgency: 'normal',
    preferredTime: null,
    building: { _id: 'B', path: FIXTURE_PATH },
    placeLabel: 'C › G › 1栋',
    room: '101',
    point: null,
    contact: { name: '王阿姨', phone: '13800001111' },
    onBehalf: false,
    now,
  });
}
