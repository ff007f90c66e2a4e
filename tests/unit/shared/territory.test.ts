import { actorHolding, holding } from '../../helpers/actors';
import { authorizeAccounts, canGrant, holdsOver } from '../../../shared/accounts/accounts.policy';
import { roleHeldAt } from '../../../shared/accounts/roles';
import { scopesOf } from '../../../shared/accounts/scopes';
import { mayConvene } from '../../../shared/councils/councils.policy';
import {
  breadcrumb,
  childLevel,
  childPath,
  COMMUNITY_KINDS,
  isCommunityLevel,
  isWithin,
  LEAD_KINDS,
  leadLevelOf,
  levelDepth,
  pathKey,
  scopeIdOf,
  toNodeView,
} from '../../../shared/territory/territory.domain';
import { NODE_KIND_LABELS, NODE_KINDS, TerritoryNode, TREE_LEVELS, type NodeKind } from '../../../shared/territory/territory.schema';

/**
 * A street with an urban community C1 and a rural 集中居住区 J1 beside it; each has a grid, J1's grid a
 * micro-grid and a building. A settlement's path names it as the community, so everything scoped by
 * `path.communityId` works below it unchanged.
 */
type N = Pick<TerritoryNode, '_id' | 'kind' | 'path'>;
const S: N = { _id: 'S', kind: 'street', path: { streetId: 'S' } };
const C1: N = { _id: 'C1', kind: 'community', path: childPath(S, 'community', 'C1') };
const J1: N = { _id: 'J1', kind: 'settlement', path: childPath(S, 'settlement', 'J1') };
const G1: N = { _id: 'G1', kind: 'grid', path: childPath(C1, 'grid', 'G1') };
const JG: N = { _id: 'JG', kind: 'grid', path: childPath(J1, 'grid', 'JG') };
const JM: N = { _id: 'JM', kind: 'microGrid', path: childPath(JG, 'microGrid', 'JM') };
const JB: N = { _id: 'JB', kind: 'building', path: childPath(JM, 'building', 'JB') };
const JS: N = { _id: 'JS', kind: 'station', path: J1.path };

describe('a settlement (集中居住区) in the territory tree', () => {
  it('is a node kind labelled 集中居住区, not a level of the tree proper', () => {
    expect(NODE_KINDS).toContain('settlement');
    expect(NODE_KIND_LABELS.settlement).toBe('集中居住区');
    expect(TREE_LEVELS as readonly string[]).not.toContain('settlement');
    expect(TerritoryNode.shape.kind.safeParse('settlement').success).toBe(true);
  });

  it('sits at community depth under a street, its own id as the path’s community', () => {
    expect(J1.path).toEqual({ streetId: 'S', communityId: 'J1' });
    expect(pathKey('settlement')).toBe('communityId');
    expect(scopeIdOf(J1)).toBe('J1');
    expect(levelDepth('settlement')).toBe(levelDepth('community'));
    expect(levelDepth('settlement')).toBe(1);
    expect(childLevel('settlement')).toBe('grid');
    expect(childLevel('street')).toBe('community');
  });

  it('has its grids, micro-grids and buildings within it and nothing of the community beside it', () => {
    expect(JG.path).toEqual({ streetId: 'S', communityId: 'J1', gridId: 'JG' });
    for (const n of [J1, JG, JM, JB]) expect([n._id, isWithin(n.path, J1)]).toEqual([n._id, true]);
    for (const n of [C1, G1]) expect([n._id, isWithin(n.path, J1)]).toEqual([n._id, false]);
    expect(isWithin(JB.path, C1)).toBe(false);
    expect(isWithin(JB.path, S)).toBe(true);
    // Its station scopes like the settlement.
    expect(scopeIdOf(JS)).toBe('J1');
    expect(isWithin(JB.path, JS)).toBe(true);
  });

  it('names itself in breadcrumbs and in the client’s view', () => {
    const byId = new Map([
      ['S', { name: '红星街道' }],
      ['J1', { name: '柳湾集中居住区' }],
      ['JG', { name: '柳湾第一网格' }],
    ]);
    expect(breadcrumb(JG.path, byId)).toEqual(['红星街道', '柳湾集中居住区', '柳湾第一网格']);
    const node = TerritoryNode.parse({ ...J1, name: '柳湾集中居住区', parentId: 'S', order: 3, version: 1, createdAt: 't' });
    expect(toNodeView(node)).toEqual(expect.objectContaining({ kind: 'settlement', kindLabel: '集中居住区' }));
  });
});

describe('isCommunityLevel and the lead levels', () => {
  it('is true of a community and a settlement only', () => {
    expect(COMMUNITY_KINDS).toEqual(['community', 'settlement']);
    expect(NODE_KINDS.filter((k) => isCommunityLevel(k))).toEqual(['community', 'settlement']);
    expect(isCommunityLevel('unknown')).toBe(false);
  });

  it('leads a settlement at the community level', () => {
    const levels = Object.fromEntries(NODE_KINDS.map((k) => [k, leadLevelOf(k)]));
    expect(levels).toEqual({ street: 'street', community: 'community', settlement: 'community', grid: 'grid', microGrid: null, building: null, station: null, compound: null });
    expect([...LEAD_KINDS].sort()).toEqual(NODE_KINDS.filter((k) => leadLevelOf(k) !== null).sort());
  });
});

const actor = actorHolding;

describe('roles at a settlement', () => {
  it('holds a community’s roles there, and no other level’s', () => {
    const at = (kind: NodeKind) => (['communityAdmin', 'gridLeader', 'streetAdmin', 'liaison'] as const).filter((r) => roleHeldAt(r, kind));
    expect(at('settlement')).toEqual(['communityAdmin']);
    expect(at('community')).toEqual(['communityAdmin']);
    expect(at('grid')).toEqual(['gridLeader']);
  });

  it('is granted its admin by the street admin, as a community is; grid roles below it as usual', () => {
    const street = actor(holding('streetAdmin', S));
    expect(canGrant(street, 'communityAdmin', J1)).toEqual({ allow: true });
    expect(canGrant(street, 'gridLeader', J1)).toEqual({ allow: false, code: 'ACCOUNT.ROLE_NODE_MISMATCH' });
    const admin = actor(holding('communityAdmin', J1));
    expect(canGrant(admin, 'gridLeader', JG)).toEqual({ allow: true });
    expect(canGrant(admin, 'gridLeader', G1).allow).toBe(false);
    expect(canGrant(actor(holding('communityAdmin', C1)), 'gridLeader', JG).allow).toBe(false);
  });

  it('lets its admin lead its grids, list its members, convene there, and open the community menus', () => {
    const admin = actor(holding('communityAdmin', J1));
    expect(holdsOver(admin, ['communityAdmin'], JB.path)).toBe(true);
    expect(authorizeAccounts(admin, { action: 'listMembers', node: JG }).allow).toBe(true);
    expect(authorizeAccounts(admin, { action: 'listMembers', node: C1 }).allow).toBe(false);
    expect(mayConvene(admin, J1)).toBe(true);
    expect(mayConvene(admin, JG)).toBe(true);
    expect(mayConvene(admin, C1)).toBe(false);
    const scopes = scopesOf(admin, (m) => ({ role: m.role, roleLabel: '', nodeId: m.nodeId, nodeName: '', nodeKind: m.nodeKind }));
    for (const menu of ['queue', 'stats', 'proxy', 'dutyOverview', 'approvals', 'reports', 'members', 'invites'] as const)
      expect([menu, scopes[menu].map((s) => s.nodeId)]).toEqual([menu, ['J1']]);
    expect(scopes.tasks).toEqual([]);
  });
});
