import type { Compound, ResponsibilityRule } from '../compounds/compounds.schema';
import { PARTY_LABELS } from '../compounds/labels';
import { routeOrder } from '../compounds/responsibility';
import type { DeskOwner, Order } from './orders.schema';

/**
 * 三方共治 in dispatch: the community's responsibility list (责任清单) says who answers first for an
 * order in a residential compound — the compound's desk (物业服务中心, 单位后勤, 小区党支部), the
 * volunteers, or the grid leader. Pure: the caller reads the compound, the list and the desk's staff.
 */

export const DESK_PARTIES = ['property', 'unit', 'branch'] as const;
export type DeskParty = (typeof DESK_PARTIES)[number];
const isDeskParty = (p: string): p is DeskParty => (DESK_PARTIES as readonly string[]).includes(p);

/** The desk holds the order: it was sent there and has not said "not ours". */
export const heldByDesk = (order: Pick<Order, 'desk'>): boolean => Boolean(order.desk && !order.desk.refusedAt);

/** Who the desk is, as residents know it: the property company, the supervising unit, the branch. */
export function deskName(compound: Pick<Compound, 'name' | 'property' | 'unit' | 'branch'>, party: DeskParty): string {
  if (party === 'property') return compound.property?.company ?? `${compound.name}物业服务中心`;
  if (party === 'unit') return compound.unit ? `${compound.unit.name}后勤` : `${compound.name}单位后勤`;
  return compound.branch?.name ?? `${compound.name}党支部`;
}

/** What the list decides for a new order: its desk, the leader first, or the volunteers as before. */
export type FirstOwner = { kind: 'desk'; desk: DeskOwner; why: string; staffIds: readonly string[] } | { kind: 'leader'; why: string } | { kind: 'volunteers'; why: string | null };

/**
 * The first owner of a new order. Outside a compound, or once a desk has said "not ours", the order
 * goes on as before (volunteers, or the leader for what the leader handles first). A desk with
 * nobody to answer for it yet (no 物业客服 account at the compound) is passed over to the volunteers,
 * and the reason says so.
 */
export function firstOwner(
  order: Pick<Order, 'category' | 'refusals'>,
  compound: (Pick<Compound, '_id' | 'name' | 'model' | 'property' | 'unit' | 'branch'> & { kind?: string }) | null,
  rules: readonly ResponsibilityRule[],
  staffIds: readonly string[],
  now: string,
): FirstOwner {
  if (!compound || (order.refusals?.length ?? 0) > 0) return { kind: 'volunteers', why: null };
  const route = routeOrder(rules, order, { id: compound._id, model: compound.model });
  if (route.owner === 'gridLeader') return { kind: 'leader', why: route.why };
  if (route.owner === 'volunteers') return { kind: 'volunteers', why: route.why };
  if (!isDeskParty(route.owner)) return { kind: 'volunteers', why: null };
  if (staffIds.length === 0) return { kind: 'volunteers', why: `${route.why}；该小区尚未开通${PARTY_LABELS[route.owner]}账号，先由党员志愿者处理` };
  const hours = route.hours;
  return {
    kind: 'desk',
    desk: {
      party: route.owner,
      compoundId: compound._id,
      name: deskName(compound, route.owner),
      hours,
      dueAt: hours ? new Date(Date.parse(now) + hours * 3600_000).toISOString() : null,
      refusedAt: null,
    },
    why: route.why,
    staffIds,
  };
}
