import { DEFAULT_PAGE, MAX_PAGE, type FieldOps, type FindOptions } from '../ports/store';

/**
 * What both store adapters share about the filter subset and paging. Kept apart from the SQLite
 * adapter so that the cloud bundle never reaches `node:sqlite` through an import.
 */

/** A field's value is operators when every key is one (`{ $gt: 1 }`); otherwise it is equality. */
export function isOps(v: unknown): v is FieldOps {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k.startsWith('$'));
}

/** The page size of a find: 100 when not given, never more than 1,000 (CloudBase's own cap). */
export function pageSize(options?: FindOptions): number {
  const limit = options?.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new Error(`limit must be 1..${MAX_PAGE}`);
  return limit;
}

/** Rows to skip: a non-negative integer, 0 when not given. */
export function pageSkip(options?: FindOptions): number {
  const skip = options?.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new Error('skip must be a non-negative integer');
  return skip;
}
