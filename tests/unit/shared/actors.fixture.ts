import type { Actor } from '../../../shared/accounts/accounts.policy';
import type { Membership } from '../../../shared/accounts/accounts.schema';
import type { GrantedRole } from '../../../shared/accounts/roles';
import type { PlacePath } from '../../../shared/territory/territory.schema';

/**
 * People for policy tables: street S; community C1 with grids G1 and G2; community C2 with grid G3.
 * Each holds one role at one place (a resident holds none).
 */
export const PATHS = {
  S: { streetId: 'S' },
  C1: { streetId: 'S', communityId: 'C1' },
  C2: { streetId: 'S', communityId: 'C2' },
  G1: { streetId: 'S', communityId: 'C1', gridId: 'G1' },
  G3: { streetId: 'S', communityId: 'C2', gridId: 'G3' },
} satisfies Record<string, PlacePath>;

const holding = (role: GrantedRole, place: keyof typeof PATHS): Membership => {
  const path: PlacePath = PATHS[place];
  const nodeKind = path.gridId ? 'grid' : path.communityId ? 'community' : 'street';
  return { _id: `${role}@${place}`, userId: 'me', role, nodeId: place, nodeKind, path, grantedBy: null, inviteId: null, grantedAt: 't', version: 1 };
};

export const actor = (...ms: Membership[]): Actor => ({
  user: { _id: 'me', openid: 'o', name: '我', largeText: false, createdAt: 't', updatedAt: 't', version: 1 },
  memberships: ms,
});

export const ACTORS: Record<string, Actor> = {
  resident: actor(),
  'volunteer@G1': actor(holding('volunteer', 'G1')),
  'volunteer@G3': actor(holding('volunteer', 'G3')),
  'gridMember@G1': actor(holding('gridMember', 'G1')),
  'gridLeader@G1': actor(holding('gridLeader', 'G1')),
  'gridLeader@G3': actor(holding('gridLeader', 'G3')),
  'communityAdmin@C1': actor(holding('communityAdmin', 'C1')),
  'communityAdmin@C2': actor(holding('communityAdmin', 'C2')),
  'streetAdmin@S': actor(holding('streetAdmin', 'S')),
};
export const EVERYONE = Object.keys(ACTORS);
