import { beijingWeekMinute } from '../orders/dispatch';

/** A weekly duty slot at a station (Beijing time): who, which days, from–to in minutes. */
export interface RosterSlot {
  userId: string;
  days: readonly number[];
  from: number;
  to: number;
}

/** Opening hours: days 1 (Mon) … 7 (Sun), minutes from midnight, Beijing time. */
export interface OpeningHours {
  days: readonly number[];
  open: number;
  close: number;
}

/** Arriving more than this late for a slot counts as late. */
export const LATE_GRACE_MINUTES = 10;

export interface CheckInVerdict {
  /** The slot this check-in belongs to, if it is on the roster. */
  slot: RosterSlot | null;
  planned: boolean;
  late: boolean;
}

/** Judges a check-in against the roster: planned or not, and late or on time. */
export function judgeCheckIn(roster: readonly RosterSlot[], userId: string, at: string): CheckInVerdict {
  const { day, minute } = beijingWeekMinute(at);
  // A slot counts if the person arrives before it ends (an hour early at most).
  const slot = roster.find((s) => s.userId === userId && s.days.includes(day) && minute >= s.from - 60 && minute < s.to) ?? null;
  return { slot, planned: slot !== null, late: slot !== null && minute > slot.from + LATE_GRACE_MINUTES };
}

/** The instant a station closes on the day of `at` (Beijing), or null if it does not open that day. */
export function closingTime(hours: OpeningHours, at: string): string | null {
  const { day, minute } = beijingWeekMinute(at);
  if (!hours.days.includes(day)) return null;
  const midnight = Date.parse(at) - minute * 60_000 - (Date.parse(at) % 60_000);
  return new Date(midnight + hours.close * 60_000).toISOString();
}

export function isOpen(hours: OpeningHours, at: string): boolean {
  const { day, minute } = beijingWeekMinute(at);
  return hours.days.includes(day) && minute >= hours.open && minute < hours.close;
}

/** Minutes between two instants, never negative. */
export const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

export interface DayPlan {
  date: string;
  slot: RosterSlot;
}

/** The roster's slots on each Beijing date of [from, to), for finding who missed their duty. */
export function plannedSlots(roster: readonly RosterSlot[], fromDate: string, days: number): DayPlan[] {
  const out: DayPlan[] = [];
  for (let i = 0; i < days; i++) {
    const date = new Date(Date.parse(`${fromDate}T00:00:00+08:00`) + i * 86_400_000);
    const iso = new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const { day } = beijingWeekMinute(date.toISOString());
    for (const slot of roster) if (slot.days.includes(day)) out.push({ date: iso, slot });
  }
  return out;
}
