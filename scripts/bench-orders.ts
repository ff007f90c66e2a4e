import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { BACKGROUND_CHECKPOINT_MS, SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../cloudfunctions/_core/collections';
import { runCall } from '../cloudfunctions/_core/pipeline';
import type { Doc, TxOp } from '../cloudfunctions/_core/ports/store';
import { planDispatch } from '../cloudfunctions/orders/dispatcher';
import { homeQueries, listQuery } from '../cloudfunctions/orders/order-lists';
import type { OrderDoc } from '../cloudfunctions/orders/order-store';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import { CATEGORIES } from '../shared/orders/categories';
import { levelDeadline } from '../shared/orders/escalation';
import type { OrderState } from '../shared/orders/order.machine';
import { QUEUE_FILTERS } from '../shared/orders/orders.schema';
import { volunteerProfileDoc } from '../shared/orders/volunteer';
import { mulberry32 as rng } from './demo-data';
import { p95 } from './bench-stats';

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
type Record_ = (name: string, value: number, unit: Unit) => void;

const NOW = '2026-11-23T02:00:00.000Z';
const GRIDS = 200;
const VOLUNTEERS_PER_GRID = 50; // 10,000
const RESIDENTS_PER_GRID = 100; // 20,000
const ORDERS = 100_000;

/** 1 street, 10 communities, 200 grids, 10k volunteers, 20k residents, 100k orders in all states. */
function bigTerritory(): { ops: TxOp[]; residents: string[]; gridIds: string[] } {
  const r = rng(7);
  const ops: TxOp[] = [];
  const ins = (collection: string, doc: Doc) => ops.push({ op: 'insert', collection, doc });
  const node = (doc: Record<string, unknown>) => ins('nodes', { version: 1, createdAt: NOW, order: 1, ...doc } as unknown as Doc);
  node({ _id: 'S', kind: 'street', name: '街道', parentId: null, path: { streetId: 'S' } });
  const gridIds: string[] = [];
  const residents: string[] = [];
  for (let c = 0; c < 10; c++) {
    const cid = `C${c}`;
    node({ _id: cid, kind: 'community', name: `社区${c}`, parentId: 'S', path: { streetId: 'S', communityId: cid } });
    for (let g = 0; g < GRIDS / 10; g++) {
      const gid = `${cid}G${g}`;
      gridIds.push(gid);
      const gpath = { streetId: 'S', communityId: cid, gridId: gid };
      node({ _id: gid, kind: 'grid', name: `网格${g}`, parentId: cid, path: gpath });
      const bid = `${gid}B`;
      const bpath = { ...gpath, microGridId: `${gid}M`, buildingId: bid };
      node({ _id: `${gid}M`, kind: 'microGrid', name: '微网格', parentId: gid, path: { ...gpath, microGridId: `${gid}M` } });
      node({ _id: bid, kind: 'building', name: '1栋', parentId: `${gid}M`, path: bpath });
      for (let v = 0; v < VOLUNTEERS_PER_GRID; v++) {
        const id = `v-${gid}-${v}`;
        const skills = [CATEGORIES[Math.floor(r() * 9)]!, CATEGORIES[Math.floor(r() * 9)]!, '水电维修'];
        const user = {
          _id: id,
          openid: id,
          name: `志愿者${v}`,
          largeText: false,
          createdAt: NOW,
          updatedAt: NOW,
          version: 1,
          home: { buildingId: bid, room: '101', path: bpath },
          volunteer: { partyMember: true, inService: false, skills },
        };
        ins('users', user);
        ins('memberships', {
          _id: `${id}.volunteer.${gid}`,
          userId: id,
          role: 'volunteer',
          nodeId: gid,
          nodeKind: 'grid',
          path: gpath,
          grantedBy: null,
          inviteId: null,
          grantedAt: NOW,
          version: 1,
        });
        ins('volunteers', {
          ...volunteerProfileDoc(user, gpath, [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }]),
          openLoad: Math.floor(r() * 3),
          lastAssignedAt: new Date(Date.parse(NOW) - Math.floor(r() * 30) * 86_400_000).toISOString(),
          ratingSum: 40,
          ratingCount: 10,
        } as unknown as Doc);
      }
      for (let p = 0; p < RESIDENTS_PER_GRID; p++) {
        const id = `r-${gid}-${p}`;
        residents.push(id);
        ins('users', {
          _id: id,
          openid: id,
          name: `居民${p}`,
          phone: '13800001111',
          phoneConsentAt: NOW,
          largeText: false,
          createdAt: NOW,
          updatedAt: NOW,
          version: 1,
          home: { buildingId: bid, room: '101', path: bpath },
        });
      }
    }
  }
  const states: OrderState[] = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'accepted', 'resolved', 'waiting', 'offered', 'pool', 'cancelled', 'reopened'];
  for (let i = 0; i < ORDERS; i++) {
    const gid = gridIds[i % GRIDS]!;
    const cid = gid.split('G')[0]!;
    const state = states[Math.floor(r() * states.length)]!;
    const poster = `r-${gid}-${i % RESIDENTS_PER_GRID}`;
    const vol = `v-${gid}-${i % VOLUNTEERS_PER_GRID}`;
    const postedAt = new Date(Date.parse(NOW) - Math.floor(r() * 180) * 86_400_000).toISOString();
    ins('orders', {
      _id: `bo${i}`,
      version: 1,
      posterId: poster,
      postedBy: poster,
      onBehalf: false,
      clientKey: `k${i}`,
      category: '水电维修',
      description: '基准测试',
      photos: [],
      urgency: 'normal',
      preferredTime: null,
      place: { path: { streetId: 'S', communityId: cid, gridId: gid, microGridId: `${gid}M`, buildingId: `${gid}B` }, buildingId: `${gid}B`, room: '101', point: null, label: '' },
      contact: { name: '居民', phone: '13800001111' },
      private: false,
      state,
      level: 'grid',
      maxLevel: 'grid',
      levelSince: postedAt,
      levelDeadline: levelDeadline('grid', postedAt),
      breaches: 0,
      offer: state === 'offered' ? { volunteerId: vol, offeredAt: postedAt, expiresAt: new Date(Date.parse(NOW) + 3600_000).toISOString(), manual: false, score: 50 } : null,
      excluded: [],
      failedOffers: 0,
      assigneeId: ['accepted', 'resolved', 'closed', 'reopened'].includes(state) ? vol : null,
      dispatchReason: null,
      postedAt,
      month: postedAt.slice(0, 7),
      firstOfferedAt: postedAt,
      acceptedAt: postedAt,
      resolvedAt: ['resolved', 'closed'].includes(state) ? NOW : null,
      ratedAt: null,
      closedAt: state === 'closed' ? NOW : null,
      cancelledAt: null,
      reopenedAt: null,
      closedAs: state === 'closed' ? 'rated' : null,
      resolution: null,
      rating: state === 'closed' ? { stars: 5, tags: [], comment: '', at: NOW } : null,
      reopenCount: 0,
      handBacks: 0,
      cancelReason: null,
      topicId: null,
    } as Doc);
  }
  return { ops, residents, gridIds };
}

/** Plans of every order-list and due-work query must use an index: a table scan of 100k orders is a bug. */
function indexBacked(store: SqliteStore, gridIds: string[]): { backed: number; total: number; misses: string[] } {
  const actor = { user: { _id: `v-${gridIds[0]}-0` } as never, memberships: [{ role: 'volunteer', path: { streetId: 'S', communityId: 'C0', gridId: gridIds[0] } }] as never };
  const queries: { name: string; filter: Record<string, unknown>; options: Record<string, unknown> }[] = [];
  for (const view of ['posted', 'offers', 'tasks', 'pool'] as const)
    for (const q of listQuery(actor, { view, filter: 'all', offset: 0, limit: 20 }, null, NOW)) queries.push({ name: view, ...q } as never);
  const nodes = [
    { _id: gridIds[0]!, kind: 'grid', path: { streetId: 'S', communityId: 'C0', gridId: gridIds[0]! } },
    { _id: 'C0', kind: 'community', path: { streetId: 'S', communityId: 'C0' } },
    { _id: 'S', kind: 'street', path: { streetId: 'S' } },
  ];
  for (const n of nodes)
    for (const filter of QUEUE_FILTERS)
      for (const q of listQuery(actor, { view: 'queue', filter, offset: 0, limit: 20 }, n as never, NOW)) queries.push({ name: `queue:${n.kind}:${filter}`, ...q } as never);
  // The home page's own finds (its leader counts are the queue filters above).
  const home = homeQueries(`v-${gridIds[0]}-0`, true);
  for (const q of [home.offers!, home.inHand!, home.mine]) queries.push({ name: q.name, filter: q.filter, options: q.options } as never);
  for (const [key, id] of [
    ['gridId', gridIds[0]],
    ['communityId', 'C0'],
    ['streetId', 'S'],
  ] as const) {
    queries.push({
      name: `stats:${key}`,
      filter: { [`place.path.${key}`]: id, month: '2026-11' },
      options: {
        sort: [
          [`place.path.${key}`, 1],
          ['month', 1],
        ],
        limit: 1000,
      },
    });
  }
  queries.push({
    name: 'due:offers',
    filter: { state: 'offered', 'offer.expiresAt': { $lte: NOW } },
    options: {
      sort: [
        ['state', 1],
        ['offer.expiresAt', 1],
      ],
      limit: 1000,
    },
  });
  queries.push({
    name: 'due:clock',
    filter: { state: { $in: ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'reopened'] }, levelDeadline: { $lte: NOW } },
    options: {
      sort: [
        ['state', 1],
        ['levelDeadline', 1],
      ],
      limit: 1000,
    },
  });
  queries.push({
    name: 'due:autoClose',
    filter: { state: 'resolved', resolvedAt: { $lte: NOW } },
    options: {
      sort: [
        ['state', 1],
        ['resolvedAt', 1],
      ],
      limit: 1000,
    },
  });
  const misses: string[] = [];
  let backed = 0;
  for (const q of queries) {
    const plan = store.plan('orders', q.filter as never, q.options as never);
    const ok = plan.some((d) => /USING (COVERING )?INDEX/.test(d)) && !plan.some((d) => /^SCAN orders\b/.test(d.replace(/"/g, '')));
    if (ok) backed++;
    else misses.push(`${q.name}: ${plan.join(' | ')}`);
  }
  const candidates = store.plan('volunteers', { gridId: gridIds[0]!, active: true }, { limit: 1000 });
  if (candidates.some((d) => /USING (COVERING )?INDEX/.test(d))) backed++;
  else misses.push(`candidates: ${candidates.join(' | ')}`);
  return { backed, total: queries.length + 1, misses };
}

export async function benchOrders(record: Record_): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-orders-'));
  // As the local server runs it: the write-ahead log is folded in by a background thread.
  const store = new SqliteStore(join(dir, 'orders.sqlite'), COLLECTIONS, { checkpointEveryMs: BACKGROUND_CHECKPOINT_MS });
  const t0 = Date.now();
  const { residents, gridIds } = await (async () => {
    // The 130k load operations go out of scope here, so the collector does not carry them through the timings.
    const { ops, ...rest } = bigTerritory();
    const loaded = await store.transact(ops);
    if (!loaded.ok) throw new Error(`loading failed at ${loaded.index}`);
    return rest;
  })();
  record('orders_bench_load_ms', Date.now() - t0, 'ms');
  // Steady state: fold the bulk load's write-ahead log into the database before timing anything.
  store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  record('orders_in_store', await store.count('orders', {}), 'count');
  record('volunteers_in_store', await store.count('volunteers', {}), 'count');
  const ports = localPorts({ store, dataDir: dir });
  ports.clock.set(NOW);

  const call = (openid: string, action: string, payload: unknown) => runCall(ordersFunction, ports, { action, payload }, { persona: openid });
  const time = async (fn: () => Promise<unknown>) => {
    const t = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };

  // Warm up the statement cache and the JIT on other residents.
  for (let i = 0; i < 50; i++) await call(residents[residents.length - 1 - i]!, 'post', { category: '水电维修', description: '预热用的事项', clientKey: `warm-${i}-xxxxxxxx` });

  const N = 400;
  const createMs: number[] = [];
  const acceptMs: number[] = [];
  const posted: { id: string; poster: string }[] = [];
  for (let i = 0; i < N; i++) {
    const poster = residents[(i * 37) % (residents.length - 100)]!;
    let id = '';
    createMs.push(
      await time(async () => {
        const res = await call(poster, 'post', { category: '水电维修', description: '厨房水龙头漏水', clientKey: `bench-${i}-xxxxxxxx` });
        if (!res.ok) throw new Error(`post: ${res.error.code}`);
        id = (res.data as { order: { id: string } }).order.id;
      }),
    );
    posted.push({ id, poster });
  }
  for (const { id } of posted) {
    const order = (await store.get<OrderDoc>('orders', id))!;
    if (order.state !== 'offered') continue;
    const volunteer = order.offer!.volunteerId;
    acceptMs.push(
      await time(async () => {
        const res = await call(volunteer, 'accept', { orderId: id });
        if (!res.ok) throw new Error(`accept: ${res.error.code}`);
      }),
    );
  }
  // The platform's dispatch step on its own: candidate query over the grid's volunteers + scoring.
  const dispatchMs: number[] = [];
  for (const { id } of posted.slice(0, N)) {
    const order = (await store.get<OrderDoc>('orders', id))!;
    dispatchMs.push(await time(() => planDispatch(store, { ...order, excluded: [], failedOffers: 0 }, NOW)));
  }
  // Rating: resolved orders of the big store, rated by their posters.
  const resolved = await store.find<OrderDoc>('orders', { state: 'resolved' }, { limit: N });
  const rateMs: number[] = [];
  for (const o of resolved) {
    rateMs.push(
      await time(async () => {
        const res = await call(o.posterId, 'rate', { orderId: o._id, stars: 5 });
        if (!res.ok) throw new Error(`rate: ${res.error.code}`);
      }),
    );
  }
  // Baseline in the same run: the raw statements at the heart of every write (one guarded update
  // of an order and one indexed read of its timeline), so a loaded machine shows up in both.
  const sample = posted[0]!.id;
  const bump = store.db.prepare(`UPDATE "orders" SET doc = json_set(doc, '$.touched', ?) WHERE _id = ? AND json_extract(doc, '$.version') = json_extract(doc, '$.version')`);
  const events = store.db.prepare(`SELECT doc FROM "order_events" WHERE json_extract(doc, '$.orderId') = ? ORDER BY json_extract(doc, '$.at') LIMIT 500`);
  const rawMs: number[] = [];
  for (let i = 0; i < N; i++) {
    rawMs.push(
      await time(async () => {
        bump.run(i, sample);
        (events.all(sample) as { doc: string }[]).map((r) => JSON.parse(r.doc));
      }),
    );
  }
  const base = p95(rawMs);
  record('orders_raw_sql_p95_ms', base, 'ms');
  record('create_p95_ms', p95(createMs), 'ms');
  record('dispatch_p95_ms', p95(dispatchMs), 'ms');
  record('accept_p95_ms', p95(acceptMs), 'ms');
  record('rate_p95_ms', p95(rateMs), 'ms');
  record('accept_samples', acceptMs.length, 'count');
  record('create_vs_raw_ratio', p95(createMs) / base, 'ratio');
  record('accept_vs_raw_ratio', p95(acceptMs) / base, 'ratio');
  record('rate_vs_raw_ratio', p95(rateMs) / base, 'ratio');

  const plans = indexBacked(store, gridIds);
  record('order_list_index_backed', plans.backed / plans.total, 'ratio');
  record('order_list_queries_checked', plans.total, 'count');
  if (plans.misses.length) console.warn(`queries without an index:\n  ${plans.misses.join('\n  ')}`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
