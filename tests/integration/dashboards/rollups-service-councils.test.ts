import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { rebuildRollups } from '../../../cloudfunctions/_core/rollups';
import { unitKeyOf } from '../../../shared/service/entry';
import { council, councilFixtures } from '../../helpers/councils';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, post } from '../../helpers/orders';

/**
 * The dashboard's hours and councils sections, read from rollups kept on write: service entries of
 * every source and council activity made through the real handlers count at once, and a rebuild from
 * the records finds nothing to rewrite.
 */
const PERIOD = '2026-11';
const COMMUNITY = 'cm01';
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

let gw: TestGateway;
let street: string;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // The demo's records were loaded around the writer: their rollups come from one rebuild.
  await rebuildRollups(gw.store);
  street = (await gw.store.get<{ _id: string; path: { streetId: string } }>('nodes', COMMUNITY))!.path.streetId;
});
afterAll(async () => {
  await gw.stop();
});

type Hours = { total: number; bySource: { source: string; hours: number }[]; byUnit: { unitKey: string; workUnit: string; hours: number }[] };
type Councils = { meetings: number; minutesOnTime: number; decisions: number; decisionsDone: number; ratings: number; effectAverage: number | null };

async function overview(persona: string, nodeId: string): Promise<{ hours: Hours; councils: Councils }> {
  const res = await gw.call(persona, 'dashboards', 'overview', { nodeId, period: PERIOD });
  if (!res.body.ok) throw new Error(`overview: ${res.body.error.code}`);
  return res.body.data;
}
const bySource = (h: Hours, source: string) => h.bySource.find((s) => s.source === source)!.hours;
const ofUnit = (h: Hours, key: string) => h.byUnit.find((u) => u.unitKey === key)?.hours ?? 0;
const round2 = (n: number) => Math.round(n * 100) / 100;

describe('service and council rollups on the dashboard', () => {
  it('counts a closed order, a duty, approved and partly approved hours, a meeting held, a decision, a topic done and a rating — as a rebuild would', async () => {
    const views = [
      [PERSONAS.streetAdmin, () => street],
      [PERSONAS.communityAdmin, () => COMMUNITY],
    ] as const;
    const before = await Promise.all(views.map(([p, node]) => overview(p, node())));

    // 接单服务: a closed order (rated 5★) credits its volunteer.
    const posted = await post(gw, PERSONAS.resident);
    const volunteer = await offereeOf(gw, posted.id);
    await act(gw, volunteer, 'accept', { orderId: posted.id });
    const photo = await gw.call(volunteer, 'orders', 'uploadPhoto', {
      contentType: 'image/png',
      dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0]).toString('base64'),
    });
    if (!photo.body.ok) throw new Error(photo.body.error.code);
    await gw.tick(later(MORNING, 90));
    await act(gw, volunteer, 'resolve', { orderId: posted.id, note: '更换了阀芯，已不再滴水', photos: [photo.body.data.fileId] });
    await act(gw, PERSONAS.resident, 'rate', { orderId: posted.id, stars: 5, tags: [], comment: '' });
    const orderEntry = (await gw.store.get<Doc & { hours: number; volunteerId: string; workUnit: string | null; streetId: string; communityId: string; gridId: string }>(
      'service_records',
      `order.${posted.id}`,
    ))!;
    expect(orderEntry).toEqual(expect.objectContaining({ streetId: street, communityId: COMMUNITY, gridId: expect.any(String) }));

    // 站点值班: the in-service party member (双报到) checks in and out at the station.
    const code = async () => {
      const res = await gw.call(PERSONAS.communityAdmin, 'stations', 'screenCode', { stationId: 'cm01-sta1' });
      if (!res.body.ok) throw new Error(res.body.error.code);
      return res.body.data.scene as string;
    };
    await gw.tick(bj('2026-11-23', '13:00'));
    const checkIn = await gw.call(PERSONAS.inService, 'stations', 'checkIn', { scene: await code() });
    if (!checkIn.body.ok) throw new Error(checkIn.body.error.code);
    await gw.tick(bj('2026-11-23', '15:00'));
    const checkOut = await gw.call(PERSONAS.inService, 'stations', 'checkOut', { scene: await code() });
    if (!checkOut.body.ok) throw new Error(checkOut.body.error.code);
    const dutyEntry = (await gw.store.get<Doc & { hours: number; verified: boolean; volunteerId: string; workUnit: string | null }>(
      'service_records',
      `duty.${checkIn.body.data.duty.id}`,
    ))!;
    const unit = (await gw.store.get<Doc & { volunteer: { workUnit: string } }>('users', dutyEntry.volunteerId))!.volunteer.workUnit;
    expect(dutyEntry).toEqual(expect.objectContaining({ verified: true, workUnit: unit }));

    // 自行填报: 3 hours approved whole, 8 approved in part (4), by the community.
    const submit = async (hours: number) => {
      const res = await gw.call(PERSONAS.inService, 'service', 'submitHours', { date: '2026-11-20', hours, description: '社区垃圾分类宣传' });
      if (!res.body.ok) throw new Error(res.body.error.code);
      return res.body.data.entry.id as string;
    };
    const whole = await submit(3);
    const part = await submit(8);
    const review = async (entryId: string, extra: Record<string, unknown>) => {
      const res = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId, approve: true, ...extra });
      if (!res.body.ok) throw new Error(res.body.error.code);
    };
    await review(whole, {});
    await review(part, { hours: 4, note: '活动只进行了半天' });
    // Still pending: counts nowhere.
    await submit(2);

    // 议事: a meeting held with a decision adopted; the decided topic done; its proposer rates the effect.
    const ids = await councilFixtures(gw);
    const topic = (await gw.store.get<Doc & { actions: { id: string }[] }>('topics', ids.actingTopic))!;
    await council(gw, PERSONAS.gridLeader, 'completeAction', { topicId: ids.actingTopic, actionId: topic.actions[0]!.id, note: '已更换' });
    await council(gw, PERSONAS.residentYoung, 'rate', { topicId: ids.actingTopic, score: 4, comment: '路灯亮了' });
    expect((await gw.store.get<Doc & { state: string }>('topics', ids.actingTopic))?.state).toBe('done');

    // The rollups kept on write are what a rebuild from the records gives.
    expect(await rebuildRollups(gw.store, { dryRun: true })).toEqual(expect.objectContaining({ rewritten: 0 }));

    const orderUnit = (await gw.store.get<Doc & { volunteer?: { inService: boolean; workUnit?: string } }>('users', orderEntry.volunteerId))?.volunteer;
    expect(orderEntry.workUnit).toBe(orderUnit?.inService ? orderUnit.workUnit : null);
    const key = unitKeyOf(unit);
    const unitHours = dutyEntry.hours + 3 + 4 + (orderEntry.workUnit === unit ? orderEntry.hours : 0);
    for (const [i, [persona, node]] of views.entries()) {
      const now = await overview(persona, node());
      const was = before[i]!;
      expect(round2(bySource(now.hours, 'order') - bySource(was.hours, 'order'))).toBe(orderEntry.hours);
      expect(round2(bySource(now.hours, 'duty') - bySource(was.hours, 'duty'))).toBe(dutyEntry.hours);
      expect(round2(bySource(now.hours, 'manual') - bySource(was.hours, 'manual'))).toBe(7);
      expect(round2(now.hours.total - was.hours.total)).toBe(round2(orderEntry.hours + dutyEntry.hours + 7));
      expect(round2(ofUnit(now.hours, key) - ofUnit(was.hours, key))).toBe(round2(unitHours));
      expect(now.hours.byUnit.find((u) => u.unitKey === key)?.workUnit).toBe(unit);

      // The fixtures close one meeting (a decision adopted, minutes not written yet).
      expect(now.councils.meetings - was.councils.meetings).toBe(1);
      expect(now.councils.minutesOnTime - was.councils.minutesOnTime).toBe(0);
      expect(now.councils.decisions - was.councils.decisions).toBe(1);
      expect(now.councils.decisionsDone - was.councils.decisionsDone).toBe(1);
      expect(now.councils.ratings - was.councils.ratings).toBe(1);
    }

    // The records behind the unit's hours: index-backed, with names, as the street sees them.
    const records = await gw.call(PERSONAS.streetAdmin, 'dashboards', 'records', { nodeId: street, period: PERIOD, figure: 'hours', unitKey: key, limit: 50 });
    if (!records.body.ok) throw new Error(records.body.error.code);
    const rows = records.body.data.entries as { id: string; source: string; volunteer: string; workUnit: string; hours: number }[];
    expect(records.body.data).toEqual(expect.objectContaining({ kind: 'hours', orders: [] }));
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([`duty.${checkIn.body.data.duty.id}`, whole, part]));
    expect(rows.every((r) => r.workUnit === unit && r.volunteer.length > 0)).toBe(true);
    expect(round2(rows.reduce((n, r) => n + r.hours, 0))).toBeGreaterThanOrEqual(round2(unitHours));
    const manual = await gw.call(PERSONAS.communityAdmin, 'dashboards', 'records', { nodeId: COMMUNITY, period: PERIOD, figure: 'hours', source: 'manual', limit: 50 });
    if (!manual.body.ok) throw new Error(manual.body.error.code);
    expect(manual.body.data.entries.find((r: { id: string }) => r.id === part)).toEqual(expect.objectContaining({ source: 'manual', sourceLabel: '自行填报', hours: 4 }));
    expect(manual.body.data.entries.map((r: { source: string }) => r.source)).not.toContain('order');
  }, 30_000);
});
