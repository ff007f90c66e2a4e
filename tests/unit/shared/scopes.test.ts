import { actorHolding, holding } from '../../helpers/actors';
import { authorizeAccounts, holdsOver, profileAllowedActions, type Actor } from '../../../shared/accounts/accounts.policy';
import type { Membership, RoleView } from '../../../shared/accounts/accounts.schema';
import { ROLE_LABELS } from '../../../shared/accounts/roles';
import { opensAt, scopesOf, SCOPE_MENUS, type ScopeMenu } from '../../../shared/accounts/scopes';
import { checkRelation, maySeeCheck } from '../../../shared/liuyou/liuyou.policy';
import { relationOf } from '../../../shared/orders/orders.policy';
import { scanOffers } from '../../../shared/stations/stations.policy';
import type { TerritoryNode } from '../../../shared/territory/territory.schema';

type N = Pick<TerritoryNode, '_id' | 'kind' | 'path'>;
const S: N = { _id: 'S', kind: 'street', path: { streetId: 'S' } };
const C1: N = { _id: 'C1', kind: 'community', path: { streetId: 'S', communityId: 'C1' } };
const G1: N = { _id: 'G1', kind: 'grid', path: { ...C1.path, gridId: 'G1' } };
const M1: N = { _id: 'M1', kind: 'microGrid', path: { ...G1.path, microGridId: 'M1' } };
const X1: N = { _id: 'X1', kind: 'compound', path: { ...G1.path, compoundId: 'X1' } };

const actor = actorHolding;
const view = (m: Membership): RoleView => ({ role: m.role, roleLabel: ROLE_LABELS[m.role], nodeId: m.nodeId, nodeName: `name of ${m.nodeId}`, nodeKind: m.nodeKind });
const placesOf = (a: Actor, menu: ScopeMenu) => scopesOf(a, view)[menu].map((s) => s.nodeId);

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

/** role × menu: the places each menu opens at. The menus the pages showed each role before scopes. */
const TABLE: Record<string, Partial<Record<ScopeMenu, string[]>>> = {
  resident: {},
  'volunteer@G1': { tasks: ['G1'], serviceRecord: ['G1'] },
  'gridMember@G1': {},
  'police@G1': {},
  'liaison@M1': {},
  'gridLeader@G1': { queue: ['G1'], stats: ['G1'], proxy: ['G1'], members: ['G1'], invites: ['G1'], serviceRecord: ['G1'], liuyou: ['G1'] },
  'communityAdmin@C1': {
    queue: ['C1'],
    stats: ['C1'],
    proxy: ['C1'],
    dutyOverview: ['C1'],
    approvals: ['C1'],
    reports: ['C1'],
    members: ['C1'],
    invites: ['C1'],
    liuyou: ['C1'],
    compounds: ['C1'],
  },
  'streetAdmin@S': {
    queue: ['S'],
    stats: ['S'],
    proxy: ['S'],
    dutyOverview: ['S'],
    approvals: ['S'],
    reports: ['S'],
    members: ['S'],
    invites: ['S'],
    liuyou: ['S'],
    dataAccess: ['S'],
    revealLog: ['S'],
    compounds: ['S'],
  },
  // 三方共治: the property desk opens its orders and its compound; the owners' committee its compound.
  'property@X1': { desk: ['X1'], compounds: ['X1'] },
  'owners@X1': { compounds: ['X1'] },
};

describe('scopesOf: which places each menu opens at, role × menu', () => {
  for (const [who, expected] of Object.entries(TABLE)) {
    for (const menu of SCOPE_MENUS) {
      it(`${who} · ${menu} → ${(expected[menu] ?? []).join(',') || 'none'}`, () => {
        expect(placesOf(ACTORS[who]!, menu)).toEqual(expected[menu] ?? []);
      });
    }
  }

  it('names each place as the profile does, once per place, in the order the roles were granted', () => {
    const a = actor(holding('gridLeader', G1), holding('communityAdmin', C1), holding('volunteer', G1));
    const scopes = scopesOf(a, view);
    expect(scopes.queue).toEqual([
      { role: 'gridLeader', roleLabel: '网格长', nodeId: 'G1', nodeName: 'name of G1', nodeKind: 'grid' },
      { role: 'communityAdmin', roleLabel: '社区书记', nodeId: 'C1', nodeName: 'name of C1', nodeKind: 'community' },
    ]);
    expect(scopes.serviceRecord.map((s) => s.nodeId)).toEqual(['G1']);
    expect(scopes.dutyOverview.map((s) => s.nodeId)).toEqual(['C1']);
  });

  it('carries the roles an invite may grant at each place', () => {
    const scopes = scopesOf(actor(holding('gridLeader', G1), holding('communityAdmin', C1)), view);
    expect(scopes.invites.map((s) => [s.nodeId, s.grants])).toEqual([
      ['G1', ['liaison', 'volunteer']],
      ['C1', ['gridLeader', 'gridMember', 'police', 'liaison', 'volunteer', 'property', 'owners']],
    ]);
    expect(scopes.queue.every((s) => s.grants === undefined)).toBe(true);
  });
});

describe('scopes agree with the rules the server enforces', () => {
  const order = (node: N) => ({ posterId: 'x', assigneeId: null, offer: null, place: { nodeId: node._id, path: node.path }, level: 'grid' as const, state: 'waiting' as const });

  for (const [who, a] of Object.entries(ACTORS)) {
    it(`${who}: members ⇔ listMembers, invites ⇔ createInvite offered, queue ⇔ leader of the place, serviceRecord ⇔ duty check-in, liuyou ⇔ the check`, () => {
      const s = scopesOf(a, view);
      for (const place of s.members) expect(authorizeAccounts(a, { action: 'listMembers', node: [S, C1, G1].find((n) => n._id === place.nodeId)! })).toEqual({ allow: true });
      expect(s.members.length > 0).toBe(authorizeAccounts(a, { action: 'listMembers', node: G1 }).allow);
      expect(s.members.length > 0).toBe(profileAllowedActions(a).includes('listMembers'));
      expect(s.invites.length > 0).toBe(profileAllowedActions(a).includes('createInvite'));
      expect(s.queue.length > 0).toBe(relationOf(a, order(G1) as never).leaderOfPlace);
      expect(s.queue.length > 0).toBe(opensAt(a, 'queue', G1.path));
      expect(s.proxy.length > 0).toBe(opensAt(a, 'proxy', M1.path));
      expect(s.proxy.length > 0).toBe(scanOffers(a, { kind: 'person', personHome: M1.path }).includes('postOnBehalf'));
      expect(s.approvals.length > 0).toBe(opensAt(a, 'approvals', C1.path));
      expect(s.dutyOverview.length > 0).toBe(opensAt(a, 'dutyOverview', C1.path));
      expect(s.tasks.length > 0).toBe(a.memberships.some((m) => m.role === 'volunteer'));
      const checksIn = scanOffers(a, { kind: 'checkin', servesGridIds: ['G1'], onDuty: false }).length > 0;
      expect(s.serviceRecord.length > 0).toBe(checksIn);
      // 六有: the menu ⇔ sees the community's check; opened below the street ⇔ fills it, which the station's door code offers.
      expect(s.liuyou.length > 0).toBe(maySeeCheck(checkRelation(a, { path: C1.path, communityId: 'C1' })));
      expect(s.liuyou.some((p) => p.nodeKind !== 'street')).toBe(scanOffers(a, { kind: 'station', stationPath: C1.path }).includes('liuyouCheck'));
    });
  }

  it('a grid leader never opens a community’s duty overview: the server checks a leader over the community', () => {
    const a = ACTORS['gridLeader@G1']!;
    expect(holdsOver(a, ['gridLeader'], C1.path)).toBe(false);
    expect(opensAt(a, 'dutyOverview', C1.path)).toBe(false);
    expect(placesOf(a, 'dutyOverview')).toEqual([]);
  });
});
