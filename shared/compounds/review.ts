import { CATEGORIES, type Category } from '../orders/categories';
import { heldByDesk } from '../orders/desk';
import type { Order } from '../orders/orders.schema';
import type { CategoryReview, ReviewHeadline, ReviewMeasures, ReviewRefusal } from './compounds.api.schema';

/**
 * 评议监督: how a compound's desk (物业服务中心, 单位后勤, 小区党支部) served its residents in a month,
 * as the owners' committee and the community read it before their monthly review of the property
 * company. Pure: the caller reads the orders posted in the month and the desk's staff.
 *
 * - sent (派给物业): the responsibility list sent the order to this compound's desk;
 * - taken (物业接单): the desk still holds it and one of its staff took it (a desk order that climbed to
 *   the leaders and went to a volunteer is not the desk's work);
 * - resolved (物业办结): taken, and resolved;
 * - on time (按时办结): resolved at or before the desk's due time (no due time: on time);
 * - 满意度: the residents' stars on the desk's resolved orders, the average and the share of 4–5★;
 * - refusals (物业退回): every "not ours", with the desk's own words, newest first;
 * - open (办理中): the desk still holds it and it is neither resolved, closed nor withdrawn.
 */

/** What the measures read of an order. */
export type ReviewOrder = Pick<Order, 'category' | 'state' | 'desk' | 'refusals' | 'assigneeId' | 'acceptedAt' | 'resolvedAt' | 'rating'> & {
  place: { path: Pick<Order['place']['path'], 'compoundId'> };
};

const DONE: readonly Order['state'][] = ['resolved', 'closed', 'cancelled'];

/** The ratio, or null when there is nothing to divide by. */
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

interface Tally {
  orders: number;
  sent: number;
  taken: number;
  resolved: number;
  onTime: number;
  refused: number;
  open: number;
}
const emptyTally = (): Tally => ({ orders: 0, sent: 0, taken: 0, resolved: 0, onTime: 0, refused: 0, open: 0 });

/**
 * The review of one compound's orders of a month. Orders of other compounds are left out, so the
 * caller may pass everything its query found in the compound's grid. `deskStaff`: the user ids of the
 * desk's staff (物业客服 held at the compound).
 */
export function reviewMeasures(orders: readonly ReviewOrder[], compoundId: string, deskStaff: readonly string[]): ReviewMeasures {
  const staff = new Set(deskStaff);
  const total = emptyTally();
  const byCategory = new Map<Category, Tally>();
  const stars: number[] = [];
  const refusals: ReviewRefusal[] = [];

  for (const o of orders) {
    if (o.place.path.compoundId !== compoundId) continue;
    const sent = o.desk?.compoundId === compoundId;
    const held = sent && heldByDesk(o);
    const taken = held && o.acceptedAt !== null && o.assigneeId !== null && staff.has(o.assigneeId);
    const resolved = taken && o.resolvedAt !== null;
    const dueAt = o.desk?.dueAt ?? null;
    const onTime = resolved && (dueAt === null || Date.parse(o.resolvedAt!) <= Date.parse(dueAt));
    const refused = (o.refusals?.length ?? 0) > 0;
    const open = held && !DONE.includes(o.state);

    const row = byCategory.get(o.category) ?? emptyTally();
    byCategory.set(o.category, row);
    for (const t of [total, row]) {
      t.orders += 1;
      t.sent += Number(sent);
      t.taken += Number(taken);
      t.resolved += Number(resolved);
      t.onTime += Number(onTime);
      t.refused += Number(refused);
      t.open += Number(open);
    }
    if (resolved && o.rating) stars.push(o.rating.stars);
    for (const r of o.refusals ?? []) refusals.push({ at: r.at, category: o.category, deskName: r.name, reason: r.reason });
  }

  refusals.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const sum = stars.reduce((s, n) => s + n, 0);
  return {
    orders: total.orders,
    sent: total.sent,
    taken: total.taken,
    resolved: total.resolved,
    onTime: total.onTime,
    onTimeRate: ratio(total.onTime, total.resolved),
    rated: stars.length,
    averageStars: stars.length ? Math.round((sum / stars.length) * 10) / 10 : null,
    satisfiedRate: ratio(stars.filter((s) => s >= 4).length, stars.length),
    refused: refusals.length,
    refusedOrders: total.refused,
    refusals,
    open: total.open,
    byCategory: CATEGORIES.filter((c) => byCategory.has(c)).map((category): CategoryReview => ({ category, ...byCategory.get(category)! })),
  };
}

/** The headline numbers of a month, for the six-month chart. */
export function reviewHeadline(month: string, m: ReviewMeasures): ReviewHeadline {
  return {
    month,
    orders: m.orders,
    sent: m.sent,
    resolved: m.resolved,
    onTimeRate: m.onTimeRate,
    averageStars: m.averageStars,
    satisfiedRate: m.satisfiedRate,
    refused: m.refused,
    open: m.open,
  };
}
