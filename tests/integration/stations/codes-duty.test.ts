import { encodePayload } from '../../../shared/stations/codes';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { later, MORNING } from '../../helpers/orders';

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING); // Monday 10:00 in Beijing: 幸福里党群服务站 is open
});
afterEach(async () => {
  await gw.stop();
});

const screenCode = async (stationId = 'cm01-sta1') => {
  const res = await gw.call(PERSONAS.gridLeader, 'stations', 'screenCode', { stationId });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data as { scene: string; imageDataUrl: string; issuedAt: string; expiresAt: string };
};

describe('station codes', () => {
  it('renews the check-in code every minute, as a real QR image that fits a 32-character scene', async () => {
    const a = await screenCode();
    expect(a.scene.length).toBeLessThanOrEqual(32);
    expect(a.imageDataUrl).toMatch(/^data:image\/png;base64,iVBOR/);
    expect([a.issuedAt, a.expiresAt]).toEqual([MORNING, later(MORNING, 1)]);
    await gw.tick(later(MORNING, 1));
    expect((await screenCode()).scene).not.toBe(a.scene);
  });

  it('accepts a check-in code for a couple of minutes and refuses a photo of it taken earlier', async () => {
    const { scene } = await screenCode();
    await gw.tick(later(MORNING, 2));
    expect((await gw.call(PERSONAS.volunteer, 'stations', 'scan', { scene })).body.ok).toBe(true);
    await gw.tick(later(MORNING, 3));
    const stale = await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'CODE.EXPIRED', field: 'payload.scene' }) });
  });

  it('refuses a tampered code and a code rewritten for another station', async () => {
    const { scene } = await screenCode();
    const mac = scene.slice(scene.lastIndexOf('.'));
    const otherStation = encodePayload({ kind: 'checkin', stationId: 'cm02-sta1', minute: Math.floor(Date.parse(MORNING) / 60_000) }) + mac;
    const flipped = scene.slice(0, -1) + (scene.endsWith('A') ? 'B' : 'A');
    for (const bad of [otherStation, flipped, 'c:cm01-sta1:0.AAAAAAAAAAA', 'hello', 'x'.repeat(32)]) {
      const before = await snapshot(gw);
      const res = await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene: bad });
      expect([bad, res.status, res.body.ok || res.body.error.code]).toEqual([bad, 400, 'CODE.INVALID']);
      expect(await snapshot(gw)).toBe(before);
    }
  });
});

describe('duty: check in and out at the station', () => {
  it('checks a volunteer in against the roster, counts a second scan once, and credits the hours on check-out', async () => {
    const { scene } = await screenCode();
    const first = await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene });
    if (!first.body.ok) throw new Error(first.body.error.code);
    expect(first.body.data).toEqual({ repeated: false, duty: expect.objectContaining({ status: 'open', planned: true, late: true }) });
    const again = await gw.call(PERSONAS.volunteer, 'stations', 'checkIn', { scene });
    expect(again.body.ok && again.body.data.repeated).toBe(true);
    expect(await gw.store.count('duty', {})).toBe(1);

    await gw.tick(later(MORNING, 120));
    const out = await gw.call(PERSONAS.volunteer, 'stations', 'checkOut', { scene: (await screenCode()).scene });
    if (!out.body.ok) throw new Error(out.body.error.code);
    expect(out.body.data.duty).toEqual(expect.objectContaining({ status: 'closed', minutes: 120 }));
    const record = await gw.call(PERSONAS.volunteer, 'service', 'myRecord', {});
    if (!record.body.ok) throw new Error(record.body.error.code);
    expect(record.body.data.summary.bySource.duty).toEqual({ hours: 2, points: 20, entries: 1 });
    expect(record.body.data.summary.bySource.order.hours).toBe(0);
  });

  it('refuses residents and volunteers of grids the station does not serve', async () => {
    const { scene } = await screenCode();
    expect((await gw.call(PERSONAS.resident, 'stations', 'checkIn', { scene })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'DUTY.NOT_STAFF' }) });
    const farVolunteer = await gw.store.find<{ _id: string; openid: string }>('users', { openid: 'seed-volunteer-004' });
    const res = await gw.call(farVolunteer[0]!.openid, 'stations', 'checkIn', { scene });
    expect(res.status).toBe(403);
  });

  it('closes a forgotten check-out at closing time, marks it, and a second tick changes nothing', async () => {
    const { scene } = await screenCode();
    await gw.call(PERSONAS.gridLeader, 'stations', 'checkIn', { scene });
    const at = later(MORNING, 10 * 60);
    const tick = await gw.tick(at);
    expect(tick.body.ok && tick.body.data.jobs.closeForgottenDuty).toBe(1);
    const [duty] = await gw.store.find<{ _id: string; status: string; checkOutAt: string; minutes: number }>('duty', {});
    expect(duty).toEqual(expect.objectContaining({ status: 'autoClosed', checkOutAt: '2026-11-23T09:30:00.000Z', minutes: 450 }));
    const before = await snapshot(gw);
    await gw.tick(at);
    expect(await snapshot(gw)).toBe(before);

    const overview = await gw.call(PERSONAS.communityAdmin, 'stations', 'dutyOverview', { communityId: 'cm01', fromDate: '2026-11-23', days: 1 });
    if (!overview.body.ok) throw new Error(overview.body.error.code);
    const rows = overview.body.data.stations.find((s: { stationId: string }) => s.stationId === 'cm01-sta1').rows;
    // Monday: the volunteer's morning slot was missed (it is over), the grid leader came unplanned and forgot to check out.
    expect(rows.map((r: { kind: string }) => r.kind).sort()).toEqual(['autoClosed', 'missed']);
  });
});

describe('扫一扫: one entry point for every code', () => {
  it('offers a resident to post at a station, with the grid filled in from her home', async () => {
    const code = await gw.call(PERSONAS.resident, 'stations', 'permanentCode', { stationId: 'cm01-sta1' });
    if (!code.body.ok) throw new Error(code.body.error.code);
    const res = await gw.call(PERSONAS.resident, 'stations', 'scan', { scene: code.body.data.scene });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data).toEqual(
      expect.objectContaining({ kind: 'station', offers: ['postOrder', 'viewStation'], station: expect.objectContaining({ id: 'cm01-sta1', gridId: 'cm01-gd1' }) }),
    );
  });

  it('lets the grid leader act for a resident who shows her personal code, and tells anyone else nothing about her', async () => {
    const mine = await gw.call(PERSONAS.resident, 'stations', 'myCode', {});
    if (!mine.body.ok) throw new Error(mine.body.error.code);
    expect(mine.body.data.scene).not.toContain('usr');
    const leader = await gw.call(PERSONAS.gridLeader, 'stations', 'scan', { scene: mine.body.data.scene });
    expect(leader.body.ok && leader.body.data).toEqual(expect.objectContaining({ kind: 'person', offers: ['postOnBehalf'], person: expect.objectContaining({ name: '张桂英' }) }));
    const stranger = await gw.call(PERSONAS.volunteer, 'stations', 'scan', { scene: mine.body.data.scene });
    expect(stranger.body.ok && stranger.body.data).toEqual(expect.objectContaining({ offers: [], person: { userId: '', name: '张**', placeLabel: '' } }));
    // The same code again next time: it is hers, not a new one each time.
    const again = await gw.call(PERSONAS.resident, 'stations', 'myCode', {});
    expect(again.body.ok && again.body.data.scene).toBe(mine.body.data.scene);
  });

  it('lists the stations nearest first, with their hours and whether they are open now', async () => {
    const res = await gw.call(PERSONAS.resident, 'stations', 'list', { point: { lat: 30.5802, lng: 104.0751 } });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.stations.map((s: { id: string }) => s.id)).toEqual(['cm02-sta1', 'cm01-sta1']);
    expect(res.body.data.stations[1]).toEqual(expect.objectContaining({ openNow: true, openingHours: '周一至周六 8:30-17:30', distanceMeters: expect.any(Number) }));
    expect(res.body.data.stations[1].roster.length).toBe(3);
  });
});
