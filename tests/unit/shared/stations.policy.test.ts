import { authorizeStations, dutyActions, stationActions, type StationsRequest } from '../../../shared/stations/stations.policy';
import { ACTORS, EVERYONE, PATHS } from './actors.fixture';

/** A station of community C1 that serves grids G1 and G2. */
const station = { path: PATHS.C1, servesGridIds: ['G1', 'G2'] };
const othersDuty = { userId: 'someone-else' };
const REQUESTS: Record<string, StationsRequest> = {
  list: { action: 'list' },
  get: { action: 'get', station },
  permanentCode: { action: 'permanentCode', station },
  myCode: { action: 'myCode' },
  scan: { action: 'scan' },
  myDuty: { action: 'myDuty' },
  save: { action: 'save', community: { path: PATHS.C1 } },
  dutyOverview: { action: 'dutyOverview', community: { path: PATHS.C1 } },
  screenCode: { action: 'screenCode', station },
  checkIn: { action: 'checkIn', station },
  checkOut: { action: 'checkOut', station },
  confirmDuty: { action: 'confirmDuty', station, duty: othersDuty },
  issueDevice: { action: 'issueDevice', station },
  listDevices: { action: 'listDevices', station },
  revokeDevice: { action: 'revokeDevice', station },
};

/** Written out by hand from the product rules: who may, for a station of C1 serving G1 and G2. */
const MAY: Record<string, readonly string[]> = {
  list: EVERYONE,
  get: EVERYONE,
  permanentCode: EVERYONE,
  myCode: EVERYONE,
  scan: EVERYONE,
  myDuty: EVERYONE,
  // the admins of the community or the street above it
  save: ['communityAdmin@C1', 'streetAdmin@S'],
  dutyOverview: ['communityAdmin@C1', 'streetAdmin@S'],
  // its screens (大屏设备) are authorized and stopped by those who manage it, not by those who run the screen
  issueDevice: ['communityAdmin@C1', 'streetAdmin@S'],
  listDevices: ['communityAdmin@C1', 'streetAdmin@S'],
  revokeDevice: ['communityAdmin@C1', 'streetAdmin@S'],
  // …and the leaders of the grids it serves run its screen and confirm others' hours
  screenCode: ['gridLeader@G1', 'communityAdmin@C1', 'streetAdmin@S'],
  confirmDuty: ['gridLeader@G1', 'communityAdmin@C1', 'streetAdmin@S'],
  // the leaders and volunteers of the grids it serves, and its community's admin, serve there
  checkIn: ['volunteer@G1', 'gridLeader@G1', 'communityAdmin@C1'],
  checkOut: ['volunteer@G1', 'gridLeader@G1', 'communityAdmin@C1'],
};
const DENIED_WITH: Record<string, string> = { checkIn: 'DUTY.NOT_STAFF', checkOut: 'DUTY.NOT_STAFF' };

describe('stations policy: actor × action, deny by default', () => {
  it.each(Object.keys(REQUESTS).flatMap((action) => EVERYONE.map((who) => [action, who] as const)))('%s by %s', (action, who) => {
    const decision = authorizeStations(ACTORS[who]!, REQUESTS[action]!);
    expect(decision).toEqual(MAY[action]!.includes(who) ? { allow: true } : { allow: false, code: DENIED_WITH[action] ?? 'COMMON.FORBIDDEN' });
  });

  it('never lets anyone confirm their own duty, whatever they lead', () => {
    for (const who of EVERYONE)
      expect(authorizeStations(ACTORS[who]!, { action: 'confirmDuty', station, duty: { userId: 'me' } })).toEqual({ allow: false, code: 'DUTY.OWN_DUTY' });
  });

  it('denies an action it does not know', () => {
    expect(authorizeStations(ACTORS['streetAdmin@S']!, { action: 'dropEverything' } as never)).toEqual({ allow: false, code: 'COMMON.FORBIDDEN' });
  });
});

describe('what a station and a duty row offer the caller', () => {
  it.each(EVERYONE)('the station offers %s exactly what the table allows', (who) => {
    const expected = [
      ...(MAY.save!.includes(who) ? ['save', 'permanentCode'] : []),
      ...(MAY.screenCode!.includes(who) ? ['screenCode'] : []),
      ...(MAY.issueDevice!.includes(who) ? ['manageDevices'] : []),
    ];
    expect(stationActions(ACTORS[who]!, station)).toEqual(expected);
  });

  it('offers 确认时长 only on someone else’s duty that waits for it, to those who confirm', () => {
    const awaiting = { userId: 'someone-else', status: 'autoClosed' as const, confirmation: 'awaiting' as const };
    expect(dutyActions(ACTORS['gridLeader@G1']!, station, awaiting)).toEqual(['confirmDuty']);
    expect(dutyActions(ACTORS['volunteer@G1']!, station, awaiting)).toEqual([]);
    expect(dutyActions(ACTORS['gridLeader@G1']!, station, { ...awaiting, userId: 'me' })).toEqual([]);
    for (const confirmation of ['none', 'confirmed'] as const) expect(dutyActions(ACTORS['gridLeader@G1']!, station, { ...awaiting, confirmation })).toEqual([]);
    expect(dutyActions(ACTORS['gridLeader@G1']!, station, { ...awaiting, status: 'closed' })).toEqual([]);
  });
});
