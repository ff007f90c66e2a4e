import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderRollupId } from '../../../shared/orders/order.rollup';
import { localPorts } from '../../../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { systemWriter } from '../../../cloudfunctions/_core/outbox';
import type { Ports } from '../../../cloudfunctions/_core/ports';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import '../../../shared/rollups.catalog';
import { rebuildRollups, withRollups, type RollupDoc } from '../../../cloudfunctions/_core/rollups';
import { fixtureOrder } from '../../helpers/order-fixtures';

/**
 * Rollups kept on write, on a real SQLite file: the writer adds the tallies of what a transaction
 * does to rolled-up records, and a rebuild from the records agrees with them.
 */
const NOW = '2026-11-23T02:00:00.000Z';

let dir: string;
let store: SqliteStore;
let ports: Ports;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'honglin-rollups-'));
  store = new SqliteStore(join(dir, 'rollups.sqlite'));
  ports = localPorts({ store, dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const order = () =>
  ({ ...fixtureOrder(NOW), room: null, contact: { name: '王阿姨', phone: null } }) as unknown as Doc & { version: number; place: { path: Record<string, string> } };
const rollup = (nodeId: string) => store.get<RollupDoc>('rollups', orderRollupId(nodeId, '2026-11'));

describe('rollups kept on write', () => {
  it('an order written through the writer counts in its street, community and grid rollups at once', async () => {
    const o = order();
    const w = systemWriter(ports, NOW);
    expect(await w.transact([{ op: 'insert', collection: 'orders', doc: o }], { subjectId: o._id })).toEqual({ ok: true });
    const { streetId, communityId, gridId } = o.place.path;
    for (const id of [streetId!, communityId!, gridId!]) expect((await rollup(id))?.t).toMatchObject({ posted: 1, open: 1 });
    expect(await rollup(gridId!)).toMatchObject({ kind: 'orders', level: 'grid', parentId: communityId, month: '2026-11' });
  });

  it('an update moves the counts by what changed, and a rebuild finds nothing to rewrite', async () => {
    const o = order();
    const w = systemWriter(ports, NOW);
    await w.transact([{ op: 'insert', collection: 'orders', doc: o }], { subjectId: o._id });
    await w.transact([{ op: 'update', collection: 'orders', id: o._id, version: o.version, patch: { $set: { state: 'cancelled' } }, was: o }], { subjectId: o._id });
    expect((await rollup(o.place.path.gridId!))?.t).toMatchObject({ cancelled: 1, posted: 0, open: 0 });
    expect(await rebuildRollups(store, { dryRun: true })).toMatchObject({ read: { orders: 1 }, rewritten: 0 });
  });

  it('refuses an update of a rolled-up record that does not say what it was', () => {
    expect(() => withRollups([{ op: 'update', collection: 'orders', id: 'x', version: 1, patch: { $set: { state: 'closed' } } }])).toThrow(/must carry the document as read/);
  });

  it('a rebuild writes the rollups of records loaded around the writer, and a dry run only counts them', async () => {
    const a = order();
    const b = { ...order(), _id: 'other', state: 'closed', closedAs: 'unrated' };
    await store.transact([
      { op: 'insert', collection: 'orders', doc: a },
      { op: 'insert', collection: 'orders', doc: b },
    ]);
    expect(await rebuildRollups(store, { dryRun: true })).toEqual({ read: expect.objectContaining({ orders: 2 }), rewritten: 3, unchanged: 0 });
    expect(await rollup(a.place.path.streetId!)).toBeNull();
    expect(await rebuildRollups(store)).toEqual({ read: expect.objectContaining({ orders: 2 }), rewritten: 3, unchanged: 0 });
    expect((await rollup(a.place.path.streetId!))?.t).toMatchObject({ posted: 2, open: 1, closed: 1, unrated: 1 });
    expect(await rebuildRollups(store)).toEqual({ read: expect.objectContaining({ orders: 2 }), rewritten: 0, unchanged: 3 });
  });

  it('a rebuild repairs a rollup that drifted and empties one whose records are gone', async () => {
    const o = order();
    await systemWriter(ports, NOW).transact([{ op: 'insert', collection: 'orders', doc: o }], { subjectId: o._id });
    const grid = (await rollup(o.place.path.gridId!))!;
    await store.update('rollups', grid._id, grid.version, { $set: { 't.posted': 5 } });
    await store.insert('rollups', {
      _id: orderRollupId('ghost', '2026-11'),
      kind: 'orders',
      level: 'grid',
      nodeId: 'ghost',
      parentId: null,
      month: '2026-11',
      t: { posted: 1 },
      version: 1,
    });
    expect(await rebuildRollups(store)).toMatchObject({ rewritten: 2, unchanged: 2 });
    expect((await rollup(o.place.path.gridId!))?.t).toMatchObject({ posted: 1 });
    expect((await rollup('ghost'))?.t).toEqual({});
  });
});
