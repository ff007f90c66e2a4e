import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '../../cloudfunctions/_local/local-server';
import { demoInserts } from '../../scripts/demo-data';

export { PERSONAS } from '../../scripts/demo-data';

export interface CallResult<T = any> {
  status: number;
  body: { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
}

/**
 * A real gateway on 127.0.0.1 over a fresh SQLite file with the demo data loaded:
 * integration tests talk HTTP to it exactly as the H5 app does.
 */
/** The data of a call that must succeed, or a throw naming the step, the status, the code and the field. */
export const data = <T = any>(res: CallResult<T>, what: string): T => {
  if (!res.body.ok) throw new Error(`${what}: ${res.status} ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
};

export async function startTestGateway(options: { h5Dir?: string; ratePerSecond?: number } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'honglin-test-'));
  const local = await startLocal({ dataDir, seed: () => demoInserts(), ...options });

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
    const res = await fetch(`${local.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as CallResult['body'] };
  }

  return {
    ...local,
    dataDir,
    post,
    /** Calls `fn.action` as `persona` (an openid), as the H5 app does. */
    call<T = any>(persona: string | null, fn: string, action: string, payload?: unknown, requestId?: string): Promise<CallResult<T>> {
      return post(`/api/${fn}`, { action, payload, ...(requestId ? { requestId } : {}) }, persona ? { 'x-honglin-persona': persona } : {}) as Promise<CallResult<T>>;
    },
    /** Runs the scheduler at an instant. */
    tick(at: string) {
      return post('/local/tick', { at });
    },
    async stop() {
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/**
 * A fresh gateway, with its own store, for every test of the file: its clock pinned at `at` when
 * given, handed to `use` before the test and stopped after it.
 */
export function freshGatewayEachTest(use: (gw: TestGateway) => void, options: { at?: string; ratePerSecond?: number } = {}): void {
  let current: TestGateway | null = null;
  beforeEach(async () => {
    current = await startTestGateway(options.ratePerSecond === undefined ? {} : { ratePerSecond: options.ratePerSecond });
    if (options.at) await current.tick(options.at);
    use(current);
  });
  afterEach(async () => {
    await current?.stop();
    current = null;
  });
}

/**
 * A snapshot of every collection, to prove that a refused call changed nothing. Two records every
 * call leaves, refused or not, are left out: its audit entry, and the day its caller was last seen
 * (`users.seenOn`, set by the first call of a day, for the inactive-account retention job).
 */
export async function snapshot(gw: TestGateway): Promise<string> {
  const db = gw.store.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const rows = (t: string) => {
    const all = db.prepare(`SELECT _id, doc FROM "${t}" ORDER BY _id`).all() as { _id: string; doc: string }[];
    if (t !== 'users') return all;
    return all.map((r) => {
      const { seenOn: _seen, ...doc } = JSON.parse(r.doc) as Record<string, unknown>;
      return { _id: r._id, doc: JSON.stringify(doc) };
    });
  };
  return JSON.stringify(tables.map((t) => [t, rows(t)]));
}
