import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok } from '../../../shared/api/envelope';
import type { Lifecycle } from '../../../shared/kernel/lifecycle';
import { fixtureOrder } from '../../helpers/order-fixtures';
import type { OrderContext, OrderStep, VolunteerRecord } from '../../../shared/orders/order.lifecycle';
import { localPorts } from '../../../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { create, move, PLATFORM_ACTOR, type Stored, type Versioned } from '../../../cloudfunctions/_core/mover';
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
