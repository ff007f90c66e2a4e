import { levelDepth } from '../territory/territory.domain';
import { NODE_KINDS, type NodeKind, type PlacePath } from '../territory/territory.schema';
import { holdsOver, type Actor } from './accounts.policy';
import type { Membership, RoleView, ScopeView } from './accounts.schema';
import { ADMIN_ROLES, GRANTS, GRANTED_ROLES, LEADER_ROLES, PLACE_ADMIN_ROLES, SERVING_ROLES, type GrantedRole } from './roles';

/**
 * The menus a person may open, each for some places (their scopes). The server sends them with the
 * profile; pages build their menus and place pickers from these and never from role names.
 */
export const SCOPE_MENUS = [
  'queue', // 待办队列
  'stats', // 数据看板
  'proxy', // 为居民代办
  'dutyOverview', // 值班总览
  'approvals', // 时长审核
  'reports', // 单位报告
  'members', // 辖区与成员
  'invites', // 邀请码
  'tasks', // 志愿者接单
  'serviceRecord', // 双报到服务记录、我的值班
  'liuyou', // 六有自查（社区、网格）与街道总览
  'dataAccess', // 数据对接：Open311 接口密钥（街道）
  'revealLog', // 个人信息查看记录（街道）
  'desk', // 物业工单（三方共治）
  'compounds', // 小区、责任清单与评议监督（三方共治）
] as const;
export type ScopeMenu = (typeof SCOPE_MENUS)[number];

/**
 * Who opens each menu, and the lowest level of place it is opened at. These are the roles the
 * server checks for the actions behind each menu (`holdsOver(actor, roles, place)`); a role held at
 * a place below `atLeast` never contains such a place (a grid leader cannot open a community's duty).
 */
export const SCOPE_RULES: Record<ScopeMenu, { roles: readonly GrantedRole[]; atLeast?: NodeKind }> = {
  queue: { roles: LEADER_ROLES }, // orders.list queue, orders.home counts
  stats: { roles: LEADER_ROLES }, // orders.stats
  proxy: { roles: LEADER_ROLES }, // orders.post onBehalfOf, orders.residentByCode
  dutyOverview: { roles: LEADER_ROLES, atLeast: 'community' }, // stations.dutyOverview of a community
  approvals: { roles: PLACE_ADMIN_ROLES }, // service.pendingHours, service.reviewHours
  reports: { roles: PLACE_ADMIN_ROLES }, // service.workUnitReport
  members: { roles: ADMIN_ROLES }, // accounts.listMembers
  invites: { roles: GRANTED_ROLES.filter((r) => GRANTS[r].length > 0) }, // accounts.createInvite
  tasks: { roles: ['volunteer'] }, // orders.list tasks and pool
  serviceRecord: { roles: SERVING_ROLES }, // station duty check-in (scan.policy), service.myRecord
  liuyou: { roles: ['communityAdmin', 'gridLeader', 'streetAdmin'] }, // liuyou.listChecks / fill of a community, liuyou.matrix of a street
  dataAccess: { roles: ['streetAdmin'], atLeast: 'street' }, // open311.issueKey / revokeKey / listKeys of a street
  revealLog: { roles: ['streetAdmin'], atLeast: 'street' }, // privacy.revealLog of a street
  desk: { roles: ['property'] }, // orders.list desk, orders.deskAccept / refuse
  compounds: { roles: ['communityAdmin', 'streetAdmin', 'property', 'owners'] }, // compounds.list, compounds.responsibilities, the compound's monthly review
};

export type Scopes = Record<ScopeMenu, ScopeView[]>;

/** How far down the tree a place is: a street contains communities and settlements, they contain grids. */
const depth = (kind: string) => ((NODE_KINDS as readonly string[]).includes(kind) ? levelDepth(kind as NodeKind) : NODE_KINDS.length);

/** One menu's places, in the order the memberships were granted, each place once. */
function placesFor(memberships: readonly Membership[], menu: ScopeMenu, view: (m: Membership) => RoleView): ScopeView[] {
  const rule = SCOPE_RULES[menu];
  const seen = new Set<string>();
  const out: ScopeView[] = [];
  for (const m of memberships) {
    if (!rule.roles.includes(m.role) || seen.has(m.nodeId)) continue;
    if (rule.atLeast && depth(m.nodeKind) > depth(rule.atLeast)) continue;
    seen.add(m.nodeId);
    // An invite is made at a node by the role held there: the roles it may grant travel with the place.
    out.push(menu === 'invites' ? { ...view(m), grants: [...GRANTS[m.role]] } : view(m));
  }
  return out;
}

/** The caller's scopes: for each menu, the places they may open it at (empty: no such menu). */
export function scopesOf(actor: Pick<Actor, 'memberships'>, view: (m: Membership) => RoleView): Scopes {
  return Object.fromEntries(SCOPE_MENUS.map((menu) => [menu, placesFor(actor.memberships, menu, view)])) as Scopes;
}

/**
 * May the actor open `menu` at a place with this path? The rule each handler behind a menu checks,
 * so that a menu is offered exactly where its actions are allowed.
 */
export function opensAt(actor: Actor, menu: ScopeMenu, path: PlacePath): boolean {
  return holdsOver(actor, SCOPE_RULES[menu].roles, path);
}
