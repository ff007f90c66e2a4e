import type { ErrorCode } from '../errors';
import { isWithin } from '../territory/territory.domain';
import type { PlacePath, TerritoryNode } from '../territory/territory.schema';
import type { Membership, ProfileAction, User } from './accounts.schema';
import { ADMIN_ROLES, GRANTS, roleHeldAt, type GrantedRole } from './roles';
import { mayLogInOnWeb } from './web-login';

/** Who is asking: the user and the roles they hold. Built by the pipeline from the server context only. */
export interface Actor {
  user: User;
  memberships: readonly Membership[];
}

export type Decision = { allow: true } | { allow: false; code: ErrorCode };
const ALLOW: Decision = { allow: true };
const deny = (code: ErrorCode = 'COMMON.FORBIDDEN'): Decision => ({ allow: false, code });

type Place = Pick<TerritoryNode, '_id' | 'kind' | 'path'>;

/** Does the actor hold one of `roles` at a node that contains `path`? */
export function holdsOver(actor: Actor, roles: readonly GrantedRole[], path: PlacePath): boolean {
  return actor.memberships.some((m) => roles.includes(m.role) && isWithin(path, { _id: m.nodeId, kind: m.nodeKind as Place['kind'], path: m.path }));
}

/** Can the actor grant `role` at `node`? An admin of the level above, whose place contains the node. */
export function canGrant(actor: Actor, role: GrantedRole, node: Place): Decision {
  if (!roleHeldAt(role, node.kind)) return deny('ACCOUNT.ROLE_NODE_MISMATCH');
  const granters = (Object.keys(GRANTS) as GrantedRole[]).filter((g) => GRANTS[g].includes(role));
  return holdsOver(actor, granters, node.path) ? ALLOW : deny('ACCOUNT.ROLE_NOT_GRANTABLE');
}

/** The accounts actions and what each needs to decide. Deny by default. */
export type AccountsRequest =
  | { action: 'me' | 'updateProfile' | 'redeemInvite' | 'tree' | 'inbox' | 'personas' }
  | { action: 'createInvite'; role: GrantedRole; node: Place }
  | { action: 'listMembers'; node: Place }
  | { action: 'revealContact'; target: { user: User; memberships: readonly Membership[] } }
  | { action: 'confirmWebLogin' | 'listWebSessions' }
  | { action: 'revokeWebSession'; session: { userId: string } };

export function authorizeAccounts(actor: Actor, request: AccountsRequest): Decision {
  switch (request.action) {
    // Every signed-in person may see and edit their own profile, redeem a code given to them,
    // see the shape of the tree (names of places, no people) and read their own messages; the
    // local demo's persona list is served by the local gateway only (`localOnly`).
    case 'me':
    case 'updateProfile':
    case 'redeemInvite':
    case 'tree':
    case 'inbox':
    case 'personas':
      return ALLOW;
    case 'createInvite':
      return canGrant(actor, request.role, request.node);
    case 'listMembers':
      return holdsOver(actor, ADMIN_ROLES, request.node.path) ? ALLOW : deny();
    case 'revealContact': {
      const { target } = request;
      if (target.user._id === actor.user._id) return ALLOW;
      const places = [...(target.user.home ? [target.user.home.path] : []), ...target.memberships.map((m) => m.path)];
      return places.some((p) => holdsOver(actor, ADMIN_ROLES, p)) ? ALLOW : deny();
    }
    // 扫码登录: only those who lead a place may sign in on a PC (WEB_LOGIN_ROLES); a resident is told so.
    case 'confirmWebLogin':
      return mayLogInOnWeb(actor.memberships) ? ALLOW : deny('ACCOUNTS.WEB_LOGIN_NOT_ALLOWED');
    // Each person sees and ends their own web sessions only; another's is answered as not found.
    case 'listWebSessions':
      return ALLOW;
    case 'revokeWebSession':
      return request.session.userId === actor.user._id ? ALLOW : deny('ACCOUNTS.SESSION_NOT_FOUND');
    default:
      return deny();
  }
}

/** What the profile screen may offer its owner. Sent by the server; the page renders only these. */
export function profileAllowedActions(actor: Actor): ProfileAction[] {
  const actions: ProfileAction[] = ['updateProfile', 'redeemInvite'];
  if (actor.memberships.some((m) => GRANTS[m.role].length > 0)) actions.push('createInvite');
  if (actor.memberships.some((m) => ADMIN_ROLES.includes(m.role))) actions.push('listMembers');
  return actions;
}
