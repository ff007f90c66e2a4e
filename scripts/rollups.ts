/**
 * `npm run rollups -- [--dry-run] [--data <dir>]`: recomputes every rollup (`rollups`) of the local
 * store from its records and rewrites the ones that differ (`rebuildRollups`). Run it after loading
 * records around the writer (an import, a hand-made fixture); on a store written only through the
 * handlers it rewrites nothing, so `--dry-run` is also the check that the incremental rollups hold.
 *
 * Not a scheduler job: a rebuild reads every record, which a tick must never do.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import '../shared/rollups.catalog';
import { rebuildRollups } from '../cloudfunctions/_core/rollups';
// Every rule, so a rebuild counts every kind of record.
import '../shared/rollups.catalog';

function parseArgs(argv: readonly string[]): { dryRun: boolean; dataDir: string } {
  let dryRun = false;
  let dataDir = process.env.HONGLIN_DATA_DIR ?? join(__dirname, '..', 'data');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--data') {
      const dir = argv[++i];
      if (!dir) throw new Error('--data needs a folder');
      dataDir = resolve(dir);
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run rollups -- [--dry-run] [--data <dir>]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return { dryRun, dataDir };
}

async function main() {
  const { dryRun, dataDir } = parseArgs(process.argv.slice(2));
  const file = join(dataDir, 'honglin.sqlite');
  if (!existsSync(file)) throw new Error(`no local store in ${dataDir} (npm run seed makes one)`);
  const store = new SqliteStore(file);
  try {
    const started = Date.now();
    const report = await rebuildRollups(store, { dryRun });
    const read = Object.entries(report.read)
      .map(([collection, n]) => `${collection} ${n}`)
      .join(', ');
    console.log(`records read: ${read}`);
    console.log(`rollups ${dryRun ? 'that differ (dry run, nothing written)' : 'rewritten'}: ${report.rewritten}`);
    console.log(`rollups unchanged: ${report.unchanged}`);
    console.log(`took ${Date.now() - started} ms`);
    // A dry run that finds a difference fails, so a check in a script can rely on the exit code.
    if (dryRun && report.rewritten > 0) process.exitCode = 2;
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
