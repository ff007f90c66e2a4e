/**
 * 小事不出格、大事不出社区、矛盾不上交: each order has a level and a clock per level.
 * A leader escalates with a reason, or the clock does; the upper level can send it back down (回派).
 */
export const LEVELS = ['grid', 'community', 'street'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { grid: '网格', community: '社区', street: '街道' };

export const HOUR = 3600_000;
/** Defaults: grid 24 h, community 72 h, street 7 days. */
export const DEFAULT_CLOCKS: Record<Level, number> = { grid: 24 * HOUR, community: 72 * HOUR, street: 7 * 24 * HOUR };

export function levelAbove(level: Level): Level | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

export function levelBelow(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i > 0 ? LEVELS[i - 1]! : null;
}

/** When the clock of a level, started at `since`, runs out. */
export function levelDeadline(level: Level, since: string, clocks: Record<Level, number> = DEFAULT_CLOCKS): string {
  return new Date(Date.parse(since) + clocks[level]).toISOString();
}

/** What the clocks did to an order left alone until an instant. */
export interface ClockOutcome {
  /** The levels it was handed up to, in order; empty when it was already at the street. */
  escalatedTo: Level[];
  /** Clocks that ran out: one per escalation, and one per street period after that. */
  breaches: number;
  level: Level;
  /** When the running clock started: the moment the previous one ran out. */
  levelSince: string;
  /** Always after the instant asked about: nothing is left due then. */
  levelDeadline: string;
}

/**
 * Where the clocks put an order at `at`, in one step however long it was left alone (a timer
 * paused for a week, a restored backup): each clock that ran out by then hands it up a level, and
 * the next clock starts when that one ran out, not when someone noticed; at the street every
 * period that ran out is one more breach. null when its clock has not run out by `at`.
 * Applying the outcome and asking again at the same instant answers null: the step is its own
 * fixed point.
 */
export function clockOutcome(order: { level: Level; levelDeadline: string }, at: string, clocks: Record<Level, number> = DEFAULT_CLOCKS): ClockOutcome | null {
  for (const l of LEVELS) if (!(clocks[l] > 0)) throw new Error(`the ${l} clock must be positive`);
  const now = Date.parse(at);
  let deadline = Date.parse(order.levelDeadline);
  if (!(deadline <= now)) return null;
  let level = order.level;
  let since = deadline;
  let breaches = 0;
  const escalatedTo: Level[] = [];
  while (deadline <= now) {
    const up = levelAbove(level);
    if (up) {
      since = deadline;
      level = up;
      escalatedTo.push(up);
      breaches += 1;
      deadline = since + clocks[up];
      continue;
    }
    // At the street: every whole period that ran out by `at`, counted at once.
    const periods = Math.floor((now - deadline) / clocks.street) + 1;
    breaches += periods;
    since = deadline + (periods - 1) * clocks.street;
    deadline = since + clocks.street;
  }
  return { escalatedTo, breaches, level, levelSince: new Date(since).toISOString(), levelDeadline: new Date(deadline).toISOString() };
}

/** The place-path key a level is scoped by. */
export function levelPathKey(level: Level): 'gridId' | 'communityId' | 'streetId' {
  return level === 'grid' ? 'gridId' : level === 'community' ? 'communityId' : 'streetId';
}
