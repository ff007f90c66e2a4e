import { serviceEntryFor } from '../../../shared/orders/service-record';
import { confirmedDutyEntry, dutyEntry, manualEntry, orderEntry, reviewManualEntry, serviceUnitOf, summarizeEntries, unitKeyOf } from '../../../shared/service/entry';
import { POINTS_PER_HOUR, pointsFor } from '../../../shared/service/record';

const T = '2026-11-23T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T) + minutes * 60_000).toISOString();

describe('one service-record entry, three builders', () => {
  it("credits a closed order accept → resolve, at least half an hour, at most four, with its rating bonus, at the order's place", () => {
    const order = {
      _id: 'ord1',
      assigneeId: 'v1',
      acceptedAt: T,
      resolvedAt: at(90),
      rating: { stars: 5 },
      place: { path: { streetId: 's1', communityId: 'c1', gridId: 'g1' } },
    } as never;
    expect(orderEntry(order, at(100))).toEqual({
      _id: 'order.ord1',
      volunteerId: 'v1',
      source: 'order',
      orderId: 'ord1',
      verified: true,
      hours: 1.5,
      points: 20,
      stars: 5,
      at: at(100),
      month: '2026-11',
      streetId: 's1',
      communityId: 'c1',
      gridId: 'g1',
      workUnit: null,
      unitKey: null,
      version: 1,
    });
    expect(orderEntry(order, at(100), '2026-11', '区卫健委')).toEqual(expect.objectContaining({ workUnit: '区卫健委', unitKey: unitKeyOf('区卫健委') }));
    expect(orderEntry({ ...(order as object), assigneeId: null } as never, at(100))).toBeNull();
  });

  it('is what the orders code writes: serviceEntryFor is the order builder', () => {
    const order = { _id: 'ord2', assigneeId: 'v1', acceptedAt: T, resolvedAt: at(10), rating: null } as never;
    expect(serviceEntryFor(order, at(20), '2026-11')).toEqual(orderEntry(order, at(20)));
    expect(serviceEntryFor(order, at(20), '2026-10')?.month).toBe('2026-10');
  });

  it("credits a finished duty what the duty rule verified, in the Beijing month it closed, at its station's place and for the unit it kept", () => {
    const duty = { _id: 'u1.1', userId: 'u1', stationId: 'st1', communityId: 'cm1', streetId: 's1', workUnit: '区卫健委' };
    const closedAt = '2026-11-30T16:30:00.000Z'; // 2026-12-01 00:30 in Beijing
    expect(dutyEntry(duty, 'checkOut', closedAt, { creditedMinutes: 150, verified: true })).toEqual({
      _id: 'duty.u1.1',
      volunteerId: 'u1',
      source: 'duty',
      dutyId: 'u1.1',
      stationId: 'st1',
      streetId: 's1',
      communityId: 'cm1',
      workUnit: '区卫健委',
      unitKey: unitKeyOf('区卫健委'),
      verified: true,
      hours: 2.5,
      points: 25,
      closedBy: 'checkOut',
      at: closedAt,
      month: '2026-12',
      version: 1,
    });
    expect(dutyEntry(duty, 'auto', closedAt, { creditedMinutes: 0, verified: false })).toEqual(expect.objectContaining({ hours: 0, points: 0, verified: false, closedBy: 'auto' }));
    expect(confirmedDutyEntry(100, T, '义诊')).toEqual({ verified: true, hours: 1.67, points: 16.7, confirmedAt: T, confirmNote: '义诊' });
  });

  it("keeps hand-entered hours pending, in the month of their date, at the volunteer's place", () => {
    expect(manualEntry('man1', 'v1', { streetId: 's1', communityId: 'cm1', gridId: 'g1' }, { date: '2026-10-31', hours: 2.5, description: '垃圾分类宣传' }, T)).toEqual({
      _id: 'man1',
      volunteerId: 'v1',
      source: 'manual',
      hours: 2.5,
      points: 25,
      verified: false,
      status: 'pending',
      streetId: 's1',
      communityId: 'cm1',
      gridId: 'g1',
      workUnit: null,
      unitKey: null,
      description: '垃圾分类宣传',
      date: '2026-10-31',
      at: T,
      month: '2026-10',
      version: 1,
    });
  });

  it('counts hours for a work unit only while the volunteer serves in service (双报到)', () => {
    expect(serviceUnitOf({ inService: true, workUnit: '区卫健委' })).toBe('区卫健委');
    expect(serviceUnitOf({ inService: false, workUnit: '区卫健委' })).toBeNull();
    expect(serviceUnitOf(undefined)).toBeNull();
    expect(unitKeyOf('区卫健委')).toMatch(/^[a-z0-9]{1,16}$/);
  });

  it('gives every source its points from one constant', () => {
    expect(pointsFor(1)).toBe(POINTS_PER_HOUR);
    expect(pointsFor(1.5, 3)).toBe(1.5 * POINTS_PER_HOUR + 3);
  });

  it('counts a duty entry that is not verified as waiting for a leader, not as hours', () => {
    const duty = dutyEntry({ _id: 'd', userId: 'u', stationId: 's', communityId: 'c' }, 'auto', T, { creditedMinutes: 0, verified: false });
    expect(summarizeEntries([duty])).toEqual(expect.objectContaining({ awaitingDutyEntries: 1, verifiedHours: 0 }));
  });
});

describe('the review of a hand entry (部分通过)', () => {
  const pending = { status: 'pending' as const, hours: 8 };
  const CASES: ReadonlyArray<[string, Parameters<typeof reviewManualEntry>[1], number, ReturnType<typeof reviewManualEntry>]> = [
    ['returns it', { approve: false, note: '没有活动记录' }, 0, { ok: true, data: { status: 'rejected', verified: false, reviewNote: '没有活动记录', reviewedAt: T } }],
    ['approves it whole', { approve: true, note: '' }, 12, { ok: true, data: { status: 'approved', verified: true, reviewNote: '', reviewedAt: T } }],
    [
      'approves a part, with its reason',
      { approve: true, hours: 4, note: '只核实到半天' },
      0,
      { ok: true, data: { status: 'approved', verified: true, reviewNote: '只核实到半天', hours: 4, points: 40, requestedHours: 8, reviewedAt: T } },
    ],
    [
      'refuses a part without a reason',
      { approve: true, hours: 4, note: '' },
      0,
      { ok: false, error: expect.objectContaining({ code: 'SERVICE.REASON_REQUIRED', field: 'payload.note' }) },
    ],
    [
      'refuses more than was entered',
      { approve: true, hours: 8.5, note: '多算' },
      0,
      { ok: false, error: expect.objectContaining({ code: 'SERVICE.HOURS_OVER_ENTRY', field: 'payload.hours' }) },
    ],
    ['refuses past the month’s cap', { approve: true, note: '' }, 16, { ok: false, error: expect.objectContaining({ code: 'SERVICE.MANUAL_CAP', field: 'payload.entryId' }) }],
  ];
  it.each(CASES)('%s', (_what, review, approvedThisMonth, expected) => {
    expect(reviewManualEntry(pending, review, approvedThisMonth, T)).toEqual(expected);
  });

  it('reviews an entry once', () => {
    for (const status of ['approved', 'rejected'] as const) {
      expect(reviewManualEntry({ status, hours: 2 }, { approve: true, note: '' }, 0, T)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'SERVICE.ALREADY_REVIEWED' }),
      });
    }
  });
});
