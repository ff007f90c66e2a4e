import { authorizeService, recordActions, reviewingCommunity, type ServiceRequest } from '../../../shared/service/service.policy';
import { ACTORS, EVERYONE, PATHS } from './actors.fixture';

const { S, C1, G1 } = PATHS;

const REQUESTS: Record<string, ServiceRequest> = {
  myRecord: { action: 'myRecord' },
  updateVolunteerProfile: { action: 'updateVolunteerProfile' },
  submitHours: { action: 'submitHours' },
  'pendingHours@C1': { action: 'pendingHours', place: { path: C1 } },
  'reviewHours@C1': { action: 'reviewHours', place: { path: C1 } },
  'workUnitReport@C1': { action: 'workUnitReport', place: { path: C1 } },
  'workUnitReport@S': { action: 'workUnitReport', place: { path: S } },
};

/** Written out by hand from the product rules. */
const MAY: Record<string, readonly string[]> = {
  myRecord: EVERYONE,
  updateVolunteerProfile: ['volunteer@G1', 'volunteer@G3'],
  submitHours: ['volunteer@G1', 'volunteer@G3'],
  'pendingHours@C1': ['communityAdmin@C1', 'streetAdmin@S'],
  'reviewHours@C1': ['communityAdmin@C1', 'streetAdmin@S'],
  'workUnitReport@C1': ['communityAdmin@C1', 'streetAdmin@S'],
  'workUnitReport@S': ['streetAdmin@S'],
};
const DENIED_WITH: Record<string, string> = { updateVolunteerProfile: 'SERVICE.NOT_VOLUNTEER', submitHours: 'SERVICE.NOT_VOLUNTEER' };

describe('service policy: actor × action at a place, deny by default', () => {
  it.each(Object.keys(REQUESTS).flatMap((request) => EVERYONE.map((who) => [request, who] as const)))('%s by %s', (request, who) => {
    expect(authorizeService(ACTORS[who]!, REQUESTS[request]!)).toEqual(
      MAY[request]!.includes(who) ? { allow: true } : { allow: false, code: DENIED_WITH[request] ?? 'COMMON.FORBIDDEN' },
    );
  });

  it('denies an action it does not know', () => {
    expect(authorizeService(ACTORS['streetAdmin@S']!, { action: 'approveEverything' } as never)).toEqual({ allow: false, code: 'COMMON.FORBIDDEN' });
  });

  it('offers the record’s own actions to volunteers only', () => {
    expect(recordActions(ACTORS['volunteer@G1']!)).toEqual(['updateVolunteerProfile', 'submitHours']);
    expect(recordActions(ACTORS['gridLeader@G1']!)).toEqual([]);
  });

  it('sends hand-entered hours to the community where one volunteers, else where one lives', () => {
    expect(reviewingCommunity(ACTORS['volunteer@G3']!)).toBe('C2');
    const living = { ...ACTORS.resident!, user: { ...ACTORS.resident!.user, home: { buildingId: 'B', room: '101', path: { ...G1, buildingId: 'B' } } } };
    expect(reviewingCommunity(living)).toBe('C1');
    expect(reviewingCommunity(ACTORS.resident!)).toBe('');
  });
});
