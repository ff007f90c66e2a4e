/**
 * `npm run bench`: prints a table and writes bench/results.json. Every figure that depends on the
 * machine's speed is a ratio against a baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { runCall } from '../cloudfunctions/_core/pipeline';
import { accountsFunction } from '../cloudfunctions/accounts/accounts.function';
import { stationsFunction } from '../cloudfunctions/stations/stations.function';
import { compoundsFunction } from '../cloudfunctions/compounds/compounds.function';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import { benchCouncils } from './bench-councils';
import { benchDashboards } from './bench-dashboards';
import { benchLiuyou } from './bench-liuyou';
import { benchOrders } from './bench-orders';
import { benchOpen311 } from './bench-open311';
import { benchPrivacy } from './bench-privacy';
import { benchSuggest } from './bench-suggest';
import { demoInserts, PERSONAS } from './demo-data';
import { countingStore } from './bench-store';
import { playDemoStory } from './demo-story';
import { median } from './bench-stats';

type Unit = 'ms' | 'ratio' | 'bytes' | 'count';
const results: Record<string, { value: number; unit: Unit }> = {};
const root = join(__dirname, '..');
const record = (name: string, value: number, unit: Unit) => {
  results[name] = { value: Number(value.toFixed(unit === 'bytes' || unit === 'count' ? 0 : 3)), unit };
};

/** Times `fn` in interleaved blocks against `baseline`, so both see the same machine noise. */
async function interleaved(fn: () => Promise<unknown> | unknown, baseline: () => unknown, blocks = 30, perBlock = 200) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 200; i++) {
    await fn();
    baseline();
  }
  for (let block = 0; block < blocks; block++) {
    let t = process.hrtime.bigint();
    for (let i = 0; i < perBlock; i++) await fn();
    a.push(Number(process.hrtime.bigint() - t) / 1e6 / perBlock);
    t = process.hrtime.bigint();
    for (let i = 0; i < perBlock; i++) baseline();
    b.push(Number(process.hrtime.bigint() - t) / 1e6 / perBlock);
  }
  return { subject: median(a), baseline: median(b) };
}

async function pipelineOverhead() {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-'));
  const store = new SqliteStore(join(dir, 'bench.sqlite'));
  await store.transact(demoInserts());
  const ports = localPorts({ store, dataDir: dir });
  const event = { action: 'me', payload: {} };
  const context = { persona: PERSONAS.resident };
  const first = await runCall(accountsFunction, ports, event, context);
  if (!first.ok) throw new Error(`accounts.me failed: ${first.error.code}`);

  // The same statements accounts.me performs, straight on SQLite, parsing the same documents.
  const db = store.db;
  const byOpenid = db.prepare(`SELECT doc FROM "users" WHERE json_extract(doc, '$.openid') = ? LIMIT ? OFFSET ?`);
  const rolesOf = db.prepare(`SELECT doc FROM "memberships" WHERE json_extract(doc, '$.userId') = ? LIMIT ? OFFSET ?`);
  const raw = () => {
    const user = JSON.parse((byOpenid.all(PERSONAS.resident, 1, 0)[0] as { doc: string }).doc);
    const roles = (rolesOf.all(user._id, 100, 0) as { doc: string }[]).map((r) => JSON.parse(r.doc));
    const ids = [...Object.values(user.home.path), ...roles.map((r: { nodeId: string }) => r.nodeId)] as string[];
    const nodes = db.prepare(`SELECT doc FROM "nodes" WHERE _id IN (${ids.map(() => '?').join(', ')}) LIMIT ? OFFSET ?`).all(...ids, ids.length, 0) as { doc: string }[];
    return nodes.map((n) => JSON.parse(n.doc));
  };
  const t = await interleaved(() => runCall(accountsFunction, ports, event, context), raw);
  record('accounts_me_pipeline_ms', t.subject, 'ms');
  record('accounts_me_raw_sql_ms', t.baseline, 'ms');
  record('pipeline_overhead_ratio', t.subject / t.baseline, 'ratio');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Resolving and verifying a scanned code through the pipeline: a station's door code and its rotating check-in code. */
async function scanResolve() {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-scan-'));
  const store = new SqliteStore(join(dir, 'scan.sqlite'));
  await store.transact(demoInserts());
  const ports = localPorts({ store, dataDir: dir });
  ports.clock.set('2026-11-23T02:00:00.000Z');
  const code = async (action: string) => {
    const res = await runCall(stationsFunction, ports, { action, payload: { stationId: 'cm01-sta1' } }, { persona: PERSONAS.gridLeader });
    if (!res.ok) throw new Error(`${action}: ${res.error.code}`);
    return (res.data as { scene: string }).scene;
  };
  const scenes = [await code('permanentCode'), await code('screenCode')];
  const samples: number[] = [];
  for (let i = 0; i < 2200; i++) {
    const t = process.hrtime.bigint();
    const res = await runCall(stationsFunction, ports, { action: 'scan', payload: { scene: scenes[i % 2] } }, { persona: PERSONAS.volunteer });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!res.ok) throw new Error(`scan: ${res.error.code}`);
    if (i >= 200) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  record('scan_resolve_p95_ms', samples[Math.floor(samples.length * 0.95)]!, 'ms');
  record('scan_resolve_median_ms', samples[Math.floor(samples.length / 2)]!, 'ms');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Round trips to the store of one action, warm, on the demo with its ten-day story: each is a
 * network trip on CloudBase (tens of ms). `*_store_calls` counts sequential trips (calls sent
 * together count once); `*_store_calls_total` counts every call. Writes carry a requestId as the
 * app sends them, so the replay claim and its answer are in the count.
 */
async function homeStoreCalls() {
  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-home-'));
  const store = new SqliteStore(join(dir, 'home.sqlite'));
  await store.transact(demoInserts());
  const ports = localPorts({ store, dataDir: dir });
  await playDemoStory(ports);
  // Sequential round trips with a simulated trip per call (`countingStore`).
  const counter = countingStore(store);
  const counted = { ...ports, store: counter.store };
  const of = async (persona: string) => {
    await runCall(ordersFunction, counted, { action: 'home', payload: {} }, { persona });
    counter.reset();
    const res = await runCall(ordersFunction, counted, { action: 'home', payload: {} }, { persona });
    if (!res.ok) throw new Error(`orders.home: ${res.error.code}`);
    return counter.counts.rounds;
  };
  const byPersona = {
    resident: await of(PERSONAS.resident),
    volunteer: await of(PERSONAS.volunteer),
    grid_leader: await of(PERSONAS.gridLeader),
    street_admin: await of(PERSONAS.streetAdmin),
  };
  for (const [k, v] of Object.entries(byPersona)) record(`home_store_calls_${k}`, v, 'count');
  record('home_store_calls', Math.max(...Object.values(byPersona)), 'count');

  // Writes, each with a requestId as the app sends them: the replay claim (one insert before, one
  // update after) is part of the count; a repeated requestId is answered from the replay store.
  const write = async (persona: string, action: string, payload: unknown, requestId?: string) => {
    counter.reset();
    const res = await runCall(ordersFunction, counted, { action, payload, ...(requestId ? { requestId } : {}) }, { persona });
    if (!res.ok) throw new Error(`orders.${action}: ${res.error.code}`);
    return { ...counter.counts, data: res.data as { order: { id: string; offer: { volunteerId: string } | null } } };
  };
  const figure = (name: string, m: { calls: number; rounds: number }) => {
    record(`${name}_store_calls`, m.rounds, 'count');
    record(`${name}_store_calls_total`, m.calls, 'count');
  };
  const posted = await write(
    PERSONAS.residentYoung,
    'post',
    { category: '家居小修', description: '阳台的门关不严，风一吹就开', clientKey: 'bench-store-calls-1' },
    'bench-post-0001',
  );
  figure('post', posted);
  figure(
    'post_replay',
    await write(PERSONAS.residentYoung, 'post', { category: '家居小修', description: '阳台的门关不严，风一吹就开', clientKey: 'bench-store-calls-1' }, 'bench-post-0001'),
  );
  const id = posted.data.order.id;
  const order = await store.get<{ _id: string; offer: { volunteerId: string } | null }>('orders', id);
  const offeree = order?.offer ? (await store.get<{ _id: string; openid: string }>('users', order.offer.volunteerId))?.openid : null;
  if (!offeree) throw new Error('bench: the posted order was offered to nobody');
  figure('get', await write(PERSONAS.residentYoung, 'get', { orderId: id }));
  figure('accept', await write(offeree, 'accept', { orderId: id }, 'bench-accept-0001'));
  figure('comment', await write(PERSONAS.residentYoung, 'comment', { orderId: id, text: '我下午都在家' }, 'bench-comment-0001'));
  const photo = await write(
    offeree,
    'uploadPhoto',
    { contentType: 'image/jpeg', dataBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]).toString('base64') },
    'bench-photo-0001',
  );
  const fileId = (photo.data as unknown as { fileId: string }).fileId;
  figure('resolve', await write(offeree, 'resolve', { orderId: id, note: '门铰链已换好', photos: [fileId] }, 'bench-resolve-0001'));
  figure('rate', await write(PERSONAS.residentYoung, 'rate', { orderId: id, stars: 5 }, 'bench-rate-0001'));
  // 三方共治: a post in a compound also reads the responsibility list and the desk's staff, in the
  // same round as the place's names; the desk takes it like a volunteer accepts.
  const lift = await write(
    'seed-resident-cp1-001',
    'post',
    { category: '公共设施', description: '3栋电梯停在5楼不动了', clientKey: 'bench-store-calls-desk', buildingId: 'cm01-gd2-mg1-bd1' },
    'bench-post-desk-0001',
  );
  figure('post_in_compound', lift);
  figure('desk_accept', await write(PERSONAS.property, 'deskAccept', { orderId: lift.data.order.id }, 'bench-desk-accept-0001'));
  // 物业服务季度评价: the resident's form, her answer (an insert with its four rollups), and the
  // committee's review of the compound with the quarter's answers beside the month's orders.
  const compoundCall = async (persona: string, action: string, payload: unknown, requestId?: string) => {
    counter.reset();
    const res = await runCall(compoundsFunction, counted, { action, payload, ...(requestId ? { requestId } : {}) }, { persona });
    if (!res.ok) throw new Error(`compounds.${action}: ${res.error.code}`);
    return { ...counter.counts };
  };
  const scores = { overall: 4, repair: 3, clean: 5, safety: 4, fees: 3 };
  figure('survey', await compoundCall('seed-resident-cp1-001', 'survey', {}));
  figure('answer_survey', await compoundCall('seed-resident-cp1-001', 'answerSurvey', { compoundId: 'cm01-gd2-cp1', scores }, 'bench-survey-0001'));
  figure(
    'answer_survey_again',
    await compoundCall('seed-resident-cp1-001', 'answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { ...scores, overall: 5 } }, 'bench-survey-0002'),
  );
  figure('compound_review', await compoundCall('seed-owners-cm01-gd2-cp1', 'review', { compoundId: 'cm01-gd2-cp1' }));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

function dirBytes(dir: string, skip: (rel: string) => boolean = () => false): number {
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (skip(rel)) continue;
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else total += s.size;
    }
  };
  walk(dir);
  return total;
}

/** Bytes of the main package: everything in the build except the subpackage roots. */
export function mainPackageBytes(distDir: string): number {
  const app = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  return dirBytes(
    distDir,
    (rel) => roots.some((r) => rel === r || rel.startsWith(`${r}/`)) || rel.endsWith('.map') || rel === 'project.config.json' || rel === 'project.private.config.json',
  );
}

function run(cmd: string, args: string[], cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

function weappSizes() {
  run('npm', ['run', 'build:weapp']);
  const ours = mainPackageBytes(join(root, 'dist', 'weapp'));
  record('weapp_main_package_bytes', ours, 'bytes');
  record(
    'weapp_total_bytes',
    dirBytes(join(root, 'dist', 'weapp'), (rel) => rel.endsWith('.map')),
    'bytes',
  );
  run('npm', ['run', 'build:hello']);
  const helloDir = join(root, 'bench', 'hello', 'dist');
  if (!existsSync(join(helloDir, 'app.json'))) throw new Error('hello-world build produced no app.json');
  const hello = mainPackageBytes(helloDir);
  record('weapp_hello_main_package_bytes', hello, 'bytes');
  record('weapp_vs_hello_ratio', ours / hello, 'ratio');
}

/** Cloud function bundles (cold start): the largest, and one figure per function. */
function functionBundles() {
  run('npm', ['run', 'build:functions']);
  const outDir = join(root, 'dist', 'cloudfunctions');
  const sizes = readdirSync(outDir)
    .filter((name) => existsSync(join(outDir, name, 'index.js')))
    .map((name) => [name, statSync(join(outDir, name, 'index.js')).size] as const);
  if (sizes.length === 0) throw new Error('bench: the functions build produced no bundles');
  for (const [name, bytes] of sizes) record(`function_bundle_${name}_bytes`, bytes, 'bytes');
  record('function_bundle_max_bytes', Math.max(...sizes.map(([, bytes]) => bytes)), 'bytes');
}

async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  if (want('pipeline')) await pipelineOverhead();
  if (want('scan')) await scanResolve();
  if (want('orders')) await benchOrders(record);
  if (want('home')) await homeStoreCalls();
  if (want('councils')) await benchCouncils(record);
  if (want('liuyou')) await benchLiuyou(record);
  if (want('dashboards')) await benchDashboards(record);
  if (want('open311')) await benchOpen311(record);
  if (want('suggest')) await benchSuggest(record);
  if (want('privacy')) await benchPrivacy(record);
  if (want('weapp')) weappSizes();
  if (want('bundles')) functionBundles();

  const file = join(root, 'bench', 'results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as typeof results) : {};
  writeFileSync(file, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(12)}  unit`);
  for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(width)}  ${String(r.value).padStart(12)}  ${r.unit}`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
