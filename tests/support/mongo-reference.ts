import type { Filter, FieldOps, Scalar } from '../../cloudfunctions/_core/ports/store';

/**
 * A reference implementation of the store's filter subset with MongoDB's semantics (CloudBase is
 * MongoDB underneath), written for clarity, not speed. The contract suite compares the adapters
 * against it; the CloudBase wire fake uses it to answer queries.
 *
 * Semantics of the subset:
 * - a path that runs through a missing field, null or a non-object is missing;
 * - values compare only within their type (numbers with numbers, strings with strings by code
 *   point, booleans only for equality); objects and arrays never equal or order against a scalar;
 * - `{ f: null }` matches null and missing; `$ne` and `$nin` match missing;
 * - `$exists: true` matches null, `$exists: false` only missing;
 * - `$in: []` matches nothing, `$nin: []` everything; `$or: []` nothing, `$and: []` everything.
 * Matching inside arrays is not part of the subset (the filters only address scalar fields).
 */
export const MISSING: unique symbol = Symbol('missing');
export type Found = unknown | typeof MISSING;

export function valueAt(doc: unknown, path: string): Found {
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return MISSING;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === undefined ? MISSING : cur;
}

/** Compares strings by Unicode code point (the order of their UTF-8 bytes, as Mongo and SQLite do). */
export function compareStrings(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function equals(v: Found, arg: Scalar): boolean {
  if (arg === null) return v === MISSING || v === null;
  return typeof v === typeof arg && v === arg;
}

function ordered(v: Found, arg: string | number, test: (c: number) => boolean): boolean {
  if (typeof arg === 'number') return typeof v === 'number' && test(v - arg);
  return typeof v === 'string' && test(compareStrings(v, arg));
}

function isOps(v: unknown): v is FieldOps {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k.startsWith('$'));
}

export function matches(doc: unknown, filter: Filter): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '$and') {
      if (!(value as Filter[]).every((f) => matches(doc, f))) return false;
      continue;
    }
    if (key === '$or') {
      if (!(value as Filter[]).some((f) => matches(doc, f))) return false;
      continue;
    }
    const v = valueAt(doc, key);
    const ops: FieldOps = isOps(value) ? value : { $eq: value as Scalar };
    for (const [op, arg] of Object.entries(ops)) {
      const ok = ((): boolean => {
        switch (op) {
          case '$eq':
            return equals(v, arg as Scalar);
          case '$ne':
            return !equals(v, arg as Scalar);
          case '$gt':
            return ordered(v, arg as string | number, (c) => c > 0);
          case '$gte':
            return ordered(v, arg as string | number, (c) => c >= 0);
          case '$lt':
            return ordered(v, arg as string | number, (c) => c < 0);
          case '$lte':
            return ordered(v, arg as string | number, (c) => c <= 0);
          case '$in':
            return (arg as Scalar[]).some((a) => equals(v, a));
          case '$nin':
            return !(arg as Scalar[]).some((a) => equals(v, a));
          case '$exists':
            return (v !== MISSING) === Boolean(arg);
          default:
            throw new Error(`reference matcher: unsupported operator ${op}`);
        }
      })();
      if (!ok) return false;
    }
  }
  return true;
}

/** Mongo's order of types when sorting: missing and null first, then numbers, strings, objects, arrays, booleans. */
function typeRank(v: Found): number {
  if (v === MISSING || v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'object') return 3;
  if (typeof v === 'boolean') return 5;
  return 6;
}

export function compareForSort(a: Found, b: Found): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareStrings(JSON.stringify(a), JSON.stringify(b));
}
