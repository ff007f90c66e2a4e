import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountsFunction } from '../../../cloudfunctions/accounts/accounts.function';
import { CloudbaseStore } from '../../../cloudfunctions/_core/adapters/cloudbase-store';
import { cloudPorts } from '../../../cloudfunctions/_core/adapters/cloud';
import { localPorts } from '../../../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { cloudMain } from '../../../cloudfunctions/_core/cloud';
import type { Ports } from '../../../cloudfunctions/_core/ports';
import { schedulerMain } from '../../../cloudfunctions/scheduler/scheduler.function';

describe('cloudMain', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'honglin-entry-'));
    store = new SqliteStore(join(dir, 'honglin.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the ports once per container and runs the pipeline for each call', async () => {
    let built = 0;
    const main = cloudMain(accountsFunction, () => (built++, localPorts({ store, dataDir: dir })));
    expect(built).toBe(0);
    const first = await main({ action: 'me', payload: {} }, { persona: 'demo-new' });
    const second = await main({ action: 'me', payload: {} }, { persona: 'demo-new' });
    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    expect(built).toBe(1);
    expect(await store.count('users', { openid: 'demo-new' })).toBe(1);
    await expect(main({ action: 'me' }, {})).resolves.toMatchObject({ ok: false, error: { code: 'COMMON.UNAUTHENTICATED' } });
  });

  it('runs a plain handler (the scheduler) with the same ports', async () => {
    const main = cloudMain(schedulerMain, () => localPorts({ store, dataDir: dir }));
    await expect(main({ action: 'tick' }, {})).resolves.toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    await expect(main({ Type: 'Timer', TriggerName: 'tick', Time: '2026-11-01T00:00:00Z' }, {})).resolves.toMatchObject({ ok: true });
  });

  it('retries building the ports after a failure instead of remembering it', async () => {
    let attempts = 0;
    const main = cloudMain(schedulerMain, (): Ports => {
      attempts++;
      if (attempts === 1) throw new Error('SDK not ready');
      return localPorts({ store, dataDir: dir });
    });
    await expect(main({ Type: 'Timer' }, {})).rejects.toThrow('SDK not ready');
    await expect(main({ Type: 'Timer' }, {})).resolves.toMatchObject({ ok: true });
    expect(attempts).toBe(2);
  });
});

describe('cloudPorts (production wiring, offline)', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const k of ['WX_OPENID', 'WX_CONTEXT_KEYS', 'TCB_CONTEXT_KEYS']) delete process.env[k];
  });
  afterAll(() => {
    process.env = saved;
  });

  it('wires the CloudBase store, context identity, system clock and a lazy QR secret', async () => {
    const ports = cloudPorts({});
    expect(ports.store).toBeInstanceOf(CloudbaseStore);
    expect(ports.identity.local).toBe(false);
    expect(ports.identity.openid({ openid: 'evil' }, { environment: JSON.stringify({ WX_OPENID: 'oReal' }) })).toBe('oReal');
    expect(ports.identity.openid({ openid: 'evil' }, { persona: 'demo-admin' })).toBeNull();
    expect(Math.abs(Date.parse(ports.clock.now()) - Date.now())).toBeLessThan(5000);
    expect(() => ports.qr.sign('st:1')).toThrow('HONGLIN_QR_SECRET is not set');
    // Sending needs the database (the inbox copy): covered with SQLite in tests/integration/adapters/inbox-notifier.test.ts.
    expect(typeof ports.notifier.send).toBe('function');
    const signed = cloudPorts({ HONGLIN_QR_SECRET: 'production-secret-0123456789' });
    expect(signed.qr.verify(signed.qr.sign('st:1'))).toEqual({ ok: true, payload: 'st:1' });
  });
});
