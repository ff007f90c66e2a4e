import type { Actor, Decision } from '../accounts/accounts.policy';
import { opensAt } from '../accounts/scopes';
import type { ErrorCode } from '../errors';
import type { PlacePath } from '../territory/territory.schema';
import { RECORD_ACTIONS, type RecordAction } from './service.schema';

/**
 * Who may do what with the 双报到 service record. Deny by default: an action not allowed here is
 * refused. Everyone reads their own record; volunteers keep a profile and enter hours by hand; the
 * admins of a place review its hand-entered hours (时长审核) and read its work units' reports.
 */

const isVolunteer = (actor: Actor) => actor.memberships.some((m) => m.role === 'volunteer');

export type ServiceRequest =
  { action: 'myRecord' | 'updateVolunteerProfile' | 'submitHours' } | { action: 'pendingHours' | 'reviewHours' | 'workUnitReport'; place: { path: PlacePath } };

const ALLOW: Decision = { allow: true };
const deny = (code: ErrorCode = 'COMMON.FORBIDDEN'): Decision => ({ allow: false, code });

export function authorizeService(actor: Actor, request: ServiceRequest): Decision {
  switch (request.action) {
    case 'myRecord':
      return ALLOW;
    case 'updateVolunteerProfile':
    case 'submitHours':
      return isVolunteer(actor) ? ALLOW : deny('SERVICE.NOT_VOLUNTEER');
    case 'pendingHours':
    case 'reviewHours':
      return opensAt(actor, 'approvals', request.place.path) ? ALLOW : deny();
    case 'workUnitReport':
      return opensAt(actor, 'reports', request.place.path) ? ALLOW : deny();
    default:
      return deny();
  }
}

/** What the record page may offer its owner. */
export const recordActions = (actor: Actor): RecordAction[] => (isVolunteer(actor) ? [...RECORD_ACTIONS] : []);

/** The community that reviews a volunteer's hand-entered hours: where they volunteer, else where they live. */
export const reviewingCommunity = (actor: Actor): string => actor.memberships.find((m) => m.role === 'volunteer')?.path.communityId ?? actor.user.home?.path.communityId ?? '';
