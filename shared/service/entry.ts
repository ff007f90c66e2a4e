// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './service.errors';
import { fail, ok, type Result } from '../api/envelope';
import { beijingMonth } from '../kernel/time';
import type { Order } from '../orders/orders.schema';
import { checkApproval, hoursOf, pointsFor, summarize, type ManualStatus } from './record';
// Every writer of entries builds them here: importing the rule registers it in the writer's bundle.
import { unitKeyOf } from './service.rollup';

export { unitKeyOf };

/**
 * One entry of a volunteer's 双报到 service record (`service_records`), whatever it comes from, and
 * its three builders: a closed order, a finished duty, hours entered by hand. The sources share
 * every field a record sums (hours, points, verified, month); each adds what names its origin.
 */
type EntryBase = {
  _id: string;
  volunteerId: string;
  /** Orders and duty are verified when written (a duty awaiting a leader is not); hand entries once approved. */
  verified: boolean;
  hours: number;
  points: number;
  at: string;
  month: string;
  version: number;
  /**
   * Where the service was given, as it stood when the entry was written: the rollups and the
   * dashboard's records count it there (older entries name no street or grid; older order entries
   * no place at all).
   */
  streetId?: string;
  communityId?: string;
  gridId?: string;
  /** 双报到: the volunteer's work unit when they served as an in-service party member, else null. */
  workUnit?: string | null;
  /** The work unit's key (`unitKeyOf`), beside it so its entries are found by key. */
  unitKey?: string | null;
};

/** The place of an entry, as the territory path names it. */
export type EntryPlace = { streetId?: string; communityId?: string; gridId?: string };

/** The work unit a volunteer's hours count for under 双报到: an in-service party member's, else none. */
export const serviceUnitOf = (volunteer: { inService?: boolean; workUnit?: string } | null | undefined): string | null =>
  volunteer?.inService && volunteer.workUnit ? volunteer.workUnit : null;

/** The place and unit fields an entry records when it is written (only those known). */
function placeFields(place: EntryPlace, workUnit: string | null): Pick<EntryBase, 'streetId' | 'communityId' | 'gridId' | 'workUnit' | 'unitKey'> {
  return {
    ...(place.streetId ? { streetId: place.streetId } : {}),
    ...(place.communityId ? { communityId: place.communityId } : {}),
    ...(place.gridId ? { gridId: place.gridId } : {}),
    workUnit,
    unitKey: workUnit ? unitKeyOf(workUnit) : null,
  };
}

/** Type aliases, not interfaces: an entry is written as a stored document as it is. */
export type OrderEntry = EntryBase & { source: 'order'; orderId: string; verified: true; stars: number | null };
export type DutyEntry = EntryBase & {
  source: 'duty';
  dutyId: string;
  stationId: string;
  communityId: string;
  /** Closed by the person or by the scheduler (missing on older entries). */
  closedBy?: 'checkOut' | 'auto';
  confirmedAt?: string;
  confirmNote?: string;
};
export type ManualEntry = EntryBase & {
  source: 'manual';
  status: ManualStatus;
  communityId: string;
  description: string;
  date: string;
  reviewNote?: string;
  /** Approved in part: what was entered (`hours` then holds what was approved). */
  requestedHours?: number;
  reviewedAt?: string;
};
export type ServiceEntry = OrderEntry | DutyEntry | ManualEntry;

/** Hours credited for one order: accept → resolve, at least half an hour, at most four. */
export const ORDER_HOURS_MIN = 0.5;
export const ORDER_HOURS_CAP = 4;
/** Points a rating adds to an order's entry. */
export const RATING_BONUS: Record<number, number> = { 5: 5, 4: 3 };

/**
 * A closed order with a volunteer: verified, from the request loop. One per order (its id), at the
 * order's place, for the assignee's work unit (`workUnit`, when they serve in service).
 */
export function orderEntry(
  order: Pick<Order, '_id' | 'assigneeId' | 'acceptedAt' | 'resolvedAt' | 'rating'> & { place?: Pick<Order['place'], 'path'> },
  closedAt: string,
  month = beijingMonth(closedAt),
  workUnit: string | null = null,
): OrderEntry | null {
  if (!order.assigneeId || !order.acceptedAt || !order.resolvedAt) return null;
  const raw = (Date.parse(order.resolvedAt) - Date.parse(order.acceptedAt)) / 3600_000;
  const hours = Math.round(Math.min(ORDER_HOURS_CAP, Math.max(ORDER_HOURS_MIN, raw)) * 100) / 100;
  const stars = order.rating?.stars ?? null;
  const points = pointsFor(hours, stars ? (RATING_BONUS[stars] ?? 0) : 0);
  return {
    _id: `order.${order._id}`,
    volunteerId: order.assigneeId,
    source: 'order',
    orderId: order._id,
    verified: true,
    hours,
    points,
    stars,
    at: closedAt,
    month,
    ...placeFields(order.place?.path ?? {}, workUnit),
    version: 1,
  };
}

/**
 * A finished duty (one per duty: its id), at the duty's station, for the work unit the duty recorded
 * at check-in. Verified hours when the duty rule credits them now; 0 unverified hours while the duty
 * waits for a leader's confirmation (`confirmedDutyEntry`).
 */
export function dutyEntry(
  duty: { _id: string; userId: string; stationId: string; communityId: string; streetId?: string; gridId?: string; workUnit?: string | null },
  closedBy: 'checkOut' | 'auto',
  closedAt: string,
  credit: { creditedMinutes: number; verified: boolean },
): DutyEntry {
  const hours = credit.verified ? hoursOf(credit.creditedMinutes) : 0;
  return {
    _id: `duty.${duty._id}`,
    volunteerId: duty.userId,
    source: 'duty',
    dutyId: duty._id,
    stationId: duty.stationId,
    ...placeFields(duty, duty.workUnit ?? null),
    communityId: duty.communityId,
    verified: credit.verified,
    hours,
    points: pointsFor(hours),
    closedBy,
    at: closedAt,
    month: beijingMonth(closedAt),
    version: 1,
  };
}

/** A leader's confirmation of an unplanned duty's minutes, as the change of its entry. */
export function confirmedDutyEntry(minutes: number, at: string, note: string): Pick<DutyEntry, 'verified' | 'hours' | 'points' | 'confirmedAt' | 'confirmNote'> {
  const hours = hoursOf(minutes);
  return { verified: true, hours, points: pointsFor(hours), confirmedAt: at, confirmNote: note };
}

/**
 * Hours entered by hand: pending until the community approves them, in the month of their date; at
 * the volunteer's place (`communityId` reviews them), for their work unit when in service.
 */
export function manualEntry(
  id: string,
  volunteerId: string,
  place: EntryPlace & { communityId: string },
  input: { date: string; hours: number; description: string },
  at: string,
  workUnit: string | null = null,
): ManualEntry {
  return {
    ...placeFields(place, workUnit),
    _id: id,
    volunteerId,
    source: 'manual',
    hours: input.hours,
    points: pointsFor(input.hours),
    verified: false,
    status: 'pending',
    communityId: place.communityId,
    description: input.description,
    date: input.date,
    at,
    month: input.date.slice(0, 7),
    version: 1,
  };
}

/** A hand entry is reviewed once: only while it is pending. */
export const awaitsReview = (entry: Pick<ManualEntry, 'status'>) => entry.status === 'pending';

/**
 * The review of a hand entry, as the change of its entry: returned, or approved in whole or in part
 * (`hours`, with a reason) within the month's cap. Once only: a reviewed entry is refused.
 */
export function reviewManualEntry(
  entry: Pick<ManualEntry, 'status' | 'hours'>,
  review: { approve: boolean; hours?: number; note: string },
  approvedThisMonth: number,
  at: string,
): Result<Partial<ManualEntry>> {
  if (!awaitsReview(entry)) return fail('SERVICE.ALREADY_REVIEWED', 'payload.entryId');
  if (!review.approve) return ok({ status: 'rejected', verified: false, reviewNote: review.note, reviewedAt: at });
  const check = checkApproval({ requested: entry.hours, ...(review.hours !== undefined ? { hours: review.hours } : {}), approvedThisMonth, note: review.note });
  if (!check.ok) {
    if (check.reason === 'overCap') return fail('SERVICE.MANUAL_CAP', review.hours !== undefined ? 'payload.hours' : 'payload.entryId');
    return check.reason === 'overEntry' ? fail('SERVICE.HOURS_OVER_ENTRY', 'payload.hours') : fail('SERVICE.REASON_REQUIRED', 'payload.note');
  }
  const part = check.partial ? { hours: check.hours, points: pointsFor(check.hours), requestedHours: entry.hours } : {};
  return ok({ status: 'approved', verified: true, reviewNote: review.note, ...part, reviewedAt: at });
}

/** The record's sums (`summarize`): a duty entry not verified yet waits for a leader's confirmation. */
export const summarizeEntries = (entries: readonly ServiceEntry[]) =>
  summarize(entries.map((e) => ({ ...e, ...(e.source === 'duty' && !e.verified ? { confirmation: 'awaiting' as const } : {}) })));
