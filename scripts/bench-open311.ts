import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { BACKGROUND_CHECKPOINT_MS, SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../cloudfunctions/_core/collections';
import type { Doc, Filter, FindOptions, Store, TxOp } from '../cloudfunctions/_core/ports/store';
import { handleOpen311 } from '../cloudfunctions/open311/http';
import { hashOfKey } from '../cloudfunctions/open311/key-store';
import { CATEGORIES, CATEGORY_RULES } from '../shared/orders/categories';
import { newOrder } from '../shared/orders/order.factory';
import type { OrderState } from '../shared/orders/order.machine';
import type { ApiKeyDoc } from '../shared/open311/open311.schema';
import { countingStore } from './bench-store';
import { mulberry32 as rng } from './demo-data';
import { p95 } from './bench-stats';

/**
 * The Open311 figures (`npm run bench -- open311`):
 *
 * - `open311_requests_p95_ms`: `GET requests.json?page_size=1000` through `handleOpen311` (the
 *   key's look-up and its rate counter, the page's one indexed query, the place names, the mapping
 *   and the JSON body) over a street of 6,000 orders in every state posted over the last 60 days,
 *   beside another street of 2,000; p95 over 60 calls after 5 to warm up. Target ≤ 50 ms.
 *   `open311_requests_filtered_p95_ms`: the same with `status=open&service_code=water,care,hazard`,
 *   and `open311_requests_page3_p95_ms` the third page of 1,000, for the record.
 * - `open311_requests_store_calls` / `_total`: round trips and all calls of one request, as the
 *   counting store sees them.
 * - `open311_requests_index_backed`: the share of the view's find queries whose SQLite plan uses an
 *   index and scans no collection.
 */

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
type Record_ = (name: string, value: number, unit: Unit) => void;

const NOW = '2026-11-23T02:00:00.000Z';
const STREET = 'OS';
const OTHER = 'OX';
const ORDERS = 6_000;
const OTHER_ORDERS = 2_000;
const RUNS = 60;
const WARM = 5;
const API_KEY = `hl311_${'0123456789abcdefghjkmnpqrstvwxyz'}`;

/** Two streets of 4 communities × 5 grids, one building each, their orders in every state, and one key. */
function seed(): TxOp[] {
  const r = rng(311);
  const ops: TxOp[] = [];
  const ins = (collection: string, doc: object) => ops.push({ op: 'insert', collection, doc: doc as Doc });
  const node = (doc: Record<string, unknown>) => ins('nodes', { version: 1, createdAt: NOW, order: 1, ...doc });
  const states: OrderState[] = ['closed', 'closed', 'closed', 'closed', 'accepted', 'resolved', 'waiting', 'offered', 'pool', 'cancelled', 'reopened', 'dispatching'];
  for (const [street, count] of [
    [STREET, ORDERS],
    [OTHER, OTHER_ORDERS],
  ] as const) {
    node({ _id: street, kind: 'street', name: `${street}街道`, parentId: null, path: { streetId: street } });
    const buildings: { _id: string; path: { streetId: string; communityId: string; gridId: string; buildingId: string } }[] = [];
    for (let c = 0; c < 4; c++) {
      const communityId = `${street}-C${c}`;
      node({ _id: communityId, kind: 'community', name: `基准社区${c + 1}`, parentId: street, path: { streetId: street, communityId } });
      for (let g = 0; g < 5; g++) {
        const gridId = `${communityId}-G${g}`;
        node({ _id: gridId, kind: 'grid', name: `第${g + 1}网格`, parentId: communityId, path: { streetId: street, communityId, gridId } });
        const path = { streetId: street, communityId, gridId, buildingId: `${gridId}-B` };
        node({ _id: path.buildingId, kind: 'building', name: `${g + 1}号楼`, parentId: gridId, path });
        buildings.push({ _id: path.buildingId, path });
      }
    }
    for (let i = 0; i < count; i++) {
      const building = buildings[i % buildings.length]!;
      const category = CATEGORIES[Math.floor(r() * CATEGORIES.length)]!;
      const postedAt = new Date(Date.parse(NOW) - Math.floor(r() * 60 * 86_400_000)).toISOString();
      const state = states[Math.floor(r() * states.length)]!;
      const level = (['grid', 'grid', 'grid', 'community', 'street'] as const)[Math.floor(r() * 5)]!;
      const order = newOrder({
        posterId: `${street}-r${i % 400}`,
        postedBy: `${street}-r${i % 400}`,
        clientKey: `bench-open311-${i}`,
        category,
        description: `基准测试诉求第${i}条，请尽快处理`,
        photos: [],
        urgency: 'normal',
        preferredTime: null,
        building,
        placeLabel: `基准社区 › 网格 › ${building._id}`,
        room: `${1 + (i % 3)}-${1 + (i % 6)}0${1 + (i % 4)}`,
        point: i % 5 === 0 ? { lat: 31.2 + r() / 10, lng: 121.4 + r() / 10 } : null,
        contact: { name: '基准居民', phone: '13800001111' },
        onBehalf: false,
        now: postedAt,
      });
      const done = state === 'closed' ? new Date(Date.parse(postedAt) + 3 * 86_400_000).toISOString() : null;
      ins('orders', {
        ...order,
        private: CATEGORY_RULES[category].private,
        state,
        level,
        maxLevel: level,
        closedAt: done,
        closedAs: done ? 'rated' : null,
        cancelledAt: state === 'cancelled' ? postedAt : null,
        acceptedAt: ['accepted', 'resolved', 'closed', 'reopened'].includes(state) ? postedAt : null,
      });
    }
  }
  const key: ApiKeyDoc = {
    _id: 'okey_bench',
    version: 1,
    streetId: STREET,
    path: { streetId: STREET },
    name: '基准平台',
    hash: hashOfKey(API_KEY),
    hint: API_KEY.slice(-4),
    createdAt: NOW,
    createdBy: 'bench',
    revokedAt: null,
    revokedBy: null,
  };
  ins('open311_keys', key);
  return ops;
}

export async function benchOpen311(record: Record_): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-open311-'));
  const store = new SqliteStore(join(dir, 'open311.sqlite'), COLLECTIONS, { checkpointEveryMs: BACKGROUND_CHECKPOINT_MS });
  try {
    const seeded = await store.transact(seed());
    if (!seeded.ok) throw new Error(`bench open311: seeding failed at ${seeded.index}: ${seeded.reason}`);
    const ports = localPorts({ store, dataDir: dir });
    ports.clock.set(NOW);
    // The rate limit stays on the path (its counter is read and written each time), with room for the runs.
    const options = { ratePerMinute: 1_000_000 };
    const path = '/open311/v2/requests.json';

    const timed = async (query: Record<string, string>, expectRows: number | null): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < WARM + RUNS; i++) {
        const t = process.hrtime.bigint();
        const res = await handleOpen311(ports, 'GET', path, { api_key: API_KEY, ...query }, options);
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (res.status !== 200) throw new Error(`bench open311: ${res.status} ${res.body.slice(0, 200)}`);
        if (i === 0 && expectRows !== null) {
          const rows = (JSON.parse(res.body) as unknown[]).length;
          if (rows !== expectRows) throw new Error(`bench open311: expected ${expectRows} rows, got ${rows}`);
        }
        if (i >= WARM) samples.push(ms);
      }
      return samples;
    };

    const full = await timed({ page_size: '1000' }, 1000);
    record('open311_requests_p95_ms', p95(full), 'ms');
    record('open311_requests_median_ms', [...full].sort((a, b) => a - b)[Math.floor(full.length / 2)]!, 'ms');
    record('open311_requests_filtered_p95_ms', p95(await timed({ page_size: '1000', status: 'open', service_code: 'water,care,hazard' }, null)), 'ms');
    record('open311_requests_page3_p95_ms', p95(await timed({ page_size: '1000', page: '3' }, 1000)), 'ms');

    // Round trips of one request, and the plans of every find it made.
    const seen: { collection: string; filter: Filter; options?: FindOptions }[] = [];
    const counter = countingStore(store as Store, (method, args) => {
      if (method === 'find') seen.push({ collection: args[0] as string, filter: args[1] as Filter, options: args[2] as FindOptions | undefined });
    });
    const counted = { ...ports, store: counter.store };
    counter.reset();
    const res = await handleOpen311(counted, 'GET', path, { api_key: API_KEY, page_size: '1000', status: 'closed', service_code: 'water' }, options);
    if (res.status !== 200) throw new Error(`bench open311: counted call answered ${res.status}`);
    record('open311_requests_store_calls', counter.counts.rounds, 'count');
    record('open311_requests_store_calls_total', counter.counts.calls, 'count');
    const misses = seen.filter((q) => {
      const plan = store.plan(q.collection, q.filter, q.options);
      return (
        !plan.some((d) => /USING (COVERING )?INDEX|USING (INTEGER )?PRIMARY KEY/.test(d)) || plan.some((d) => new RegExp(`^SCAN ${q.collection}\\b`).test(d.replace(/"/g, '')))
      );
    });
    for (const m of misses) console.error(`[bench open311] not index-backed: ${m.collection} ${JSON.stringify(m.filter).slice(0, 200)}`);
    record('open311_requests_index_backed', seen.length ? (seen.length - misses.length) / seen.length : 0, 'ratio');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
