import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local gateway', () => {
  let gw: TestGateway;
  let h5: string;

  beforeAll(async () => {
    h5 = join(require('node:os').tmpdir(), `honglin-h5-${process.pid}`);
    mkdirSync(h5, { recursive: true });
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>红邻</title>');
    writeFileSync(join(h5, 'app.js'), 'console.log(1)');
    gw = await startTestGateway({ h5Dir: h5, ratePerSecond: 5 });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('answers /health with the engine and the instant', async () => {
    const res = await fetch(`${gw.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: expect.objectContaining({ status: 'ok', engine: 'sqlite' }) });
  });

  it('serves the H5 app at / and falls back to index.html for app routes', async () => {
    const root = await fetch(`${gw.url}/`);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    expect(await root.text()).toContain('红邻');
    expect(await (await fetch(`${gw.url}/app.js`)).text()).toBe('console.log(1)');
    expect(await (await fetch(`${gw.url}/pages/me/index`)).text()).toContain('红邻');
  });

  it('serves uploaded files and nothing outside their folder', async () => {
    const stored = await gw.ports.files.put('orders/photo-1.png', new Uint8Array([137, 80, 78, 71]), 'image/png');
    const res = await fetch(`${gw.url}${stored.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    // Raw paths: fetch() would normalise `..` away before sending.
    for (const path of ['/files/../honglin.sqlite', '/files/%2e%2e/honglin.sqlite', '/files/..%2fqr-secret', '/files/%E0%A4%A', '/files/../../../etc/passwd']) {
      const r = await rawGet(gw.url, path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body).not.toContain('SQLite format');
    }
  });

  it('answers a method it does not serve with an envelope, not a crash', async () => {
    const res = await fetch(`${gw.url}/api/accounts`, { method: 'GET' });
    expect(res.status).toBeLessThan(500);
    expect((await res.json()).ok).toBe(false);
  });

  it('refuses a bad instant for the scheduler tick, naming the field', async () => {
    const res = await gw.post('/local/tick', { at: 'next tuesday' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'at' }) });
  });

  it('slows a runaway client down with 429 and lets other people through', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, () => gw.call(PERSONAS.resident, 'accounts', 'me', {})));
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.RATE_LIMITED' }) });
    expect((await gw.call(PERSONAS.volunteer, 'accounts', 'me', {})).status).toBe(200);
  });
});
