import { allRollupRules, COUNTS_FIELD, rollupDelta, rollupRuleFor, rollupTotals, sumCounts, type Contribution } from '../../shared/kernel/rollup';
import { applyPatch } from './adapters/patch';
import type { Doc, Store, TxOp } from './ports/store';

/**
 * Rollups kept on write (`rollups`): the writer adds, to every transaction, what its writes do to
 * the rollups of the records they touch — an insert adds the new record's contribution, an update
 * the difference between the record after and as read (`was`). So a rollup changes in the same
 * transaction as its records, whoever writes them (an action, the mover, the scheduler), and a
 * rebuild from the records (`rebuildRollups`) gives the same documents. The rules are registered by
 * the modules that write the records (`shared/kernel/rollup.ts`); a rebuild needs them all
 * (`shared/rollups.catalog.ts`).
 */

export const ROLLUPS_COLLECTION = 'rollups';

export interface RollupDoc extends Doc {
  kind: string;
  level: string;
  nodeId: string;
  parentId: string | null;
  month: string;
  t: Record<string, number>;
  /** Names of keyed counts (`u_<key>` → the work unit), when the kind has any. */
  labels?: Record<string, string>;
  version: number;
}

const tallyOp = (c: Contribution): TxOp => ({
  op: 'tally',
  collection: ROLLUPS_COLLECTION,
  id: c.id,
  init: { ...c.init, [COUNTS_FIELD]: {} },
  inc: Object.fromEntries(Object.entries(c.counts).map(([k, v]) => [`${COUNTS_FIELD}.${k}`, v])),
  ...(c.labels ? { set: Object.fromEntries(Object.entries(c.labels).map(([k, v]) => [`labels.${k}`, v])) } : {}),
});

/**
 * The transaction's writes followed by the rollup tallies they imply, one per rollup document.
 * An update of a rolled-up collection without `was` is a programming error: it throws.
 */
export function withRollups(ops: readonly TxOp[]): TxOp[] {
  const deltas: Contribution[] = [];
  for (const op of ops) {
    if (op.op === 'tally') continue;
    const rule = rollupRuleFor(op.collection);
    if (!rule) continue;
    if (op.op === 'delete') throw new Error(`rollups: ${op.collection}/${op.id} is counted in rollups and is never removed`);
    if (op.op === 'insert') deltas.push(...rollupDelta(rule, null, op.doc));
    else {
      if (!op.was) throw new Error(`rollups: an update of ${op.collection}/${op.id} must carry the document as read (was)`);
      deltas.push(...rollupDelta(rule, op.was, applyPatch(op.was, op.patch)));
    }
  }
  if (deltas.length === 0) return [...ops];
  const merged = new Map<string, Contribution>();
  for (const d of deltas) {
    const cur = merged.get(d.id) ?? { id: d.id, init: d.init, counts: {} };
    cur.counts = sumCounts([cur.counts, d.counts]);
    if (d.labels) cur.labels = { ...cur.labels, ...d.labels };
    merged.set(d.id, cur);
  }
  const tallies = [...merged.values()]
    .filter((c) => Object.keys(c.counts).length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(tallyOp);
  return [...ops, ...tallies];
}

const PAGE = 1000;

/** Every record of a collection, a page at a time in `_id` order. */
async function* pagesOf(store: Store, collection: string): AsyncGenerator<Doc[]> {
  for (let after = ''; ;) {
    const page = await store.find<Doc>(collection, after ? { _id: { $gt: after } } : {}, { sort: [['_id', 1]], limit: PAGE });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!._id;
  }
}

export interface RebuildReport {
  /** Records read, per collection. */
  read: Record<string, number>;
  /** Rollup documents whose counts differed from the records' and were rewritten. */
  rewritten: number;
  /** Rollup documents already equal to the records'. */
  unchanged: number;
}

const sameCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const ka = Object.keys(a).filter((k) => a[k] !== 0);
  const kb = Object.keys(b).filter((k) => b[k] !== 0);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
};

/**
 * Recomputes every rollup from the records and rewrites the ones that differ (a guarded update, or
 * an insert when missing; a rollup whose records are gone is set to empty counts). `dryRun` only
 * reports. Run it after loading records around the writer (a seed, an import) or to check the
 * incremental rollups: on a store written only through the writer it rewrites nothing.
 */
export async function rebuildRollups(store: Store, options: { dryRun?: boolean } = {}): Promise<RebuildReport> {
  const totals = new Map<string, Contribution>();
  const read: Record<string, number> = {};
  for (const [collection, rule] of allRollupRules()) {
    read[collection] = 0;
    for await (const page of pagesOf(store, collection)) {
      read[collection] += page.length;
      rollupTotals(rule, page, totals);
    }
  }
  const stored = new Map<string, RollupDoc>();
  for await (const page of pagesOf(store, ROLLUPS_COLLECTION)) for (const d of page) stored.set(d._id, d as RollupDoc);
  const ops: TxOp[] = [];
  let unchanged = 0;
  for (const [id, c] of totals) {
    const cur = stored.get(id);
    if (cur && sameCounts(cur.t ?? {}, c.counts)) unchanged++;
    else if (cur)
      ops.push({
        op: 'update',
        collection: ROLLUPS_COLLECTION,
        id,
        version: cur.version,
        patch: { $set: { [COUNTS_FIELD]: c.counts, ...(c.labels ? { labels: c.labels } : {}) } },
      });
    else ops.push({ op: 'insert', collection: ROLLUPS_COLLECTION, doc: { ...c.init, _id: id, [COUNTS_FIELD]: c.counts, ...(c.labels ? { labels: c.labels } : {}), version: 1 } });
  }
  for (const [id, cur] of stored) {
    if (totals.has(id)) continue;
    if (sameCounts(cur.t ?? {}, {})) unchanged++;
    else ops.push({ op: 'update', collection: ROLLUPS_COLLECTION, id, version: cur.version, patch: { $set: { [COUNTS_FIELD]: {} } } });
  }
  if (!options.dryRun) {
    // Small transactions: a rollup changed meanwhile by a live write conflicts and is left to the next run.
    for (let i = 0; i < ops.length; i += 100) await store.transact(ops.slice(i, i + 100));
  }
  return { read, rewritten: ops.length, unchanged };
}
