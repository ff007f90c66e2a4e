import type { Invite } from '../../shared/accounts/accounts.schema';
import { nextInviteStatus } from '../../shared/accounts/invite.machine';
import { retryOutbox } from '../_core/outbox';
import type { Ports } from '../_core/ports';
import { autoClose, clockEscalations, expireOffers } from '../orders/order-jobs';
import { closeForgottenDuty } from '../stations/duty-jobs';
import { followCouncilOrders } from '../councils/topic-jobs';
import { remindMeetings, remindMinutes } from '../councils/meeting-jobs';
import { remindLiuyouTasks } from '../liuyou/task-jobs';
import { scheduledRetentionJobs } from '../privacy/retention-jobs';
import type { Doc } from '../_core/ports/store';

/**
 * One scheduler tick at instant `at`: every job finds what is due by then and moves it with a
 * version-guarded write, so running the same tick twice changes nothing the second time.
 */
export type Job = (ports: Ports, at: string) => Promise<number>;

/** Invites past their expiry are marked expired (redeem already refuses them by their time). */
export const expireInvites: Job = async (ports, at) => {
  let moved = 0;
  const due = await ports.store.find<Invite & Doc>(
    'invites',
    { status: 'active', expiresAt: { $lte: at } },
    {
      sort: [
        ['status', 1],
        ['expiresAt', 1],
      ],
      limit: 1000,
    },
  );
  for (const invite of due) {
    if (nextInviteStatus(invite.status, 'expire') !== 'expired') continue;
    const done = await ports.store.transact([
      { op: 'update', collection: 'invites', id: invite._id, version: invite.version, patch: { $set: { status: 'expired', expiredAt: at } } },
      {
        op: 'insert',
        collection: 'audit',
        doc: {
          _id: ports.ids.id('aud'),
          at,
          requestId: `tick:${at}`,
          function: 'scheduler',
          action: 'tick',
          actorId: null,
          subjectId: invite._id,
          outcome: 'ok',
          detail: { event: 'expire' },
        },
      },
    ]);
    if (done.ok) moved++;
  }
  return moved;
};

export const JOBS: Record<string, Job> = {
  expireOffers,
  clockEscalations,
  autoClose,
  closeForgottenDuty,
  expireInvites,
  followCouncilOrders,
  remindMeetings,
  remindMinutes,
  remindLiuyouTasks,
  // retentionContacts, retentionPhotos, retentionReplays, retentionOutbox, retentionAudit, retentionInactive (PIPL art. 19)
  ...scheduledRetentionJobs(),
};

/**
 * Passes a tick may take before it gives up loudly. Every job lands each due item where it belongs
 * at `at` in one write (a clock escalation goes straight to the level it should be at), so a
 * second pass only finds work left over by a job's page limit (1,000 items) or by one job's move
 * making another's item due; a tick that is still moving things after this many passes is a bug
 * (a job that never settles), not a busy day.
 */
export const MAX_PASSES = 100;

export class TickDidNotSettle extends Error {
  constructor(at: string, passes: number, jobs: Record<string, number>) {
    super(`scheduler tick at ${at} still moved items after ${passes} passes: ${JSON.stringify(jobs)}`);
    this.name = 'TickDidNotSettle';
  }
}

/**
 * Runs every job until a whole pass moves nothing: one tick at an instant leaves nothing due at
 * that instant, however far the clock jumped (a timer paused for a week, a restored backup), so a
 * second tick at the same instant changes nothing. Throws TickDidNotSettle rather than stopping
 * silently with work left. Then it delivers the outbox rows nobody delivered (`retryOutbox`),
 * reported as `outbox` when there were any.
 */
export async function runTick(
  ports: Ports,
  at: string,
  options: { jobs?: Record<string, Job>; maxPasses?: number } = {},
): Promise<{ at: string; jobs: Record<string, number>; outbox?: { sent: number; failed: number; retry: number } }> {
  const run = options.jobs ?? JOBS;
  const maxPasses = options.maxPasses ?? MAX_PASSES;
  const jobs: Record<string, number> = Object.fromEntries(Object.keys(run).map((name) => [name, 0]));
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = 0;
    for (const [name, job] of Object.entries(run)) {
      const n = await job(ports, at);
      jobs[name]! += n;
      moved += n;
    }
    if (moved === 0) {
      const outbox = await retryOutbox(ports, at);
      return outbox.sent + outbox.failed + outbox.retry > 0 ? { at, jobs, outbox } : { at, jobs };
    }
  }
  throw new TickDidNotSettle(at, maxPasses, jobs);
}
