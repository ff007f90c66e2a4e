import { dutyLifecycle, type Duty, type DutyContext, type DutyEvent, type DutyState, type DutySubject } from '../../shared/stations/duty.lifecycle';
import type { Stored, TimelineActor } from '../_core/mover';
import type { Doc, Store } from '../_core/ports/store';

export type DutyDoc = Duty & Doc;

/** Where duties live: `duty`, with no timeline (a duty's steps are its fields and the audit). */
export const DUTIES: Stored<DutyState, DutyEvent, DutySubject, DutyContext> = { lifecycle: dutyLifecycle, collection: 'duty', timeline: null, stateKey: 'status' };

/** The person who moves their own duty, or confirms someone's. */
export const dutyActor = (user: { _id: string; name: string }): TimelineActor => ({ id: user._id, label: user.name });

/** The person's open duty, at whichever station: one at a time. */
export async function openDutyOf(store: Store, userId: string): Promise<DutyDoc | null> {
  const [open] = await store.find<DutyDoc>(
    'duty',
    { userId, status: 'open' },
    {
      sort: [
        ['userId', 1],
        ['status', 1],
        ['checkInAt', -1],
      ],
      limit: 1,
    },
  );
  return open ?? null;
}
