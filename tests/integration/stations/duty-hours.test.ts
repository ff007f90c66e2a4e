import { closeForgottenDuty } from '../../../cloudfunctions/stations/duty-jobs';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { later } from '../../helpers/orders';

/** Beijing wall-clock time as an instant. 2026-11-23 is a Monday; 幸福里党群服务站 opens Mon–Sat 8:30–17:30. */
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const MON = '2026-11-23';
const SUN = '2026-11-29';

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
});
afterEach(async () => {
  await gw.stop();
});

async function checkInAt(persona: string, at: string) {
  await gw.tick(at);
  const code = await gw.call(PERSONAS.communityAdmin, 'stations', 'screenCode', { stationId: 'cm01-sta1' });
  if (!code.body.ok) throw new Error(code.body.error.code);
  const res = await gw.call(persona, 'stations', 'checkIn', { scene: code.body.data.scene });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.duty as { id: string; planned: boolean };
}
async function record(persona: string) {
  const res = await gw.call(persona, 'service', 'myRecord', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data;
}
const dutyEntry = (r: { entries: { source: string }[] }) => r.entries.find((e) => e.source === 'duty') as Record<string, unknown> | undefined;

describe('a check-in on a closed day (issue 7, Broken 2)', () => {
  it('mints no verified hours: closed at the end of that day as 自动签退, waiting for a leader', async () => {
    const duty = await checkInAt(PERSONAS.volunteer, bj(SUN, '10:00'));
    expect(duty.planned).toBe(false);
    // 12 hours on (the old hole): still open, nothing credited.
    await gw.tick(bj(SUN, '22:00'));
    expect((await gw.store.get<{ _id: string; status: string }>('duty', duty.id))?.status).toBe('open');
    const tick = await gw.tick(bj('2026-11-30', '01:00'));
    expect(tick.body.ok && tick.body.data.jobs.closeForgottenDuty).toBe(1);
    expect(await gw.store.get('duty', duty.id)).toEqual(
      expect.objectContaining({ status: 'autoClosed', checkOutAt: bj('2026-11-30', '00:00'), closeReason: 'closedDay', creditedMinutes: 0, confirmation: 'awaiting' }),
    );

    const r = await record(PERSONAS.volunteer);
    expect(r.summary.bySource.duty).toEqual({ hours: 0, points: 0, entries: 0 });
    expect(r.summary.awaitingDutyEntries).toBe(1);
    const entry = dutyEntry(r)!;
    expect(entry).toEqual(expect.objectContaining({ hours: 0, verified: false, autoClosed: true, confirmation: 'awaiting' }));
    expect(entry.note).toContain('自动签退');
    expect(entry.note).toContain('服务站当天不开放');
    expect(entry.note).not.toContain('按关门时间');

    const mine = await gw.call(PERSONAS.volunteer, 'stations', 'myDuty', {});
    expect(mine.body.ok && mine.body.data.recent[0]).toEqual(
      expect.objectContaining({ status: 'autoClosed', creditedMinutes: 0, confirmation: 'awaiting', autoCloseNote: expect.stringContaining('服务站当天不开放') }),
    );

    // Not in the in-service report either: nothing verified.
    const report = await gw.call(PERSONAS.communityAdmin, 'service', 'workUnitReport', { nodeId: 'cm01', month: '2026-11' });
    const rows = report.body.ok ? report.body.data.units.flatMap((u: { rows: { name: string; dutyHours: number }[] }) => u.rows) : [];
    expect(rows.every((row: { dutyHours: number }) => row.dutyHours === 0)).toBe(true);
  });

  it('a leader confirms fewer hours with a reason, once, audited; the volunteer sees them verified', async () => {
    const duty = await checkInAt(PERSONAS.volunteer, bj(SUN, '10:00'));
    await gw.tick(bj('2026-11-30', '09:00'));

    const overview = await gw.call(PERSONAS.communityAdmin, 'stations', 'dutyOverview', { communityId: 'cm01', fromDate: SUN, days: 1 });
    if (!overview.body.ok) throw new Error(overview.body.error.code);
    const row = overview.body.data.stations.find((s: { stationId: string }) => s.stationId === 'cm01-sta1').rows.find((x: { dutyId: string | null }) => x.dutyId === duty.id);
    expect(row).toEqual(
      expect.objectContaining({ kind: 'autoClosed', confirmation: 'awaiting', allowedActions: ['confirmDuty'], creditedMinutes: 0, note: expect.stringContaining('待负责人确认') }),
    );

    // The volunteer cannot confirm his own, nor can a resident.
    expect((await gw.call(PERSONAS.volunteer, 'stations', 'confirmDuty', { dutyId: duty.id, minutes: 840, note: '我一直都在' })).status).toBe(403);
    expect((await gw.call(PERSONAS.resident, 'stations', 'confirmDuty', { dutyId: duty.id, minutes: 840, note: '我看见了' })).status).toBe(403);

    const before = await gw.store.count('audit', {});
    const res = await gw.call(PERSONAS.gridLeader, 'stations', 'confirmDuty', { dutyId: duty.id, minutes: 150, note: '周日义诊活动，10:00–12:30' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.duty).toEqual(expect.objectContaining({ creditedMinutes: 150, confirmation: 'confirmed', minutes: 840 }));
    const audits = await gw.store.find<{ _id: string; action: string; detail: Record<string, unknown> }>('audit', { subjectId: duty.id }, { limit: 20 });
    expect(audits.find((a) => a.action === 'confirmDuty')?.detail).toEqual(
      expect.objectContaining({ event: 'duty.confirm', spanMinutes: 840, creditedMinutes: 150, note: '周日义诊活动，10:00–12:30' }),
    );
    expect(await gw.store.count('audit', {})).toBeGreaterThan(before);

    const again = await gw.call(PERSONAS.communityAdmin, 'stations', 'confirmDuty', { dutyId: duty.id, minutes: 600, note: '再确认一次' });
    expect([again.status, again.body.ok || again.body.error.code]).toEqual([409, 'DUTY.NOTHING_TO_CONFIRM']);

    const r = await record(PERSONAS.volunteer);
    expect(r.summary.bySource.duty).toEqual({ hours: 2.5, points: 25, entries: 1 });
    expect(r.summary.awaitingDutyEntries).toBe(0);
    expect(dutyEntry(r)).toEqual(expect.objectContaining({ hours: 2.5, verified: true, autoClosed: true, confirmation: 'confirmed', reviewNote: '周日义诊活动，10:00–12:30' }));
  });

  it('never lets a leader confirm their own unplanned duty', async () => {
    const duty = await checkInAt(PERSONAS.gridLeader, bj(MON, '10:00'));
    await gw.tick(bj(MON, '20:00'));
    const res = await gw.call(PERSONAS.gridLeader, 'stations', 'confirmDuty', { dutyId: duty.id, minutes: 60, note: '我自己' });
    expect([res.status, res.body.ok || res.body.error.code]).toEqual([403, 'DUTY.OWN_DUTY']);
    expect((await gw.call(PERSONAS.communityAdmin, 'stations', 'confirmDuty', { dutyId: duty.id, minutes: 60, note: '核实过值班登记' })).body.ok).toBe(true);
  });
});

describe('a forgotten check-out of a planned shift (issue 7, Broken 2)', () => {
  it('credits the 09:00–12:00 shift, not until closing time, and labels it 自动签退', async () => {
    const duty = await checkInAt(PERSONAS.volunteer, bj(MON, '09:00'));
    expect(duty.planned).toBe(true);
    await gw.tick(bj(MON, '20:00'));
    expect(await gw.store.get('duty', duty.id)).toEqual(
      expect.objectContaining({ status: 'autoClosed', checkOutAt: bj(MON, '17:30'), minutes: 510, creditedMinutes: 180, confirmation: 'none' }),
    );
    const r = await record(PERSONAS.volunteer);
    expect(r.summary.bySource.duty).toEqual({ hours: 3, points: 30, entries: 1 });
    const entry = dutyEntry(r)!;
    expect(entry).toEqual(expect.objectContaining({ hours: 3, verified: true, autoClosed: true }));
    expect(entry.note).toContain('自动签退');
    expect(entry.note).toContain('按排班计到 12:00');
    const mine = await gw.call(PERSONAS.volunteer, 'stations', 'myDuty', {});
    expect(mine.body.ok && mine.body.data.recent[0]).toEqual(expect.objectContaining({ creditedMinutes: 180, autoCloseNote: expect.stringContaining('17:30 关门时系统自动签退') }));
  });

  it('still credits the whole time to someone who checks out themselves', async () => {
    await checkInAt(PERSONAS.volunteer, bj(MON, '09:00'));
    await gw.tick(bj(MON, '13:00'));
    const code = await gw.call(PERSONAS.communityAdmin, 'stations', 'screenCode', { stationId: 'cm01-sta1' });
    const out = await gw.call(PERSONAS.volunteer, 'stations', 'checkOut', { scene: code.body.ok && code.body.data.scene });
    expect(out.body.ok && out.body.data.duty).toEqual(expect.objectContaining({ status: 'closed', minutes: 240, creditedMinutes: 240, autoCloseNote: null }));
    expect((await record(PERSONAS.volunteer)).summary.bySource.duty.hours).toBe(4);
  });
});

describe('hours the old scheduler credited', () => {
  it('are shown as 自动签退 in the service record', async () => {
    const [me] = await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.volunteer });
    // As the scheduler wrote them before the rule: no reason, no shift, the whole span verified.
    await gw.store.transact([
      {
        op: 'insert',
        collection: 'duty',
        doc: {
          _id: `${me!._id}.old`,
          stationId: 'cm01-sta1',
          communityId: 'cm01',
          userId: me!._id,
          checkInAt: bj(MON, '09:00'),
          checkOutAt: bj(MON, '17:30'),
          closesAt: bj(MON, '17:30'),
          status: 'autoClosed',
          planned: true,
          late: false,
          minutes: 510,
          month: '2026-11',
          version: 2,
        },
      },
      {
        op: 'insert',
        collection: 'service_records',
        doc: {
          _id: `duty.${me!._id}.old`,
          volunteerId: me!._id,
          source: 'duty',
          dutyId: `${me!._id}.old`,
          stationId: 'cm01-sta1',
          communityId: 'cm01',
          verified: true,
          hours: 8.5,
          points: 85,
          at: bj(MON, '17:30'),
          month: '2026-11',
          version: 1,
        },
      },
    ]);
    await gw.tick(bj(MON, '20:00'));
    const entry = dutyEntry(await record(PERSONAS.volunteer))!;
    expect(entry).toEqual(expect.objectContaining({ hours: 8.5, autoClosed: true }));
    expect(entry.note).toBe('幸福里党群服务站 值班 · 自动签退：忘记签退，系统已自动签退');
  });
});

describe('the duty job reaches its fixed point in one tick', () => {
  it('closes every forgotten duty however many are due, and a second tick changes nothing', async () => {
    const users = await gw.store.find<{ _id: string }>('users', {}, { limit: 300 });
    // 1,200 forgotten duties over past days (more than a page of the job's query).
    const ops = Array.from({ length: 1200 }, (_, i) => {
      const userId = users[i % users.length]!._id;
      const checkInAt = later(bj('2026-11-02', '09:00'), i);
      return {
        op: 'insert' as const,
        collection: 'duty',
        doc: {
          _id: `${userId}.bulk${i}`,
          stationId: 'cm01-sta1',
          communityId: 'cm01',
          userId,
          checkInAt,
          checkOutAt: null,
          closesAt: later(checkInAt, 60 * 8),
          closeReason: 'closingTime',
          shiftStartAt: null,
          shiftEndAt: null,
          status: 'open',
          planned: false,
          late: false,
          minutes: 0,
          month: '2026-11',
          version: 1,
        },
      };
    });
    expect((await gw.store.transact(ops)).ok).toBe(true);
    const at = bj('2026-12-31', '12:00');
    // The job alone, run once (the scheduler's own passes do not help it here).
    expect(await closeForgottenDuty(gw.ports, at)).toBe(1200);
    expect(await gw.store.count('duty', { status: 'open' })).toBe(0);
    const before = await snapshot(gw);
    const tick = await gw.tick(at);
    expect(tick.body.ok && tick.body.data.jobs.closeForgottenDuty).toBe(0);
    expect(await snapshot(gw)).toBe(before);
  }, 60_000);
});
