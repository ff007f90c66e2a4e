import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { runCall } from '../cloudfunctions/_core/pipeline';
import type { Doc, Store, TxOp } from '../cloudfunctions/_core/ports/store';
import { rebuildRollups } from '../cloudfunctions/_core/rollups';
import { dashboardsFunction } from '../cloudfunctions/dashboards/dashboards.function';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import { monthsEndingAt, monthsOfPeriod, periodBefore } from '../shared/dashboard/period';
import { CATEGORIES } from '../shared/orders/categories';
import { levelDeadline } from '../shared/orders/escalation';
import { computeMeasures } from '../shared/orders/measures';
import { newOrder } from '../shared/orders/order.factory';
import type { Order } from '../shared/orders/orders.schema';
// Every rule, so the rebuild counts every kind of record.
import '../shared/rollups.catalog';
import { countingStore } from './bench-store';
import { buildDemoData, demoInserts, PERSONAS, mulberry32 } from './demo-data';
import { p95 } from './bench-stats';

/**
 * The dashboards' figures (`npm run bench -- dashboards`), on the demo street (红星街道, its seven
 * grids) with a year (2026) of 100,800 orders written straight into the store in batches, then the
 * rollups rebuilt from them (as a seed or an import does):
 *
 * - `dashboards_seed_ms` and `rollup_rebuild_ms`: writing the orders, and rebuilding every rollup
 *   from them (`rebuildRollups`, reading every record).
 * - `dashboard_street_p95_ms`: `dashboards.overview` of the street through `runCall` (the whole
 *   pipeline), the year and a month alternately, p95 over 200 calls (target ≤ 100);
 *   `dashboard_street_{year,month}_p95_ms` each alone.
 * - `dashboard_store_calls` / `_total`: sequential round trips (target ≤ 5) and all calls of one
 *   overview, as the counting store sees them (`countingStore`, as `home_store_calls`).
 * - `stats_street_p95_ms`: `orders.stats` of the street (all months), on the rollups.
 * - `dashboard_vs_raw_ratio`: the same measures computed the old way — paging every order of the
 *   street in the months needed out of the store (the place-and-month index, 1,000 at a time) and
 *   `computeMeasures` over them for the period, the period before, the 12-month trend and each
 *   community — p95 over 6 runs (`dashboard_raw_p95_ms`), divided by `dashboard_street_p95_ms`:
 *   how many times faster the rollups answer.
 * - `weapp_dashboards_package_bytes`: the built weapp's `packages/dashboards`, when it is built.
 */

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
type Record_ = (name: string, value: number, unit: Unit) => void;

const root = join(__dirname, '..');
const STREET = 'st01';
const YEAR = '2026';
const MONTH = '2026-11';
const ORDERS_PER_GRID_MONTH = Number(process.env.HONGLIN_BENCH_DASHBOARD_ORDERS ?? 1200);
const NOW = '2027-01-12T02:00:00.000Z';
const DAY = 86_400_000;
const MINUTE = 60_000;

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** A year of orders in every grid of the demo street, each in one of the states an order ends a month in. */
async function seedYear(store: Store): Promise<number> {
  const data = buildDemoData();
  const rnd = mulberry32(100_800);
  const nodes = new Map(data.nodes.map((n) => [n._id, n]));
  const grids = data.nodes.filter((n) => n.kind === 'grid' && n.path.streetId === STREET);
  const volunteers = data.volunteers.map((v) => v._id);
  let written = 0;
  for (const grid of grids) {
    const homes = data.users.filter((u) => u.home?.path.gridId === grid._id);
    for (const month of monthsOfPeriod(YEAR)) {
      const start = Date.parse(`${month}-01T00:00:00+08:00`);
      let batch: TxOp[] = [];
      for (let n = 0; n < ORDERS_PER_GRID_MONTH; n++) {
        const u = homes[n % homes.length]!;
        const at = start + Math.floor(rnd() * 28) * DAY + Math.floor(rnd() * 14 * 60 + 7 * 60) * MINUTE;
        const iso = (t: number) => new Date(t).toISOString();
        const base = newOrder({
          posterId: u._id,
          postedBy: u._id,
          clientKey: `bench-${grid._id}-${month}-${n}`,
          category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!,
          description: '基准测试的一件事',
          photos: [],
          urgency: 'normal',
          preferredTime: null,
          building: nodes.get(u.home!.buildingId)!,
          placeLabel: grid.name,
          room: u.home!.room,
          point: null,
          contact: { name: u.name, phone: u.phone ?? null },
          onBehalf: false,
          now: iso(at),
        });
        const r = rnd();
        const maxLevel = r < 0.8 ? 'grid' : r < 0.95 ? 'community' : 'street';
        const accepted = at + Math.floor(5 + rnd() * 120) * MINUTE;
        const resolved = accepted + Math.floor(30 + rnd() * 600) * MINUTE;
        const fate = rnd();
        const order: Order =
          fate < 0.05
            ? { ...base, state: 'cancelled', cancelledAt: iso(at + 20 * MINUTE), cancelReason: '问题已自行解决' }
            : {
                ...base,
                state: fate < 0.1 ? 'accepted' : 'closed',
                level: maxLevel,
                maxLevel,
                levelSince: iso(at),
                levelDeadline: levelDeadline(maxLevel, iso(at)),
                breaches: rnd() < 0.04 ? 1 : 0,
                assigneeId: volunteers[n % volunteers.length]!,
                firstOfferedAt: iso(at),
                acceptedAt: iso(accepted),
                ...(fate < 0.1
                  ? {}
                  : {
                      resolvedAt: iso(resolved),
                      resolution: { note: '已处理', photos: [], by: volunteers[n % volunteers.length]!, at: iso(resolved) },
                      ...(fate < 0.2
                        ? { closedAt: iso(resolved + 7 * DAY), closedAs: 'unrated' as const }
                        : {
                            closedAt: iso(resolved + 60 * MINUTE),
                            closedAs: 'rated' as const,
                            ratedAt: iso(resolved + 60 * MINUTE),
                            rating: { stars: rnd() < 0.9 ? 5 - Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 3), tags: [], comment: '', at: iso(resolved + 60 * MINUTE) },
                          }),
                    }),
              };
        batch.push({ op: 'insert', collection: 'orders', doc: order as unknown as Doc });
        if (batch.length === 2000) {
          const res = await store.transact(batch);
          if (!res.ok) throw new Error(`bench seed failed: ${res.reason}`);
          written += batch.length;
          batch = [];
        }
      }
      if (batch.length) {
        const res = await store.transact(batch);
        if (!res.ok) throw new Error(`bench seed failed: ${res.reason}`);
        written += batch.length;
      }
    }
  }
  return written;
}

/**
 * The old way: every order of the street in the months the overview needs (the period, the one
 * before, the 12-month trend) paged out of the store on the place-and-month index, 1,000 at a time
 * as `orders.stats` used to, then the overview's measures computed from them.
 */
async function rawMeasures(store: Store, period: string) {
  const key = 'place.path.streetId';
  const months = monthsOfPeriod(period);
  const previous = monthsOfPeriod(periodBefore(period));
  const trend = monthsEndingAt(months[months.length - 1]!, 12);
  const orders: Order[] = [];
  for (const month of [...new Set([...previous, ...trend, ...months])]) {
    for (let skip = 0; ; skip += 1000) {
      const page = await store.find<Order & Doc>(
        'orders',
        { [key]: STREET, month },
        {
          sort: [
            [key, 1],
            ['month', 1],
          ],
          skip,
          limit: 1000,
        },
      );
      orders.push(...page);
      if (page.length < 1000) break;
    }
  }
  const of = (ms_: readonly string[]) => orders.filter((o) => ms_.includes(o.month));
  return {
    measures: computeMeasures(of(months)),
    previous: computeMeasures(of(previous)),
    trend: trend.map((m) => computeMeasures(of([m]))),
    children: ['cm01', 'cm02', 'ss01'].map((c) => computeMeasures(of(months).filter((o) => o.place.path.communityId === c))),
  };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? dirBytes(p) : name.endsWith('.map') ? 0 : s.size;
  }
  return total;
}

export async function benchDashboards(record: Record_): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-dashboards-'));
  const store = new SqliteStore(join(dir, 'dashboards.sqlite'));
  try {
    await store.transact(demoInserts());
    let t = process.hrtime.bigint();
    const orders = await seedYear(store);
    const seedMs = ms(t);
    t = process.hrtime.bigint();
    const rebuilt = await rebuildRollups(store);
    const rebuildMs = ms(t);
    console.error(`dashboards: ${orders} orders written in ${Math.round(seedMs)} ms, rollups rebuilt in ${Math.round(rebuildMs)} ms`);
    if (orders < 7 * 12 * ORDERS_PER_GRID_MONTH || rebuilt.read.orders !== orders) throw new Error(`bench: ${orders} orders written, ${rebuilt.read.orders} read by the rebuild`);
    record('dashboards_orders', orders, 'count');
    record('dashboards_seed_ms', seedMs, 'ms');
    record('rollup_rebuild_ms', rebuildMs, 'ms');
    record('rollup_rebuild_docs', rebuilt.rewritten, 'count');

    const ports = localPorts({ store, dataDir: dir });
    ports.clock.set(NOW);
    const context = { persona: PERSONAS.streetAdmin };
    const overview = async (period: string, p = ports) => {
      const res = await runCall(dashboardsFunction, p, { action: 'overview', payload: { nodeId: STREET, period } }, context);
      if (!res.ok) throw new Error(`dashboards.overview: ${res.error.code}`);
      return res.data as { measures: { posted: number } };
    };
    const stats = async () => {
      const res = await runCall(ordersFunction, ports, { action: 'stats', payload: { nodeId: STREET } }, context);
      if (!res.ok) throw new Error(`orders.stats: ${res.error.code}`);
      return res.data as { total: { posted: number } };
    };

    // The rollups and the records agree before anything is timed.
    const fromRollups = await overview(YEAR);
    const fromRecords = await rawMeasures(store, YEAR);
    if (JSON.stringify(fromRollups.measures) !== JSON.stringify(fromRecords.measures)) throw new Error('bench: the dashboard and the records disagree');

    for (let i = 0; i < 10; i++) await overview(i % 2 ? YEAR : MONTH);
    const year: number[] = [];
    const month: number[] = [];
    for (let i = 0; i < 200; i++) {
      const period = i % 2 ? YEAR : MONTH;
      const s = process.hrtime.bigint();
      await overview(period);
      (i % 2 ? year : month).push(ms(s));
    }
    const dashboardP95 = p95([...year, ...month]);
    record('dashboard_street_p95_ms', dashboardP95, 'ms');
    record('dashboard_street_year_p95_ms', p95(year), 'ms');
    record('dashboard_street_month_p95_ms', p95(month), 'ms');

    const counter = countingStore(store);
    const counted = { ...ports, store: counter.store };
    await overview(YEAR, counted);
    counter.reset();
    await overview(YEAR, counted);
    record('dashboard_store_calls', counter.counts.rounds, 'count');
    record('dashboard_store_calls_total', counter.counts.calls, 'count');

    for (let i = 0; i < 10; i++) await stats();
    const statsSamples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = process.hrtime.bigint();
      await stats();
      statsSamples.push(ms(s));
    }
    record('stats_street_p95_ms', p95(statsSamples), 'ms');

    const raw: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = process.hrtime.bigint();
      await rawMeasures(store, i % 2 ? YEAR : MONTH);
      raw.push(ms(s));
    }
    record('dashboard_raw_p95_ms', p95(raw), 'ms');
    record('dashboard_vs_raw_ratio', p95(raw) / dashboardP95, 'ratio');

    const pkg = join(root, 'dist', 'weapp', 'packages', 'dashboards');
    if (existsSync(pkg)) record('weapp_dashboards_package_bytes', dirBytes(pkg), 'bytes');
    else console.log('weapp_dashboards_package_bytes: skipped, dist/weapp/packages/dashboards is not built (npm run build:weapp)');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
