/**
 * The deploy plan, decided without touching anything: what the code wants (`Desired`, from the
 * function bundles, COLLECTIONS and the deployer's environment) against what the environment has
 * (`Actual`, from read-only describe calls, or empty when it cannot be read) gives the steps a deploy
 * will take, each typed and named. Pure: no I/O, no clock, so the dry run, the real run and the tests
 * see the same plan.
 */
import type { CollectionSpec, IndexSpec } from '../cloudfunctions/_core/collections';
import type { TimerTrigger } from './build-functions.mjs';

/** CloudBase's Node 24 runtime (public beta; the newest it offers, alongside Nodejs22.21, Nodejs20.19, Nodejs18.15). */
export const RUNTIME = 'Nodejs24.11';
const DEFAULTS = { handler: 'index.main', timeout: 20, memorySize: 256 };
const OVERRIDES: Record<string, Partial<typeof DEFAULTS>> = { scheduler: { timeout: 60 } };
/** CloudBase allows at most 20 indexes per collection besides `_id`. */
export const MAX_INDEXES = 20;
export const FUNCTION_ENV_RE =
  /^HONGLIN_(QR_SECRET|MINIPROGRAM_STATE|TEMPLATE_[A-Z0-9_]+|RETAIN_(CONTACT_DAYS|PHOTO_DAYS|REPLAY_HOURS|OUTBOX_DAYS|AUDIT_YEARS)|INACTIVE_(YEARS|NOTICE_DAYS))$/;

/**
 * Functions that answer plain HTTP through CloudBase's HTTP access service, by path: Open311 for
 * district platforms (`GET /open311/v2/...`). No CloudBase login on the route (`auth: false`): the
 * function checks its own API keys.
 */
export const HTTP_ROUTES: Record<string, string> = { open311: '/open311' };

/** Every collection is ADMINONLY: clients never touch the database, only the functions (which run as admin). */
export const COLLECTION_ACL = 'ADMINONLY';

/**
 * Cloud storage holds residents' photos. A client may upload its own files and read none: pictures
 * are seen only through the temporary URLs the functions hand out after checking who asks.
 */
export const STORAGE_RULE = { read: false, write: 'resource.openid == auth.openid' } as const;

export interface DesiredFunction {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  /** False: the deploy ships the runtime packages in the function's folder (see deploy-code.ts). */
  installDependency: false;
  /** A hash of the bundle (index.js, package.json, data files), kept in the function's description. */
  codeHash: string;
  triggers: TimerTrigger[];
  /** The deployer's HONGLIN_* variables: merged into the function's, never replacing them. */
  variables: Record<string, string>;
  route?: string;
}

export interface Desired {
  functions: DesiredFunction[];
  collections: readonly CollectionSpec[];
  storageRule: typeof STORAGE_RULE;
  /** The H5 build for static hosting; null when hosting is left out of this deploy. */
  hosting: { dir: string; label: string; files: number; bytes: number; built: boolean } | null;
}

export interface ActualTrigger {
  name: string;
  type: string;
  /** The cron, for a timer. */
  config: string;
}

export interface ActualFunction {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  /** Null when the description carries no code hash (deployed by other means). */
  codeHash: string | null;
  variables: Record<string, string>;
  triggers: ActualTrigger[];
}

export interface ActualIndex {
  name: string;
  fields: ReadonlyArray<readonly [string, 1 | -1]>;
  unique: boolean;
}

export interface Actual {
  /** False: the environment was not read (no credentials); everything is planned against an empty one. */
  read: boolean;
  functions: Record<string, ActualFunction>;
  /** Functions in the environment the code does not declare: left alone. */
  otherFunctions: string[];
  collections: Record<string, { indexes: ActualIndex[]; acl: string | null }>;
  routes: string[];
  storage: { acl: string; rule: unknown } | null;
  /** Null: unknown (not read). */
  hosting: { enabled: boolean; domain?: string } | null;
}

export const EMPTY_ENVIRONMENT: Actual = { read: false, functions: {}, otherFunctions: [], collections: {}, routes: [], storage: null, hosting: null };

export type StepKind = 'function' | 'variables' | 'trigger' | 'http' | 'collection' | 'index' | 'permission' | 'storage' | 'hosting';
export type StepAction = 'create' | 'recreate' | 'update' | 'add' | 'change' | 'replace' | 'drop' | 'upload' | 'skip';

export interface PlanStep {
  kind: StepKind;
  action: StepAction;
  target: string;
  detail: string;
  /** Removes something from the environment (a function, an index, a trigger): asked for before it is done. */
  drop: boolean;
  /** function update/recreate: what changes. */
  changes?: string[];
  /** variables: names only, never values. */
  added?: string[];
  changed?: string[];
  kept?: string[];
}

export interface Plan {
  read: boolean;
  steps: PlanStep[];
  /** Things seen and deliberately left alone (functions, collections, indexes the code does not manage). */
  notes: string[];
}

/** HONGLIN_QR_SECRET and HONGLIN_TEMPLATE_<KEY> of the deployer's environment (empty values ignored). */
export function localVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k, v]) => FUNCTION_ENV_RE.test(k) && v)) as Record<string, string>;
}

export function functionSettings(name: string) {
  return { name, runtime: RUNTIME, ...DEFAULTS, ...OVERRIDES[name], installDependency: false as const };
}

export function desiredFunction(name: string, codeHash: string, triggers: TimerTrigger[], variables: Record<string, string>): DesiredFunction {
  return { ...functionSettings(name), codeHash, triggers, variables, ...(HTTP_ROUTES[name] ? { route: HTTP_ROUTES[name] } : {}) };
}

/** What the function's description says: where the plan finds the code it runs. Letters, digits and spaces only (SCF's rule). */
export const codeDescription = (hash: string) => `Honglin code ${hash}`;
export const codeHashOf = (description: string | undefined | null) => /Honglin code ([0-9a-f]{12,64})/.exec(description ?? '')?.[1] ?? null;

/** The shape CloudBase's UpdateTable takes (Direction is a string: "1" or "-1"). */
export function toCreateIndex(ix: IndexSpec) {
  return {
    IndexName: ix.name,
    MgoKeySchema: { MgoIndexKeys: ix.fields.map(([path, dir]) => ({ Name: path, Direction: String(dir) })), MgoIsUnique: Boolean(ix.unique) },
  };
}

export const describeKeys = (ix: { fields: IndexSpec['fields']; unique?: boolean }) =>
  `${ix.fields.map(([p, d]) => `${p} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}${ix.unique ? ', unique' : ''}`;

const sameIndex = (a: IndexSpec, b: ActualIndex) => Boolean(a.unique) === b.unique && JSON.stringify(a.fields) === JSON.stringify(b.fields);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

const step = (kind: StepKind, action: StepAction, target: string, detail: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  kind,
  action,
  target,
  detail,
  drop: false,
  ...extra,
});

/** The steps that take the environment from `actual` to `desired`. Idempotent: diffPlan(d, applied(d)) is empty. */
export function diffPlan(desired: Desired, actual: Actual): Plan {
  const steps: PlanStep[] = [];
  const notes: string[] = [];

  for (const fn of desired.functions) {
    const have = actual.functions[fn.name];
    const cloudVars = have?.variables ?? {};
    const recreate = Boolean(have && have.runtime !== fn.runtime);
    if (!have) {
      steps.push(
        step('function', 'create', fn.name, `runtime ${fn.runtime}, handler ${fn.handler}, timeout ${fn.timeout} s, memory ${fn.memorySize} MB, code ${fn.codeHash.slice(0, 12)}`),
      );
    } else {
      const changes: string[] = [];
      if (have.runtime !== fn.runtime) changes.push(`runtime ${have.runtime} → ${fn.runtime}`);
      if (have.handler !== fn.handler) changes.push(`handler ${have.handler} → ${fn.handler}`);
      if (have.timeout !== fn.timeout) changes.push(`timeout ${have.timeout} s → ${fn.timeout} s`);
      if (have.memorySize !== fn.memorySize) changes.push(`memory ${have.memorySize} MB → ${fn.memorySize} MB`);
      if (have.installDependency !== fn.installDependency) changes.push(`cloud install of dependencies ${have.installDependency ? 'on' : 'off'} → off (shipped with the code)`);
      if (have.codeHash !== fn.codeHash) changes.push(`code ${have.codeHash?.slice(0, 12) ?? 'unknown'} → ${fn.codeHash.slice(0, 12)}`);
      if (recreate)
        steps.push(
          step('function', 'recreate', fn.name, `${changes.join(', ')} (a runtime is set only when a function is created: deleted and created again, its variables carried over)`, {
            drop: true,
            changes,
          }),
        );
      else if (changes.length) steps.push(step('function', 'update', fn.name, changes.join(', '), { changes }));
    }

    const added = Object.keys(fn.variables).filter((k) => !(k in cloudVars));
    const changed = Object.keys(fn.variables).filter((k) => k in cloudVars && cloudVars[k] !== fn.variables[k]);
    const kept = Object.keys(cloudVars).filter((k) => !(k in fn.variables));
    if (added.length || changed.length) {
      const parts = [added.length ? `add ${added.join(', ')}` : '', changed.length ? `change ${changed.join(', ')}` : '', kept.length ? `keep ${kept.join(', ')}` : ''];
      steps.push(step('variables', added.length && !changed.length ? 'add' : 'change', fn.name, parts.filter(Boolean).join('; '), { added, changed, kept }));
    } else if (recreate && kept.length) {
      steps.push(step('variables', 'add', fn.name, `carry over ${kept.join(', ')} to the new function`, { added: [], changed: [], kept }));
    }

    // A created function gets its triggers with it; a recreated one too.
    const cloudTriggers = have && !recreate ? have.triggers : [];
    if (!have || recreate) {
      for (const t of fn.triggers) steps.push(step('trigger', 'add', `${fn.name}.${t.name}`, `${t.type} "${t.config}"`));
    } else {
      for (const t of fn.triggers) {
        const cur = cloudTriggers.find((x) => x.name === t.name);
        if (!cur) steps.push(step('trigger', 'add', `${fn.name}.${t.name}`, `${t.type} "${t.config}"`));
        else if (cur.config !== t.config || cur.type !== t.type)
          steps.push(step('trigger', 'replace', `${fn.name}.${t.name}`, `${cur.type} "${cur.config}" → ${t.type} "${t.config}"`));
      }
      for (const cur of cloudTriggers)
        if (!fn.triggers.some((t) => t.name === cur.name))
          steps.push(step('trigger', 'drop', `${fn.name}.${cur.name}`, `${cur.type} "${cur.config}" (declared nowhere)`, { drop: true }));
    }

    // Deleting a function deletes its HTTP routes: a recreated function needs its route again.
    if (fn.route && (recreate || !actual.routes.includes(fn.route)))
      steps.push(step('http', 'add', fn.route, `HTTP access route to function ${fn.name}, no CloudBase login (the function checks its own keys)`));
  }
  for (const name of actual.otherFunctions) notes.push(`function ${name}: in the environment, not part of this code`);

  for (const c of desired.collections) {
    if (c.indexes.length > MAX_INDEXES) throw new Error(`${c.name} declares ${c.indexes.length} indexes; CloudBase allows ${MAX_INDEXES}`);
    const have = actual.collections[c.name];
    if (!have) steps.push(step('collection', 'create', c.name, 'create the collection'));
    const present = have?.indexes ?? [];
    for (const cur of present)
      if (cur.name !== '_id_' && !c.indexes.some((ix) => ix.name === cur.name))
        steps.push(step('index', 'drop', `${c.name}.${cur.name}`, `${describeKeys(cur)} (declared nowhere in COLLECTIONS)`, { drop: true }));
    for (const ix of c.indexes) {
      const cur = present.find((x) => x.name === ix.name);
      if (!cur) steps.push(step('index', 'add', `${c.name}.${ix.name}`, describeKeys(ix)));
      else if (!sameIndex(ix, cur))
        steps.push(step('index', 'recreate', `${c.name}.${ix.name}`, `${describeKeys(cur)} → ${describeKeys(ix)} (dropped, then created)`, { drop: true }));
    }
    if (have?.acl !== COLLECTION_ACL) steps.push(step('permission', 'change', c.name, `${have?.acl ?? 'default'} → ${COLLECTION_ACL} (only cloud functions read and write it)`));
  }

  if (!actual.storage || actual.storage.acl !== 'CUSTOM' || !sameJson(actual.storage.rule, desired.storageRule))
    steps.push(
      step(
        'storage',
        'change',
        'security rule',
        `${actual.storage ? (actual.storage.acl === 'CUSTOM' ? JSON.stringify(actual.storage.rule) : actual.storage.acl) : 'default'} → ${JSON.stringify(desired.storageRule)} (files read only through the functions' temporary URLs)`,
      ),
    );

  if (desired.hosting) {
    const h = desired.hosting;
    const what = h.built ? `${h.files} files, ${formatBytes(h.bytes)} of ${h.label}` : `${h.label} after \`npm run build:h5\` for this environment`;
    if (actual.hosting && !actual.hosting.enabled)
      steps.push(step('hosting', 'skip', 'static hosting', `not enabled in this environment: enable 静态网站托管 in the CloudBase console, then deploy again (${what})`));
    else
      steps.push(
        step('hosting', 'upload', 'static hosting', `upload ${what}${actual.hosting?.domain ? ` to ${actual.hosting.domain}` : ''} (uploads add and overwrite, never delete)`),
      );
  }

  return { read: actual.read, steps, notes };
}

export const planHasDrops = (plan: Plan) => plan.steps.some((s) => s.drop);
/** Steps that change the environment; an upload of the H5 build is repeated on every deploy and is not counted as a difference. */
export const changesOf = (plan: Plan) => plan.steps.filter((s) => s.kind !== 'hosting');

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

const GROUPS: Array<[StepKind, string]> = [
  ['function', 'Functions'],
  ['variables', 'Function variables (names only; merged: variables in the cloud and not set here are kept)'],
  ['trigger', 'Timer triggers'],
  ['http', 'HTTP access routes'],
  ['collection', 'Collections'],
  ['index', 'Indexes'],
  ['permission', 'Collection permissions'],
  ['storage', 'Storage security rule'],
  ['hosting', 'Static hosting (H5: station screen, PC admin views)'],
];
const MARK: Record<StepAction, string> = { create: '+', add: '+', upload: '+', update: '~', change: '~', replace: '~', recreate: '±', drop: '-', skip: '!' };

export function formatPlan(plan: Plan, envId: string | undefined): string {
  const lines = [
    plan.read
      ? `deploy plan for CloudBase environment ${envId}, read from the environment:`
      : `deploy plan against an EMPTY environment (the environment was not read: ${envId ? 'TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY missing' : 'TCB_ENV_ID not set'}):`,
  ];
  const width = Math.max(0, ...plan.steps.map((s) => s.action.length));
  for (const [kind, title] of GROUPS) {
    const of = plan.steps.filter((s) => s.kind === kind);
    if (!of.length) continue;
    lines.push('', `${title}:`);
    for (const s of of) lines.push(`  ${MARK[s.action]} ${s.action.padEnd(width)}  ${s.target}: ${s.detail}`);
  }
  if (plan.notes.length) lines.push('', 'Left alone:', ...plan.notes.map((n) => `  ${n}`));
  const count = (pred: (s: PlanStep) => boolean) => plan.steps.filter(pred).length;
  const changes = changesOf(plan);
  lines.push(
    '',
    changes.length === 0
      ? 'Nothing to change: the environment matches the code.'
      : `${count((s) => s.action === 'create' || s.action === 'add')} to create, ${count((s) => ['update', 'change', 'replace'].includes(s.action))} to update, ${count((s) => s.drop)} to drop or recreate (asked before they are done).`,
  );
  return lines.join('\n');
}

/**
 * cloudbaserc.json for the standard CloudBase CLI (`tcb fn deploy`), generated from the same settings.
 * No envVariables: `tcb fn deploy --force` would replace each function's variables with the file's.
 */
export function cloudbaseConfig(functions: ReadonlyArray<{ name: string; triggers: TimerTrigger[] }>) {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: 'dist/cloudfunctions',
    functions: functions.map((f) => {
      const s = functionSettings(f.name);
      return {
        name: s.name,
        handler: s.handler,
        runtime: s.runtime,
        timeout: s.timeout,
        memorySize: s.memorySize,
        installDependency: s.installDependency,
        ...(f.triggers.length ? { triggers: f.triggers } : {}),
      };
    }),
  };
}
