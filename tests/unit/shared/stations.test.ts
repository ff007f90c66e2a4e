import fc from 'fast-check';
import type { Actor } from '../../../shared/accounts/accounts.policy';
import type { Membership } from '../../../shared/accounts/accounts.schema';
import type { GrantedRole } from '../../../shared/accounts/roles';
import { CODE_KINDS, checkinFresh, decodePayload, encodePayload, minuteOf, type CodeKind, type CodePayload } from '../../../shared/stations/codes';
import { meetingIdOf } from '../../../shared/councils/topic.factory';
import { closingTime, judgeCheckIn, plannedSlots } from '../../../shared/stations/duty';
import { scanOffers, type ScanOffer } from '../../../shared/stations/stations.policy';
import { reportCsv, starsFor, summarize, withinManualCap, type Entry } from '../../../shared/service/record';

describe('code payloads', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,11}$/);
  const payload: fc.Arbitrary<CodePayload> = fc.oneof(
    id.map((stationId) => ({ kind: 'station' as const, stationId })),
    fc.tuple(id, fc.integer({ min: 0, max: 2 ** 31 })).map(([stationId, minute]) => ({ kind: 'checkin' as const, stationId, minute })),
    fc.stringMatching(/^[a-z2-9]{10}$/).map((token) => ({ kind: 'person' as const, token })),
    fc.tuple(id, fc.integer({ min: 0, max: 2 ** 31 })).map(([meetingId, minute]) => ({ kind: 'meeting' as const, meetingId, minute })),
  );

  it('round-trip and fit the 20 characters a signed 32-character scene leaves (property)', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const text = encodePayload(p);
        expect(text.length).toBeLessThanOrEqual(20);
        expect(decodePayload(text)).toEqual(p);
      }),
    );
  });

  it('refuse anything else', () => {
    for (const bad of ['', 'x:1', 's:', 's:a:b', 'c:st1', 'c:st1:ZZ', 'p:a:b:c', 's:has space', 'm:mt0123456789', 'm:mt0123456789:ZZ']) expect(decodePayload(bad)).toBeNull();
  });

  it('fit a meeting sign-in code (12-character meeting id, the minute it was made) in 20 characters until the end of 2084', () => {
    const id = meetingIdOf('usr-0001', 'a-client-key');
    expect(id).toHaveLength(12);
    for (const at of ['2026-11-23T02:00:00.000Z', '2084-12-01T00:00:00.000Z']) {
      const text = encodePayload({ kind: 'meeting', meetingId: id, minute: minuteOf(at) });
      expect(text.length).toBeLessThanOrEqual(20);
      expect(decodePayload(text)).toEqual({ kind: 'meeting', meetingId: id, minute: minuteOf(at) });
    }
  });

  it('keep a check-in code good for its minute and the two after, and never before it was made', () => {
    const now = '2026-11-23T02:00:30.000Z';
    const m = minuteOf(now);
    expect([m + 1, m, m - 1, m - 2, m - 3].map((x) => checkinFresh(x, now))).toEqual([false, true, true, true, false]);
  });
});

describe('duty against the roster', () => {
  const roster = [{ userId: 'v', days: [1, 3, 5], from: 540, to: 720 }];
  it('calls a check-in planned when it falls in a slot, late after ten minutes, unplanned otherwise', () => {
    expect(judgeCheckIn(roster, 'v', '2026-11-23T01:05:00.000Z')).toEqual(expect.objectContaining({ planned: true, late: false })); // Mon 9:05
    expect(judgeCheckIn(roster, 'v', '2026-11-23T01:15:00.000Z')).toEqual(expect.objectContaining({ planned: true, late: true })); // Mon 9:15
    expect(judgeCheckIn(roster, 'v', '2026-11-24T01:05:00.000Z')).toEqual(expect.objectContaining({ planned: false, late: false })); // Tue
    expect(judgeCheckIn(roster, 'w', '2026-11-23T01:05:00.000Z').planned).toBe(false);
  });

  it('finds the closing time of the day in Beijing, and none on a closed day', () => {
    const hours = { days: [1, 2, 3, 4, 5, 6], open: 510, close: 1050 };
    expect(closingTime(hours, '2026-11-23T02:00:00.000Z')).toBe('2026-11-23T09:30:00.000Z');
    expect(closingTime(hours, '2026-11-29T02:00:00.000Z')).toBeNull(); // Sunday
  });

  it('lists the planned slots day by day', () => {
    expect(plannedSlots(roster, '2026-11-23', 7).map((p) => p.date)).toEqual(['2026-11-23', '2026-11-25', '2026-11-27']);
  });
});

describe('scan entry point: what each role may do with each kind of code', () => {
  const grid = { streetId: 'S', communityId: 'C', gridId: 'G1' };
  const other = { streetId: 'S', communityId: 'C', gridId: 'G9' };
  const m = (role: GrantedRole, path: Record<string, string>): Membership => ({
    _id: role,
    userId: 'me',
    role,
    nodeId: path.gridId ?? path.communityId ?? 'S',
    nodeKind: 'grid',
    path: path as never,
    grantedBy: null,
    inviteId: null,
    grantedAt: 't',
    version: 1,
  });
  const actor = (...ms: Membership[]): Actor => ({ user: { _id: 'me', openid: 'o', name: 'n', largeText: false, createdAt: 't', updatedAt: 't', version: 1 }, memberships: ms });
  const ROLES: Record<string, Actor> = {
    resident: actor(),
    volunteerHere: actor(m('volunteer', grid)),
    volunteerElsewhere: actor(m('volunteer', other)),
    gridLeaderHere: actor(m('gridLeader', grid)),
    communityAdmin: actor({ ...m('communityAdmin', { streetId: 'S', communityId: 'C' }), nodeKind: 'community', nodeId: 'C' }),
    gridLeaderElsewhere: actor(m('gridLeader', { streetId: 'S', communityId: 'C2', gridId: 'G7' })),
    streetAdmin: actor({ ...m('streetAdmin', { streetId: 'S' }), nodeKind: 'street', nodeId: 'S' }),
  };
  const ctx = (kind: CodeKind, onDuty = false) => ({
    kind,
    stationPath: { streetId: 'S', communityId: 'C' },
    servesGridIds: ['G1', 'G2'],
    personHome: { ...grid, buildingId: 'B' },
    onDuty,
  });

  /** Written out by hand from the product rules. */
  const TABLE: Record<string, Record<CodeKind, ScanOffer[]>> = {
    resident: { station: ['postOrder', 'viewStation'], checkin: [], person: [], meeting: ['signInMeeting'] },
    volunteerHere: { station: ['postOrder', 'viewStation'], checkin: ['checkIn'], person: [], meeting: ['signInMeeting'] },
    volunteerElsewhere: { station: ['postOrder', 'viewStation'], checkin: [], person: [], meeting: ['signInMeeting'] },
    // 六有自查 from the door: whoever fills the station's community's check (its admin, its grid leaders).
    gridLeaderHere: { station: ['postOrder', 'viewStation', 'liuyouCheck'], checkin: ['checkIn'], person: ['postOnBehalf'], meeting: ['signInMeeting'] },
    communityAdmin: { station: ['postOrder', 'viewStation', 'liuyouCheck'], checkin: ['checkIn'], person: ['postOnBehalf'], meeting: ['signInMeeting'] },
    gridLeaderElsewhere: { station: ['postOrder', 'viewStation'], checkin: [], person: [], meeting: ['signInMeeting'] },
    streetAdmin: { station: ['postOrder', 'viewStation'], checkin: [], person: ['postOnBehalf'], meeting: ['signInMeeting'] },
  };
  it.each(Object.keys(TABLE).flatMap((r) => CODE_KINDS.map((k) => [r, k] as const)))('%s scanning a %s code', (role, kind) => {
    expect(scanOffers(ROLES[role]!, ctx(kind))).toEqual(TABLE[role]![kind]);
  });

  it('offers check-out instead of check-in to someone already on duty', () => {
    expect(scanOffers(ROLES.volunteerHere!, ctx('checkin', true))).toEqual(['checkOut']);
  });
});

describe('service record arithmetic', () => {
  const e = (source: Entry['source'], hours: number, verified = true, status?: Entry['status']): Entry => ({
    source,
    hours,
    points: hours * 10,
    verified,
    month: '2026-11',
    ...(status ? { status } : {}),
  });
  it('keeps the sources apart and counts only verified hours toward stars', () => {
    const s = summarize([e('order', 2), e('duty', 3), e('manual', 4, false, 'pending'), e('manual', 1, true, 'approved'), e('manual', 5, false, 'rejected')]);
    expect(s.bySource).toEqual({ order: { hours: 2, points: 20, entries: 1 }, duty: { hours: 3, points: 30, entries: 1 }, manual: { hours: 1, points: 10, entries: 1 } });
    expect([s.verifiedHours, s.pendingManualHours, s.points]).toEqual([6, 4, 60]);
  });

  it('gives star levels at 100 / 300 / 600 / 1,000 / 1,500 hours', () => {
    expect([0, 99.5, 100, 299, 300, 600, 1000, 1499, 1500, 5000].map(starsFor)).toEqual([0, 0, 1, 1, 2, 3, 4, 4, 5, 5]);
  });

  it('holds the monthly cap exactly', () => {
    expect(withinManualCap(16, 4)).toBe(true);
    expect(withinManualCap(16, 4.5)).toBe(false);
  });

  it('writes a CSV a spreadsheet opens in Chinese and cannot be tricked by a formula', () => {
    const csv = reportCsv('单位,甲', '2026-11', [{ name: '=HYPERLINK("x")', partyBranch: '支部', orderHours: 1, dutyHours: 2, manualHours: 0, totalHours: 3 }]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('"单位,甲",2026-11,"\'=HYPERLINK(""x"")",支部,1,2,0,3');
  });
});
