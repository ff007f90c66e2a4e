/**
 * `npm run deploy` — puts the backend into a CloudBase environment:
 *   1. bundles the cloud functions (scripts/build-functions.mjs);
 *   2. creates or updates each function's code and configuration, and its timer triggers, and the
 *      HTTP access routes of the functions that answer plain HTTP (HTTP_ROUTES);
 *   3. creates every collection of COLLECTIONS with its declared indexes, and sets each collection
 *      to ADMINONLY (security rules do not apply to cloud functions; clients never touch the
 *      database directly, so nobody but the functions may read or write it).
 *
 *   npm run deploy -- --dry-run          the whole plan, readable; no credentials, no network
 *   npm run deploy -- --dry-run --json   the same plan as JSON
 *   npm run deploy                       needs TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY
 *                                        (and TENCENTCLOUD_SESSIONTOKEN for temporary keys)
 *
 * Function environment variables: HONGLIN_QR_SECRET and HONGLIN_TEMPLATE_<KEY> present in the
 * deployer's environment are set on every function (replacing that function's variables); when
 * none is present, the functions' variables are left as they are. Values are never printed.
 */
import { COLLECTIONS, type CollectionSpec, type IndexSpec } from '../cloudfunctions/_core/collections';
import { buildFunctions, listFunctions, TRIGGERS, type TimerTrigger } from './build-functions.mjs';

/** CloudBase runtime with cloud-side dependency install (Node 22+ runtimes do not install dependencies). */
export const RUNTIME = 'Nodejs20.19';
const DEFAULTS = { handler: 'index.main', timeout: 20, memorySize: 256 };
const OVERRIDES: Record<string, Partial<typeof DEFAULTS>> = { scheduler: { timeout: 60 } };
/** CloudBase allows at most 20 indexes per collection besides `_id`. */
const MAX_INDEXES = 20;
const FUNCTION_ROOT = 'dist/cloudfunctions';
const REQUIRED_ENV = ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;
const FUNCTION_ENV_RE = /^HONGLIN_(QR_SECRET|TEMPLATE_[A-Z0-9_]+)$/;

export type StepKind = 'build' | 'function' | 'trigger' | 'http' | 'collection' | 'index' | 'permission';

/**
 * Functions that answer plain HTTP through CloudBase's HTTP access service, by path: Open311 for
 * district platforms (`GET /open311/v2/...`). No CloudBase login on the route (`auth: false`): the
 * function checks its own API keys.
 */
export const HTTP_ROUTES: Record<string, string> = { open311: '/open311' };
export interface PlanStep {
  kind: StepKind;
  target: string;
  detail: string;
}

export interface FunctionSettings {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  installDependency: true;
  triggers: TimerTrigger[];
  envVariables: Record<string, string>;
}

export function functionSettings(name: string, env: NodeJS.ProcessEnv): FunctionSettings {
  const envVariables = Object.fromEntries(Object.entries(env).filter(([k, v]) => FUNCTION_ENV_RE.test(k) && v)) as Record<string, string>;
  return { name, runtime: RUNTIME, ...DEFAULTS, ...OVERRIDES[name], installDependency: true, triggers: TRIGGERS[name] ?? [], envVariables };
}

/** The shape CloudBase's UpdateTable takes (Direction is a string: "1" or "-1"). */
export function toCreateIndex(ix: IndexSpec) {
  return {
    IndexName: ix.name,
    MgoKeySchema: { MgoIndexKeys: ix.fields.map(([path, dir]) => ({ Name: path, Direction: String(dir) })), MgoIsUnique: Boolean(ix.unique) },
  };
}

const describeIndex = (ix: IndexSpec) => `${ix.fields.map(([p, d]) => `${p} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}${ix.unique ? ', unique' : ''}`;

export function makePlan(functions: readonly string[], env: NodeJS.ProcessEnv, collections: readonly CollectionSpec[] = COLLECTIONS): PlanStep[] {
  const steps: PlanStep[] = [{ kind: 'build', target: FUNCTION_ROOT, detail: `bundle ${functions.join(', ')} (node scripts/build-functions.mjs)` }];
  for (const name of functions) {
    const s = functionSettings(name, env);
    const vars = Object.keys(s.envVariables);
    steps.push({
      kind: 'function',
      target: name,
      detail:
        `create or update code from ${FUNCTION_ROOT}/${name} and config: runtime ${s.runtime}, handler ${s.handler}, timeout ${s.timeout} s, ` +
        `memory ${s.memorySize} MB, dependencies installed in the cloud` +
        (vars.length ? `, environment variables ${vars.join(', ')} (replacing the current ones)` : ', environment variables left as they are'),
    });
    for (const t of s.triggers) steps.push({ kind: 'trigger', target: `${name}.${t.name}`, detail: `${t.type} trigger "${t.config}"` });
    if (HTTP_ROUTES[name]) steps.push({ kind: 'http', target: HTTP_ROUTES[name], detail: `HTTP access route to function ${name}, no CloudBase login (create if missing)` });
  }
  for (const c of collections) {
    if (c.indexes.length > MAX_INDEXES) throw new Error(`${c.name} declares ${c.indexes.length} indexes; CloudBase allows ${MAX_INDEXES}`);
    steps.push({ kind: 'collection', target: c.name, detail: 'create if missing' });
    for (const ix of c.indexes) steps.push({ kind: 'index', target: `${c.name}.${ix.name}`, detail: `${describeIndex(ix)} (create if missing, recreate if different)` });
    steps.push({ kind: 'permission', target: c.name, detail: 'ADMINONLY (only cloud functions read and write it)' });
  }
  return steps;
}

export function formatPlan(steps: readonly PlanStep[], envId: string | undefined): string {
  const width = Math.max(...steps.map((s) => s.kind.length));
  return [`deploy plan for CloudBase environment ${envId ?? '(TCB_ENV_ID not set)'}:`, ...steps.map((s) => `  ${s.kind.padEnd(width)}  ${s.target}: ${s.detail}`)].join('\n');
}

/** Performs the plan. Only reached with credentials; imports the manager SDK only then. */
async function deploy(env: NodeJS.ProcessEnv): Promise<void> {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const envId = env.TCB_ENV_ID!;
  const manager = new CloudBase({
    envId,
    secretId: env.TENCENTCLOUD_SECRETID!,
    secretKey: env.TENCENTCLOUD_SECRETKEY!,
    ...(env.TENCENTCLOUD_SESSIONTOKEN ? { token: env.TENCENTCLOUD_SESSIONTOKEN } : {}),
  });
  const log = (kind: StepKind, target: string, what: string) => console.log(`  ${kind.padEnd(10)}  ${target}: ${what}`);

  const built = await buildFunctions();
  for (const f of built) log('build', f.name, `${f.dir}/index.js (${(f.bytes / 1024).toFixed(1)} KB)`);

  for (const f of built) {
    const s = functionSettings(f.name, env);
    const func = {
      name: s.name,
      runtime: s.runtime,
      handler: s.handler,
      timeout: s.timeout,
      memorySize: s.memorySize,
      installDependency: s.installDependency,
      triggers: s.triggers,
      ...(Object.keys(s.envVariables).length ? { envVariables: s.envVariables } : {}),
    };
    const existing = await manager.functions.getFunctionDetail(f.name).catch(() => null);
    if (!existing) {
      // Creates the function with its triggers.
      await manager.functions.createFunction({ func, functionRootPath: FUNCTION_ROOT, force: true });
      log('function', f.name, 'created');
      continue;
    }
    await manager.functions.updateFunctionCode({ func, functionRootPath: FUNCTION_ROOT });
    await manager.functions.updateFunctionConfig(func);
    log('function', f.name, 'code and config updated');
    for (const t of s.triggers) {
      const current = (existing.Triggers ?? []).find((x) => (x.TriggerName ?? x.Name) === t.name);
      const currentConfig = current?.TriggerDesc ?? current?.Config;
      if (current && currentConfig === t.config) {
        log('trigger', `${f.name}.${t.name}`, 'unchanged');
        continue;
      }
      if (current) await manager.functions.deleteFunctionTrigger(f.name, t.name);
      await manager.functions.createFunctionTriggers(f.name, [t]);
      log('trigger', `${f.name}.${t.name}`, current ? 'replaced' : 'created');
    }
  }

  for (const [name, path] of Object.entries(HTTP_ROUTES)) {
    if (!built.some((f) => f.name === name)) continue;
    const { APISet } = await manager.access.getAccessList({ path });
    if ((APISet ?? []).some((a) => a.Path === path)) {
      log('http', path, 'exists');
      continue;
    }
    await manager.access.createAccess({ path, name, type: 1, auth: false });
    log('http', path, `created (function ${name})`);
  }

  const tcb = manager.commonService('tcb');
  for (const c of COLLECTIONS as readonly CollectionSpec[]) {
    const made = await manager.database.createCollectionIfNotExists(c.name);
    log('collection', c.name, made.IsCreated ? 'created' : 'exists');
    const described = await manager.database.describeCollection(c.name);
    const present = new Map((described.Indexes ?? []).map((ix) => [ix.Name, ix]));
    for (const ix of c.indexes) {
      const want = toCreateIndex(ix);
      const have = present.get(ix.name);
      const same =
        have &&
        Boolean(have.Unique) === Boolean(ix.unique) &&
        JSON.stringify((have.Keys ?? []).map((k) => [k.Name, String(k.Direction)])) === JSON.stringify(want.MgoKeySchema.MgoIndexKeys.map((k) => [k.Name, k.Direction]));
      if (same) {
        log('index', `${c.name}.${ix.name}`, 'unchanged');
        continue;
      }
      if (have) await manager.database.updateCollection(c.name, { DropIndexes: [{ IndexName: ix.name }] });
      await manager.database.updateCollection(c.name, { CreateIndexes: [want] });
      log('index', `${c.name}.${ix.name}`, have ? 'recreated' : 'created');
    }
    for (const name of present.keys()) {
      if (name !== '_id_' && !c.indexes.some((ix) => ix.name === name)) log('index', `${c.name}.${name}`, 'exists in the cloud but is not declared (left alone)');
    }
    await tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: c.name, AclTag: 'ADMINONLY' } });
    log('permission', c.name, 'ADMINONLY');
  }
  console.log('deployed.');
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('usage: npm run deploy [-- --dry-run [--json]]');
    return 0;
  }
  const steps = makePlan(listFunctions(), env);
  if (argv.includes('--dry-run')) {
    console.log(argv.includes('--json') ? JSON.stringify({ envId: env.TCB_ENV_ID ?? null, runtime: RUNTIME, steps }, null, 2) : formatPlan(steps, env.TCB_ENV_ID));
    return 0;
  }
  const missing = REQUIRED_ENV.filter((k) => !env[k]);
  if (missing.length > 0) {
    console.error(
      `deploy needs ${REQUIRED_ENV.join(', ')} in the environment; missing: ${missing.join(', ')}.\n` +
        'Nothing was changed. Run `npm run deploy -- --dry-run` to see what a deploy would do.',
    );
    return 2;
  }
  console.log(formatPlan(steps, env.TCB_ENV_ID));
  await deploy(env);
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Manager errors carry a code and a request id; never the credentials.
    const err = e as { message?: string; code?: string; requestId?: string };
    console.error(`deploy failed: ${err?.message ?? e}${err?.code ? ` (code ${err.code})` : ''}${err?.requestId ? ` (request ${err.requestId})` : ''}`);
    process.exit(1);
  },
);
