import type { CloudBase } from '@cloudbase/node-sdk';
import type { Doc, Filter, FieldOps, FindOptions, Patch, Scalar, Store, TxOp, TxResult } from '../ports/store';
import { applyPatch, assertPath } from './patch';
import { isOps, pageSize, pageSkip } from './query';

/**
 * The production store: the CloudBase document database through `@cloudbase/node-sdk`.
 *
 * The filter subset maps one to one onto `db.command` (CloudBase is MongoDB underneath, so the
 * semantics the SQLite adapter imitates are native here). Guarded updates are
 * `where({ _id, version }).update(...)` with `updated === 1`; transactions are
 * `db.runTransaction` with single-document reads and writes.
 */

type Db = ReturnType<CloudBase['database']>;
type Command = Db['command'];
/** A compiled condition: a `db.command` expression or a `{ path: command }` object. */
type Condition = object;

/** The filter matches nothing (an empty `$in` or `$or`): no round trip needed. */
const NEVER = Symbol('never');

const DUPLICATE = 'DATABASE_DUPLICATE_WRITE';

/** Compiles a filter to a `where` argument; `null` means "every document", NEVER means "none". */
export function compileCloudbaseFilter(filter: Filter, _: Command): Condition | null | typeof NEVER {
  const parts = compileParts(filter, _);
  if (parts === NEVER) return NEVER;
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : _.and(parts);
}

function compileParts(filter: Filter, _: Command): Condition[] | typeof NEVER {
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '$and') {
      for (const sub of value as Filter[]) {
        const subParts = compileParts(sub, _);
        if (subParts === NEVER) return NEVER;
        parts.push(...subParts);
      }
      continue;
    }
    if (key === '$or') {
      const alternatives: Condition[] = [];
      let always = false;
      for (const sub of value as Filter[]) {
        const c = compileCloudbaseFilter(sub, _);
        if (c === NEVER) continue;
        if (c === null) always = true;
        else alternatives.push(c);
      }
      if (always) continue;
      if (alternatives.length === 0) return NEVER;
      parts.push(alternatives.length === 1 ? alternatives[0]! : _.or(alternatives));
      continue;
    }
    if (key.startsWith('$')) throw new Error(`unsupported operator: ${key}`);
    assertPath(key);
    const ops: FieldOps = isOps(value) ? value : { $eq: value as Scalar };
    for (const [op, arg] of Object.entries(ops)) {
      // Dotted keys are CloudBase's own notation for nested fields (`'home.path.gridId'`).
      const on = (command: unknown): Condition => ({ [key]: command });
      switch (op) {
        case '$eq':
          parts.push(on(_.eq(arg)));
          break;
        case '$ne':
          parts.push(on(_.neq(arg)));
          break;
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte':
          if (typeof arg !== 'string' && typeof arg !== 'number') throw new Error(`${op} takes a string or a number`);
          parts.push(on({ $gt: _.gt, $gte: _.gte, $lt: _.lt, $lte: _.lte }[op](arg)));
          break;
        case '$in':
          if ((arg as Scalar[]).length === 0) return NEVER;
          parts.push(on(_.in([...(arg as Scalar[])])));
          break;
        case '$nin':
          if ((arg as Scalar[]).length > 0) parts.push(on(_.nin([...(arg as Scalar[])])));
          break;
        case '$exists':
          parts.push(on(_.exists(Boolean(arg))));
          break;
        default:
          throw new Error(`unsupported operator: ${op}`);
      }
    }
  }
  return parts;
}

/**
 * A patch as CloudBase update data. Every `$set` goes through `_.set` so that an object value
 * replaces the field (plain objects would be merged key by key); `$push` appends exactly one value,
 * even when the value is itself an array.
 */
export function compileCloudbasePatch(patch: Patch, _: Command): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(patch.$set ?? {})) data[assertPath(path)] = _.set(value);
  for (const path of patch.$unset ?? []) data[assertPath(path)] = _.remove();
  for (const [path, by] of Object.entries(patch.$inc ?? {})) data[assertPath(path)] = _.inc(by);
  for (const [path, value] of Object.entries(patch.$push ?? {})) data[assertPath(path)] = _.push({ each: [value] });
  return data;
}

interface CloudError {
  code?: string;
  message?: string;
}

/** The SDK throws `{ code, message }` errors (or, with throwOnCode off, returns them). */
function failure(res: unknown): CloudError | null {
  const r = res as CloudError | null;
  return r && typeof r === 'object' && typeof r.code === 'string' && r.code !== '' ? r : null;
}

function check<T>(res: T): T {
  const err = failure(res);
  if (err) throw Object.assign(new Error(`CloudBase ${err.code}: ${err.message ?? ''}`), { code: err.code });
  return res;
}

function isDuplicate(e: unknown): boolean {
  const err = failure(e) ?? (e as CloudError);
  return err?.code === DUPLICATE || /duplicate key|E11000/i.test(err?.message ?? '');
}

/** Thrown inside a transaction to abort it with a result (the SDK rolls back and rethrows it). */
class TxAbort {
  constructor(readonly result: TxResult) {}
}

export class CloudbaseStore implements Store {
  readonly db: Db;

  /** `app` is `cloudbase.init({ env })` (in a function: `env: cloudbase.SYMBOL_CURRENT_ENV`). */
  constructor(app: CloudBase) {
    this.db = app.database();
  }

  private get _(): Command {
    return this.db.command;
  }

  private where(collection: string, filter: Filter) {
    const condition = compileCloudbaseFilter(filter, this._);
    if (condition === NEVER) return NEVER;
    const coll = this.db.collection(collection);
    return condition === null ? coll : coll.where(condition);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const res = check(await this.db.collection(collection).doc(id).get());
    const data = (res as { data?: unknown }).data;
    const doc = Array.isArray(data) ? data[0] : data;
    return (doc ?? null) as T | null;
  }

  async find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]> {
    const limit = pageSize(options);
    const skip = pageSkip(options);
    let query = this.where(collection, filter);
    if (query === NEVER) return [];
    for (const [path, direction] of options?.sort ?? []) query = query.orderBy(assertPath(path), direction === -1 ? 'desc' : 'asc');
    if (skip > 0) query = query.skip(skip);
    const res = check(await query.limit(limit).get());
    return (res.data ?? []) as T[];
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const query = this.where(collection, filter);
    if (query === NEVER) return 0;
    const res = check(await query.count());
    return Number((res as { total?: number }).total ?? 0);
  }

  async insert(collection: string, doc: Doc): Promise<{ ok: true } | { ok: false; reason: 'duplicate' }> {
    try {
      check(await this.db.collection(collection).add(doc));
      return { ok: true };
    } catch (e) {
      if (isDuplicate(e)) return { ok: false, reason: 'duplicate' };
      throw e;
    }
  }

  async update(collection: string, id: string, version: number, patch: Patch): Promise<boolean> {
    const data = { ...compileCloudbasePatch(patch, this._), version: this._.set(version + 1) };
    const res = check(await this.db.collection(collection).where({ _id: id, version }).update(data));
    return Number((res as { updated?: number }).updated) === 1;
  }

  async increment(collection: string, id: string, field: string, by: number): Promise<boolean> {
    // Adding 0 modifies nothing, and CloudBase counts modified documents: ask whether it exists.
    if (by === 0) return (await this.get(collection, id)) !== null;
    const res = check(
      await this.db
        .collection(collection)
        .doc(id)
        .update({ [assertPath(field)]: this._.inc(by) }),
    );
    return Number((res as { updated?: number }).updated) === 1;
  }

  async push(collection: string, id: string, field: string, value: unknown): Promise<boolean> {
    const res = check(
      await this.db
        .collection(collection)
        .doc(id)
        .update({ [assertPath(field)]: this._.push({ each: [value] }) }),
    );
    return Number((res as { updated?: number }).updated) === 1;
  }

  async mark(collection: string, id: string, field: string, value: Scalar): Promise<boolean> {
    const res = check(
      await this.db
        .collection(collection)
        .doc(id)
        .update({ [assertPath(field)]: this._.set(value) }),
    );
    // CloudBase counts modified documents: the same value again modifies nothing, so ask whether it exists.
    return Number((res as { updated?: number }).updated) === 1 || (await this.get(collection, id)) !== null;
  }

  async transact(ops: readonly TxOp[]): Promise<TxResult> {
    let index = 0;
    try {
      await this.db.runTransaction(async (tx: { collection(name: string): ReturnType<Db['collection']> }) => {
        // runTransaction re-runs this callback after a write conflict, so it re-reads every guard.
        for (index = 0; index < ops.length; index++) {
          const op = ops[index]!;
          const coll = tx.collection(op.collection);
          if (op.op === 'insert') {
            try {
              check(await coll.add(op.doc));
            } catch (e) {
              if (isDuplicate(e)) throw new TxAbort({ ok: false, reason: 'duplicate', index });
              throw e;
            }
            continue;
          }
          if (op.op === 'tally') {
            // A rollup: its counts added and its version bumped in one request; only when it is not
            // there yet (nothing updated) is it made from its init. Two first tallies race: the
            // loser's add is a duplicate, a conflict the mover plans again.
            const patch = { $inc: op.inc, ...(op.set ? { $set: op.set } : {}) };
            const res = check(await coll.doc(op.id).update({ ...compileCloudbasePatch(patch, this._), version: this._.inc(1) }));
            if (Number((res as { updated?: number }).updated) === 1) continue;
            try {
              check(await coll.add(applyPatch({ ...op.init, _id: op.id, version: 1 } as Doc, patch)));
            } catch (e) {
              if (isDuplicate(e)) throw new TxAbort({ ok: false, reason: 'conflict', index });
              throw e;
            }
            continue;
          }
          const current = check(await coll.doc(op.id).get()) as { data?: Doc | Doc[] | null };
          const doc = Array.isArray(current.data) ? current.data[0] : current.data;
          if (op.op === 'delete') {
            if (!doc) {
              if (op.version === undefined) continue;
              throw new TxAbort({ ok: false, reason: 'conflict', index });
            }
            if (op.version !== undefined && doc.version !== op.version) throw new TxAbort({ ok: false, reason: 'conflict', index });
            check(await coll.doc(op.id).remove());
            continue;
          }
          if (!doc || doc.version !== op.version) throw new TxAbort({ ok: false, reason: 'conflict', index });
          const data = { ...compileCloudbasePatch(op.patch, this._), version: this._.set(op.version + 1) };
          const res = check(await coll.doc(op.id).update(data));
          if (Number((res as { updated?: number }).updated) !== 1) throw new TxAbort({ ok: false, reason: 'conflict', index });
        }
      });
      return { ok: true };
    } catch (e) {
      if (e instanceof TxAbort) return e.result;
      // Retries exhausted on a write conflict: someone else changed a document we guard.
      if (failure(e)?.code === 'DATABASE_TRANSACTION_CONFLICT') return { ok: false, reason: 'conflict', index: Math.min(index, ops.length - 1) };
      throw e;
    }
  }

  /** Nothing to release: the SDK holds no connection. */
  async close(): Promise<void> {}
}
