import { breadcrumb } from '../territory/territory.domain';
import type { TerritoryNode } from '../territory/territory.schema';
import type { Actor } from './accounts.policy';
import { profileAllowedActions } from './accounts.policy';
import type { Membership, ProfileView, RoleView, User } from './accounts.schema';
import { maskPhone } from './mask';
import { ROLE_LABELS } from './roles';
import { scopesOf } from './scopes';

export type NodeIndex = ReadonlyMap<string, Pick<TerritoryNode, '_id' | 'name' | 'kind'>>;

/** Ids of the nodes a profile view names: the home's ancestors and the roles' nodes. */
export function nodesNeeded(user: User, memberships: readonly Membership[]): string[] {
  const ids = new Set<string>();
  if (user.home) for (const id of Object.values(user.home.path)) if (id) ids.add(id);
  for (const m of memberships) ids.add(m.nodeId);
  return [...ids];
}

export function toRoleView(m: Membership, nodes: NodeIndex): RoleView {
  const node = nodes.get(m.nodeId);
  return { role: m.role, roleLabel: ROLE_LABELS[m.role], nodeId: m.nodeId, nodeName: node?.name ?? '', nodeKind: m.nodeKind };
}

/** The caller's own profile: everything of theirs, unmasked, with what they may do next. */
export function toProfileView(actor: Actor, nodes: NodeIndex): ProfileView {
  const { user, memberships } = actor;
  const view: ProfileView = {
    id: user._id,
    name: user.name,
    hasPhoneConsent: Boolean(user.phoneConsentAt),
    largeText: user.largeText,
    roles: [
      {
        role: 'resident',
        roleLabel: ROLE_LABELS.resident,
        nodeId: user.home?.path.gridId ?? '',
        nodeName: user.home?.path.gridId ? (nodes.get(user.home.path.gridId)?.name ?? '') : '',
        nodeKind: 'grid',
      },
      ...memberships.map((m) => toRoleView(m, nodes)),
    ],
    allowedActions: profileAllowedActions(actor),
    scopes: scopesOf(actor, (m) => toRoleView(m, nodes)),
  };
  if (user.phone) {
    view.phone = user.phone;
    view.phoneMasked = maskPhone(user.phone);
  }
  if (user.volunteer) view.volunteer = user.volunteer;
  if (user.home) {
    const p = user.home.path;
    const name = (id: string | undefined) => (id ? nodes.get(id)?.name : undefined);
    view.home = {
      buildingId: user.home.buildingId,
      room: user.home.room,
      breadcrumb: breadcrumb(p, nodes),
      buildingName: name(p.buildingId) ?? '',
      ...(p.gridId ? { gridId: p.gridId } : {}),
      ...(name(p.gridId) ? { gridName: name(p.gridId) } : {}),
      ...(p.communityId ? { communityId: p.communityId } : {}),
      ...(name(p.communityId) ? { communityName: name(p.communityId) } : {}),
      ...(p.compoundId ? { compoundId: p.compoundId } : {}),
      ...(name(p.compoundId) ? { compoundName: name(p.compoundId) } : {}),
      ...(name(p.streetId) ? { streetName: name(p.streetId) } : {}),
    };
  }
  return view;
}
