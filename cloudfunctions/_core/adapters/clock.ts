import type { ClockPort } from '../ports';

/** The system clock (production). */
export function systemClock(): ClockPort {
  return { now: () => new Date().toISOString() };
}

/** A clock the local gateway can pin and move (to show expiries and timers in a demo). */
export interface LocalClock extends ClockPort {
  /** Pins "now" to an instant; null returns to the system clock. */
  set(at: string | null): void;
  /** Moves the pinned instant (or, when not pinned, the system time) forward by `ms`. */
  advance(ms: number): string;
  /** The pinned instant, or null when following the system clock. */
  readonly pinned: string | null;
}

function instant(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${at}`);
  return new Date(ms).toISOString();
}

export function localClock(initial: string | null = null, system: () => number = Date.now): LocalClock {
  let pinned: string | null = initial === null ? null : instant(initial);
  return {
    now: () => pinned ?? new Date(system()).toISOString(),
    set(at) {
      pinned = at === null ? null : instant(at);
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new Error('advance takes a finite number of milliseconds');
      const base = pinned === null ? system() : Date.parse(pinned);
      pinned = new Date(base + ms).toISOString();
      return pinned;
    },
    get pinned() {
      return pinned;
    },
  };
}
