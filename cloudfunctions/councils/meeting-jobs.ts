import { ok } from '../../shared/api/envelope';
import type { MeetingEvent } from '../../shared/councils/meeting.lifecycle';
import { move, PLATFORM_ACTOR } from '../_core/mover';
import { systemWriter } from '../_core/outbox';
import type { Ports } from '../_core/ports';
import type { Filter, SortSpec } from '../_core/ports/store';
import { MEETINGS, type MeetingDoc } from './meeting-store';

const PAGE = 500;

/**
 * Moves every meeting `filter` finds due by `at` with `event`, page by page, stepping over one
 * that could not move (someone moved it meanwhile) so the loop ends. Each move lands the meeting
 * where it belongs at `at`, so nothing stays due.
 */
async function moveDue(ports: Ports, at: string, filter: Filter, sort: SortSpec, event: MeetingEvent): Promise<number> {
  const writer = systemWriter(ports, at);
  let moved = 0;
  const skipped = new Set<string>();
  for (;;) {
    const page = await ports.store.find<MeetingDoc>('meetings', filter, { sort, limit: PAGE + skipped.size });
    const due = page.filter((m) => !skipped.has(m._id));
    if (due.length === 0) return moved;
    for (const m of due) {
      const res = await move(writer, MEETINGS, m, PLATFORM_ACTOR, () => ok({ events: [event], x: { now: at, by: null } }));
      if (res.ok) moved++;
      else skipped.add(m._id);
    }
  }
}

/**
 * 会议提醒: published meetings whose reminder is due (the day before, an hour before) remind their
 * invitees. One reminder per due time: a tick that finds both overdue (the clock jumped) sends one,
 * and the next one due is the one after `at` (`nextReminder`), none when the meeting has begun.
 */
export const remindMeetings = (ports: Ports, at: string): Promise<number> =>
  moveDue(
    ports,
    at,
    { state: 'published', remindAt: { $lte: at } },
    [
      ['state', 1],
      ['remindAt', 1],
    ],
    { type: 'remind' },
  );

/** 纪要提醒: a closed meeting still without minutes 48 hours after it closed reminds its convener, once. */
export const remindMinutes = (ports: Ports, at: string): Promise<number> =>
  moveDue(
    ports,
    at,
    { state: 'closed', minutesRemindAt: { $lte: at } },
    [
      ['state', 1],
      ['minutesRemindAt', 1],
    ],
    { type: 'remindMinutes' },
  );
