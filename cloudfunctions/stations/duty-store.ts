import { beijingMonth } from '../../shared/orders/service-record';
import type { Doc, TxOp } from '../_core/ports/store';

/** One turn of duty at a station, from check-in to check-out. */
export interface DutyDoc extends Doc {
  stationId: string;
  communityId: string;
  userId: string;
  checkInAt: string;
  checkOutAt: string | null;
  /** When the scheduler closes a forgotten check-out: the station's closing time that day. */
  closesAt: string;
  status: 'open' | 'closed' | 'autoClosed';
  planned: boolean;
  late: boolean;
  minutes: number;
  month: string;
  version: number;
}

/** The hours of a finished duty, as a verified entry of the service record (one per duty: its id). */
export function dutyServiceOp(d: DutyDoc, closedAt: string, communityId: string): TxOp {
  const hours = Math.round((d.minutes / 60) * 100) / 100;
  return {
    op: 'insert',
    collection: 'service_records',
    doc: { _id: `duty.${d._id}`, volunteerId: d.userId, source: 'duty', dutyId: d._id, stationId: d.stationId, communityId, verified: true, hours, points: Math.round(hours * 10 * 100) / 100, at: closedAt, month: beijingMonth(closedAt), version: 1 },
  };
}
