import { dutyCredit } from '../../shared/stations/duty';
import type { Ports } from '../_core/ports';
import { dutyServiceOp, type DutyDoc } from './duty-store';

const PAGE = 500;

/**
 * A check-out forgotten is closed at the duty's `closesAt` and marked so (autoClosed, 自动签退).
 * What it credits is the duty rule's (`dutyCredit`): a planned shift no more than the shift, an
 * unplanned duty nothing verified until a leader confirms it. Guarded by version, and it pages
 * through everything due, so one tick at any instant leaves nothing due however far the clock jumped.
 */
export async function closeForgottenDuty(ports: Ports, at: string): Promise<number> {
  let moved = 0;
  const skipped = new Set<string>();
  for (;;) {
    const page = await ports.store.find<DutyDoc>('duty', { status: 'open', closesAt: { $lte: at } }, { sort: [['status', 1], ['closesAt', 1]], limit: PAGE + skipped.size });
    const due = page.filter((d) => !skipped.has(d._id));
    if (due.length === 0) return moved;
    for (const d of due) {
      const shift = d.shiftStartAt && d.shiftEndAt ? { startAt: d.shiftStartAt, endAt: d.shiftEndAt } : null;
      const credit = dutyCredit({ checkInAt: d.checkInAt, checkOutAt: d.closesAt, shift, closedBy: 'auto' });
      const closed: DutyDoc = { ...d, status: 'autoClosed', checkOutAt: d.closesAt, minutes: credit.minutes };
      const set = { status: 'autoClosed', checkOutAt: d.closesAt, minutes: credit.minutes, creditedMinutes: credit.creditedMinutes, confirmation: credit.needsConfirmation ? 'awaiting' : 'none' };
      const res = await ports.store.transact([
        { op: 'update', collection: 'duty', id: d._id, version: d.version, patch: { $set: set } },
        dutyServiceOp(closed, d.closesAt, d.communityId, credit),
        {
          op: 'insert',
          collection: 'audit',
          doc: { _id: ports.ids.id('aud'), at, requestId: `tick:${at}`, function: 'scheduler', action: 'tick', actorId: null, subjectId: d._id, outcome: 'ok', detail: { event: 'duty.autoClose', minutes: credit.minutes, creditedMinutes: credit.creditedMinutes, needsConfirmation: credit.needsConfirmation } },
        },
      ]);
      // A duty someone checked out of meanwhile is no longer open; one that failed otherwise stays
      // open and is stepped over in this tick, so the loop ends.
      if (res.ok) moved++;
      else skipped.add(d._id);
    }
  }
}
