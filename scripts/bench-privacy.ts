import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { runCall } from '../cloudfunctions/_core/pipeline';
import type { Filter, FindOptions } from '../cloudfunctions/_core/ports/store';
import { accountsFunction } from '../cloudfunctions/accounts/accounts.function';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import { privacyFunction } from '../cloudfunctions/privacy/privacy.function';
import { RETENTION_DEFAULTS } from '../shared/privacy/retention';
import { RETENTION_JOBS } from '../cloudfunctions/privacy/retention-jobs';
import { countingStore } from './bench-store';
import { median } from './bench-stats';
import { demoInserts, PERSONAS } from './demo-data';
import { playDemoStory } from './demo-story';

/**
 * The personal-data figures (`npm run bench -- privacy`), on the demo with its ten-day story:
 *
 * - `privacy_export_store_calls` / `_total`: round trips and all calls of 张桂英's export (she has
 *   orders, topics, ratings, attendance, ballots, messages), warm; `privacy_export_median_ms` over 20.
 * - `privacy_delete_store_calls` / `_total`: of deleting a resident with two orders (one open, handed
 *   to the grid leader) and a comment, with a requestId as the app sends it.
 * - `privacy_index_backed`: the share of the export's, the deletion's and the retention jobs' find
 *   and count queries whose SQLite plan uses an index and scans no collection.
 */

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
type Record_ = (name: string, value: number, unit: Unit) => void;

export async function benchPrivacy(record: Record_): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-privacy-'));
  const store = new SqliteStore(join(dir, 'privacy.sqlite'));
  await store.transact(demoInserts());
  const ports = localPorts({ store, dataDir: dir });
  await playDemoStory(ports);

  const queries = new Map<string, { collection: string; filter: Filter; options?: FindOptions }>();
  const counter = countingStore(store, (method, args) => {
    if (method !== 'find' && method !== 'count') return;
    const [collection, filter, options] = args as [string, Filter, FindOptions | undefined];
    queries.set(JSON.stringify([collection, Object.keys(filter).sort(), options?.sort ?? null]), { collection, filter, options });
  });
  const counted = { ...ports, store: counter.store };
  const call = async (fn: typeof privacyFunction, persona: string, action: string, payload: unknown, requestId?: string) => {
    const res = await runCall(fn, counted, { action, payload, ...(requestId ? { requestId } : {}) }, { persona });
    if (!res.ok) throw new Error(`${fn.name}.${action}: ${res.error.code}`);
    return res.data;
  };

  await call(privacyFunction, PERSONAS.resident, 'exportMine', {});
  counter.reset();
  await call(privacyFunction, PERSONAS.resident, 'exportMine', {});
  record('privacy_export_store_calls', counter.counts.rounds, 'count');
  record('privacy_export_store_calls_total', counter.counts.calls, 'count');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await runCall(privacyFunction, ports, { action: 'exportMine', payload: {} }, { persona: PERSONAS.resident });
    times.push(performance.now() - t0);
  }
  record('privacy_export_median_ms', Math.round(median(times) * 100) / 100, 'ms');

  // A resident to delete: registered, named, housed, two orders (one will be open) and a comment.
  const who = 'bench-privacy-leaver';
  await call(accountsFunction, who, 'me', {});
  const building = (await store.find<{ _id: string }>('nodes', { kind: 'building' }, { limit: 1 }))[0]!._id;
  await call(accountsFunction, who, 'updateProfile', { name: '钱多多', phone: '13900001111', phoneConsent: true, buildingId: building, room: '9-909' }, 'bench-privacy-profile');
  const first = (await call(ordersFunction, who, 'post', { category: '家居小修', description: '卧室的窗户关不上了', clientKey: 'bench-privacy-1' }, 'bench-privacy-post1')) as {
    order: { id: string };
  };
  await call(ordersFunction, who, 'comment', { orderId: first.order.id, text: '我白天都在家' }, 'bench-privacy-comment');
  await call(ordersFunction, who, 'post', { category: '环境卫生', description: '楼下垃圾桶满了没人清', clientKey: 'bench-privacy-2' }, 'bench-privacy-post2');
  await call(privacyFunction, who, 'deletePreview', {});
  counter.reset();
  await call(privacyFunction, who, 'deleteAccount', { confirm: '注销', openOrders: 'handToLeader' }, 'bench-privacy-delete');
  record('privacy_delete_store_calls', counter.counts.rounds, 'count');
  record('privacy_delete_store_calls_total', counter.counts.calls, 'count');

  const later = new Date(Date.parse(ports.clock.now()) + 4 * 365 * 86_400_000).toISOString();
  for (const job of Object.values(RETENTION_JOBS)) await job(counted, later, { policy: { ...RETENTION_DEFAULTS }, dryRun: true });

  let backed = 0;
  const misses: string[] = [];
  for (const q of queries.values()) {
    const plan = store.plan(q.collection, q.filter, q.options);
    const ok = plan.some((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(d)) && !plan.some((d) => new RegExp(`^SCAN ${q.collection}\\b`).test(d.replace(/"/g, '')));
    if (ok) backed++;
    else misses.push(`${q.collection}: ${JSON.stringify(q.filter)} → ${plan.join(' | ')}`);
  }
  record('privacy_index_backed', queries.size ? backed / queries.size : 0, 'ratio');
  record('privacy_queries_checked', queries.size, 'count');
  if (process.env.HONGLIN_BENCH_PLANS === '1' || misses.length > 0) for (const m of misses) console.log(`not index-backed: ${m}`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
