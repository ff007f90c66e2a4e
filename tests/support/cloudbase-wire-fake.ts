import type { CloudbaseStore } from '../../cloudfunctions/_core/adapters/cloudbase-store';
import type { Filter } from '../../cloudfunctions/_core/ports/store';
import { compareForSort, matches, valueAt } from './mongo-reference';

/**
 * An in-memory stand-in for the CloudBase database *service*, plugged in below the SDK: it answers
 * the wire requests `@cloudbase/node-sdk` sends (`database.getDocument`, `modifyDocument`,
 * transactions, …) with the parameters the SDK really serialises (EJSON strings). It lets the
 * contract suite run the real CloudbaseStore and the real SDK offline. What it proves: our
 * translation of filters, sorts, paging, patches, guards and transactions into SDK calls, and our
 * handling of the answers and error codes. What it cannot prove: the live service's behaviour —
 * that is what the live run of the suite (with credentials) is for.
 */

type Doc = Record<string, unknown> & { _id: string };
type Collections = Map<string, Map<string, Doc>>;

/** Canonical EJSON as the SDK writes it: numbers arrive as `{ $numberInt: "3" }` and friends. */
export function decodeEjson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeEjson);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys;
    if (k === '$numberInt' || k === '$numberLong') return Number.parseInt(String(obj[k!]), 10);
    if (k === '$numberDouble') return Number.parseFloat(String(obj[k!]));
    if (k === '$date') throw new Error('wire fake: dates are not used by the store');
  }
  return Object.fromEntries(keys.map((key) => [key, decodeEjson(obj[key])]));
}

const parse = (text: unknown): any => (typeof text === 'string' && text !== '' ? decodeEjson(JSON.parse(text)) : undefined);

function cloudError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let cur = doc;
  for (const k of keys) {
    if (cur[k] === null || typeof cur[k] !== 'object' || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[last] = value;
}

function unsetPath(doc: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let cur: unknown = doc;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[k];
  }
  if (cur !== null && typeof cur === 'object') delete (cur as Record<string, unknown>)[last];
}

/** Applies a Mongo update document ($set, $unset, $inc, $push with $each): the operators the adapter emits. */
function applyUpdate(doc: Doc, update: Record<string, Record<string, unknown>>): Doc {
  const next = structuredClone(doc);
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, arg] of Object.entries(fields)) {
      switch (op) {
        case '$set':
          setPath(next, path, structuredClone(arg));
          break;
        case '$unset':
          unsetPath(next, path);
          break;
        case '$inc': {
          const cur = valueAt(next, path);
          setPath(next, path, (typeof cur === 'number' ? cur : 0) + (arg as number));
          break;
        }
        case '$push': {
          const cur = valueAt(next, path);
          const each = (arg as { $each?: unknown[] }).$each;
          if (!Array.isArray(each)) throw cloudError('DATABASE_INVALID_OPERRATOR', 'wire fake: $push without $each');
          setPath(next, path, [...(Array.isArray(cur) ? cur : []), ...structuredClone(each)]);
          break;
        }
        default:
          throw cloudError('DATABASE_INVALID_OPERRATOR', `wire fake: unsupported update operator ${op}`);
      }
    }
  }
  return next;
}

export interface WireFake {
  /** Every wire request, in order (api name and decoded parameters). */
  readonly requests: { api: string; params: Record<string, unknown> }[];
  readonly collections: Collections;
}

export const WIRE_FAKE_ENV = 'honglin-wire-fake';

/**
 * Routes the store's database requests to the fake. The SDK builds a requester per query from the
 * static `Db.reqClass`; requests for the fake's environment go to the fake, any other environment
 * to the real requester, so a live run in the same process is untouched.
 */
export function attachWireFake(store: CloudbaseStore): WireFake {
  const DbClass = store.db.constructor as unknown as { reqClass: new (config: any) => { send(api: string, params?: any): Promise<any> } };
  const Real = DbClass.reqClass;
  const collections: Collections = new Map();
  /**
   * A transaction works on its own copy; its commit writes back only the documents it wrote. As the
   * service does, a commit fails with a write conflict when a document it wrote was changed by
   * someone else since the transaction started (`base` is the state it started from).
   */
  const transactions = new Map<string, { copy: Collections; base: Collections; wrote: Set<string> }>();
  const requests: WireFake['requests'] = [];
  let nextTx = 1;

  const coll = (state: Collections, name: string): Map<string, Doc> => {
    let c = state.get(name);
    if (!c) state.set(name, (c = new Map()));
    return c;
  };
  const txOf = (params: { transactionId?: string }) => {
    if (!params.transactionId) return null;
    const tx = transactions.get(params.transactionId);
    if (!tx) throw cloudError('DATABASE_TRANSACTION_FAIL', 'wire fake: unknown transaction');
    return tx;
  };
  const stateFor = (params: { transactionId?: string }): Collections => txOf(params)?.copy ?? collections;
  const wrote = (params: { transactionId?: string; collectionName: string }, id: string) => txOf(params)?.wrote.add(`${params.collectionName}\u0000${id}`);
  const select = (params: any): Doc[] => {
    const query = parse(params.query) as Filter | undefined;
    const docs = [...coll(stateFor(params), params.collectionName).values()].filter((d) => !query || matches(d, query));
    const order = parse(params.order) as Record<string, 1 | -1> | undefined;
    if (order) {
      const keys = Object.entries(order);
      docs.sort((a, b) => {
        for (const [path, dir] of keys) {
          const c = compareForSort(valueAt(a, path), valueAt(b, path));
          if (c !== 0) return c * dir;
        }
        return 0;
      });
    }
    return docs;
  };

  const handle = async (api: string, params: any = {}): Promise<any> => {
    requests.push({ api, params: { ...params } });
    switch (api) {
      case 'database.getDocument': {
        const all = select(params);
        const offset = params.offset ?? 0;
        const list = params.queryType === 'DOC' ? all.slice(0, 1) : all.slice(offset, offset + (params.limit ?? 100));
        return { requestId: 'fake', data: { list: list.map((d) => JSON.stringify(d)) } };
      }
      case 'database.calculateDocument':
        return { requestId: 'fake', data: { total: select(params).length } };
      case 'database.insertDocument': {
        const target = coll(stateFor(params), params.collectionName);
        const docs = (params.data as string[]).map((text) => parse(text) as Doc);
        for (const d of docs) if (target.has(d._id)) throw cloudError('DATABASE_DUPLICATE_WRITE', 'E11000 duplicate key error (wire fake)');
        for (const d of docs) {
          target.set(d._id, d);
          wrote(params, d._id);
        }
        return { requestId: 'fake', data: { insertedIds: docs.map((d) => d._id) } };
      }
      case 'database.modifyDocument': {
        if (params.upsert) throw cloudError('DATABASE_INVALID_OPERRATOR', 'wire fake: upsert is not used by the store');
        const target = coll(stateFor(params), params.collectionName);
        const update = parse(params.data);
        const hits = select(params);
        let updated = 0;
        for (const doc of params.multi === false ? hits.slice(0, 1) : hits) {
          const next = applyUpdate(doc, update);
          if (JSON.stringify(next) !== JSON.stringify(doc)) updated++;
          target.set(doc._id, next);
          wrote(params, doc._id);
        }
        return { requestId: 'fake', data: { updated } };
      }
      case 'database.removeDocument': {
        const target = coll(stateFor(params), params.collectionName);
        const hits = select(params);
        for (const doc of params.multi === false ? hits.slice(0, 1) : hits) {
          target.delete(doc._id);
          wrote(params, doc._id);
        }
        return { requestId: 'fake', data: { deleted: hits.length } };
      }
      case 'database.startTransaction': {
        const id = `tx${nextTx++}`;
        const clone = (): Collections => new Map([...collections].map(([name, docs]) => [name, new Map([...docs].map(([k, d]) => [k, structuredClone(d)]))]));
        transactions.set(id, { copy: clone(), base: clone(), wrote: new Set() });
        return { requestId: 'fake', transactionId: id };
      }
      case 'database.commitTransaction': {
        const tx = transactions.get(params.transactionId);
        if (!tx) throw cloudError('DATABASE_TRANSACTION_FAIL', 'wire fake: unknown transaction');
        transactions.delete(params.transactionId);
        for (const key of tx.wrote) {
          const [name, id] = key.split('\u0000') as [string, string];
          if (JSON.stringify(tx.base.get(name)?.get(id) ?? null) !== JSON.stringify(collections.get(name)?.get(id) ?? null)) {
            throw cloudError('DATABASE_TRANSACTION_CONFLICT', 'wire fake: a document this transaction wrote was changed meanwhile');
          }
        }
        for (const key of tx.wrote) {
          const [name, id] = key.split('\u0000') as [string, string];
          const doc = tx.copy.get(name)?.get(id);
          if (doc) coll(collections, name).set(id, doc);
          else coll(collections, name).delete(id);
        }
        return { requestId: 'fake' };
      }
      case 'database.abortTransaction':
        transactions.delete(params.transactionId);
        return { requestId: 'fake' };
      default:
        throw cloudError('INVALID_ACTION', `wire fake: ${api} is not emulated`);
    }
  };

  DbClass.reqClass = function Requester(this: unknown, config: { env?: unknown; envName?: unknown }) {
    if (config?.env !== WIRE_FAKE_ENV && config?.envName !== WIRE_FAKE_ENV) return new Real(config);
    return { send: (api: string, params?: unknown) => handle(api, params) };
  } as unknown as typeof Real;
  return { requests, collections };
}
