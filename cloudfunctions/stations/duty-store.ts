import { beijingMonth } from '../../shared/kernel/time';
import { POINTS_PER_HOUR } from '../../shared/service/record';
import type { AutoCloseReason, DutyConfirmation } from '../../shared/stations/duty';
import type { Doc, TxOp } from '../_core/ports/store';

/** One turn of duty at a station, from check-in to check-out. */
export interface DutyDoc extends Doc {
  stationId: string;
  communityId: string;
  userId: string;
  checkInAt: string;
  checkOutAt: string | null;
  /** When the scheduler closes a forgotten check-out (`autoClosePlan`). */
  closesAt: string;
  /** Why it would close then: closing time, a closed day, after hours. Missing on older duties. */
  closeReason?: AutoCloseReason;
  /** The roster slot this duty belongs to, as instants on its day; missing when unplanned. */
  shiftStartAt?: string | null;
  shiftEndAt?: string | null;
  status: 'open' | 'closed' | 'autoClosed';
  planned: boolean;
  late: boolean;
  /** From check-in to check-out (for an automatic close, up to the close). */
  minutes: number;
  /** What the service record credits (`dutyCredit`); older duties credited `minutes`. */
  creditedMinutes?: number;
  /** An unplanned duty closed by the scheduler waits for a leader: awaiting → confirmed. */
  confirmation?: DutyConfirmation;
  confirmedBy?: string;
  confirmedAt?: string;
  confirmNote?: string;
  month: string;
  version: number;
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * The service-record entry of a finished duty (one per duty: its id). Verified hours when the rule
 * credits them now; an entry of 0 unverified hours when the duty waits for a leader's confirmation.
 */
export function dutyServiceOp(d: DutyDoc, closedAt: string, communityId: string, credit: { creditedMinutes: number; verified: boolean }): TxOp {
  const hours = credit.verified ? hoursOf(credit.creditedMinutes) : 0;
  return {
    op: 'insert',
    collection: 'service_records',
    doc: {
      _id: `duty.${d._id}`,
      volunteerId: d.userId,
      source: 'duty',
      dutyId: d._id,
      stationId: d.stationId,
      communityId,
      verified: credit.verified,
      hours,
      points: Math.round(hours * POINTS_PER_HOUR * 100) / 100,
      closedBy: d.status === 'autoClosed' ? 'auto' : 'checkOut',
      at: closedAt,
      month: beijingMonth(closedAt),
      version: 1,
    },
  };
}

/** A leader's confirmation of an unplanned duty's hours, on its service-record entry. */
export function confirmedServicePatch(minutes: number) {
  const hours = hoursOf(minutes);
  return { verified: true, hours, points: Math.round(hours * POINTS_PER_HOUR * 100) / 100 };
}
