import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterEach(async () => {
  await gw.stop();
});

const submit = async (persona: string, hours: number, date = '2026-11-20') => {
  const res = await gw.call(persona, 'service', 'submitHours', { date, hours, description: '社区垃圾分类宣传' });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.entry.id as string;
};
const pending = async () => {
  const res = await gw.call(PERSONAS.communityAdmin, 'service', 'pendingHours', { communityId: 'cm01' });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.entries as { id: string; hours: number; approvedThisMonth: number; fitsHours: number }[];
};
const record = async (persona: string) => {
  const res = await gw.call(persona, 'service', 'myRecord', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data;
};

describe('approving part of a hand-entered entry (部分通过)', () => {
  it('approves 4 of 8 hours with a reason; the volunteer reads both and the reason', async () => {
    const id = await submit(PERSONAS.volunteer, 8);
    const res = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: id, approve: true, hours: 4, note: '活动只进行了半天' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.entry).toEqual(expect.objectContaining({ hours: 4, points: 40, requestedHours: 8, reviewNote: '活动只进行了半天', status: 'approved' }));
    const r = await record(PERSONAS.volunteer);
    expect(r.summary.bySource.manual).toEqual({ hours: 4, points: 40, entries: 1 });
    expect(r.entries.find((e: { id: string }) => e.id === id)).toEqual(expect.objectContaining({ hours: 4, requestedHours: 8, reviewNote: '活动只进行了半天', verified: true }));
    const audit = await gw.store.find<{ _id: string; action: string; detail: Record<string, unknown> }>('audit', { subjectId: id }, { limit: 10 });
    expect(audit.find((a) => a.action === 'reviewHours')?.detail).toEqual(expect.objectContaining({ event: 'approveHours', hours: 4, requestedHours: 8 }));
  });

  it('refuses a part without a reason, and more than was entered, changing nothing', async () => {
    const id = await submit(PERSONAS.volunteer, 4);
    const before = await snapshot(gw);
    const noReason = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: id, approve: true, hours: 2 });
    expect([noReason.status, noReason.body.ok || noReason.body.error]).toEqual([400, expect.objectContaining({ code: 'SERVICE.REASON_REQUIRED', field: 'payload.note' })]);
    const tooMany = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: id, approve: true, hours: 6, note: '多给一些' });
    expect([tooMany.status, tooMany.body.ok || tooMany.body.error]).toEqual([400, expect.objectContaining({ code: 'SERVICE.HOURS_OVER_ENTRY', field: 'payload.hours' })]);
    expect(await snapshot(gw)).toBe(before);
  });
});

describe('the monthly cap (20 h) on the approve page', () => {
  it('offers what still fits, and approving that part succeeds where the whole fails', async () => {
    const a = await submit(PERSONAS.volunteer, 8, '2026-11-10');
    const b = await submit(PERSONAS.volunteer, 8, '2026-11-11');
    const c = await submit(PERSONAS.volunteer, 8, '2026-11-12');
    expect((await pending()).find((e) => e.id === c)).toEqual(expect.objectContaining({ approvedThisMonth: 0, fitsHours: 8 }));
    for (const id of [a, b]) expect((await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: id, approve: true })).body.ok).toBe(true);
    expect((await pending()).find((e) => e.id === c)).toEqual(expect.objectContaining({ approvedThisMonth: 16, fitsHours: 4 }));

    const whole = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: c, approve: true });
    expect(whole.body.ok || whole.body.error.code).toBe('SERVICE.MANUAL_CAP');
    const tooMuch = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: c, approve: true, hours: 4.5, note: '本月上限' });
    expect(tooMuch.body.ok || tooMuch.body.error).toEqual(expect.objectContaining({ code: 'SERVICE.MANUAL_CAP', field: 'payload.hours' }));
    const fits = await gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: c, approve: true, hours: 4, note: '本月自行填报上限 20 小时，计入 4 小时' });
    expect(fits.body.ok && fits.body.data.entry).toEqual(expect.objectContaining({ hours: 4, requestedHours: 8 }));
    expect((await record(PERSONAS.volunteer)).summary.bySource.manual.hours).toBe(20);

    // At the cap, a further entry fits 0 h: the page offers only 退回.
    const d = await submit(PERSONAS.volunteer, 2, '2026-11-13');
    expect((await pending()).find((e) => e.id === d)).toEqual(expect.objectContaining({ approvedThisMonth: 20, fitsHours: 0 }));
    // Another month has its own cap.
    const e = await submit(PERSONAS.volunteer, 2, '2026-10-30');
    expect((await pending()).find((x) => x.id === e)).toEqual(expect.objectContaining({ approvedThisMonth: 0, fitsHours: 2 }));
  });
});
