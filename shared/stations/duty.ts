import { addDays, beijingDate, beijingInstant, beijingWeekMinute, clockText, onBeijingDayOf, weekdayOf } from '../kernel/time';

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
  if (!hours.days.includes(beijingWeekMinute(at).day)) return null;
  return onBeijingDayOf(at, hours.close);
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
    const date = addDays(fromDate, i);
    const day = weekdayOf(date);
    for (const slot of roster) if (slot.days.includes(day)) out.push({ date, slot });
  }
  return out;
}

/** How a row of the duty overview (值班总览) went: a planned slot kept, missed or still ahead, or a duty no slot planned. */
export type DutyRowKind = 'onTime' | 'late' | 'missed' | 'unplanned' | 'autoClosed' | 'upcoming';

export interface DutyRow<D> {
  date: string;
  userId: string;
  kind: DutyRowKind;
  slot: { from: number; to: number } | null;
  /** The duty that kept the slot, or the unplanned duty; null for a slot nobody kept (yet). */
  duty: D | null;
}

/**
 * One station's duty against its roster over `days` Beijing dates from `fromDate`: each planned
 * slot with the planned duty of that person that day (each duty keeps one slot) — on time, late or
 * 自动签退 — or, without one, missed once the slot is over; then every duty no slot took. In date
 * order, slots by their start.
 */
export function dutyAgainstRoster<D extends { _id: string; userId: string; checkInAt: string; planned: boolean; late: boolean; status: string }>(
  roster: readonly RosterSlot[],
  duties: readonly D[],
  fromDate: string,
  days: number,
  now: string,
): DutyRow<D>[] {
  const used = new Set<string>();
  const rows: DutyRow<D>[] = plannedSlots(roster, fromDate, days).map(({ date, slot }) => {
    const d = duties.find((x) => !used.has(x._id) && x.userId === slot.userId && beijingDate(x.checkInAt) === date && x.planned) ?? null;
    if (d) used.add(d._id);
    const kind = d ? (d.status === 'autoClosed' ? 'autoClosed' : d.late ? 'late' : 'onTime') : beijingInstant(date, slot.to) > now ? 'upcoming' : 'missed';
    return { date, userId: slot.userId, kind, slot: { from: slot.from, to: slot.to }, duty: d };
  });
  for (const d of duties.filter((x) => !used.has(x._id))) {
    rows.push({ date: beijingDate(d.checkInAt), userId: d.userId, kind: d.status === 'autoClosed' ? 'autoClosed' : 'unplanned', slot: null, duty: d });
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date) || (a.slot?.from ?? 0) - (b.slot?.from ?? 0));
}

// ---- the duty-hours rule (自动签退) ---------------------------------------------------------------

/** Why the scheduler closed a duty nobody checked out of, which decides the words people read. */
export const AUTO_CLOSE_REASONS = ['closingTime', 'closedDay', 'afterHours'] as const;
export type AutoCloseReason = (typeof AUTO_CLOSE_REASONS)[number];

/**
 * When a duty nobody checks out of is closed by the scheduler, and why: at the station's closing
 * time that day; on a day it does not open, or after it closed, at the end of that day (Beijing).
 * The instant only ends the duty: what it credits is `dutyCredit`'s business, never the span.
 */
export function autoClosePlan(hours: OpeningHours | null | undefined, checkInAt: string): { closesAt: string; reason: AutoCloseReason } {
  const endOfDay = onBeijingDayOf(checkInAt, 1440);
  const closes = hours ? closingTime(hours, checkInAt) : null;
  if (!closes) return { closesAt: endOfDay, reason: 'closedDay' };
  if (closes <= checkInAt) return { closesAt: endOfDay, reason: 'afterHours' };
  return { closesAt: closes, reason: 'closingTime' };
}

/** A roster slot as two instants on the Beijing day of a check-in. */
export interface Shift {
  startAt: string;
  endAt: string;
}

/** The instants of `slot` on the Beijing day of `at`. */
export function shiftOn(slot: Pick<RosterSlot, 'from' | 'to'>, at: string): Shift {
  return { startAt: onBeijingDayOf(at, slot.from), endAt: onBeijingDayOf(at, slot.to) };
}

/** Who ended the duty: the person scanning the screen code again, or the scheduler. */
export type DutyClosure = 'checkOut' | 'auto';

export interface DutyCredit {
  /** From check-in to check-out as recorded (for an automatic close, up to the close). */
  minutes: number;
  /** What enters the service record. */
  creditedMinutes: number;
  /** Whether the credited hours are verified now. */
  verified: boolean;
  /** An unplanned duty closed by the scheduler waits for a leader to confirm its hours. */
  needsConfirmation: boolean;
}

/**
 * 站点值班的时长 — what a finished duty credits:
 * - checked out by the person (two scans of the live screen code): the time between, verified;
 * - closed by the scheduler on a planned shift: only the part of the shift the person was there
 *   for (from check-in or the shift's start, whichever is later, to the shift's end or the close),
 *   never more than the shift;
 * - closed by the scheduler without a shift (计划外, a closed day, after closing): nothing verified
 *   until a leader confirms the hours (`confirmedCredit`).
 */
export function dutyCredit(input: { checkInAt: string; checkOutAt: string; shift: Shift | null; closedBy: DutyClosure }): DutyCredit {
  const minutes = minutesBetween(input.checkInAt, input.checkOutAt);
  if (input.closedBy === 'checkOut') return { minutes, creditedMinutes: minutes, verified: true, needsConfirmation: false };
  if (!input.shift) return { minutes, creditedMinutes: 0, verified: false, needsConfirmation: true };
  const from = input.checkInAt > input.shift.startAt ? input.checkInAt : input.shift.startAt;
  const to = input.checkOutAt < input.shift.endAt ? input.checkOutAt : input.shift.endAt;
  return { minutes, creditedMinutes: minutesBetween(from, to), verified: true, needsConfirmation: false };
}

/** A leader confirms an unplanned duty's hours: what they say, never more than the recorded span. */
export function confirmedCredit(spanMinutes: number, requestedMinutes: number): number {
  return Math.max(0, Math.min(Math.round(requestedMinutes), spanMinutes));
}

/** Where a duty's hours stand, as the duty list and the service record show them. */
export type DutyConfirmation = 'none' | 'awaiting' | 'confirmed';

/**
 * The words under an automatically closed duty (自动签退), the same in the duty list and the
 * service record. `reason` is missing on duties closed before reasons were kept.
 */
export function autoCloseWords(d: {
  reason?: AutoCloseReason | null;
  planned: boolean;
  confirmation: DutyConfirmation;
  closedAt?: string | null;
  shiftEnd?: string | null;
}): string {
  const clock = clockText;
  const when =
    d.reason === 'closingTime'
      ? `忘记签退，服务站 ${clock(d.closedAt)} 关门时系统自动签退`
      : d.reason === 'closedDay'
        ? '服务站当天不开放，忘记签退，当天结束时系统自动签退'
        : d.reason === 'afterHours'
          ? '关门后签到，忘记签退，当天结束时系统自动签退'
          : '忘记签退，系统已自动签退';
  const kind = d.planned ? '' : '计划外值班，';
  if (d.confirmation === 'confirmed') return `${when}；${kind}时长已由负责人确认`;
  if (d.confirmation === 'awaiting') return `${when}；${kind}时长待负责人确认后计入`;
  // Duties closed before the rule kept their shift have no shiftEnd: say only what happened.
  return d.planned && d.shiftEnd ? `${when}；按排班计到 ${clock(d.shiftEnd)}` : when;
}
