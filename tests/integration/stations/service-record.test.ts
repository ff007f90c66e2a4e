import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, post } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const submit = (persona: string, hours: number, date = '2026-11-20') => gw.call(persona, 'service', 'submitHours', { date, hours, description: '社区垃圾分类宣传' });
const review = (persona: string, entryId: string, approve = true) => gw.call(persona, 'service', 'reviewHours', { entryId, approve });
const record = async (persona: string) => {
  const res = await gw.call(persona, 'service', 'myRecord', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data;
};

describe('双报到 service record: three sources kept apart', () => {
  it('keeps hand-entered hours pending until the community approves them, and counts an approval once', async () => {
    const sub = await submit(PERSONAS.inService, 3);
    if (!sub.body.ok) throw new Error(sub.body.error.code);
    const id = sub.body.data.entry.id;
    let r = await record(PERSONAS.inService);
    expect(r.summary.bySource.manual.hours).toBe(0);
    expect(r.summary.pendingManualHours).toBe(3);

    const pending = await gw.call(PERSONAS.communityAdmin, 'service', 'pendingHours', { communityId: 'cm01' });
    expect(pending.body.ok && pending.body.data.entries.map((e: { id: string }) => e.id)).toContain(id);

    const [a, b] = await Promise.all([review(PERSONAS.communityAdmin, id), review(PERSONAS.communityAdmin, id)]);
    expect([a.body.ok, b.body.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.body.ok ? b : a;
    expect(loser.body.ok || loser.body.error.code).toBe('SERVICE.ALREADY_REVIEWED');
    expect((await review(PERSONAS.communityAdmin, id)).body.ok).toBe(false);
    r = await record(PERSONAS.inService);
    expect(r.summary.bySource.manual).toEqual({ hours: 3, points: 30, entries: 1 });
    expect(r.summary.pendingManualHours).toBe(0);
    expect(r.summary.bySource.order.hours).toBe(0);
    expect(r.summary.bySource.duty.hours).toBe(0);
  });

  it('holds the monthly cap on hand-entered hours', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sub = await submit(PERSONAS.volunteer, 8, `2026-11-1${i}`);
      if (!sub.body.ok) throw new Error(sub.body.error.code);
      ids.push(sub.body.data.entry.id);
    }
    expect((await review(PERSONAS.communityAdmin, ids[0]!)).body.ok).toBe(true);
    expect((await review(PERSONAS.communityAdmin, ids[1]!)).body.ok).toBe(true);
    const third = await review(PERSONAS.communityAdmin, ids[2]!);
    expect(third.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'SERVICE.MANUAL_CAP' }) });
    expect((await record(PERSONAS.volunteer)).summary.bySource.manual.hours).toBe(16);
    // A returned entry never counts.
    expect((await review(PERSONAS.communityAdmin, ids[2]!, false)).body.ok).toBe(true);
    expect((await record(PERSONAS.volunteer)).summary.bySource.manual.hours).toBe(16);
  });

  it('puts a closed order under 接单服务 and nowhere else', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙取快递送到家' });
    const v = await offereeOf(gw, posted.id);
    const before = await record(v);
    await act(gw, v, 'accept', { orderId: posted.id });
    await gw.tick(later(MORNING, 60));
    await act(gw, v, 'resolve', { orderId: posted.id, note: '已送到' });
    await act(gw, PERSONAS.resident, 'rate', { orderId: posted.id, stars: 5 });
    const after = await record(v);
    expect(after.summary.bySource.order.hours).toBe(before.summary.bySource.order.hours + 1);
    expect(after.summary.bySource.duty).toEqual(before.summary.bySource.duty);
    expect(after.summary.bySource.manual).toEqual(before.summary.bySource.manual);
  });

  it('refuses hours from residents, in the future, or in odd amounts', async () => {
    expect((await submit(PERSONAS.resident, 2)).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'SERVICE.NOT_VOLUNTEER' }) });
    expect((await submit(PERSONAS.volunteer, 2, '2026-12-31')).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'SERVICE.FUTURE_DATE', field: 'payload.date' }) });
    expect((await submit(PERSONAS.volunteer, 1.2)).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.hours' }) });
    expect((await review(PERSONAS.gridLeader, 'man_x')).status).toBe(404);
  });

  it('reports a work unit’s month for its party branch, as a page and a CSV', async () => {
    const res = await gw.call(PERSONAS.communityAdmin, 'service', 'workUnitReport', { nodeId: 'cm01', month: '2026-11' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    const unit = res.body.data.units.find((u: { workUnit: string }) => u.workUnit === '市供电公司');
    expect(unit.rows.find((r: { name: string }) => r.name === '赵海燕')).toEqual(expect.objectContaining({ manualHours: 3, partyBranch: '市供电公司机关党支部' }));
    expect(unit.csv.startsWith('\ufeff单位,月份,姓名')).toBe(true);
    expect(unit.csv).toContain('市供电公司,2026-11,赵海燕,市供电公司机关党支部');
    expect((await gw.call(PERSONAS.volunteer, 'service', 'workUnitReport', { nodeId: 'cm01', month: '2026-11' })).status).toBe(403);
  });

  it('lets a volunteer keep their 双报到 profile, and dispatch follows their skills and hours', async () => {
    const res = await gw.call(PERSONAS.volunteer, 'service', 'updateVolunteerProfile', {
      partyMember: true,
      inService: true,
      workUnit: '区人民医院',
      partyBranch: '区人民医院第二党支部',
      skills: ['养老助残'],
      availability: [{ days: [6, 7], from: 480, to: 720 }],
    });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.profile).toEqual(expect.objectContaining({ inService: true, workUnit: '区人民医院', skills: ['养老助残'] }));
    const [me] = await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.volunteer });
    const dispatchProfile = await gw.store.get<{ _id: string; skills: string[]; availability: unknown[] }>('volunteers', me!._id);
    expect(dispatchProfile).toEqual(expect.objectContaining({ skills: ['养老助残'], availability: [{ days: [6, 7], from: 480, to: 720 }] }));
    const missing = await gw.call(PERSONAS.volunteer, 'service', 'updateVolunteerProfile', {
      partyMember: true,
      inService: true,
      skills: ['其他'],
      availability: [{ days: [1], from: 480, to: 720 }],
    });
    expect(missing.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.workUnit' }) });
  });
});
