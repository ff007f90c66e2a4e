import { dutySubject } from '../../shared/stations/duty.lifecycle';
import { ok } from '../../shared/api/envelope';
import { move, PLATFORM_ACTOR } from '../_core/mover';
import { systemWriter } from '../_core/outbox';
import type { Ports } from '../_core/ports';
import { DUTIES, type DutyDoc } from './duty-store';

const PAGE = 500;

/**
 * A check-out forgotten is closed at the duty's `closesAt` and marked so (autoClosed, 自动签退).
 * What it credits is the lifecycle's `autoClose` (the duty rule): a planned shift no more than the
 * shift, an unplanned duty nothing verified until a leader confirms it. Guarded by version, and it
 * pages through everything due, so one tick at any instant leaves nothing due however far the clock jumped.
 */
export async function closeForgottenDuty(ports: Ports, at: string): Promise<number> {
  const writer = systemWriter(ports, at);
  let moved = 0;
  const skipped = new Set<string>();
  for (;;) {
    const page = await ports.store.find<DutyDoc>(
      'duty',
      { status: 'open', closesAt: { $lte: at } },
      {
        sort: [
          ['status', 1],
          ['closesAt', 1],
        ],
        limit: PAGE + skipped.size,
      },
    );
    const due = page.filter((d) => !skipped.has(d._id));
    if (due.length === 0) return moved;
    for (const d of due) {
      const res = await move(writer, DUTIES, dutySubject(d), PLATFORM_ACTOR, () => ok({ events: [{ type: 'autoClose' as const }], x: {} }));
      // A duty someone checked out of meanwhile is no longer open; one that failed otherwise stays
      // open and is stepped over in this tick, so the loop ends.
      if (res.ok) moved++;
      else skipped.add(d._id);
    }
  }
}
