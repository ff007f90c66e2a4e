import { holdsOver, type Actor, type Decision } from '../accounts/accounts.policy';
import { PLACE_ADMIN_ROLES, ROLE_LABELS, type GrantedRole } from '../accounts/roles';
import type { ErrorCode } from '../errors';
import type { PlacePath } from '../territory/territory.schema';
import type { ResponsibilityListAction } from './compounds.api.schema';

/**
 * Who may see a community's compounds and read or change its responsibility list (责任清单).
 * Deny by default: every action names the relations that allow it.
 *
 * - The list of compounds is the leaders' tool: the community's admin and the street above see every
 *   compound of the community, a grid leader those of their own grids, and the property desk (物业客服)
 *   and the owners' committee (业委会委员) their own compound only.
 * - The responsibility list is public to the community (公示): anyone who lives in it, anyone holding
 *   any role inside it, and the street above read it.
 * - Only the community's admin (社区书记) and the street above change it.
 * - A compound's monthly review (评议监督) is for those who supervise its desk: the community's admin,
 *   the street above and the compound's owners' committee, and for the desk itself (物业客服), which
 *   answers for it. Not the grid leaders, not the residents: it names no resident, but it is the
 *   review's working paper, not a 公示.
 */

/** A place as these rules see it: the community (or settlement) or a compound, by its id and path. */
export interface CompoundsPlace {
  _id: string;
  path: PlacePath;
}

/** The roles held at a compound, which see that compound only. */
const COMPOUND_ROLES: readonly GrantedRole[] = ['property', 'owners'];

/** Leads the whole community: its admin, or the street above. */
export const leadsCommunity = (actor: Actor, community: CompoundsPlace) => holdsOver(actor, PLACE_ADMIN_ROLES, community.path);

/** Holds any role inside the community (a grid, a micro-grid, a compound, or the community itself). */
const holdsInside = (actor: Actor, community: CompoundsPlace, roles?: readonly GrantedRole[]) =>
  actor.memberships.some((m) => m.path.communityId === community._id && (!roles || roles.includes(m.role)));

/** Which of the community's compounds the caller sees in the list: all for its leaders, their grid's for a grid leader, their own for the desk and the committee. */
export function seesCompound(actor: Actor, community: CompoundsPlace, compound: CompoundsPlace): boolean {
  if (compound.path.communityId !== community._id) return false;
  return leadsCommunity(actor, community) || holdsOver(actor, ['gridLeader'], compound.path) || holdsOver(actor, COMPOUND_ROLES, compound.path);
}

/** Reads the 公示 of the community's list: lives there, holds a role inside it, or leads it (the street above included). */
export function readsResponsibilities(actor: Actor, community: CompoundsPlace): boolean {
  return actor.user.home?.path.communityId === community._id || holdsInside(actor, community) || leadsCommunity(actor, community);
}

/** Reads the compound's monthly review (评议监督): its community's leaders, its owners' committee and its desk. */
export function reviewsCompound(actor: Actor, compound: CompoundsPlace): boolean {
  return Boolean(compound.path.compoundId) && (leadsCommunity(actor, compound) || holdsOver(actor, COMPOUND_ROLES, compound.path));
}

/**
 * Answers the compound's quarterly questionnaire (物业服务季度评价): lives there (their home is in
 * it), and does not work at its desk — the desk does not rate itself.
 */
export const livesIn = (actor: Actor, compound: CompoundsPlace): boolean => actor.user.home?.path.compoundId === compound._id;
export const worksAtDesk = (actor: Actor, compound: CompoundsPlace): boolean => holdsOver(actor, ['property'], compound.path);

/** The compounds actions and what each needs to decide: the community, or for the review and the questionnaire the compound. */
export type CompoundsRequest =
  { action: 'list' | 'responsibilities' | 'saveResponsibilities'; community: CompoundsPlace } | { action: 'review' | 'answerSurvey'; compound: CompoundsPlace };

const ALLOW: Decision = { allow: true };
const deny = (code: ErrorCode = 'COMMON.FORBIDDEN'): Decision => ({ allow: false, code });

export function authorizeCompounds(actor: Actor, request: CompoundsRequest): Decision {
  if (request.action === 'review') return reviewsCompound(actor, request.compound) ? ALLOW : deny();
  if (request.action === 'answerSurvey') {
    if (!livesIn(actor, request.compound)) return deny('COMPOUND.NOT_YOUR_COMPOUND');
    return worksAtDesk(actor, request.compound) ? deny('COMPOUND.OWN_DESK') : ALLOW;
  }
  if (!('community' in request)) return deny();
  const { community } = request;
  switch (request.action) {
    // The list opens to those who see at least one compound's kind of row: the community's leaders,
    // its grid leaders, and the desks and committees of its compounds (each then sees only theirs).
    case 'list':
      return leadsCommunity(actor, community) || holdsInside(actor, community, ['gridLeader', ...COMPOUND_ROLES]) ? ALLOW : deny();
    case 'responsibilities':
      return readsResponsibilities(actor, community) ? ALLOW : deny();
    case 'saveResponsibilities':
      return leadsCommunity(actor, community) ? ALLOW : deny();
    default:
      return deny();
  }
}

/** What the 公示 page offers the caller: 保存 to those who may change the list. */
export const responsibilityListActions = (actor: Actor, community: CompoundsPlace): ResponsibilityListAction[] => (leadsCommunity(actor, community) ? ['save'] : []);

/**
 * The role a change of the list is recorded under: 社区书记 when the caller leads the community
 * itself, 街道管理员 when they act from the street above.
 */
export function changerRoleLabel(actor: Actor, community: CompoundsPlace): string {
  return holdsOver(actor, ['communityAdmin'], community.path) ? ROLE_LABELS.communityAdmin : ROLE_LABELS.streetAdmin;
}
