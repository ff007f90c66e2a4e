/**
 * Rollups kept on write. A rule says what one stored record adds to which rollup documents (its
 * contribution: counts keyed by name, under one rollup id per place and month). A change of a record
 * adds the difference between its contribution after and before, in the same transaction as the
 * change (`cloudfunctions/_core/rollups.ts`); a rebuild sums the contributions of every record. Both
 * therefore agree by construction, and a test walks random lifecycles to prove it.
 *
 * Pure: no store, no clock.
 */

/** What a record adds to one rollup document. */
export interface Contribution {
  /** The rollup document's id, e.g. `orders:g01:2026-11`. */
  id: string;
  /** The fields a new rollup document starts with (its kind, place and month). */
  init: Record<string, string | null>;
  /** Counts to add, by name; zeros may be left out. */
  counts: Record<string, number>;
  /** Names of keyed counts (a work unit's name behind `u_<key>`), kept in the rollup's `labels`. */
  labels?: Record<string, string>;
}

/** The contributions of one record; none for a record that counts nowhere. */
export type RollupRule<D> = (doc: D) => readonly Contribution[];

/**
 * The collections whose records feed rollups. Each rule registers itself when its module is imported
 * (as error tables do), and the modules that write such records import it, so a cloud function
 * bundle carries the rules of what it writes and no others. The writer refuses to write one of these
 * collections without its rule (`rollupRuleFor`), so a missed import fails loudly, never silently.
 */
export const ROLLED_UP_COLLECTIONS = ['orders', 'service_records', 'meetings', 'topics', 'topic_ratings', 'compound_surveys'] as const;

const RULES = new Map<string, RollupRule<any>>();

export function registerRollupRule(collection: (typeof ROLLED_UP_COLLECTIONS)[number], rule: RollupRule<any>): void {
  RULES.set(collection, rule);
}

/** The rule of a collection; null for a collection that feeds no rollup; throws when its rule was not imported. */
export function rollupRuleFor(collection: string): RollupRule<any> | null {
  const rule = RULES.get(collection);
  if (rule) return rule;
  if ((ROLLED_UP_COLLECTIONS as readonly string[]).includes(collection)) throw new Error(`rollups: the rule of ${collection} is not loaded in this bundle`);
  return null;
}

/** Every rule, for a rebuild; throws unless all of them are loaded (import shared/rollups.catalog.ts). */
export function allRollupRules(): [string, RollupRule<any>][] {
  return ROLLED_UP_COLLECTIONS.map((c) => [c, rollupRuleFor(c)!]);
}

/** The field of a rollup document that holds its counts. */
export const COUNTS_FIELD = 't';

/** Adds `b` into `a` (in place), `sign` times. */
function addInto(a: Record<string, number>, b: Record<string, number>, sign: 1 | -1): void {
  for (const [k, v] of Object.entries(b)) {
    if (v === 0) continue;
    const next = (a[k] ?? 0) + sign * v;
    if (next === 0) delete a[k];
    else a[k] = next;
  }
}

/**
 * What a change adds to each rollup: contributions after minus before, only the counts that change,
 * only the documents with a change, sorted by id (two transactions touch shared rollups in the same
 * order).
 */
export function rollupDelta<D>(rule: RollupRule<D>, before: D | null, after: D | null): Contribution[] {
  const byId = new Map<string, Contribution>();
  const take = (doc: D | null, sign: 1 | -1) => {
    if (!doc) return;
    for (const c of rule(doc)) {
      const cur = byId.get(c.id) ?? { id: c.id, init: c.init, counts: {} };
      addInto(cur.counts, c.counts, sign);
      if (c.labels && sign === 1) cur.labels = { ...cur.labels, ...c.labels };
      byId.set(c.id, cur);
    }
  };
  take(before, -1);
  take(after, 1);
  return [...byId.values()].filter((c) => Object.keys(c.counts).length > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The sum of many records' contributions, by rollup id: what a rebuild writes. */
export function rollupTotals<D>(rule: RollupRule<D>, docs: Iterable<D>, into = new Map<string, Contribution>()): Map<string, Contribution> {
  for (const doc of docs) {
    for (const c of rule(doc)) {
      const cur = into.get(c.id) ?? { id: c.id, init: c.init, counts: {} };
      addInto(cur.counts, c.counts, 1);
      if (c.labels) cur.labels = { ...cur.labels, ...c.labels };
      into.set(c.id, cur);
    }
  }
  return into;
}

/** Sums count maps (the months of a period, the children of a place). */
export function sumCounts(maps: Iterable<Record<string, number> | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of maps) if (m) addInto(out, m, 1);
  return out;
}

/**
 * Durations are kept as a histogram of buckets (a key per bucket), so a median can be read from a
 * rollup: whole minutes below an hour, 10-minute steps below a day, hours below a week, then days.
 * The bucket is its lower bound in minutes.
 */
export function durationBucket(minutes: number): number {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return m;
  if (m < 1440) return m - (m % 10);
  if (m < 7 * 1440) return m - (m % 60);
  return m - (m % 1440);
}

/** The median of a histogram `{ [prefix + bucket]: count }` (two middle values averaged), or null when empty. */
export function histogramMedian(counts: Record<string, number>, prefix: string): number | null {
  const buckets: [number, number][] = [];
  let n = 0;
  for (const [k, v] of Object.entries(counts)) {
    if (!k.startsWith(prefix) || v <= 0) continue;
    buckets.push([Number(k.slice(prefix.length)), v]);
    n += v;
  }
  if (n === 0) return null;
  buckets.sort((a, b) => a[0] - b[0]);
  const at = (i: number) => {
    let seen = 0;
    for (const [value, count] of buckets) {
      seen += count;
      if (i < seen) return value;
    }
    return buckets[buckets.length - 1]![0];
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}
