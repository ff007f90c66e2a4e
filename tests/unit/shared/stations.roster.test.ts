import { dutyAgainstRoster } from '../../../shared/stations/duty';
import { nearestFirst, postingPlace } from '../../../shared/stations/station.domain';

/** Beijing wall-clock time as an instant. 2026-11-23 is a Monday. */
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

describe('duty against the roster (值班总览)', () => {
  const roster = [
    { userId: 'v', days: [1, 2], from: 540, to: 720 },
    { userId: 'w', days: [1], from: 840, to: 1020 },
  ];
  const duty = (id: string, userId: string, checkInAt: string, planned: boolean, status = 'closed', late = false) => ({ _id: id, userId, checkInAt, planned, late, status });

  it('matches each slot with the planned duty of that person that day, and lists the rest as unplanned', () => {
    const duties = [
      duty('d1', 'v', bj('2026-11-23', '09:20'), true, 'closed', true),
      duty('d2', 'x', bj('2026-11-23', '10:00'), false, 'autoClosed'),
      duty('d3', 'w', bj('2026-11-24', '15:00'), false),
    ];
    const rows = dutyAgainstRoster(roster, duties, '2026-11-23', 2, bj('2026-11-24', '10:00'));
    expect(rows.map((r) => [r.date, r.userId, r.kind, r.duty?._id ?? null])).toEqual([
      ['2026-11-23', 'x', 'autoClosed', 'd2'],
      ['2026-11-23', 'v', 'late', 'd1'],
      ['2026-11-23', 'w', 'missed', null],
      ['2026-11-24', 'w', 'unplanned', 'd3'],
      ['2026-11-24', 'v', 'upcoming', null],
    ]);
  });

  it('lets one duty keep one slot only', () => {
    const twice = [
      { userId: 'v', days: [1], from: 540, to: 600 },
      { userId: 'v', days: [1], from: 540, to: 600 },
    ];
    const rows = dutyAgainstRoster(twice, [duty('d1', 'v', bj('2026-11-23', '09:00'), true)], '2026-11-23', 1, bj('2026-11-23', '12:00'));
    expect(rows.map((r) => r.kind)).toEqual(['onTime', 'missed']);
  });
});

describe('a station for the person in front of it', () => {
  const home = { buildingId: 'B1', room: '101', path: { streetId: 'S', communityId: 'C1', gridId: 'G2', buildingId: 'B1' } };
  it('files a request in the resident’s own grid and building when the station serves it, else in its first grid', () => {
    expect(postingPlace(home, ['G1', 'G2'])).toEqual({ gridId: 'G2', buildingId: 'B1' });
    expect(postingPlace(home, ['G1'])).toEqual({ gridId: 'G1', buildingId: null });
    expect(postingPlace(undefined, [])).toEqual({ gridId: null, buildingId: null });
  });

  it('lists the nearest first, then the caller’s own community', () => {
    const s = (communityId: string, distanceMeters: number | null) => ({ communityId, distanceMeters });
    expect([s('C2', 900), s('C1', 300), s('C1', null), s('C2', null)].sort(nearestFirst('C2'))).toEqual([s('C1', 300), s('C2', 900), s('C2', null), s('C1', null)]);
  });
});
