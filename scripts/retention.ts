/**
 * `npm run retention -- [--dry-run] [--at <ISO instant>] [--only <job>] [--data <dir>]`: runs the
 * retention jobs (`cloudfunctions/privacy/retention-jobs.ts`) on the local store, as the scheduler
 * does on every tick, and prints what each changed (a dry run: what each would change, writing
 * nothing). The periods come from the same environment variables as the scheduler's
 * (`HONGLIN_RETAIN_*`, `HONGLIN_INACTIVE_*`) and are printed first.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../cloudfunctions/_core/collections';
import { RETENTION_JOB_NAMES, RETENTION_JOBS, type RetentionJobName } from '../cloudfunctions/privacy/retention-jobs';
import { RETENTION_DEFAULTS, RETENTION_ENV, RETENTION_LABELS, retentionPolicy, type RetentionPolicy } from '../shared/privacy/retention';
// Every rollup rule, so the writer checks that the jobs leave the rollups as they were.
import '../shared/rollups.catalog';

export interface RetentionArgs {
  dryRun: boolean;
  at: string;
  only: RetentionJobName | null;
  dataDir: string;
}

const USAGE = `usage: npm run retention -- [--dry-run] [--at <ISO instant>] [--only <${RETENTION_JOB_NAMES.join('|')}>] [--data <dir>]`;

export function parseRetentionArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, now: () => string): RetentionArgs | 'help' {
  const out: RetentionArgs = { dryRun: false, at: now(), only: null, dataDir: env.HONGLIN_DATA_DIR ?? join(__dirname, '..', 'data') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--dry-run') out.dryRun = true;
    else if (arg === '--at') {
      const v = value();
      const t = Date.parse(v);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t)) throw new Error(`--at takes an ISO instant such as 2027-06-01T00:00:00Z (got "${v}")`);
      out.at = new Date(t).toISOString();
    } else if (arg === '--only') {
      const v = value();
      if (!(RETENTION_JOB_NAMES as readonly string[]).includes(v)) throw new Error(`--only takes one of ${RETENTION_JOB_NAMES.join(', ')} (got "${v}")`);
      out.only = v as RetentionJobName;
    } else if (arg === '--data') out.dataDir = resolve(value());
    else if (arg === '--help' || arg === '-h') return 'help';
    else throw new Error(`unknown argument: ${arg}\n${USAGE}`);
  }
  return out;
}

/** Rows of a plain text table, columns padded (by code points: the labels are Chinese). */
function table(rows: readonly (readonly string[])[]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell + ' '.repeat(widths[c]! - width(cell)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function policyTable(policy: RetentionPolicy, env: Readonly<Record<string, string | undefined>>): string {
  const keys = Object.keys(RETENTION_ENV) as (keyof RetentionPolicy)[];
  return table([
    ['variable', 'in force', 'default', 'what'],
    ...keys.map((k) => [RETENTION_ENV[k], `${policy[k]}${env[RETENTION_ENV[k]]?.trim() ? ' (set)' : ''}`, String(RETENTION_DEFAULTS[k]), RETENTION_LABELS[k]]),
  ]);
}

async function main() {
  const args = parseRetentionArgs(process.argv.slice(2), process.env, () => new Date().toISOString());
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const policy = retentionPolicy(process.env);
  const file = join(args.dataDir, 'honglin.sqlite');
  if (!existsSync(file)) throw new Error(`no local store in ${args.dataDir} (npm run seed makes one)`);
  const store = new SqliteStore(file, COLLECTIONS);
  try {
    const ports = localPorts({ store, dataDir: args.dataDir });
    console.log(`retention ${args.dryRun ? 'dry run (nothing written)' : 'run'} as of ${args.at}\n`);
    console.log(policyTable(policy, process.env));
    console.log('');
    const rows: string[][] = [['job', args.dryRun ? 'would change' : 'changed']];
    for (const name of args.only ? [args.only] : RETENTION_JOB_NAMES) {
      const n = await RETENTION_JOBS[name](ports, args.at, { policy, dryRun: args.dryRun });
      rows.push([name, String(n)]);
    }
    console.log(table(rows));
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
