import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok } from '../../../shared/api/envelope';
import type { Lifecycle } from '../../../shared/kernel/lifecycle';
import { fixtureOrder } from '../../helpers/order-fixtures';
import type { OrderContext, OrderStep, VolunteerRecord } from '../../../shared/orders/order.lifecycle';
import { localPorts } from '../../../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { companion, companionCreate, create, move, PLATFORM_ACTOR, type Stored, type Versioned } from '../../../cloudfunctions/_core/mover';
import { systemWriter } from '../../../cloudfunctions/_core/outbox';
import type { Ports } from '../../../cloudfunctions/_core/ports';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { ORDERS, type OrderDoc } from '../../../cloudfunctions/orders/order-store';

/**
 * The one mover, on a real SQLite file: a move writes the subject (version-guarded), its timeline,
 * the effects' other writes, the audit entry and the outbox rows in one transaction — or nothing.
 */
const NOW = '2026-11-23T02:00:00.000Z';

let dir: string;
let store: SqliteStore;
let ports: Ports;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'honglin-mover-'));
  store = new SqliteStore(join(dir, 'mover.sqlite'));
  ports = localPorts({ store, dataDir: dir });
  const order = { ...fixtureOrder(NOW), room: null, contact: { name: '王阿姨', phone: null } };
  const ins = (collection: string, doc: Record<string, unknown>) => ({ op: 'insert' as const, collection, doc: doc as Doc });
  await store.transact([
    ins('orders', { ...order, state: 'offered', offer: { volunteerId: 'V', offeredAt: NOW, expiresAt: NOW, manual: false, score: 80 } }),
    ins('users', { _id: 'R', openid: 'o-R', name: '王阿姨', version: 1 }),
    ins('users', { _id: 'V', openid: 'o-V', name: '小李', version: 1 }),
    ins('users', { _id: 'L', openid: 'o-L', name: '网格长', version: 1 }),
    ins('users', { _id: 'K', openid: 'o-K', name: '社区书记', version: 1 }),
    ins('memberships', {
      _id: 'L.gridLeader.G',
      userId: 'L',
      role: 'gridLeader',
      nodeId: 'G',
      nodeKind: 'grid',
      path: { streetId: 'S', communityId: 'C', gridId: 'G' },
      version: 1,
    }),
    ins('memberships', {
      _id: 'K.communityAdmin.C',
      userId: 'K',
      role: 'communityAdmin',
      nodeId: 'C',
      nodeKind: 'community',
      path: { streetId: 'S', communityId: 'C' },
      version: 1,
    }),
    ins('volunteers', {
      _id: 'V',
      userId: 'V',
      name: '小李',
      active: true,
      skills: [],
      availability: [],
      openLoad: 0,
      lastAssignedAt: null,
      ratingSum: 0,
      ratingCount: 0,
      gridId: 'G',
      communityId: 'C',
      version: 1,
    }),
  ]);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const counts = async () => ({
  events: await store.count('order_events', {}),
  audit: await store.count('audit', {}),
  outbox: await store.count('outbox', {}),
});
const theOrder = async () => (await store.find<OrderDoc>('orders', {}, { limit: 1 }))[0] as Versioned<OrderDoc>;
const asVolunteer = (v: VolunteerRecord | null): OrderContext => ({ now: NOW, by: { id: 'V', name: '小李' }, volunteers: { V: v } });
const volunteerDoc = () => store.get<VolunteerRecord & Doc>('volunteers', 'V');

describe('move', () => {
  it('writes the order, its timeline, the counter, the audit entry and the outbox row together, and delivers the row', async () => {
    const before = await theOrder();
    const res = await move(systemWriter(ports, NOW), ORDERS, before, { id: 'V', label: '志愿者 小李' }, async () =>
      ok({ events: [{ type: 'accept' } as OrderStep], x: asVolunteer(await volunteerDoc()) }),
    );
    expect(res.ok).toBe(true);
    const after = await theOrder();
    expect(after).toMatchObject({ state: 'accepted', assigneeId: 'V', version: before.version + 1 });
    expect(res.ok && res.doc).toEqual(after);
    expect(await store.find('order_events', { orderId: before._id }, { limit: 10 })).toEqual([
      expect.objectContaining({ kind: 'accepted', actorLabel: '志愿者 小李', text: '志愿者 小李 已接单' }),
    ]);
    expect((await volunteerDoc())!.openLoad).toBe(1);
    expect(await store.find('audit', { subjectId: before._id }, { limit: 10 })).toEqual([expect.objectContaining({ function: 'scheduler', detail: { event: 'accept' } })]);
    expect(await store.find('outbox', {}, { limit: 10 })).toEqual([expect.objectContaining({ recipientId: 'R', template: 'order.accepted', status: 'sent' })]);
  });

  it('writes nothing when the order changed since it was read', async () => {
    const stale = await theOrder();
    await store.update('orders', stale._id, stale.version, { $set: { description: '改了' } });
    const before = await counts();
    const res = await move(systemWriter(ports, NOW), ORDERS, stale, { id: 'V', label: '志愿者' }, async () =>
      ok({ events: [{ type: 'accept' } as OrderStep], x: asVolunteer(await volunteerDoc()) }),
    );
    expect(res).toEqual({ ok: false, reason: 'conflict' });
    expect(await counts()).toEqual(before);
    expect((await volunteerDoc())!.openLoad).toBe(0);
  });

  it('plans again from fresh reads when a counter it writes lost a race, and writes once', async () => {
    const readFirst = await volunteerDoc();
    await store.update('volunteers', 'V', readFirst!.version, { $inc: { ratingCount: 1 } }); // someone else changed the record
    const attempts: number[] = [];
    const res = await move(systemWriter(ports, NOW), ORDERS, await theOrder(), { id: 'V', label: '志愿者' }, async (attempt) => {
      attempts.push(attempt);
      return ok({ events: [{ type: 'accept' } as OrderStep], x: asVolunteer(attempt === 0 ? readFirst : await volunteerDoc()) });
    });
    expect(res.ok).toBe(true);
    expect(attempts).toEqual([0, 1]);
    expect(await volunteerDoc()).toMatchObject({ openLoad: 1, ratingCount: 1 });
    expect(await store.count('order_events', {})).toBe(1);
  });

  it('writes nothing when the lifecycle refuses, and says why', async () => {
    const before = await counts();
    const res = await move(systemWriter(ports, NOW), ORDERS, await theOrder(), { id: 'R', label: '居民' }, () =>
      ok({ events: [{ type: 'resolve', note: '好了', photos: [] } as OrderStep], x: asVolunteer(null) }),
    );
    expect(res).toEqual({ ok: false, reason: 'refused', refusal: { code: 'NOT_ALLOWED_NOW' } });
    expect(await counts()).toEqual(before);
  });

  it('tells the leaders of the place at the level a notice names, each once', async () => {
    const res = await move(systemWriter(ports, NOW), ORDERS, await theOrder(), { id: 'L', label: '网格负责人' }, () =>
      ok({ events: [{ type: 'escalate', cause: 'leader', reason: '需要社区协调' } as OrderStep], x: { now: NOW, by: { id: 'L', name: '网格长' }, volunteers: {} } }),
    );
    expect(res.ok).toBe(true);
    const rows = await store.find<Doc & { recipientId: string; template: string }>('outbox', {}, { sort: [['recipientId', 1]], limit: 10 });
    expect(rows.map((r) => r.recipientId)).toEqual(['K', 'R']);
  });
});

describe('a binding that stores its state under another name', () => {
  type S = 'open' | 'closed';
  type Duty = { state: S; status?: S; minutes: number };
  const lifecycle: Lifecycle<S, { type: 'close' }, Duty, null> = {
    name: 'duty',
    states: ['open', 'closed'],
    next: (s) => (s === 'open' ? 'closed' : null),
    effect: () => ({ set: { minutes: 30 } }),
  };
  const binding: Stored<S, { type: 'close' }, Duty, null> = { lifecycle, collection: 'duty', timeline: null, stateKey: 'status' };

  it('writes the state as that field, on create and on move, and stores no `state` beside it', async () => {
    const w = systemWriter(ports, NOW);
    const made = await create(
      w,
      binding,
      { _id: 'd1', version: 1, state: 'open', minutes: 0 },
      { after: { state: 'open', minutes: 0 }, set: {}, inc: {}, timeline: [], notify: [], audit: { event: 'open' }, writes: [] },
      PLATFORM_ACTOR,
    );
    expect(made.ok).toBe(true);
    expect(await store.get('duty', 'd1')).toEqual({ _id: 'd1', version: 1, status: 'open', minutes: 0 });
    const moved = await move(w, binding, { _id: 'd1', version: 1, state: 'open', minutes: 0 }, PLATFORM_ACTOR, () => ok({ events: [{ type: 'close' as const }], x: null }));
    expect(moved.ok && moved.doc).toMatchObject({ status: 'closed', minutes: 30, version: 2 });
    expect(await store.get('duty', 'd1')).toEqual({ _id: 'd1', version: 2, status: 'closed', minutes: 30 });
  });
});

describe('companions: another subject changed in the same transaction', () => {
  type S = 'open' | 'shut';
  type Box = { state: S; note: string };
  const lifecycle: Lifecycle<S, { type: 'shut' } | { type: 'open' }, Box, null> = {
    name: 'box',
    states: ['open', 'shut'],
    next: (s, e) => (e.type === 'shut' && s === 'open' ? 'shut' : e.type === 'open' && s === 'shut' ? 'open' : null),
    effect: (_b, e) => ({
      set: { note: e.type },
      timeline: [{ kind: e.type, text: `盒子${e.type === 'shut' ? '关上' : '打开'}` }],
      notify: [{ to: { userId: 'R' }, template: 'order.comment', title: e.type, body: e.type }],
    }),
  };
  // Any declared collections do: the store only knows the ones in collections.ts.
  const BOXES: Stored<S, { type: 'shut' } | { type: 'open' }, Box, null> = {
    lifecycle,
    collection: 'meta',
    timeline: { collection: 'topic_events', subjectKey: 'boxId', idPrefix: 'bev' },
  };
  const box = (id: string, state: S): Versioned<Box & Doc> => ({ _id: id, version: 1, state, note: '' });

  beforeEach(async () => {
    await store.transact([
      { op: 'insert', collection: 'meta', doc: box('a', 'open') },
      { op: 'insert', collection: 'meta', doc: box('b', 'open') },
    ]);
  });

  it('writes both subjects, both timelines, both notices and one audit entry, or nothing', async () => {
    const w = systemWriter(ports, NOW);
    const other = companion(w, BOXES, box('b', 'open'), PLATFORM_ACTOR, [{ type: 'shut' }], null);
    if (!other.ok) throw new Error('refused');
    expect(other.after).toMatchObject({ state: 'shut', version: 2 });
    const res = await move(w, BOXES, box('a', 'open'), PLATFORM_ACTOR, () => ok({ events: [{ type: 'shut' as const }], x: null, also: [other.companion] }));
    expect(res.ok).toBe(true);
    expect(await store.get('meta', 'a')).toMatchObject({ state: 'shut', version: 2 });
    expect(await store.get('meta', 'b')).toMatchObject({ state: 'shut', version: 2 });
    expect(await store.count('topic_events', {})).toBe(2);
    expect(await store.count('outbox', {})).toBe(2);
    const audits = await store.find<Doc & { detail: Record<string, unknown> }>('audit', { subjectId: 'a' }, { limit: 5 });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).toMatchObject({ event: 'shut', 'box.event': 'shut' });
  });

  it('writes nothing when the companion moved since it was read', async () => {
    const w = systemWriter(ports, NOW);
    await store.update('meta', 'b', 1, { $set: { note: '别人改了' } });
    const stale = companion(w, BOXES, box('b', 'open'), PLATFORM_ACTOR, [{ type: 'shut' }], null);
    if (!stale.ok) throw new Error('refused');
    const res = await move(w, BOXES, box('a', 'open'), PLATFORM_ACTOR, () => ok({ events: [{ type: 'shut' as const }], x: null, also: [stale.companion] }));
    expect(res).toEqual({ ok: false, reason: 'busy' });
    expect(await store.get('meta', 'a')).toMatchObject({ state: 'open', version: 1 });
    expect(await store.count('topic_events', {})).toBe(0);
    expect(await store.count('outbox', {})).toBe(0);
  });

  it("refuses a companion's event the table does not allow", () => {
    expect(companion(systemWriter(ports, NOW), BOXES, box('b', 'open'), PLATFORM_ACTOR, [{ type: 'open' }], null)).toEqual({ ok: false, refusal: { code: 'NOT_ALLOWED_NOW' } });
  });

  it('creates a new subject beside a move once: the same id a second time writes nothing', async () => {
    const w = systemWriter(ports, NOW);
    const born = () =>
      companionCreate(
        w,
        BOXES,
        box('c', 'open'),
        { after: box('c', 'open'), set: {}, inc: {}, timeline: [{ kind: 'made', text: '新盒子' }], notify: [], audit: { event: 'made' }, writes: [] },
        () => PLATFORM_ACTOR,
      );
    const first = await move(w, BOXES, box('a', 'open'), PLATFORM_ACTOR, () => ok({ events: [{ type: 'shut' as const }], x: null, also: [born()] }));
    expect(first.ok).toBe(true);
    expect(await store.get('meta', 'c')).toMatchObject({ state: 'open', version: 1 });
    const again = await move(w, BOXES, box('b', 'open'), PLATFORM_ACTOR, () => ok({ events: [{ type: 'shut' as const }], x: null, also: [born()] }));
    expect(again).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.get('meta', 'b')).toMatchObject({ state: 'open', version: 1 });
    expect(await store.count('topic_events', { boxId: 'c' })).toBe(1);
  });
});

describe('a notice to the residents of a place (公示)', () => {
  it('tells every resident whose home is in the grid, and nobody elsewhere', async () => {
    const home = (gridId: string) => ({ buildingId: `${gridId}-b1`, room: '101', path: { streetId: 'S', communityId: 'C', gridId } });
    await store.transact([
      { op: 'insert', collection: 'users', doc: { _id: 'H1', openid: 'o-H1', name: '甲', home: home('G'), createdAt: NOW, version: 1 } },
      { op: 'insert', collection: 'users', doc: { _id: 'H2', openid: 'o-H2', name: '乙', home: home('G'), createdAt: NOW, version: 1 } },
      { op: 'insert', collection: 'users', doc: { _id: 'H3', openid: 'o-H3', name: '丙', home: home('G2'), createdAt: NOW, version: 1 } },
    ]);
    const lifecycle: Lifecycle<'x', { type: 'tell' }, { state: 'x' }, null> = {
      name: 'notice',
      states: ['x'],
      next: () => 'x',
      effect: () => ({ notify: [{ to: { residentsOf: { gridId: 'G' } }, template: 'council.decision', title: '公示', body: '决议' }] }),
    };
    await store.insert('council_settings', { _id: 'n1', version: 1, state: 'x' });
    const res = await move(systemWriter(ports, NOW), { lifecycle, collection: 'council_settings', timeline: null }, { _id: 'n1', version: 1, state: 'x' }, PLATFORM_ACTOR, () =>
      ok({ events: [{ type: 'tell' as const }], x: null }),
    );
    expect(res.ok).toBe(true);
    const rows = await store.find<Doc & { recipientId: string }>('outbox', {}, { sort: [['recipientId', 1]], limit: 10 });
    expect(rows.map((r) => r.recipientId)).toEqual(['H1', 'H2']);
  });
});
