/**
 * The store port: a document store with the subset of Mongo semantics both engines share.
 * SQLite (local, embedded) and the CloudBase document database (production) implement it;
 * one contract suite (tests/integration/store.contract.test.ts) holds both to it.
 */

export type Scalar = string | number | boolean | null;

/** Operators on one field. Paths are dotted (`home.path.gridId`). */
export interface FieldOps {
  $eq?: Scalar;
  $ne?: Scalar;
  $gt?: string | number;
  $gte?: string | number;
  $lt?: string | number;
  $lte?: string | number;
  $in?: readonly Scalar[];
  $nin?: readonly Scalar[];
  $exists?: boolean;
}

/** A filter: fields ANDed together, each a scalar (equality) or operators; `$or` / `$and` of filters. */
export type Filter = {
  $or?: readonly Filter[];
  $and?: readonly Filter[];
} & { [path: string]: Scalar | FieldOps | readonly Filter[] | undefined };

export type SortSpec = ReadonlyArray<readonly [path: string, direction: 1 | -1]>;

export interface FindOptions {
  sort?: SortSpec;
  /** Rows to skip (range paging). */
  skip?: number;
  /** At most 1,000; 100 when not given. */
  limit?: number;
}

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;

/** Every stored document has an id; documents with a lifecycle also carry `version`. */
export interface Doc {
  _id: string;
  [key: string]: unknown;
}

/** A change to one document: set fields, increment numbers, append to arrays. Paths are dotted. */
export interface Patch {
  $set?: Record<string, unknown>;
  $unset?: readonly string[];
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
}

/** Single-document operations that can run together in one transaction. */
export type TxOp =
  | { op: 'insert'; collection: string; doc: Doc }
  /**
   * Applies the patch and bumps `version` only if the stored version equals `version`. `was` is the
   * document as read (at `version`): required for a collection that feeds rollups, so the writer can
   * add what the change does to them (`_core/rollups.ts`); never stored.
   */
  | { op: 'update'; collection: string; id: string; version: number; patch: Patch; was?: Doc }
  /**
   * Adds counts to a rollup document, creating it from `init` (with `version` 1) when it is not
   * there; no version guard (additions commute), but it bumps `version`, so a rebuild that read the
   * document notices. `inc` paths are dotted (`t.posted`).
   */
  | { op: 'tally'; collection: string; id: string; init: Record<string, unknown>; inc: Record<string, number>; set?: Record<string, unknown> }
  /**
   * Removes one document: only while its stored `version` equals `version` when one is given (a
   * document read and judged due is removed as read, or the transaction conflicts); a document that
   * is already gone is no conflict when no version is given. Never for a collection that feeds
   * rollups: records that are counted are kept (anonymised), not removed.
   */
  | { op: 'delete'; collection: string; id: string; version?: number };

export type TxResult = { ok: true } | { ok: false; reason: 'conflict' | 'duplicate'; index: number };

export interface Store {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter: Filter): Promise<number>;
  /** Fails with `duplicate` when the id (or a unique index) is taken. */
  insert(collection: string, doc: Doc): Promise<{ ok: true } | { ok: false; reason: 'duplicate' }>;
  /**
   * The only way to change a document with a lifecycle: applies the patch and sets
   * `version = version + 1` if, and only if, the stored `version` equals the given one.
   */
  update(collection: string, id: string, version: number, patch: Patch): Promise<boolean>;
  /** Atomic counter change, without a version guard (for counters, never for lifecycle fields). */
  increment(collection: string, id: string, field: string, by: number): Promise<boolean>;
  /** Atomic append to an array field, without a version guard. */
  push(collection: string, id: string, field: string, value: unknown): Promise<boolean>;
  /**
   * Sets one field without a version guard and without bumping the version: for a marker no
   * lifecycle reads and no guarded writer must conflict with (the day a person was last seen).
   * Never for a lifecycle field. Answers whether the document exists.
   */
  mark(collection: string, id: string, field: string, value: Scalar): Promise<boolean>;
  /** All or nothing. A conflicting guarded update or a duplicate insert aborts the whole. */
  transact(ops: readonly TxOp[]): Promise<TxResult>;
  /** Releases the connection (the SQLite file handle; nothing to release for CloudBase). */
  close?(): Promise<void>;
}
