import type { TimelineEntry } from '../../shared/kernel/lifecycle';
import type { Choice } from '../../shared/councils/agenda';
import { meetingLifecycle, type Meeting, type MeetingContext, type MeetingEvent, type MeetingState } from '../../shared/councils/meeting.lifecycle';
import type { Stored } from '../_core/mover';
import type { Doc, Store } from '../_core/ports/store';

export type MeetingDoc = Meeting & Doc;
export type MeetingEventRecord = TimelineEntry & Doc & { meetingId: string };

/** Where meetings and their timelines live: the meeting lifecycle's binding for the mover. */
export const MEETINGS: Stored<MeetingState, MeetingEvent, Meeting, MeetingContext> = {
  lifecycle: meetingLifecycle,
  collection: 'meetings',
  timeline: { collection: 'meeting_events', subjectKey: 'meetingId', idPrefix: 'mev' },
};

/** One person signed in (`<meetingId>.<userId>`), or a name signed in by hand (`<meetingId>.h<hash>`). */
export interface Attendance extends Doc {
  meetingId: string;
  userId: string | null;
  name: string;
  roleLabel: string;
  invited: boolean;
  via: 'code' | 'scan' | 'hand' | 'pick';
  at: string;
  by: string;
}

/** A ballot. Anonymous ballots carry no `voterId` and a random id; the roll says who voted. */
export interface Ballot extends Doc {
  meetingId: string;
  itemId: string;
  choice: Choice;
  voterId?: string;
}

/** Who voted on an anonymous item (not how): `<meetingId>.<itemId>.<userId>`. */
export interface Roll extends Doc {
  meetingId: string;
  itemId: string;
  userId: string;
  at: string;
}

export const attendanceId = (meetingId: string, userId: string) => `${meetingId}.${userId}`;
export const rollId = (meetingId: string, itemId: string, userId: string) => `${meetingId}.${itemId}.${userId}`;

export async function loadMeeting(store: Store, id: string): Promise<MeetingDoc | null> {
  return store.get<MeetingDoc>('meetings', id);
}

export async function loadMeetingTimeline(store: Store, meetingId: string): Promise<MeetingEventRecord[]> {
  return store.find<MeetingEventRecord>(
    'meeting_events',
    { meetingId },
    {
      sort: [
        ['meetingId', 1],
        ['at', 1],
      ],
      limit: 500,
    },
  );
}

export async function loadAttendance(store: Store, meetingId: string): Promise<Attendance[]> {
  return store.find<Attendance>(
    'council_attendance',
    { meetingId },
    {
      sort: [
        ['meetingId', 1],
        ['at', 1],
      ],
      limit: 1000,
    },
  );
}

/** Every document of a meeting's (or one item's) ballots or rolls, paged through the store's 1,000 per call on their `item` index. */
async function allOfItems<T extends Doc>(store: Store, collection: string, meetingId: string, itemId?: string): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<T>(collection, itemId ? { meetingId, itemId } : { meetingId }, {
      sort: [
        ['meetingId', 1],
        ['itemId', 1],
      ],
      skip,
      limit: 1000,
    });
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

/** Every ballot of a meeting (all its items), to tally. */
export async function loadBallots(store: Store, meetingId: string, itemId?: string): Promise<Ballot[]> {
  return allOfItems<Ballot>(store, 'council_ballots', meetingId, itemId);
}

/** Every roll line of a meeting: who voted on which anonymous item. */
export async function loadRolls(store: Store, meetingId: string): Promise<Roll[]> {
  return allOfItems<Roll>(store, 'council_rolls', meetingId);
}
