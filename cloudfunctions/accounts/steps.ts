import type { Actor } from '../../shared/accounts/accounts.policy';
import type { Invite, Membership, User } from '../../shared/accounts/accounts.schema';
import { nodesNeeded, toProfileView, toRoleView } from '../../shared/accounts/accounts.view';
import { maskPhone } from '../../shared/accounts/mask';
import { opensAt } from '../../shared/accounts/scopes';
import { breadcrumb, pathKey, scopeIdOf } from '../../shared/territory/territory.domain';
import { loadNodes, type NodeDoc } from '../_core/nodes';
import type { ActionContext } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';

/** The steps the accounts actions share: the caller's profile, a member row. */

export type UserDoc = User & Doc;
export type InviteDoc = Invite & Doc;
export type MembershipDoc = Membership & Doc;

/** The caller's profile view, with the places it names (one read). After a write, pass the caller as written. */
export async function profileOf(ctx: ActionContext, actor: Actor) {
  const nodes = await loadNodes(ctx.ports.store, nodesNeeded(actor.user, actor.memberships));
  return { view: toProfileView(actor, nodes), nodes };
}

/** A person as the member list shows them: phone masked, roles, home, and 代办 where the caller leads. */
export function memberView(actor: Actor, u: UserDoc, memberships: readonly Membership[], nodes: Awaited<ReturnType<typeof loadNodes>>) {
  return {
    userId: u._id,
    name: u.name,
    ...(u.phone ? { phoneMasked: maskPhone(u.phone) } : {}),
    roles: memberships.filter((m) => m.userId === u._id).map((m) => toRoleView(m, nodes)),
    homeBreadcrumb: u.home ? breadcrumb(u.home.path, nodes) : [],
    allowedActions: u.home && opensAt(actor, 'proxy', u.home.path) ? ['postOnBehalf' as const] : [],
  };
}

/**
 * A page of the people at a node and below, with every role they hold, in list order: the role
 * holders (a page of memberships, then their people) or the residents (a page of people, then their roles).
 */
export async function membersPage(ctx: ActionContext, node: NodeDoc, kind: 'roles' | 'residents', page: { skip: number; limit: number }) {
  const store = ctx.ports.store;
  const key = pathKey(node.kind);
  if (kind === 'roles') {
    const filter = { [`path.${key}`]: scopeIdOf(node) };
    const memberships = await store.find<MembershipDoc>('memberships', filter, {
      ...page,
      sort: [
        [`path.${key}`, 1],
        ['grantedAt', 1],
      ],
    });
    const total = await store.count('memberships', filter);
    const order = [...new Set(memberships.map((m) => m.userId))];
    const users = await store.find<UserDoc>('users', { _id: { $in: order } }, { limit: page.limit });
    return { users, memberships, total, order };
  }
  const filter = { [`home.path.${key}`]: scopeIdOf(node) };
  const users = await store.find<UserDoc>('users', filter, {
    ...page,
    sort: [
      [`home.path.${key}`, 1],
      ['createdAt', 1],
    ],
  });
  const total = await store.count('users', filter);
  const memberships = users.length ? await store.find<MembershipDoc>('memberships', { userId: { $in: users.map((u) => u._id) } }, { limit: 1000 }) : [];
  return { users, memberships, total, order: users.map((u) => u._id) };
}
