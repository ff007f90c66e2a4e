import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClock } from '../../../cloudfunctions/_core/adapters/clock';
import { localPorts, localQrSecret } from '../../../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { createGateway } from '../../../cloudfunctions/_local/gateway';

describe('local ports', () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'honglin-local-'));
    store = new SqliteStore(join(dir, 'honglin.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('notifier (outbox)', () => {
    it('writes one outbox document per notification, with the fields the demo UI lists and no phone number', async () => {
      const clock = localClock('2026-11-01T08:00:00.000Z');
      const ports = localPorts({ store, dataDir: dir, clock });
      const res = await ports.notifier.send(
        {
          recipientId: 'usr_1',
          template: 'invite.redeemed',
          title: '邀请码已被使用',
          body: '兑换人电话 13812345678',
          page: '/pages/me/index',
          facts: { subject: '网格长 139 1234 5678' },
        },
        'demo-admin',
      );
      expect(res).toEqual({ delivered: true });
      const [msg, ...rest] = await store.find('outbox', { recipientId: 'usr_1' });
      expect(rest).toEqual([]);
      expect(msg).toEqual({
        _id: expect.stringMatching(/^msg_[0-9a-z]{20}$/),
        recipientId: 'usr_1',
        recipientOpenid: 'demo-admin',
        template: 'invite.redeemed',
        title: '邀请码已被使用',
        body: '兑换人电话 ***********',
        page: '/pages/me/index',
        // What production sends for it, phones masked there too, the time on the Beijing clock.
        wx: { page: 'pages/me/index', data: { thing1: { value: '网格长 *** **** ****' }, phrase2: { value: '已使用' }, time3: { value: '2026年11月1日 16:00' } } },
        createdAt: '2026-11-01T08:00:00.000Z',
      });
      expect(JSON.stringify(msg)).not.toMatch(/1[3-9]\d{9}|\d{3} \d{4} \d{4}/);
    });

    it('keeps messages apart per recipient, newest first through the declared index', async () => {
      const clock = localClock('2026-11-01T08:00:00.000Z');
      const ports = localPorts({ store, dataDir: dir, clock });
      for (const [who, title] of [
        ['a', '1'],
        ['b', '2'],
        ['a', '3'],
      ] as const) {
        await ports.notifier.send({ recipientId: who, template: 'order.comment', title, body: '' }, `o-${who}`);
        clock.advance(60_000);
      }
      const mine = await store.find<{ _id: string; title: string }>('outbox', { recipientId: 'a' }, { sort: [['createdAt', -1]] });
      expect(mine.map((m) => m.title)).toEqual(['3', '1']);
      expect(store.plan('outbox', { recipientId: 'a' }, { sort: [['createdAt', -1]] }).join(' ')).toMatch(/USING INDEX outbox_recipient/);
    });
  });

  describe('QR secret and images', () => {
    it('generates one secret per data folder, keeps it private, and reuses it', () => {
      const first = localQrSecret(dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(statSync(join(dir, 'qr-secret')).mode & 0o077).toBe(0);
      expect(localQrSecret(dir)).toBe(first);
      const a = localPorts({ store, dataDir: dir });
      const b = localPorts({ store, dataDir: dir });
      expect(b.qr.verify(a.qr.sign('st:1'))).toEqual({ ok: true, payload: 'st:1' });
      const elsewhere = mkdtempSync(join(tmpdir(), 'honglin-local-'));
      try {
        expect(localPorts({ store, dataDir: elsewhere }).qr.verify(a.qr.sign('st:1'))).toEqual({ ok: false });
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('an explicit secret wins over the folder’s', () => {
      const ports = localPorts({ store, dataDir: dir, secret: 'explicit-secret-0123456789' });
      expect(existsSync(join(dir, 'qr-secret'))).toBe(false);
      expect(ports.qr.verify(ports.qr.sign('m:9')).ok).toBe(true);
    });

    it('draws a PNG for a scene, different scenes giving different images', async () => {
      const ports = localPorts({ store, dataDir: dir });
      const a = await ports.qr.image(ports.qr.sign('st:1'), 'pages/scan/index');
      const b = await ports.qr.image(ports.qr.sign('st:2'), 'pages/scan/index');
      expect(a.contentType).toBe('image/png');
      expect(Buffer.from(a.bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      // IHDR: 320 × 320.
      expect(Buffer.from(a.bytes).readUInt32BE(16)).toBe(320);
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(false);
    });
  });

  describe('files', () => {
    it('writes under <dataDir>/files/<key>, answers local:// ids and /files/ URLs the gateway serves', async () => {
      const ports = localPorts({ store, dataDir: dir });
      const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      const put = await ports.files.put('orders/ord_1/photo-1.jpg', bytes, 'image/jpeg');
      expect(put).toEqual({ fileId: 'local://orders/ord_1/photo-1.jpg', url: '/files/orders/ord_1/photo-1.jpg' });
      expect(readFileSync(join(dir, 'files', 'orders', 'ord_1', 'photo-1.jpg'))).toEqual(Buffer.from(bytes));
      expect(await ports.files.url(put.fileId)).toBe(put.url);

      const server = createGateway({ ports, functions: [], filesDir: join(dir, 'files') });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${put.url}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(bytes));
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });

    it('refuses keys that could leave the folder or are not plain paths', async () => {
      const ports = localPorts({ store, dataDir: dir });
      for (const key of ['../escape.txt', 'a/../../escape.txt', '/etc/passwd', 'a//b', 'a\\b', '.hidden', 'a/./b', '', 'a/..', 'x'.repeat(256)]) {
        await expect(ports.files.put(key, new Uint8Array([1]), 'text/plain')).rejects.toThrow(/file key/);
      }
      await expect(ports.files.url('cloud://elsewhere/x.jpg')).rejects.toThrow(/local/);
      await expect(ports.files.url('local://../x')).rejects.toThrow(/file key/);
      expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
    });
  });

  it('identity, clock and content check are the local ones', async () => {
    const ports = localPorts({ store, dataDir: dir });
    expect(ports.identity.local).toBe(true);
    expect(ports.identity.openid({ openid: 'evil' }, { persona: 'demo-resident' })).toBe('demo-resident');
    ports.clock.set('2027-01-01T00:00:00.000Z');
    expect(ports.clock.now()).toBe('2027-01-01T00:00:00.000Z');
    await expect(ports.contentCheck.checkText('网络赌博', 'demo-resident')).resolves.toEqual({ safe: false, label: 'crime' });
    expect(ports.ids.id('ord')).toMatch(/^ord_/);
  });
});
