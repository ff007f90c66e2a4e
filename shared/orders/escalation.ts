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

/** The place-path key a level is scoped by. */
export function levelPathKey(level: Level): 'gridId' | 'communityId' | 'streetId' {
  return level === 'grid' ? 'gridId' : level === 'community' ? 'communityId' : 'streetId';
}
