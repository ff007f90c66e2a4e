import { isCommunityLevel } from '../territory/kinds';
import type { NodeKind } from '../territory/territory.schema';

/** Roles a person can hold. Everyone is a resident; the rest are granted at a node of the tree. */
export const ROLES = ['resident', 'volunteer', 'gridLeader', 'gridMember', 'liaison', 'police', 'communityAdmin', 'streetAdmin', 'property', 'owners'] as const;
export type Role = (typeof ROLES)[number];
export type GrantedRole = Exclude<Role, 'resident'>;
export const GRANTED_ROLES = ROLES.filter((r): r is GrantedRole => r !== 'resident');

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '党员志愿者',
  gridLeader: '网格长',
  gridMember: '网格员',
  liaison: '微网格联络人',
  police: '社区民警',
  communityAdmin: '社区书记',
  streetAdmin: '街道管理员',
  property: '物业客服',
  owners: '业委会委员',
};

/** The level of the tree each granted role is held at ('community': a 社区 or a 集中居住区, see `roleHeldAt`). */
export const ROLE_LEVEL: Record<GrantedRole, NodeKind> = {
  volunteer: 'grid',
  gridLeader: 'grid',
  gridMember: 'grid',
  liaison: 'microGrid',
  police: 'grid',
  communityAdmin: 'community',
  streetAdmin: 'street',
  // 三方共治: the compound's property desk and its owners' committee, held at the compound.
  property: 'compound',
  owners: 'compound',
};

/** May `role` be held at a node of this kind? At its level; a community's roles at a settlement (集中居住区) as well. */
export function roleHeldAt(role: GrantedRole, kind: string): boolean {
  const level = ROLE_LEVEL[role];
  return level === kind || (level === 'community' && isCommunityLevel(kind));
}

/**
 * Who may grant what: an admin of the level above (授权由上一级发放).
 * A street admin is granted by the district, outside the system (seed or deploy), so nobody here grants it.
 */
export const GRANTS: Record<GrantedRole, readonly GrantedRole[]> = {
  streetAdmin: ['communityAdmin', 'gridLeader', 'gridMember', 'police', 'liaison', 'volunteer', 'property', 'owners'],
  communityAdmin: ['gridLeader', 'gridMember', 'police', 'liaison', 'volunteer', 'property', 'owners'],
  gridLeader: ['liaison', 'volunteer'],
  gridMember: [],
  liaison: [],
  police: [],
  volunteer: [],
  property: [],
  owners: [],
};

/** Roles that administer the people of their place: list members, reveal contacts of their place. */
export const ADMIN_ROLES: readonly GrantedRole[] = ['streetAdmin', 'communityAdmin', 'gridLeader'];

/** Roles that lead a place's requests: its queue, its numbers, 代办 for its residents. */
/** The leader roles that act for each level of the tree: who handles an order, a topic or a check there. */
export const LEVEL_LEADERS: Record<'grid' | 'community' | 'street', readonly GrantedRole[]> = {
  grid: ['gridLeader'],
  community: ['communityAdmin'],
  street: ['streetAdmin'],
};

export const LEADER_ROLES: readonly GrantedRole[] = ['gridLeader', 'communityAdmin', 'streetAdmin'];

/** Admins of a community or street: its stations, hour reviews (时长审核) and work-unit reports. */
export const PLACE_ADMIN_ROLES: readonly GrantedRole[] = ['communityAdmin', 'streetAdmin'];

/** Grid-level roles that serve at a station (值班) and keep a 双报到 service record. */
export const SERVING_ROLES: readonly GrantedRole[] = ['gridLeader', 'volunteer'];
