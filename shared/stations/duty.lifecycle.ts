// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './stations.errors';
import type { Change, Effect, Lifecycle, Refusal } from '../kernel/lifecycle';
import { beijingMonth } from '../kernel/time';
import { confirmedDutyEntry, dutyEntry } from '../service/entry';
import { minuteOf } from './codes';
import {
  autoClosePlan,
  autoCloseWords,
  confirmedCredit,
  dutyCredit,
  judgeCheckIn,
  shiftOn,
  type AutoCloseReason,
  type DutyConfirmation,
  type OpeningHours,
  type RosterSlot,
} from './duty';

/**
 * The duty lifecycle (站点值班), one table:
 *
 *   check-in ─▶ open ──checkOut──▶ closed         the person scanned the screen code again
 *                    └─autoClose─▶ autoClosed     the scheduler closed a forgotten check-out (自动签退)
 *                                  └─confirm─▶ autoClosed, confirmed   a leader confirmed the hours, once
 *
 * A check-in creates the duty (`checkInDuty`); the effects say what each step credits (the duty rule's
 * `dutyCredit`) and write the duty's one service-record entry. The mover writes them.
 */
export const DUTY_STATES = ['open', 'closed', 'autoClosed'] as const;
export type DutyState = (typeof DUTY_STATES)[number];

/** One turn of duty at a station, from check-in to check-out, as stored (`duty`). */
export type Duty = {
  _id: string;
  stationId: string;
  communityId: string;
  /** The station's street and grid (when it stands in one), kept at check-in; missing on older duties. */
  streetId?: string;
  gridId?: string;
  /** 双报到: the person's in-service work unit at check-in, null when none; missing on older duties. */
  workUnit?: string | null;
  userId: string;
  checkInAt: string;
  checkOutAt: string | null;
  /** When the scheduler closes a forgotten check-out (`autoClosePlan`). */
  closesAt: string;
  /** Why it would close then: closing time, a closed day, after hours. Missing on older duties. */
  closeReason?: AutoCloseReason;
  /** The roster slot this duty belongs to, as instants on its day; missing when unplanned. */
  shiftStartAt?: string | null;
  shiftEndAt?: string | null;
  /** Where it stands in the lifecycle; queries and views read it. */
  status: DutyState;
  planned: boolean;
  late: boolean;
  /** From check-in to check-out (for an automatic close, up to the close). */
  minutes: number;
  /** What the service record credits (`dutyCredit`); older duties credited `minutes`. */
  creditedMinutes?: number;
  /** An unplanned duty closed by the scheduler waits for a leader: awaiting → confirmed. */
  confirmation?: DutyConfirmation;
  confirmedBy?: string;
  confirmedAt?: string;
  confirmNote?: string;
  month: string;
  version: number;
};

/**
 * The duty as the lifecycle kernel sees it: the kernel names the state `state`, the stored duty
 * `status` (its index, its queries and older duties use it). `state` is read from `status`, and the
 * effects keep `status` in step (the guards read it); the duties' binding (`stateKey: 'status'`) has
 * the mover store the state as `status` only, no `state` beside it.
 */
export type DutySubject = Duty & { state: DutyState };
export const dutySubject = <D extends Duty>(d: D): D & { state: DutyState } => ({ ...d, state: d.status });

export type DutyEvent =
  /** The person scans the live screen code again. */
  | { type: 'checkOut'; at: string }
  /** The scheduler, at the duty's `closesAt`. */
  | { type: 'autoClose' }
  /** A leader confirms what the person really served (0 credits nothing), with the reason. */
  | { type: 'confirm'; minutes: number; note: string; by: string; at: string };

/**
 * What the effects need besides the duty, for a confirmation: its service-record entry as read (the
 * update is guarded by its version and carries it as `was`, for the rollups), or only its version.
 */
export interface DutyContext {
  entry?: { _id: string; version: number; [key: string]: unknown };
  entryVersion?: number;
}

const entryVersionOf = (x: DutyContext): number | undefined => x.entry?.version ?? x.entryVersion;

/** The table: the next state, or null when the event is not allowed in this state. */
export function nextDutyState(state: DutyState, event: DutyEvent): DutyState | null {
  switch (event.type) {
    case 'checkOut':
    case 'autoClose':
      return state === 'open' ? (event.type === 'checkOut' ? 'closed' : 'autoClosed') : null;
    case 'confirm':
      return state === 'autoClosed' ? 'autoClosed' : null;
    default:
      return null;
  }
}

/** Older duties kept no confirmation: they needed none. */
export const confirmationOf = (d: Pick<Duty, 'confirmation'> | undefined): DutyConfirmation => d?.confirmation ?? 'none';
/** Older duties kept no credit: they credited their whole span, verified. */
export const creditedOf = (d: Pick<Duty, 'creditedMinutes' | 'status' | 'minutes'>) => d.creditedMinutes ?? (d.status === 'open' ? 0 : d.minutes);
/** Only an unplanned duty the scheduler closed waits for a leader, and only until one confirms it. */
export const awaitsConfirmation = (d: Pick<Duty, 'status' | 'confirmation'>) => d.status === 'autoClosed' && confirmationOf(d) === 'awaiting';

/** The 自动签退 words of a duty the scheduler closed (what is known of it: older entries may have no duty). */
export function closeWordsOf(d: Pick<Duty, 'closeReason' | 'planned' | 'confirmation' | 'checkOutAt' | 'shiftEndAt'> | undefined): string {
  return autoCloseWords({
    reason: d?.closeReason ?? null,
    planned: d?.planned ?? false,
    confirmation: confirmationOf(d),
    closedAt: d?.checkOutAt ?? null,
    shiftEnd: d?.shiftEndAt ?? null,
  });
}

const NOTHING_TO_CONFIRM: Refusal = { code: 'DUTY.NOTHING_TO_CONFIRM', field: 'payload.dutyId' };

function effect(d: DutySubject, event: DutyEvent, x: DutyContext): Effect<DutySubject> {
  switch (event.type) {
    case 'checkOut': {
      const credit = dutyCredit({ checkInAt: d.checkInAt, checkOutAt: event.at, shift: null, closedBy: 'checkOut' });
      return {
        set: { status: 'closed', checkOutAt: event.at, minutes: credit.minutes, creditedMinutes: credit.creditedMinutes, confirmation: 'none' },
        writes: [{ op: 'insert', collection: 'service_records', doc: dutyEntry(d, 'checkOut', event.at, credit) }],
        audit: { event: 'checkOut', minutes: credit.minutes },
      };
    }
    case 'autoClose': {
      const shift = d.shiftStartAt && d.shiftEndAt ? { startAt: d.shiftStartAt, endAt: d.shiftEndAt } : null;
      const credit = dutyCredit({ checkInAt: d.checkInAt, checkOutAt: d.closesAt, shift, closedBy: 'auto' });
      return {
        set: {
          status: 'autoClosed',
          checkOutAt: d.closesAt,
          minutes: credit.minutes,
          creditedMinutes: credit.creditedMinutes,
          confirmation: credit.needsConfirmation ? 'awaiting' : 'none',
        },
        writes: [{ op: 'insert', collection: 'service_records', doc: dutyEntry(d, 'auto', d.closesAt, credit) }],
        audit: { event: 'duty.autoClose', minutes: credit.minutes, creditedMinutes: credit.creditedMinutes, needsConfirmation: credit.needsConfirmation },
      };
    }
    case 'confirm': {
      const credited = confirmedCredit(d.minutes, event.minutes);
      return {
        set: { creditedMinutes: credited, confirmation: 'confirmed', confirmedBy: event.by, confirmedAt: event.at, confirmNote: event.note },
        writes: [
          {
            op: 'update',
            collection: 'service_records',
            id: `duty.${d._id}`,
            version: entryVersionOf(x) ?? 0,
            patch: { $set: confirmedDutyEntry(credited, event.at, event.note) },
            ...(x.entry ? { was: x.entry } : {}),
          },
        ],
        audit: { event: 'duty.confirm', spanMinutes: d.minutes, requestedMinutes: event.minutes, creditedMinutes: credited, note: event.note },
      };
    }
  }
}

export const dutyLifecycle: Lifecycle<DutyState, DutyEvent, DutySubject, DutyContext> = {
  name: 'duty',
  states: DUTY_STATES,
  next: nextDutyState,
  // A confirmation needs a duty awaiting one and its entry to change; the table alone lets a
  // planned automatic close (credited by its shift, nothing to confirm) through.
  guard: (d, event, x) => (event.type === 'confirm' && (!awaitsConfirmation(d) || entryVersionOf(x) === undefined) ? NOTHING_TO_CONFIRM : null),
  effect,
};

/**
 * 签到: a new open duty of `userId` at the station, judged against its roster (planned, late) and
 * planned to close by itself at closing time, or at the end of a closed day. Its id is the person's
 * and the minute's, so two scans at once make one duty. It keeps the station's place and the
 * person's 双报到 work unit (`workUnit`, null when not in service), which its service entry records.
 */
export function checkInDuty(
  station: { _id: string; path: { streetId?: string; communityId?: string; gridId?: string }; roster?: readonly RosterSlot[]; hours?: OpeningHours | null },
  userId: string,
  at: string,
  workUnit: string | null = null,
): Change<DutySubject> {
  const verdict = judgeCheckIn(station.roster ?? [], userId, at);
  // A forgotten check-out is closed at closing time, or at the end of a closed day; what that
  // credits is the duty rule's: the shift at most, or nothing until a leader confirms it.
  const plan = autoClosePlan(station.hours, at);
  const shift = verdict.slot ? shiftOn(verdict.slot, at) : null;
  const duty: DutySubject = {
    _id: `${userId}.${minuteOf(at)}`,
    stationId: station._id,
    communityId: station.path.communityId ?? '',
    ...(station.path.streetId ? { streetId: station.path.streetId } : {}),
    ...(station.path.gridId ? { gridId: station.path.gridId } : {}),
    workUnit,
    userId,
    checkInAt: at,
    checkOutAt: null,
    closesAt: plan.closesAt,
    closeReason: plan.reason,
    shiftStartAt: shift?.startAt ?? null,
    shiftEndAt: shift?.endAt ?? null,
    status: 'open',
    planned: verdict.planned,
    late: verdict.late,
    minutes: 0,
    month: beijingMonth(at),
    version: 1,
    state: 'open',
  };
  return {
    after: duty,
    set: duty,
    inc: {},
    timeline: [],
    notify: [],
    audit: { event: 'checkIn', stationId: station._id, planned: verdict.planned, late: verdict.late },
    writes: [],
  };
}
