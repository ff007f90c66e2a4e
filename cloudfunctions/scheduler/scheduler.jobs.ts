import type { Invite } from '../../shared/accounts/accounts.schema';
import { nextInviteStatus } from '../../shared/accounts/invite.machine';
import type { Ports } from '../_core/ports';
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

export const JOBS: Record<string, Job> = { expireInvites };

export async function runTick(ports: Ports, at: string): Promise<{ at: string; jobs: Record<string, number> }> {
  const jobs: Record<string, number> = {};
  for (const [name, job] of Object.entries(JOBS)) jobs[name] = await job(ports, at);
  return { at, jobs };
}
