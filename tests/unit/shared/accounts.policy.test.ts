import { holding } from '../../helpers/actors';
import { authorizeAccounts, canGrant, type Actor } from '../../../shared/accounts/accounts.policy';
import type { Membership, User } from '../../../shared/accounts/accounts.schema';
import { GRANTED_ROLES, ROLE_LEVEL, type GrantedRole } from '../../../shared/accounts/roles';
import type { TerritoryNode } from '../../../shared/territory/territory.schema';

// A small tree: street S with communities C1, C2; C1 has grids G1, G2; G1 has micro-grid M1 with building B1.
type N = Pick<TerritoryNode, '_id' | 'kind' | 'path'>;
const S: N = { _id: 'S', kind: 'street', path: { streetId: 'S' } };
const C1: N = { _id: 'C1', kind: 'community', path: { streetId: 'S', communityId: 'C1' } };
const C2: N = { _id: 'C2', kind: 'community', path: { streetId: 'S', communityId: 'C2' } };
const G1: N = { _id: 'G1', kind: 'grid', path: { ...C1.path, gridId: 'G1' } };
const G2: N = { _id: 'G2', kind: 'grid', path: { ...C1.path, gridId: 'G2' } };
const G3: N = { _id: 'G3', kind: 'grid', path: { ...C2.path, gridId: 'G3' } };
const M1: N = { _id: 'M1', kind: 'microGrid', path: { ...G1.path, microGridId: 'M1' } };
const M3: N = { _id: 'M3', kind: 'microGrid', path: { ...G3.path, microGridId: 'M3' } };
const OTHER_STREET: N = { _id: 'S2', kind: 'street', path: { streetId: 'S2' } };
const CX: N = { _id: 'CX', kind: 'community', path: { streetId: 'S2', communityId: 'CX' } };
const GX: N = { _id: 'GX', kind: 'grid', path: { ...CX.path, gridId: 'GX' } };
// Residential compounds (小区): X1 in G1, XX in the other street's grid.
const X1: N = { _id: 'X1', kind: 'compound', path: { ...G1.path, compoundId: 'X1' } };
const XX: N = { _id: 'XX', kind: 'compound', path: { ...GX.path, compoundId: 'XX' } };
const MX: N = { _id: 'MX', kind: 'microGrid', path: { ...GX.path, microGridId: 'MX' } };

const user = (id: string, home?: N): User => ({
  _id: id,
  openid: `o-${id}`,
  name: id,
  largeText: false,
  createdAt: 't',
  updatedAt: 't',
  version: 1,
  ...(home ? { home: { buildingId: 'B', room: '101', path: { ...home.path, buildingId: 'B' } } } : {}),
});
const actor = (...ms: Membership[]): Actor => ({ user: user('actor'), memberships: ms });

const ACTORS: Record<string, Actor> = {
  resident: actor(),
  'volunteer@G1': actor(holding('volunteer', G1)),
  'gridMember@G1': actor(holding('gridMember', G1)),
  'police@G1': actor(holding('police', G1)),
  'liaison@M1': actor(holding('liaison', M1)),
  'gridLeader@G1': actor(holding('gridLeader', G1)),
  'communityAdmin@C1': actor(holding('communityAdmin', C1)),
  'streetAdmin@S': actor(holding('streetAdmin', S)),
  'property@X1': actor(holding('property', X1)),
  'owners@X1': actor(holding('owners', X1)),
};

/** The node each role is granted at, inside C1/G1 and outside everyone's place (another street). */
const TARGET: Record<GrantedRole, { inside: N; outside: N }> = {
  streetAdmin: { inside: S, outside: OTHER_STREET },
  communityAdmin: { inside: C1, outside: CX },
  gridLeader: { inside: G1, outside: GX },
  gridMember: { inside: G1, outside: GX },
  police: { inside: G1, outside: GX },
  volunteer: { inside: G1, outside: GX },
  liaison: { inside: M1, outside: MX },
  property: { inside: X1, outside: XX },
  owners: { inside: X1, outside: XX },
};

/**
 * Who may create an invite for which role, inside their own place. Written out by hand from the
 * rule "granted by an admin of the level above"; outside one's place the answer is always no.
 */
const MAY_GRANT_INSIDE: Record<string, readonly GrantedRole[]> = {
  resident: [],
  'volunteer@G1': [],
  'gridMember@G1': [],
  'police@G1': [],
  'liaison@M1': [],
  'gridLeader@G1': ['volunteer', 'liaison'],
  'communityAdmin@C1': ['gridLeader', 'gridMember', 'police', 'volunteer', 'liaison', 'property', 'owners'],
  'streetAdmin@S': ['communityAdmin', 'gridLeader', 'gridMember', 'police', 'volunteer', 'liaison', 'property', 'owners'],
  'property@X1': [],
  'owners@X1': [],
};

describe('createInvite authorization: actor × role × inside/outside', () => {
  const cases = Object.keys(ACTORS).flatMap((a) => GRANTED_ROLES.flatMap((r) => (['inside', 'outside'] as const).map((where) => [a, r, where] as const)));
  it.each(cases)('%s granting %s %s their place', (a, role, where) => {
    const decision = authorizeAccounts(ACTORS[a]!, { action: 'createInvite', role, node: TARGET[role][where] });
    const expected = where === 'inside' && MAY_GRANT_INSIDE[a]!.includes(role);
    expect(decision.allow).toBe(expected);
  });

  it('refuses a role at the wrong level of the tree, even to a street admin', () => {
    expect(canGrant(ACTORS['streetAdmin@S']!, 'gridLeader', C1)).toEqual({ allow: false, code: 'ACCOUNT.ROLE_NODE_MISMATCH' });
    expect(ROLE_LEVEL.gridLeader).toBe('grid');
    // The property desk and the owners' committee are held at a compound (小区), never at its grid.
    expect(canGrant(ACTORS['communityAdmin@C1']!, 'property', G1)).toEqual({ allow: false, code: 'ACCOUNT.ROLE_NODE_MISMATCH' });
    expect(canGrant(ACTORS['communityAdmin@C1']!, 'owners', C1)).toEqual({ allow: false, code: 'ACCOUNT.ROLE_NODE_MISMATCH' });
  });

  it('stops a community admin and a grid leader at the edge of their own place', () => {
    expect(authorizeAccounts(ACTORS['communityAdmin@C1']!, { action: 'createInvite', role: 'gridLeader', node: G3 }).allow).toBe(false);
    expect(authorizeAccounts(ACTORS['gridLeader@G1']!, { action: 'createInvite', role: 'liaison', node: M3 }).allow).toBe(false);
    expect(authorizeAccounts(ACTORS['streetAdmin@S']!, { action: 'createInvite', role: 'gridLeader', node: G3 }).allow).toBe(true);
  });

  it('grants G2 to the community admin but not to the leader of G1', () => {
    expect(authorizeAccounts(ACTORS['communityAdmin@C1']!, { action: 'createInvite', role: 'volunteer', node: G2 }).allow).toBe(true);
    expect(authorizeAccounts(ACTORS['gridLeader@G1']!, { action: 'createInvite', role: 'volunteer', node: G2 }).allow).toBe(false);
  });
});

describe('listMembers authorization', () => {
  const MAY_LIST: Record<string, readonly N[]> = {
    resident: [],
    'volunteer@G1': [],
    'gridMember@G1': [],
    'police@G1': [],
    'liaison@M1': [],
    'gridLeader@G1': [G1, M1, X1],
    'communityAdmin@C1': [C1, G1, G2, M1, X1],
    'streetAdmin@S': [S, C1, C2, G1, G2, G3, M1, M3, X1],
    'property@X1': [],
    'owners@X1': [],
  };
  const nodes = [S, C1, C2, G1, G2, G3, M1, M3, X1, OTHER_STREET];
  it.each(Object.keys(ACTORS).flatMap((a) => nodes.map((n) => [a, n._id, n] as const)))('%s listing members of %s', (a, _id, node) => {
    expect(authorizeAccounts(ACTORS[a]!, { action: 'listMembers', node }).allow).toBe(MAY_LIST[a]!.includes(node));
  });
});

describe('revealContact authorization', () => {
  const livingIn = (n: N) => ({ user: user('target', n), memberships: [] as Membership[] });
  it('lets the leaders of the person’s place see the number, and nobody else', () => {
    const target = livingIn(G1);
    expect(authorizeAccounts(ACTORS['gridLeader@G1']!, { action: 'revealContact', target }).allow).toBe(true);
    expect(authorizeAccounts(ACTORS['communityAdmin@C1']!, { action: 'revealContact', target }).allow).toBe(true);
    expect(authorizeAccounts(ACTORS['streetAdmin@S']!, { action: 'revealContact', target }).allow).toBe(true);
    expect(authorizeAccounts(ACTORS['volunteer@G1']!, { action: 'revealContact', target }).allow).toBe(false);
    expect(authorizeAccounts(ACTORS['resident']!, { action: 'revealContact', target }).allow).toBe(false);
    expect(authorizeAccounts(ACTORS['gridLeader@G1']!, { action: 'revealContact', target: livingIn(G3) }).allow).toBe(false);
  });

  it('lets a person see their own number', () => {
    const self = { user: ACTORS.resident!.user, memberships: [] };
    expect(authorizeAccounts(ACTORS.resident!, { action: 'revealContact', target: self }).allow).toBe(true);
  });
});

describe('self-service actions', () => {
  it.each(['me', 'updateProfile', 'redeemInvite', 'tree'] as const)('%s is open to every registered person', (action) => {
    expect(authorizeAccounts(ACTORS.resident!, { action }).allow).toBe(true);
  });

  it('denies an action it does not know', () => {
    expect(authorizeAccounts(ACTORS['streetAdmin@S']!, { action: 'dropEverything' } as never).allow).toBe(false);
  });
});
