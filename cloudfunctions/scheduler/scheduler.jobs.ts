import type { Invite } from '../../shared/accounts/accounts.schema';
import { nextInviteStatus } from '../../shared/accounts/invite.machine';
import type { Ports } from '../_core/ports';
import { autoClose, clockEscalations, expireOffers } from '../orders/order-jobs';
import { closeForgottenDuty } from '../stations/duty-jobs';
import type { Doc } from '../_core/ports/store';

/**
 * One scheduler tick at instant `at`: every job finds what is due by then and moves it with a
 * version-guarded write, so running the same tick twice changes nothing the second time.
 */
export type Job = (ports: Ports, at: string) => Promise<number>;

/** Invites past their expiry are marked expired (redeem already refuses them by their time). */
export const expireInvites: Job = async (ports, at) => {
  let moved = 0;
  const due = await ports.store.find<Invite & Doc>('invites', { status: 'active', expiresAt: { $lte: at } }, { sort: [['status', 1], ['expiresAt', 1]], limit: 1000 });
  for (const invite of due) {
    if (nextInviteStatus(invite.status, 'expire') !== 'expired') continue;
    const done = await ports.store.transact([
      { op: 'update', collection: 'invites', id: invite._id, version: invite.version, patch: { $set: { status: 'expired', expiredAt: at } } },
      {
        op: 'insert',
        collection: 'audit',
        doc: { _id: ports.ids.id('aud'), at, requestId: `tick:${at}`, function: 'scheduler', action: 'tick', actorId: null, subjectId: invite._id, outcome: 'ok', detail: { event: 'expire' } },
      },
    ]);
    if (done.ok) moved++;
  }
  return moved;
};

export const JOBS: Record<string, Job> = { expireOffers, clockEscalations, autoClose, closeForgottenDuty, expireInvites };

/**
 * Runs every job until a pass moves nothing: a tick far in the future (a demo jumping a week) takes
 * an order through every clock it missed, so a second tick at the same instant finds nothing to do.
 */
export async function runTick(ports: Ports, at: string, maxPasses = 10): Promise<{ at: string; jobs: Record<string, number> }> {
  const jobs: Record<string, number> = Object.fromEntries(Object.keys(JOBS).map((name) => [name, 0]));
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = 0;
    for (const [name, job] of Object.entries(JOBS)) {
      const n = await job(ports, at);
      jobs[name]! += n;
      moved += n;
    }
    if (moved === 0) break;
  }
  return { at, jobs };
}
