import { minutesBetween } from '../../shared/stations/duty';
import type { Ports } from '../_core/ports';
import { dutyServiceOp, type DutyDoc } from './duty-store';

/**
 * A check-out forgotten is closed at the station's closing time and marked so (autoClosed); the
 * hours up to closing still count. Guarded by version, so a second tick changes nothing.
 */
export async function closeForgottenDuty(ports: Ports, at: string): Promise<number> {
  const due = await ports.store.find<DutyDoc>('duty', { status: 'open', closesAt: { $lte: at } }, { sort: [['status', 1], ['closesAt', 1]], limit: 1000 });
  let moved = 0;
  for (const d of due) {
    const minutes = minutesBetween(d.checkInAt, d.closesAt);
    const closed: DutyDoc = { ...d, status: 'autoClosed', checkOutAt: d.closesAt, minutes };
    const res = await ports.store.transact([
      { op: 'update', collection: 'duty', id: d._id, version: d.version, patch: { $set: { status: 'autoClosed', checkOutAt: d.closesAt, minutes } } },
      dutyServiceOp(closed, d.closesAt, d.communityId),
      {
        op: 'insert',
        collection: 'audit',
        doc: { _id: ports.ids.id('aud'), at, requestId: `tick:${at}`, function: 'scheduler', action: 'tick', actorId: null, subjectId: d._id, outcome: 'ok', detail: { event: 'duty.autoClose', minutes } },
      },
    ]);
    if (res.ok) moved++;
  }
  return moved;
}
