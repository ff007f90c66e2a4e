import fc from 'fast-check';
import { api } from '../../../shared/api/contract';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const hours = { days: [1, 2, 3], open: 510, close: 1050 };
const station = { communityId: 'cm01', name: '新服务站', address: '幸福路1号', openingHours: '周一至周三', hours, servesGridIds: ['cm01-gd1'] };
/** Malformed input for every stations and service action, and the field the error must name. */
const MALFORMED: ReadonlyArray<readonly [fn: 'stations' | 'service', action: string, payload: unknown, field: string]> = [
  ['stations', 'list', { point: { lat: 91, lng: 0 } }, 'payload.point.lat'],
  ['stations', 'get', { stationId: 'a-very-long-station-id' }, 'payload.stationId'],
  ['stations', 'save', { ...station, hours: { ...hours, close: 400 } }, 'payload.hours.close'],
  ['stations', 'save', { ...station, servesGridIds: [] }, 'payload.servesGridIds'],
  ['stations', 'save', { ...station, roster: [{ userId: 'u1', days: [8], from: 0, to: 60 }] }, 'payload.roster.0.days.0'],
  ['stations', 'save', { ...station, photo: 'https://evil.example/x.png' }, 'payload.photo'],
  ['stations', 'screenCode', {}, 'payload.stationId'],
  ['stations', 'permanentCode', { stationId: '../x' }, 'payload.stationId'],
  ['stations', 'myCode', { userId: 'usr-0001' }, 'payload'],
  ['stations', 'scan', { scene: 'x'.repeat(33) }, 'payload.scene'],
  ['stations', 'scan', { scene: '<script>' }, 'payload.scene'],
  ['stations', 'checkIn', {}, 'payload.scene'],
  ['stations', 'checkOut', { scene: 42 }, 'payload.scene'],
  ['stations', 'myDuty', { all: true }, 'payload'],
  ['stations', 'dutyOverview', { communityId: 'cm01', fromDate: '23/11/2026' }, 'payload.fromDate'],
  ['stations', 'dutyOverview', { communityId: 'cm01', fromDate: '2026-11-23', days: 90 }, 'payload.days'],
  ['stations', 'confirmDuty', { dutyId: 'usr-1.1', minutes: 90.5, note: '核实过' }, 'payload.minutes'],
  ['stations', 'confirmDuty', { dutyId: 'usr-1.1', minutes: 60, note: '' }, 'payload.note'],
  ['stations', 'issueDevice', { stationId: 'cm01-sta1', label: '' }, 'payload.label'],
  ['stations', 'listDevices', { stationId: 'cm01-sta1', all: true }, 'payload'],
  ['stations', 'revokeDevice', { deviceId: 42 }, 'payload.deviceId'],
  ['service', 'myRecord', { volunteerId: 'usr-0001' }, 'payload'],
  ['service', 'updateVolunteerProfile', { partyMember: true, inService: false, skills: [], availability: [{ days: [1], from: 0, to: 60 }] }, 'payload.skills'],
  ['service', 'updateVolunteerProfile', { partyMember: true, inService: false, skills: ['其他'], availability: [{ days: [1], from: 600, to: 60 }] }, 'payload.availability.0.to'],
  ['service', 'submitHours', { date: '2026-11-20', hours: 12, description: '社区服务' }, 'payload.hours'],
  ['service', 'submitHours', { date: '2026-11-20', hours: 2, description: '短' }, 'payload.description'],
  ['service', 'pendingHours', { communityId: 'cm01', limit: 500 }, 'payload.limit'],
  ['service', 'reviewHours', { entryId: 'man_1', approve: 'yes' }, 'payload.approve'],
  ['service', 'reviewHours', { entryId: 'man_1', approve: true, hours: 1.2, note: '只算一部分' }, 'payload.hours'],
  ['service', 'workUnitReport', { nodeId: 'cm01', month: '2026-13' }, 'payload.month'],
];

describe('every stations and service action refuses malformed input with a field-level error and changes nothing', () => {
  it.each(MALFORMED)('%s.%s %j → %s', async (fn, action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.communityAdmin, fn, action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers every action of both contracts', () => {
    for (const fn of ['stations', 'service'] as const) {
      expect(new Set(MALFORMED.filter(([f]) => f === fn).map(([, a]) => a))).toEqual(new Set(Object.keys(api[fn])));
    }
  });

  it('refuses to manage a station of another community, and residents everything admin', async () => {
    expect((await gw.call(PERSONAS.communityAdmin, 'stations', 'save', { ...station, communityId: 'cm02', servesGridIds: ['cm02-gd1'] })).status).toBe(403);
    expect((await gw.call(PERSONAS.resident, 'stations', 'screenCode', { stationId: 'cm01-sta1' })).status).toBe(403);
    expect((await gw.call(PERSONAS.resident, 'stations', 'dutyOverview', { communityId: 'cm01', fromDate: '2026-11-23' })).status).toBe(403);
    expect((await gw.call(PERSONAS.volunteer, 'service', 'pendingHours', { communityId: 'cm01' })).status).toBe(403);
    expect((await gw.call(PERSONAS.gridLeader, 'service', 'workUnitReport', { nodeId: 'cm01', month: '2026-11' })).status).toBe(403);
  });

  it('lets a community admin create a station for its community, with a short id a code can carry', async () => {
    const res = await gw.call(PERSONAS.communityAdmin, 'stations', 'save', station);
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.station.id.length).toBeLessThanOrEqual(11);
    expect(res.body.data.station.allowedActions).toEqual(expect.arrayContaining(['save', 'permanentCode', 'screenCode']));
  });
});

describe('random scenes and payloads (property)', () => {
  it('never crash the scan entry point and never check anyone in', async () => {
    const actions = [...Object.keys(api.stations)];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.oneof(fc.record({ scene: fc.string({ maxLength: 40 }) }), fc.jsonValue({ maxDepth: 2 })),
        fc.constantFrom(PERSONAS.resident, PERSONAS.volunteer, 'fuzz-x'),
        async (action, payload, persona) => {
          const res = await gw.call(persona, 'stations', action, payload);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.ok).toBe('boolean');
        },
      ),
      { numRuns: 150 },
    );
    expect(await gw.store.count('duty', {})).toBe(0);
  });
});
