import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatabaseSync as DatabaseSyncType, SQLInputValue, StatementSync } from 'node:sqlite';
import { COLLECTIONS, type CollectionSpec } from '../collections';
import { type Doc, type Filter, type FieldOps, type FindOptions, type Patch, type Scalar, type Store, type TxOp, type TxResult } from '../ports/store';
import { applyPatch, assertPath } from './patch';
import { isOps, pageSize, pageSkip } from './query';

// node:sqlite loads without a flag from Node 22.13 (22.5–22.12 need --experimental-sqlite); required lazily so that merely importing this file on an older
// Node gives a clear message instead of a module-not-found stack.
function openDatabase(file: string): DatabaseSyncType {
  let sqlite: typeof import('node:sqlite');
  try {
    sqlite = require('node:sqlite');
  } catch {
    throw new Error(`node:sqlite needs Node >= 22.13 (this is ${process.version}); run through npm scripts, which use the project's Node 24`);
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new sqlite.DatabaseSync(file);
}

const ident = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid collection name: ${name}`);
  return `"${name}"`;
};
const expr = (path: string) => `json_extract(doc, '$.${assertPath(path)}')`;
const bindable = (v: Scalar): SQLInputValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

type Where = { sql: string; params: SQLInputValue[] };

/**
 * Translates the filter subset into SQL over json_extract, the same expressions the indexes use,
 * with Mongo's (and so CloudBase's) semantics: a value only equals or orders against a value of
 * its own type (json_extract alone would let `true` equal 1, an object's JSON text compare with a
 * string, and every string sort above every number); `null` and `$ne`/`$nin` match a missing field.
 * Filters compare scalar fields; matching inside arrays is not part of the subset.
 */
export function compileFilter(filter: Filter): Where {
  const parts: string[] = [];
  const params: SQLInputValue[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '$or' || key === '$and') {
      const subs = (value as Filter[]).map(compileFilter);
      if (subs.length === 0) {
        parts.push(key === '$or' ? '0' : '1');
        continue;
      }
      parts.push(`(${subs.map((s) => `(${s.sql})`).join(key === '$or' ? ' OR ' : ' AND ')})`);
      subs.forEach((s) => params.push(...s.params));
      continue;
    }
    if (key.startsWith('$')) throw new Error(`unsupported operator: ${key}`);
    const field = fieldSql(key);
    const ops: FieldOps = isOps(value) ? value : { $eq: value as Scalar };
    for (const [op, arg] of Object.entries(ops)) {
      switch (op) {
        case '$eq':
          parts.push(field.eq(arg as Scalar, params));
          break;
        case '$ne':
          // NULL-safe negation: a missing field is "not equal" (Mongo), not unknown (SQL).
          parts.push(arg === null ? `${field.x} IS NOT NULL` : `NOT coalesce(${field.eq(arg as Scalar, params)}, 0)`);
          break;
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte': {
          if (typeof arg !== 'string' && typeof arg !== 'number') throw new Error(`${op} takes a string or a number`);
          const sym = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
          parts.push(`(${field.x} ${sym} ? AND ${field.typeIs(arg)})`);
          params.push(arg);
          break;
        }
        case '$in':
        case '$nin': {
          const any = field.in(arg as Scalar[], params);
          parts.push(op === '$in' ? any : `NOT coalesce(${any}, 0)`);
          break;
        }
        case '$exists':
          parts.push(key === '_id' ? (arg ? '1' : '0') : `json_type(doc, '$.${key}') IS ${arg ? 'NOT ' : ''}NULL`);
          break;
        default:
          throw new Error(`unsupported operator: ${op}`);
      }
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** SQL for one field: its value expression, a type test, equality and membership. */
function fieldSql(key: string) {
  const x = key === '_id' ? '_id' : expr(key);
  // `_id` is a TEXT column; every other field is typed by json_type (NULL when missing).
  const t = key === '_id' ? `'text'` : `json_type(doc, '$.${assertPath(key)}')`;
  const typeIs = (v: string | number | boolean): string =>
    typeof v === 'string' ? `${t} = 'text'` : typeof v === 'number' ? `${t} IN ('integer', 'real')` : `${t} = '${v ? 'true' : 'false'}'`;
  // `x = ?` stays first so that an index on the expression still serves the lookup.
  const eq = (v: Scalar, params: SQLInputValue[]): string => {
    if (v === null) return `${x} IS NULL`;
    params.push(bindable(v));
    return `(${x} = ? AND ${typeIs(v)})`;
  };
  const inList = (list: readonly Scalar[], params: SQLInputValue[]): string => {
    const alternatives: string[] = [];
    if (list.includes(null)) alternatives.push(`${x} IS NULL`);
    for (const kind of ['string', 'number'] as const) {
      const values = list.filter((v) => typeof v === kind) as (string | number)[];
      if (values.length === 0) continue;
      alternatives.push(`(${x} IN (${values.map(() => '?').join(', ')}) AND ${typeIs(values[0]!)})`);
      params.push(...values);
    }
    for (const b of [true, false]) if (list.includes(b)) alternatives.push(eq(b, params));
    if (alternatives.length === 0) return '0';
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  };
  return { x, typeIs, eq, in: inList };
}

/** The page size of a find (kept here too for callers that import it from this module). */
export { pageSize } from './query';

/** The embedded store: one SQLite file, a table per collection holding JSON documents. */
/**
 * The background checkpointer: its own connection to the file, in its own thread, folding the
 * write-ahead log into the database every `everyMs` (PASSIVE: it never waits for, nor holds up,
 * a reader or a writer). SQLite's advice for latency: checkpoint in a separate thread, so no
 * request pays for it. CommonJS source, as a worker evaluates it.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
const timer = setInterval(() => {
  try { db.exec('PRAGMA wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round folds it */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** How often the local server and the benchmarks fold the log into the database, off the request path. */
export const BACKGROUND_CHECKPOINT_MS = 1000;

export interface SqliteOptions {
  /** Checkpoint from a background thread every this many ms instead of on the commit that fills 1,000 pages. */
  checkpointEveryMs?: number;
}

export class SqliteStore implements Store {
  readonly db: DatabaseSyncType;
  private readonly statements = new Map<string, StatementSync>();
  private checkpointer: Worker | null = null;

  constructor(
    readonly file: string,
    private readonly collections: readonly CollectionSpec[] = COLLECTIONS,
    options: SqliteOptions = {},
  ) {
    this.db = openDatabase(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
    this.migrate();
    if (options.checkpointEveryMs && file !== ':memory:') {
      this.db.exec('PRAGMA wal_autocheckpoint = 0');
      this.checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { file, everyMs: options.checkpointEveryMs } });
      this.checkpointer.unref();
    }
  }

  /** Creates every declared table and index; safe to run on every start. */
  migrate(): void {
    for (const c of this.collections) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${ident(c.name)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL) STRICT`);
      for (const ix of c.indexes) {
        const cols = ix.fields.map(([p, d]) => `${expr(p)}${d === -1 ? ' DESC' : ''}`).join(', ');
        this.db.exec(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ident(`${c.name}_${ix.name}`)} ON ${ident(c.name)} (${cols})`);
      }
    }
  }

  /** Empties every collection (seeding and tests). */
  reset(): void {
    this.db.exec('BEGIN IMMEDIATE');
    for (const c of this.collections) this.db.exec(`DELETE FROM ${ident(c.name)}`);
    this.db.exec('COMMIT');
  }

  private prepare(sql: string): StatementSync {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private table(name: string): string {
    if (!this.collections.some((c) => c.name === name)) throw new Error(`unknown collection: ${name}`);
    return ident(name);
  }

  /** The SELECT a find runs, exposed so benchmarks and tests can check its plan uses an index. */
  selectSql(collection: string, filter: Filter, options?: FindOptions): Where {
    const where = compileFilter(filter);
    const order = (options?.sort ?? []).map(([p, d]) => `${p === '_id' ? '_id' : expr(p)} ${d === -1 ? 'DESC' : 'ASC'}`);
    const sql = `SELECT doc FROM ${this.table(collection)} WHERE ${where.sql}${order.length ? ` ORDER BY ${order.join(', ')}` : ''} LIMIT ? OFFSET ?`;
    return { sql, params: [...where.params, pageSize(options), pageSkip(options)] };
  }

  /** EXPLAIN QUERY PLAN details for a find. */
  plan(collection: string, filter: Filter, options?: FindOptions): string[] {
    const { sql, params } = this.selectSql(collection, filter, options);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }

  getSync<T extends Doc>(collection: string, id: string): T | null {
    const row = this.prepare(`SELECT doc FROM ${this.table(collection)} WHERE _id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return this.getSync<T>(collection, id);
  }

  async find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]> {
    const { sql, params } = this.selectSql(collection, filter, options);
    return (this.prepare(sql).all(...params) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const where = compileFilter(filter);
    const row = this.prepare(`SELECT count(*) AS n FROM ${this.table(collection)} WHERE ${where.sql}`).get(...where.params) as { n: number };
    return row.n;
  }

  private insertSync(collection: string, doc: Doc): boolean {
    try {
      this.prepare(`INSERT INTO ${this.table(collection)} (_id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc));
      return true;
    } catch (e) {
      if (isConstraint(e)) return false;
      throw e;
    }
  }

  async insert(collection: string, doc: Doc): Promise<{ ok: true } | { ok: false; reason: 'duplicate' }> {
    return this.insertSync(collection, doc) ? { ok: true } : { ok: false, reason: 'duplicate' };
  }

  private updateSync(collection: string, id: string, version: number, patch: Patch): boolean {
    const current = this.getSync(collection, id);
    if (!current || current.version !== version) return false;
    const next = applyPatch(current, patch);
    next.version = version + 1;
    const res = this.prepare(`UPDATE ${this.table(collection)} SET doc = ? WHERE _id = ? AND json_extract(doc, '$.version') = ?`).run(JSON.stringify(next), id, version);
    return Number(res.changes) === 1;
  }

  async update(collection: string, id: string, version: number, patch: Patch): Promise<boolean> {
    return this.updateSync(collection, id, version, patch);
  }

  /** A rollup's counts added, the document made from `init` first when it is not there (inside a transaction). */
  private tallySync(collection: string, id: string, init: Record<string, unknown>, patch: Patch): boolean {
    const current = this.getSync(collection, id);
    if (!current) return this.insertSync(collection, applyPatch({ ...init, _id: id, version: 1 } as Doc, patch));
    return this.updateSync(collection, id, current.version as number, patch);
  }

  async increment(collection: string, id: string, field: string, by: number): Promise<boolean> {
    const p = `'$.${assertPath(field)}'`;
    const res = this.prepare(`UPDATE ${this.table(collection)} SET doc = json_set(doc, ${p}, coalesce(json_extract(doc, ${p}), 0) + ?) WHERE _id = ?`).run(by, id);
    return Number(res.changes) === 1;
  }

  async push(collection: string, id: string, field: string, value: unknown): Promise<boolean> {
    const p = `'$.${assertPath(field)}'`;
    const res = this.prepare(
      `UPDATE ${this.table(collection)} SET doc = json_set(doc, ${p}, json_insert(coalesce(json_extract(doc, ${p}), json('[]')), '$[#]', json(?))) WHERE _id = ?`,
    ).run(JSON.stringify(value), id);
    return Number(res.changes) === 1;
  }

  /** Removes a document (at `version` when given); a missing document counts as removed only without a version. */
  private deleteSync(collection: string, id: string, version: number | undefined): boolean {
    if (version === undefined) {
      this.prepare(`DELETE FROM ${this.table(collection)} WHERE _id = ?`).run(id);
      return true;
    }
    const res = this.prepare(`DELETE FROM ${this.table(collection)} WHERE _id = ? AND json_extract(doc, '$.version') = ?`).run(id, version);
    return Number(res.changes) === 1;
  }

  async mark(collection: string, id: string, field: string, value: Scalar): Promise<boolean> {
    const res = this.prepare(`UPDATE ${this.table(collection)} SET doc = json_set(doc, '$.${assertPath(field)}', json(?)) WHERE _id = ?`).run(JSON.stringify(value), id);
    return Number(res.changes) === 1;
  }

  async transact(ops: readonly TxOp[]): Promise<TxResult> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const [index, op] of ops.entries()) {
        const done =
          op.op === 'insert'
            ? this.insertSync(op.collection, op.doc)
            : op.op === 'tally'
              ? this.tallySync(op.collection, op.id, op.init, { $inc: op.inc, ...(op.set ? { $set: op.set } : {}) })
              : op.op === 'delete'
                ? this.deleteSync(op.collection, op.id, op.version)
                : this.updateSync(op.collection, op.id, op.version, op.patch);
        if (!done) {
          this.db.exec('ROLLBACK');
          return { ok: false, reason: op.op === 'insert' ? 'duplicate' : 'conflict', index };
        }
      }
      this.db.exec('COMMIT');
      return { ok: true };
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  async close(): Promise<void> {
    const worker = this.checkpointer;
    this.checkpointer = null;
    if (worker) {
      const stopped = new Promise<void>((done) => worker.once('exit', () => done()));
      worker.ref(); // keep the process alive until the thread has closed its connection
      worker.postMessage('stop');
      await stopped;
    }
    this.statements.clear();
    this.db.close();
  }
}

function isConstraint(e: unknown): boolean {
  const err = e as { code?: string; errcode?: number; message?: string };
  return err?.code === 'ERR_SQLITE_ERROR' && /constraint/i.test(err.message ?? '');
}
