import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../cloudfunctions/_core/collections';
import { runCall } from '../cloudfunctions/_core/pipeline';
import type { Ports } from '../cloudfunctions/_core/ports';
import type { Doc, Filter, FindOptions, Store, TxOp } from '../cloudfunctions/_core/ports/store';
import { countAuto, type AutofillPlace } from '../cloudfunctions/liuyou/autofill';
import { liuyouFunction } from '../cloudfunctions/liuyou/liuyou.function';
import { MEETING_TYPES } from '../shared/councils/meeting.types';
import { beijingMonth } from '../shared/kernel/time';
import { newCheck, newTask } from '../shared/liuyou/check.factory';
import { SCORES_COLLECTION, scoreRecordOf, type Check, type CheckItem, type CheckState } from '../shared/liuyou/check.lifecycle';
import { periodRange, periodsUpTo } from '../shared/liuyou/period';
import { scoreCheck } from '../shared/liuyou/score';
import { AUTO_SOURCES, DEFAULT_TEMPLATE } from '../shared/liuyou/template';
import { CATEGORIES } from '../shared/orders/categories';
import { newOrder } from '../shared/orders/order.factory';
import type { Order } from '../shared/orders/orders.schema';
import { countingStore } from './bench-store';
import { mulberry32 as rng } from './demo-data';
import { p95 } from './bench-stats';

/**
 * The 六有 figures (`npm run bench -- liuyou`):
 *
 * - `liuyou_autofill_p95_ms`: `countAuto` of every automatic source for one community's 2026-Q4
 *   check, counted after the quarter, over a year (2026) of that community's records — 20,400 orders
 *   by 80 volunteers, their service-record entries, ~3,300 duties at its three stations with their
 *   entries, hand-entered hours, ~190 meetings, ~300 topics, 8 grids and their leaders — beside 19
 *   other communities' years of 1,000 orders each. p95 over 60 runs after 5 to warm up.
 *   `liuyou_autofill_half_p95_ms`: the same for a half-year check (2026-H2), for the record.
 * - `liuyou_matrix_p95_ms`: the street's matrix (`liuyou.matrix` through `runCall`, the whole
 *   pipeline: the caller, the street's scope, the checks and the open tasks) over 20 communities ×
 *   8 quarters of checks (every state in the latest quarter), p95 over 60 calls.
 * - `liuyou_{autofill,matrix}_store_calls` / `_total`: round trips and all calls, as the counting
 *   store sees them (calls under way together are one round trip); the same for a check's
 *   `getCheck` (the street), `fill` and `submit` (the community's secretary) and `review` (the street).
 * - `liuyou_autofill_index_backed`: the share of the autofill's queries whose SQLite plan uses an
 *   index and scans no collection.
 *
 * `liuyou_{autofill,matrix}_cpu_ms`: their mean CPU time per run, for the record: on a busy machine
 * the wall time is a multiple of it.
 *
 * HONGLIN_BENCH_PROFILE=1 prints the time of each source counted alone.
 */

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
type Record_ = (name: string, value: number, unit: Unit) => void;

const STREET = 'bst';
const COMMUNITIES = 20;
/** Communities whose latest check is `submitted` and `filling` (their place in the states the seed deals out). */
const SUBMITTED = 1;
const FILLING = 4;
const PERIOD = '2026-Q4';
const NOW = '2027-01-12T02:00:00.000Z'; // a Tuesday 10:00 in Beijing, after the quarter
const YEAR_FROM = Date.parse('2025-12-31T16:00:00.000Z'); // 2026-01-01 00:00 Beijing
const YEAR_MS = 365 * 86_400_000;
const ORDERS_MAIN = 20_400;
const ORDERS_OTHER = 1_000;
const VOLUNTEERS = 80;
const GRIDS = 8;
const RUNS = 60;

const iso = (ms: number) => new Date(ms).toISOString();
const cid = (c: number) => `${STREET}-cm${String(c + 1).padStart(2, '0')}`;

/** The bench street: 20 communities of 8 grids and 3 stations, their volunteers, leaders and a year of records. */
function benchStreet(): TxOp[] {
  const r = rng(20261);
  const ops: TxOp[] = [];
  const ins = (collection: string, doc: Record<string, unknown>) => ops.push({ op: 'insert', collection, doc: doc as Doc });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const created = '2025-06-01T00:00:00.000Z';
  const node = (doc: Record<string, unknown>) => ins('nodes', { version: 1, createdAt: created, order: 1, ...doc });
  node({ _id: STREET, kind: 'street', name: '基准街道', parentId: null, path: { streetId: STREET } });
  // The street admin who opens the matrix.
  ins('users', { _id: 'bench-liuyou-admin', openid: 'bench-liuyou-admin', name: '街道管理员', largeText: false, createdAt: created, updatedAt: created, version: 1 });
  ins('memberships', {
    _id: 'bench-liuyou-admin.streetAdmin',
    userId: 'bench-liuyou-admin',
    role: 'streetAdmin',
    nodeId: STREET,
    nodeKind: 'street',
    path: { streetId: STREET },
    grantedBy: null,
    inviteId: null,
    grantedAt: created,
    version: 1,
  });
  // The secretary of the community whose latest check is being filled (the fourth: `filling`), who submits it.
  ins('users', { _id: 'bench-liuyou-secretary', openid: 'bench-liuyou-secretary', name: '社区书记', largeText: false, createdAt: created, updatedAt: created, version: 1 });
  ins('memberships', {
    _id: 'bench-liuyou-secretary.communityAdmin',
    userId: 'bench-liuyou-secretary',
    role: 'communityAdmin',
    nodeId: cid(FILLING),
    nodeKind: 'community',
    path: { streetId: STREET, communityId: cid(FILLING) },
    grantedBy: null,
    inviteId: null,
    grantedAt: created,
    version: 1,
  });
  const units = ['区税务局', '区教育局', '市供电公司', '区人民医院', '区城管局', '区财政局'];
  let orderN = 0;
  for (let c = 0; c < COMMUNITIES; c++) {
    const community = cid(c);
    const main = c === 0;
    const path = { streetId: STREET, communityId: community };
    node({ _id: community, kind: 'community', name: `基准社区${c + 1}`, parentId: STREET, path, order: c });
    const grids = Array.from({ length: GRIDS }, (_, g) => `${community}-gd${g + 1}`);
    grids.forEach((g, i) => node({ _id: g, kind: 'grid', name: `第${i + 1}网格`, parentId: community, path: { ...path, gridId: g }, order: i }));
    const stations = [1, 2, 3].map((s) => `${community}-sta${s}`);
    stations.forEach((s, i) => node({ _id: s, kind: 'station', name: `党群服务站${i + 1}`, parentId: community, path, order: 100 + i }));
    // People: volunteers of the grids (a third of them in-service members of a work unit), grid leaders.
    const people = Array.from({ length: VOLUNTEERS }, (_, v) => `${community}-v${v}`);
    people.forEach((id, v) => {
      const gridId = grids[v % GRIDS]!;
      ins('users', {
        _id: id,
        openid: `o-${id}`,
        name: `志愿者${v}`,
        largeText: false,
        createdAt: created,
        updatedAt: created,
        version: 1,
        volunteer: { partyMember: true, inService: v % 3 === 0, skills: [], ...(v % 3 === 0 ? { workUnit: units[v % units.length] } : {}) },
      });
      ins('memberships', {
        _id: `${id}.volunteer`,
        userId: id,
        role: 'volunteer',
        nodeId: gridId,
        nodeKind: 'grid',
        path: { ...path, gridId },
        grantedBy: null,
        inviteId: null,
        grantedAt: created,
        version: 1,
      });
      if (v < GRIDS - 1)
        ins('memberships', {
          _id: `${id}.gridLeader`,
          userId: id,
          role: 'gridLeader',
          nodeId: gridId,
          nodeKind: 'grid',
          path: { ...path, gridId },
          grantedBy: null,
          inviteId: null,
          grantedAt: created,
          version: 1,
        });
    });
    // A year of orders: most closed inside the grid, some escalated, some still open.
    const orders = main ? ORDERS_MAIN : ORDERS_OTHER;
    for (let i = 0; i < orders; i++) {
      const postedMs = YEAR_FROM + Math.floor((i / orders) * YEAR_MS) + Math.floor(r() * 3600_000);
      const postedAt = iso(postedMs);
      const gridId = pick(grids);
      const o: Order = newOrder({
        posterId: `${community}-resident-${i % 400}`,
        postedBy: `${community}-resident-${i % 400}`,
        clientKey: `bench-liuyou-${++orderN}`,
        category: pick(CATEGORIES),
        description: '楼道灯不亮了，晚上上下楼很不方便，麻烦尽快来看看',
        photos: [],
        urgency: 'normal',
        preferredTime: null,
        building: { _id: `${gridId}-bd1`, path: { ...path, gridId } },
        placeLabel: `基准社区${c + 1} › 网格 › 1栋`,
        room: '101',
        point: null,
        contact: { name: '居民', phone: '13800001111' },
        onBehalf: false,
        now: postedAt,
      });
      const roll = r();
      const assigneeId = pick(people);
      const acceptedAt = iso(postedMs + 1800_000);
      const resolvedAt = iso(postedMs + 6 * 3600_000);
      const closedAt = iso(postedMs + 30 * 3600_000);
      const maxLevel = roll < 0.08 ? 'community' : roll < 0.1 ? 'street' : 'grid';
      const done = roll < 0.93;
      const doc = done
        ? {
            ...o,
            state: 'closed',
            maxLevel,
            level: maxLevel,
            assigneeId,
            acceptedAt,
            resolvedAt,
            closedAt,
            closedAs: 'rated',
            rating: { stars: 5, tags: [], comment: '', at: closedAt },
            resolution: { note: '已处理', photos: [], by: assigneeId, at: resolvedAt },
          }
        : roll < 0.97
          ? { ...o, state: 'accepted', assigneeId, acceptedAt }
          : { ...o, state: 'cancelled', cancelledAt: acceptedAt, cancelReason: '已自行解决' };
      ins('orders', doc as unknown as Record<string, unknown>);
      if (done)
        ins('service_records', {
          _id: `order.${o._id}`,
          volunteerId: assigneeId,
          source: 'order',
          orderId: o._id,
          verified: true,
          hours: 1,
          points: 15,
          stars: 5,
          at: closedAt,
          month: beijingMonth(closedAt),
          version: 1,
        });
    }
    if (!main) continue;
    // Duty: three stations, about three turns a day each, most checked out, some closed by the scheduler.
    for (let day = 0; day < 365; day++) {
      for (const stationId of stations) {
        for (let turn = 0; turn < 3; turn++) {
          if (r() < 0.1) continue;
          const checkInMs = YEAR_FROM + day * 86_400_000 + (1 + turn * 3) * 3600_000; // 09:00, 12:00, 15:00 Beijing
          const userId = pick(people.slice(0, 30));
          const minutes = 120 + Math.floor(r() * 60);
          const auto = r() < 0.08;
          const checkInAt = iso(checkInMs);
          const checkOutAt = iso(checkInMs + minutes * 60_000);
          const id = `${userId}.${stationId}.${checkInAt}`;
          ins('duty', {
            _id: id,
            stationId,
            communityId: community,
            userId,
            checkInAt,
            checkOutAt,
            closesAt: iso(checkInMs + 9 * 3600_000),
            status: auto ? 'autoClosed' : 'closed',
            planned: !auto,
            late: false,
            minutes,
            creditedMinutes: auto ? 0 : minutes,
            confirmation: auto ? 'awaiting' : 'none',
            month: beijingMonth(checkInAt),
            version: 2,
          });
          ins('service_records', {
            _id: `duty.${id}`,
            volunteerId: userId,
            source: 'duty',
            dutyId: id,
            stationId,
            communityId: community,
            verified: !auto,
            hours: auto ? 0 : minutes / 60,
            points: 0,
            at: checkOutAt,
            month: beijingMonth(checkOutAt),
            version: 1,
          });
        }
      }
    }
    // Hand-entered hours: ~40 a month, most approved.
    for (let i = 0; i < 480; i++) {
      const atMs = YEAR_FROM + Math.floor((i / 480) * YEAR_MS) + 10 * 3600_000;
      const status = pick(['approved', 'approved', 'approved', 'pending', 'rejected']);
      ins('service_records', {
        _id: `man-${community}-${i}`,
        volunteerId: pick(people),
        source: 'manual',
        hours: 2,
        points: 20,
        verified: status === 'approved',
        status,
        communityId: community,
        description: '社区活动',
        date: iso(atMs + 8 * 3600_000).slice(0, 10),
        at: iso(atMs),
        month: beijingMonth(atMs),
        version: 1,
        ...(status !== 'pending' ? { reviewedAt: iso(atMs + 86_400_000) } : {}),
      });
    }
    // Meetings: about two a month per grid pair, their minutes mostly on time; topics done through the year.
    for (let i = 0; i < 192; i++) {
      const startMs = YEAR_FROM + Math.floor((i / 192) * YEAR_MS) + 11 * 3600_000;
      const gridId = grids[i % GRIDS]!;
      const closedAt = iso(startMs + 2 * 3600_000);
      ins('meetings', {
        _id: `mt-${community}-${i}`,
        type: pick(MEETING_TYPES),
        title: `议事会${i}`,
        level: 'grid',
        nodeId: gridId,
        path: { ...path, gridId },
        startAt: iso(startMs),
        lengthMinutes: 120,
        month: beijingMonth(startMs),
        private: false,
        state: i % 10 === 0 ? 'cancelled' : 'closed',
        closedAt: i % 10 === 0 ? null : closedAt,
        minutes: '纪要',
        minutesAt: i % 10 === 0 ? null : iso(startMs + (r() < 0.8 ? 20 : 60) * 3600_000),
        agenda: [],
        invitees: [],
        version: 6,
      });
    }
    for (let i = 0; i < 300; i++) {
      const createdMs = YEAR_FROM + Math.floor((i / 300) * YEAR_MS);
      const state = pick(['done', 'done', 'acting', 'proposed', 'declined']);
      ins('topics', {
        _id: `tp-${community}-${i}`,
        title: `议题${i}`,
        description: '居民提出的议题',
        private: false,
        path: { ...path, gridId: pick(grids) },
        state,
        createdAt: iso(createdMs),
        updatedAt: iso(createdMs),
        doneAt: state === 'done' ? iso(createdMs + 20 * 86_400_000) : null,
        actions: [],
        supporters: [],
        version: 8,
      });
    }
  }
  return ops;
}

/** 20 communities × 8 quarters of checks: scored before the latest quarter, every state in it, and open tasks. */
function benchChecks(): TxOp[] {
  const r = rng(8);
  const ops: TxOp[] = [];
  const periods = periodsUpTo(PERIOD, 8);
  const latestStates: CheckState[] = ['scored', 'submitted', 'returned', 'resubmitted', 'filling', 'draft'];
  for (let c = 0; c < COMMUNITIES; c++) {
    const community = { _id: cid(c), name: `基准社区${c + 1}`, kind: 'community', path: { streetId: STREET, communityId: cid(c) } };
    for (const period of periods) {
      const at = periodRange(period).to;
      const figures = Object.fromEntries(DEFAULT_TEMPLATE.items.filter((i) => i.auto).map((i) => [i.id, { value: Math.floor(r() * (i.target ?? 10) * 1.3), at }]));
      const check: Check = newCheck({ template: DEFAULT_TEMPLATE, community, period, figures, by: { id: 'bench-liuyou-admin' }, now: at });
      const state: CheckState = period === PERIOD ? latestStates[c % latestStates.length]! : 'scored';
      const items: CheckItem[] = check.items.map((i) => {
        if (state === 'draft' || i.auto) return i;
        const yes = r() < 0.8;
        const evidence =
          i.evidenceRequired && yes ? [{ id: `ev-${i.id}`, kind: 'note' as const, fileId: null, name: '', text: '见台账', by: 'bench', byName: '社区书记', at }] : [];
        const review = state === 'scored' ? (yes ? 'approved' : 'failed') : state === 'returned' && !yes ? 'returned' : 'pending';
        return i.kind === 'count' ? { ...i, value: yes ? (i.target ?? 1) : 0, evidence, review } : { ...i, answer: yes, evidence, review };
      });
      const stored: Check = {
        ...check,
        version: state === 'draft' ? 1 : 12,
        state,
        items,
        score: scoreCheck(items, check.thresholds),
        rounds: state === 'scored' || state === 'returned' || state === 'resubmitted' ? 1 : 0,
        submittedAt: ['draft', 'filling'].includes(state) ? null : at,
        scoredAt: state === 'scored' ? at : null,
        frozenAt: ['draft', 'filling'].includes(state) ? null : at,
      };
      ops.push({ op: 'insert', collection: 'liuyou_checks', doc: stored as unknown as Doc });
      // A scored check's few numbers, as scoring writes them for the trend.
      if (state === 'scored') ops.push({ op: 'insert', collection: SCORES_COLLECTION, doc: scoreRecordOf(stored, at) as unknown as Doc });
      // A 整改任务 for a failed or returned item of the latest quarter (some overdue).
      const gap = items.find((i) => i.review === 'failed' || i.review === 'returned');
      if (period === PERIOD && gap) {
        const task = newTask({
          check: stored,
          item: gap,
          owner: { id: `${cid(c)}-v0`, name: '志愿者0' },
          dueDate: c % 2 ? '2027-01-05' : '2027-01-20',
          note: '请补齐材料',
          by: { id: 'bench-liuyou-admin', name: '街道管理员' },
          now: at,
        });
        ops.push({ op: 'insert', collection: 'liuyou_tasks', doc: { ...task, version: 1 } as unknown as Doc });
      }
    }
  }
  return ops;
}

export async function benchLiuyou(record: Record_): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-liuyou-'));
  const store = new SqliteStore(join(dir, 'liuyou.sqlite'), COLLECTIONS);
  for (const ops of [benchStreet(), benchChecks()]) {
    const loaded = await store.transact(ops);
    if (!loaded.ok) throw new Error(`bench: liuyou seed failed at ${JSON.stringify(ops[loaded.index]?.op === 'insert' ? ops[loaded.index] : loaded)}`);
  }
  const main: AutofillPlace = { streetId: STREET, communityId: cid(0) };
  const mainOrders = await store.count('orders', { 'place.path.communityId': main.communityId });
  if (mainOrders < 20_000) throw new Error(`bench: the community has ${mainOrders} orders, fewer than 20,000`);
  record('liuyou_autofill_orders', mainOrders, 'count');

  // ---- countAuto of every source ----------------------------------------------------------------------

  /** p95 wall time of `fn` over `runs`, and its mean CPU time (what the wall time is when the machine is not busy). */
  const time = async (runs: number, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await fn();
    const xs: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await fn();
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const used = process.cpuUsage(cpu);
    return { p95: p95(xs), cpu: (used.user + used.system) / 1000 / runs };
  };
  if (process.env.HONGLIN_BENCH_PROFILE) {
    for (const source of AUTO_SOURCES) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 10; i++) await countAuto(store, main, PERIOD, [source], NOW);
      console.log(`${source}: ${(Number(process.hrtime.bigint() - t) / 1e7).toFixed(1)} ms`);
    }
  }
  const figures = await countAuto(store, main, PERIOD, AUTO_SOURCES, NOW);
  if (!figures.activeVolunteers || !figures.dutyHours || !figures.meetingsOnTime || !figures.decisionsDone) throw new Error(`bench: empty figures ${JSON.stringify(figures)}`);
  const quarter = await time(RUNS, () => countAuto(store, main, PERIOD, AUTO_SOURCES, NOW));
  record('liuyou_autofill_p95_ms', quarter.p95, 'ms');
  record('liuyou_autofill_cpu_ms', quarter.cpu, 'ms');
  record('liuyou_autofill_half_p95_ms', (await time(RUNS, () => countAuto(store, main, '2026-H2', AUTO_SOURCES, NOW))).p95, 'ms');

  const queries = new Map<string, { collection: string; filter: Filter; options?: FindOptions }>();
  const counter = countingStore(store as Store, (method, args) => {
    if (method !== 'find' && method !== 'count') return;
    const [collection, filter, options] = args as [string, Filter, FindOptions | undefined];
    queries.set(JSON.stringify([collection, Object.keys(filter), options?.sort ?? null]), { collection, filter, ...(options ? { options } : {}) });
  });
  await countAuto(counter.store, main, PERIOD, AUTO_SOURCES, NOW);
  record('liuyou_autofill_store_calls', counter.counts.rounds, 'count');
  record('liuyou_autofill_store_calls_total', counter.counts.calls, 'count');
  const misses: string[] = [];
  for (const q of queries.values()) {
    const plan = store.plan(q.collection, q.filter, q.options);
    const ok =
      plan.some((d) => /USING (COVERING )?INDEX|USING (INTEGER )?PRIMARY KEY/.test(d)) && !plan.some((d) => new RegExp(`^SCAN ${q.collection}\\b`).test(d.replace(/"/g, '')));
    if (!ok) misses.push(`${q.collection} ${JSON.stringify(q.filter).slice(0, 200)} → ${plan.join(' | ')}`);
  }
  record('liuyou_autofill_index_backed', queries.size ? (queries.size - misses.length) / queries.size : 0, 'ratio');
  if (misses.length) console.warn(`liuyou autofill queries without an index:\n  ${misses.join('\n  ')}`);

  // ---- the street's matrix ------------------------------------------------------------------------------

  const ports = localPorts({ store, dataDir: dir });
  ports.clock.set(NOW);
  const matrix = async (p: Ports) => {
    const res = await runCall(liuyouFunction, p, { action: 'matrix', payload: { streetId: STREET, period: PERIOD } }, { persona: 'bench-liuyou-admin' });
    if (!res.ok) throw new Error(`bench: liuyou.matrix: ${res.error.code} ${res.error.field ?? ''}`);
    return res.data as { rows: unknown[]; trend: unknown[] };
  };
  const shown = await matrix(ports);
  if (shown.rows.length !== COMMUNITIES || shown.trend.length !== 8) throw new Error(`bench: the matrix shows ${shown.rows.length} communities and ${shown.trend.length} periods`);
  const shownTimes = await time(RUNS, () => matrix(ports));
  record('liuyou_matrix_p95_ms', shownTimes.p95, 'ms');
  record('liuyou_matrix_cpu_ms', shownTimes.cpu, 'ms');
  const counted = countingStore(store as Store);
  await matrix({ ...ports, store: counted.store });
  record('liuyou_matrix_store_calls', counted.counts.rounds, 'count');
  record('liuyou_matrix_store_calls_total', counted.counts.calls, 'count');

  // ---- the check's own actions, as a page sends them (writes with a requestId) -------------------------------

  const counts = async (name: string, persona: string, action: string, payload: unknown) => {
    const c = countingStore(store as Store);
    const res = await runCall(liuyouFunction, { ...ports, store: c.store }, { action, payload, requestId: `bench-${name}` }, { persona });
    if (!res.ok) throw new Error(`bench: liuyou.${action}: ${res.error.code} ${res.error.field ?? ''}`);
    record(`liuyou_${name}_store_calls`, c.counts.rounds, 'count');
    record(`liuyou_${name}_store_calls_total`, c.counts.calls, 'count');
  };
  const filling = `lyc_${cid(FILLING)}_${PERIOD}`;
  const submitted = `lyc_${cid(SUBMITTED)}_${PERIOD}`;
  await counts('getcheck', 'bench-liuyou-admin', 'getCheck', { checkId: submitted });
  await counts('fill', 'bench-liuyou-secretary', 'fill', { checkId: filling, itemId: 'funds.partyFees', answer: true });
  await counts('submit', 'bench-liuyou-secretary', 'submit', { checkId: filling });
  await counts('review', 'bench-liuyou-admin', 'review', { checkId: submitted, itemId: 'funds.partyFees', verdict: 'approved' });

  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
