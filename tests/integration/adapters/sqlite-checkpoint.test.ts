import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../../../cloudfunctions/_core/collections';

/**
 * The local store folds its write-ahead log into the database from a background thread, so no
 * request pays for a checkpoint: commits only append to the log, and the database file grows when
 * the background thread has run.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'honglin-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Enough separate commits to pass SQLite's own 1,000-page checkpoint threshold several times. */
async function writeMany(store: SqliteStore) {
  for (let i = 0; i < 1500; i++) await store.insert('audit', { _id: `a${i}`, at: '2026-11-23T02:00:00.000Z', detail: { pad: 'x'.repeat(2000) } });
}

describe('the background checkpointer', () => {
  it('leaves the database file alone on the request path: commits go to the log only', async () => {
    const file = join(dir, 'quiet.sqlite');
    const store = new SqliteStore(file, COLLECTIONS, { checkpointEveryMs: 60_000 });
    const before = statSync(file).size;
    await writeMany(store);
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(3_000_000);
    await store.close();
  });

  it('folds the log into the database from its own thread, and every write is there after', async () => {
    const file = join(dir, 'busy.sqlite');
    const store = new SqliteStore(file, COLLECTIONS, { checkpointEveryMs: 20 });
    const before = statSync(file).size;
    await writeMany(store);
    // A checkpoint that ran while the writes went on folded only part of the log: wait (up to 2 s) for
    // one that runs after the last write, rather than for the first change of size.
    for (let i = 0; i < 100 && statSync(file).size <= before + 3_000_000; i++) await sleep(20);
    expect(statSync(file).size).toBeGreaterThan(before + 3_000_000);
    expect(await store.count('audit', {})).toBe(1500);
    await store.close();
  });

  it('without it, SQLite checkpoints on the commit that fills the log (the default for tests and scripts)', async () => {
    const file = join(dir, 'default.sqlite');
    const store = new SqliteStore(file);
    const before = statSync(file).size;
    await writeMany(store);
    expect(statSync(file).size).toBeGreaterThan(before);
    await store.close();
  });
});
