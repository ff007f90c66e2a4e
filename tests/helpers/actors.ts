import type { Actor } from '../../shared/accounts/accounts.policy';
import type { Membership, User } from '../../shared/accounts/accounts.schema';
import type { GrantedRole } from '../../shared/accounts/roles';
import type { TerritoryNode } from '../../shared/territory/territory.schema';

/** Actors for the pure policy tests: a person called `actor` holding roles at nodes. */

export type PolicyNode = Pick<TerritoryNode, '_id' | 'kind' | 'path'>;

export const userNamed = (id: string): User => ({ _id: id, openid: `o-${id}`, name: id, largeText: false, createdAt: 't', updatedAt: 't', version: 1 });

/** `role` held at `node` by the person `actor`. */
export const holding = (role: GrantedRole, node: PolicyNode): Membership => ({
  _id: `${role}@${node._id}`,
  userId: 'actor',
  role,
  nodeId: node._id,
  nodeKind: node.kind,
  path: node.path,
  grantedBy: null,
  inviteId: null,
  grantedAt: 't',
  version: 1,
});

/** The person `actor` with these roles (and no home). */
export const actorHolding = (...ms: Membership[]): Actor => ({ user: userNamed('actor'), memberships: ms });
