/**
 * `npm run deploy` — puts the backend and the H5 build into a CloudBase environment, after showing
 * what it will change there (docs/deploy.md):
 *   1. bundles the cloud functions (scripts/build-functions.mjs) and hashes each bundle;
 *   2. reads the environment with describe calls only (deploy-read.ts) and diffs it against the code
 *      (deploy-plan.ts): functions to create / update / recreate, variables to add or change (merged,
 *      never replaced), triggers, HTTP routes, collections, indexes to add / recreate / drop,
 *      collection permissions, the storage security rule, the H5 upload;
 *   3. prints that plan; asks before any drop (`--yes` skips the question; without a terminal and
 *      without `--yes` a plan with drops is refused and nothing is changed);
 *   4. ships each function's runtime packages with its code and performs exactly the plan (deploy-apply.ts).
 *
 *   npm run deploy -- --dry-run [--json]   the plan, read from the environment; changes nothing.
 *                                          Without credentials: the plan against an empty environment, said so.
 *   npm run deploy [-- --yes]              needs TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY
 *                                          (and TENCENTCLOUD_SESSIONTOKEN for temporary keys)
 *   --skip-hosting                         leaves static hosting out
 *   --h5-dir <dir>                         uploads that H5 build as it is (default: `npm run build:h5` for the environment, then dist/h5)
 *   npm run deploy -- --prepare            bundles into dist/cloudfunctions with the runtime packages, for `tcb fn deploy`
 *   npm run deploy -- --write-config       writes cloudbaserc.json; --check-config fails when it is out of date
 *
 * Function variables: HONGLIN_QR_SECRET and HONGLIN_TEMPLATE_<KEY> of the deployer's environment are
 * merged into each function's (a variable only the cloud has is kept). Values are never printed.
 * HONGLIN_FUNCTION_ROOT moves the bundles elsewhere than dist/cloudfunctions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { COLLECTIONS } from '../cloudfunctions/_core/collections';
import { listFunctions, TRIGGERS, type TimerTrigger } from './build-functions.mjs';
import { applyPlan } from './deploy-apply';
import { bundleFunctions, folderSize, root, shipAll, type BundledFunction } from './deploy-code';
import {
  changesOf,
  cloudbaseConfig,
  desiredFunction,
  diffPlan,
  EMPTY_ENVIRONMENT,
  formatPlan,
  HTTP_ROUTES,
  localVariables,
  planHasDrops,
  RUNTIME,
  STORAGE_RULE,
  type Actual,
  type Desired,
} from './deploy-plan';
import { readEnvironment } from './deploy-read';

const CREDENTIALS = ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;
const CONFIG_FILE = join(root, 'cloudbaserc.json');
const USAGE = `usage: npm run deploy -- [--dry-run [--json]] [--yes] [--skip-hosting] [--h5-dir <dir>]
       npm run deploy -- --prepare | --write-config | --check-config`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const argValue = (argv: readonly string[], flag: string) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function connect(env: NodeJS.ProcessEnv) {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  return new CloudBase({
    envId: env.TCB_ENV_ID!,
    secretId: env.TENCENTCLOUD_SECRETID!,
    secretKey: env.TENCENTCLOUD_SECRETKEY!,
    ...(env.TENCENTCLOUD_SESSIONTOKEN ? { token: env.TENCENTCLOUD_SESSIONTOKEN } : {}),
  });
}

function generatedConfig(): string {
  return `${JSON.stringify(cloudbaseConfig(listFunctions().map((name) => ({ name, triggers: (TRIGGERS[name] ?? []) as TimerTrigger[] }))), null, 2)}\n`;
}

function desiredState(functions: readonly BundledFunction[], env: NodeJS.ProcessEnv, hosting: Desired['hosting']): Desired {
  const variables = localVariables(env);
  return {
    functions: functions.map((f) => desiredFunction(f.name, f.hash, f.triggers, variables)),
    collections: COLLECTIONS,
    storageRule: STORAGE_RULE,
    hosting,
  };
}

function hostingFor(argv: readonly string[]): Desired['hosting'] {
  if (argv.includes('--skip-hosting')) return null;
  const given = argValue(argv, '--h5-dir');
  const dir = given ? resolve(given) : join(root, 'dist', 'h5');
  const label = relative(root, dir).startsWith('..') ? dir : relative(root, dir) || '.';
  if (!existsSync(dir)) {
    if (given) throw new Error(`--h5-dir ${given} does not exist`);
    return { dir, label, files: 0, bytes: 0, built: false };
  }
  return { dir, label, ...folderSize(dir), built: true };
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (argv.includes('--write-config')) {
    writeFileSync(CONFIG_FILE, generatedConfig());
    io.out(`wrote ${relative(root, CONFIG_FILE)}`);
    return 0;
  }
  if (argv.includes('--check-config')) {
    const current = existsSync(CONFIG_FILE) ? readFileSync(CONFIG_FILE, 'utf8') : '';
    if (current === generatedConfig()) return 0;
    io.err('cloudbaserc.json is out of date with the functions: run `npm run deploy -- --write-config`.');
    return 1;
  }
  const functionRoot = env.HONGLIN_FUNCTION_ROOT ? resolve(env.HONGLIN_FUNCTION_ROOT) : join(root, 'dist', 'cloudfunctions');
  if (argv.includes('--prepare')) {
    const bundled = await bundleFunctions(functionRoot);
    shipAll(bundled);
    io.out(`prepared ${bundled.map((f) => f.name).join(', ')} in ${relative(root, functionRoot)} with their runtime packages (for \`tcb fn deploy\`).`);
    return 0;
  }

  const envId = env.TCB_ENV_ID;
  const missing = CREDENTIALS.filter((k) => !env[k]);

  if (argv.includes('--dry-run')) {
    // Bundled apart from dist/ so that a dry run never touches what other builds read.
    const scratch = mkdtempSync(join(tmpdir(), 'honglin-deploy-'));
    try {
      const desired = desiredState(await bundleFunctions(scratch), env, hostingFor(argv));
      let actual: Actual = EMPTY_ENVIRONMENT;
      if (missing.length) io.err(`cannot read the environment (${missing.join(', ')} not set): the plan below is against an EMPTY environment.`);
      else
        actual = await readEnvironment(
          await connect(env),
          envId!,
          desired.functions.map((f) => f.name),
          COLLECTIONS.map((c) => c.name),
          Object.values(HTTP_ROUTES),
        );
      const plan = diffPlan(desired, actual);
      io.out(argv.includes('--json') ? JSON.stringify({ envId: envId ?? null, runtime: RUNTIME, ...plan }, null, 2) : formatPlan(plan, envId));
      return 0;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  if (missing.length > 0) {
    io.err(
      `deploy needs ${CREDENTIALS.join(', ')} in the environment; missing: ${missing.join(', ')}.\n` +
        'Nothing was changed. Run `npm run deploy -- --dry-run` to see what a deploy would do.',
    );
    return 2;
  }

  const bundled = await bundleFunctions(functionRoot);
  let hosting = hostingFor(argv);
  if (hosting && !argValue(argv, '--h5-dir')) {
    // The H5 app talks to this environment: its id is built in.
    io.err(`building the H5 app for ${envId} (npm run build:h5)…`);
    const res = spawnSync('npm', ['run', 'build:h5'], { cwd: root, env: { ...env, HONGLIN_CLOUD_ENV: envId }, stdio: ['ignore', 'ignore', 'inherit'] });
    if (res.status !== 0) throw new Error('npm run build:h5 failed; nothing was changed');
    hosting = hostingFor(argv);
  }
  const desired = desiredState(bundled, env, hosting);
  const manager = await connect(env);
  const actual = await readEnvironment(
    manager,
    envId!,
    desired.functions.map((f) => f.name),
    COLLECTIONS.map((c) => c.name),
    Object.values(HTTP_ROUTES),
  );
  const plan = diffPlan(desired, actual);
  io.out(formatPlan(plan, envId));
  if (changesOf(plan).length === 0 && !plan.steps.some((s) => s.action === 'upload')) {
    io.out('deployed: nothing to do.');
    return 0;
  }
  if (planHasDrops(plan) && !argv.includes('--yes')) {
    const drops = plan.steps.filter((s) => s.drop).map((s) => `${s.kind} ${s.action} ${s.target}`);
    if (!(process.stdin.isTTY && process.stderr.isTTY)) {
      io.err(`refusing to deploy: the plan drops or recreates ${drops.join(', ')}. Nothing was changed. Run again with --yes to allow it.`);
      return 3;
    }
    if (!(await ask(`The plan drops or recreates ${drops.length} thing(s): ${drops.join(', ')}. Go on? [y/N] `))) {
      io.err('Nothing was changed.');
      return 3;
    }
  }
  const shipping = new Set(
    plan.steps.filter((s) => s.kind === 'function' && (s.action !== 'update' || s.changes?.some((c) => /^(code|handler|cloud install)/.test(c)))).map((s) => s.target),
  );
  shipAll(bundled.filter((f) => shipping.has(f.name)));
  await applyPlan(manager, plan, desired, actual, { envId: envId!, functionRoot, log: io.out });
  io.out('deployed.');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { out: (t) => console.log(t), err: (t) => console.error(t) }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      // Manager errors carry a code and a request id; never the credentials.
      const err = e as { message?: string; code?: string; requestId?: string };
      console.error(`deploy failed: ${err?.message ?? e}${err?.code ? ` (code ${err.code})` : ''}${err?.requestId ? ` (request ${err.requestId})` : ''}`);
      process.exit(1);
    },
  );
}
