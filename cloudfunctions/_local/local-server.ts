import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FUNCTIONS } from '../functions';
import { localPorts, type LocalPorts } from '../_core/adapters/local';
import { runTick } from '../scheduler/scheduler.jobs';
import { BACKGROUND_CHECKPOINT_MS, SqliteStore } from '../_core/adapters/sqlite-store';
import { COLLECTIONS } from '../_core/collections';
import { createGateway } from './gateway';
import type { TxOp } from '../_core/ports/store';

export interface LocalOptions {
  /** Folder for the SQLite file, uploaded files and the local QR secret. */
  dataDir: string;
  port?: number;
  /** The built H5 app to serve at `/`. */
  h5Dir?: string;
  /** Demo data to load when the store is empty. */
  seed?: () => TxOp[];
  /** Requests per persona per second before 429 (default: the gateway's). */
  ratePerSecond?: number;
  /** Runs once after a fresh seed, with the local ports (the demo story). */
  afterSeed?: (ports: LocalPorts) => Promise<unknown>;
  /** Runs the scheduler every this many ms on the real clock, as the production timer does. */
  tickEveryMs?: number;
}

/** The embedded default: SQLite file + local adapters + the gateway on 127.0.0.1. */
export async function startLocal(options: LocalOptions) {
  const store = new SqliteStore(join(options.dataDir, 'honglin.sqlite'), COLLECTIONS, { checkpointEveryMs: BACKGROUND_CHECKPOINT_MS });
  let seeded = false;
  if (options.seed && (await store.count('nodes', {})) === 0) {
    const result = await store.transact(options.seed());
    if (!result.ok) throw new Error(`seeding failed at operation ${result.index}: ${result.reason}`);
    seeded = true;
  }
  const ports = localPorts({ store, dataDir: options.dataDir });
  if (seeded && options.afterSeed) await options.afterSeed(ports);
  // Like the production timer trigger; a clock pinned by /local/tick is left where the demo put it.
  const timer = options.tickEveryMs
    ? setInterval(() => {
        if (ports.clock.pinned === null) runTick(ports, ports.clock.now()).catch((e: unknown) => console.error(`[scheduler] tick failed: ${(e as Error).name}`));
      }, options.tickEveryMs)
    : null;
  timer?.unref();
  const server = createGateway({
    ports,
    functions: FUNCTIONS,
    filesDir: join(options.dataDir, 'files'),
    ...(options.h5Dir ? { h5Dir: options.h5Dir } : {}),
    ...(options.ratePerSecond ? { ratePerSecond: options.ratePerSecond } : {}),
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seeded,
    store,
    ports,
    server,
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await store.close();
    },
  };
}
