import { createHash } from 'node:crypto';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { PERSONAS, snapshot, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

/**
 * 大屏设备: the monitor at a station acts as the station with a device token its community admin
 * issued; no person is behind its calls. Through the real local gateway, as the H5 screen calls it.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const A = 'cm01-sta1';
const B = 'cm02-sta1';

function ok<T = any>(res: CallResult<T>, what: string): T {
  if (!res.body.ok) throw new Error(`${what}: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
}

/** A call as the station's screen makes it: the token in the envelope's `device`, no persona at all. */
const asDevice = (token: string, action: string, payload: unknown) => gw.post('/api/stations', { action, payload, device: token });

async function issue(stationId = A, label = '一楼大厅电视', persona: string = PERSONAS.communityAdmin) {
  return ok<{ device: { id: string; label: string; active: boolean; hint: string }; token: string }>(
    await gw.call(persona, 'stations', 'issueDevice', { stationId, label }),
    'issueDevice',
  );
}

describe('a community admin authorizes a screen for a station', () => {
  it('answers the token once, keeps only its SHA-256, and lists the device with who issued it', async () => {
    const issued = await issue(A, '二楼活动室');
    expect(issued.token).toMatch(/^hlscr_[0-9a-hjkmnp-tv-z]{32}$/);
    expect(issued.device).toMatchObject({ label: '二楼活动室', active: true, hint: `…${issued.token.slice(-4)}` });

    const stored = await gw.store.get<Doc & { hash: string }>('station_devices', issued.device.id);
    expect(stored?.hash).toBe(createHash('sha256').update(issued.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    expect(await snapshot(gw)).not.toContain(issued.token);

    const listed = ok<{ devices: Array<Record<string, unknown>> }>(await gw.call(PERSONAS.communityAdmin, 'stations', 'listDevices', { stationId: A }), 'listDevices');
    const row = listed.devices.find((d) => d.id === issued.device.id);
    expect(row).toMatchObject({ label: '二楼活动室', issuedBy: expect.stringMatching(/\S/), active: true, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toMatch(/hash|hlscr_/);
  });

  it('audits the issue and the revoke', async () => {
    const issued = await issue(A, '门厅屏');
    ok(await gw.call(PERSONAS.communityAdmin, 'stations', 'revokeDevice', { deviceId: issued.device.id }), 'revokeDevice');
    const entries = gw.store.db.prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.subjectId') = ?").all(issued.device.id) as { doc: string }[];
    const events = entries.map((e) => (JSON.parse(e.doc) as { detail: { event?: string } }).detail.event);
    expect(events).toEqual(expect.arrayContaining(['stations.issueDevice', 'stations.revokeDevice']));
  });

  it('offers the devices section only to those who manage the station', async () => {
    const admin = ok(await gw.call(PERSONAS.communityAdmin, 'stations', 'get', { stationId: A }), 'get');
    expect(admin.station.allowedActions).toContain('manageDevices');
    const leader = ok(await gw.call(PERSONAS.gridLeader, 'stations', 'get', { stationId: A }), 'get');
    expect(leader.station.allowedActions).not.toContain('manageDevices');
  });
});

describe('the screen with a live token acts as its station, and only as its station', () => {
  it('shows the rotating code and who is on duty without any persona', async () => {
    const { token, device } = await issue();
    const code = ok(await asDevice(token, 'screenCode', { stationId: A }), 'screenCode');
    expect(code.scene).toEqual(expect.any(String));
    expect(code.expiresAt).toEqual(expect.any(String));
    const station = ok(await asDevice(token, 'get', { stationId: A }), 'get');
    expect(station.station).toMatchObject({ id: A, allowedActions: [] });
    expect(Array.isArray(station.station.onDutyNow)).toBe(true);

    const listed = ok<{ devices: Array<{ id: string; lastUsedAt: string | null }> }>(
      await gw.call(PERSONAS.communityAdmin, 'stations', 'listDevices', { stationId: A }),
      'listDevices',
    );
    expect(listed.devices.find((d) => d.id === device.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('registers nobody: a device call leaves no user behind', async () => {
    const users = await gw.store.count('users', {});
    const { token } = await issue();
    ok(await asDevice(token, 'screenCode', { stationId: A }), 'screenCode');
    expect(await gw.store.count('users', {})).toBe(users);
  });

  it('refuses a token of station A for station B', async () => {
    const { token } = await issue(A);
    const res = await asDevice(token, 'screenCode', { stationId: B });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ ok: false, error: { code: 'STATION.DEVICE_OTHER_STATION', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field: 'payload.stationId' } });
    expect((await asDevice(token, 'get', { stationId: B })).body).toMatchObject({ ok: false, error: { code: 'STATION.DEVICE_OTHER_STATION' } });
  });

  it('refuses every action a screen does not do, even for its own station', async () => {
    const { token } = await issue(A);
    for (const [action, payload] of [
      ['permanentCode', { stationId: A }],
      ['save', { stationId: A }],
      ['listDevices', { stationId: A }],
      ['issueDevice', { stationId: A, label: '再来一块' }],
      ['myCode', {}],
      ['dutyOverview', { communityId: 'cm01', fromDate: '2026-11-23' }],
    ] as const) {
      const res = await asDevice(token, action, payload);
      expect([action, res.status, res.body.ok ? null : res.body.error.code]).toEqual([action, 403, 'COMMON.FORBIDDEN']);
    }
  });

  it('refuses an unknown token with STATION.DEVICE_UNKNOWN, and a malformed one at the envelope', async () => {
    const res = await asDevice(`hlscr_${'a'.repeat(32)}`, 'screenCode', { stationId: A });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ ok: false, error: { code: 'STATION.DEVICE_UNKNOWN', message: '此大屏未获授权，请联系社区管理员重新授权', field: 'device' } });
    expect((await asDevice('not-a-real-token-at-all', 'screenCode', { stationId: A })).body).toMatchObject({ ok: false, error: { code: 'STATION.DEVICE_UNKNOWN' } });
    const malformed = await gw.post('/api/stations', { action: 'screenCode', payload: { stationId: A }, device: 'short' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT', field: 'device' } });
  });

  it('stops a revoked token at its very next call', async () => {
    const { token, device } = await issue();
    ok(await asDevice(token, 'screenCode', { stationId: A }), 'screenCode before');
    const revoked = ok(await gw.call(PERSONAS.communityAdmin, 'stations', 'revokeDevice', { deviceId: device.id }), 'revokeDevice');
    expect(revoked.device).toMatchObject({ active: false, revokedAt: expect.any(String), revokedBy: expect.stringMatching(/\S/) });
    for (const action of ['screenCode', 'get']) {
      const res = await asDevice(token, action, { stationId: A });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ ok: false, error: { code: 'STATION.DEVICE_REVOKED', message: '此大屏已停用，请联系社区管理员重新授权', field: 'device' } });
    }
    const again = await gw.call(PERSONAS.communityAdmin, 'stations', 'revokeDevice', { deviceId: device.id });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'STATION.DEVICE_ALREADY_REVOKED' } });
  });

  it('keeps a person with the role able to show the code as before', async () => {
    expect(ok(await gw.call(PERSONAS.gridLeader, 'stations', 'screenCode', { stationId: A }), 'screenCode').scene).toEqual(expect.any(String));
  });
});

describe('only those who manage the station issue, list and revoke', () => {
  it.each([
    ['a resident', PERSONAS.resident],
    ['a grid leader who runs the screen', PERSONAS.gridLeader],
    ['the admin of another community', PERSONAS.settlementAdmin],
  ])('%s is refused and nothing changes', async (_who, persona) => {
    const { device } = await issue(A, '会议室屏');
    const before = await snapshot(gw);
    expect((await gw.call(persona, 'stations', 'issueDevice', { stationId: A, label: '我的屏' })).body).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect((await gw.call(persona, 'stations', 'listDevices', { stationId: A })).body).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect((await gw.call(persona, 'stations', 'revokeDevice', { deviceId: device.id })).body).toMatchObject({ ok: false, error: { code: 'STATION.DEVICE_NOT_FOUND' } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('a community admin cannot issue for a station of another community; its street admin can', async () => {
    expect((await gw.call(PERSONAS.communityAdmin, 'stations', 'issueDevice', { stationId: B, label: '大厅屏' })).body).toMatchObject({
      ok: false,
      error: { code: 'COMMON.FORBIDDEN' },
    });
    expect((await issue(B, '大厅屏', PERSONAS.streetAdmin)).token).toMatch(/^hlscr_/);
  });

  it('a station holds at most ten active screens', async () => {
    const { devices } = ok<{ devices: Array<{ active: boolean }> }>(await gw.call(PERSONAS.streetAdmin, 'stations', 'listDevices', { stationId: B }), 'listDevices');
    for (let i = devices.filter((d) => d.active).length; i < 10; i++) await issue(B, `屏${i}号`, PERSONAS.streetAdmin);
    const res = await gw.call(PERSONAS.streetAdmin, 'stations', 'issueDevice', { stationId: B, label: '第十一块' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'STATION.TOO_MANY_DEVICES' } });
  });
});

describe('hostile input to the device actions', () => {
  it.each([
    ['issueDevice', { stationId: A }, 'payload.label'],
    ['issueDevice', { stationId: A, label: 'x' }, 'payload.label'],
    ['issueDevice', { stationId: A, label: '屏'.repeat(21) }, 'payload.label'],
    ['issueDevice', { stationId: '../etc', label: '大厅屏' }, 'payload.stationId'],
    ['issueDevice', { stationId: A, label: '大厅屏', token: 'mine' }, 'payload'],
    ['listDevices', { stationId: { $ne: null } }, 'payload.stationId'],
    ['revokeDevice', {}, 'payload.deviceId'],
    ['revokeDevice', { deviceId: 'dev 1; drop' }, 'payload.deviceId'],
  ] as const)('%s %j → %s', async (action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.communityAdmin, 'stations', action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it.each([42, ['hlscr_x'], { $gt: '' }, 'x'.repeat(129), 'hlscr_<script>alert(1)</script>'])('a device field %j is refused at the envelope', async (device) => {
    const res = await gw.post('/api/stations', { action: 'screenCode', payload: { stationId: A }, device });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT', field: 'device' } });
  });

  it('an unknown station with a live token is refused as another station, not found', async () => {
    const { token } = await issue(A);
    expect((await asDevice(token, 'screenCode', { stationId: 'nosuch' })).body).toMatchObject({ ok: false, error: { code: 'STATION.DEVICE_OTHER_STATION' } });
  });

  it('a revoke of an unknown device is not found', async () => {
    expect((await gw.call(PERSONAS.communityAdmin, 'stations', 'revokeDevice', { deviceId: 'dev-nosuch' })).body).toMatchObject({
      ok: false,
      error: { code: 'STATION.DEVICE_NOT_FOUND', field: 'payload.deviceId' },
    });
  });
});
