import { fail, ok, type Result } from '../api/envelope';
import type { TerritoryNode } from '../territory/territory.schema';
import type { UpdateProfileInput, User } from './accounts.schema';

export interface ProfileChange {
  set: Record<string, unknown>;
  unset: string[];
}

/**
 * Decides what a profile update changes. A phone number needs consent (given now or before);
 * withdrawing consent removes the number. The household's grid is derived from its building.
 */
export function planProfileUpdate(user: User, input: UpdateProfileInput, building: Pick<TerritoryNode, '_id' | 'kind' | 'path'> | null, now: string): Result<ProfileChange> {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];

  if (input.name !== undefined) set.name = input.name;
  if (input.largeText !== undefined) set.largeText = input.largeText;

  if (input.phoneConsent === false) {
    if (input.phone !== undefined) return fail('ACCOUNT.PHONE_CONSENT_REQUIRED', 'payload.phoneConsent');
    unset.push('phone', 'phoneConsentAt');
  } else if (input.phone !== undefined) {
    const consented = input.phoneConsent === true || Boolean(user.phoneConsentAt);
    if (!consented) return fail('ACCOUNT.PHONE_CONSENT_REQUIRED', 'payload.phoneConsent');
    set.phone = input.phone;
    if (!user.phoneConsentAt || input.phoneConsent === true) set.phoneConsentAt = now;
  } else if (input.phoneConsent === true) {
    set.phoneConsentAt = now;
  }

  if (input.buildingId !== undefined) {
    if (!building || building.kind !== 'building') return fail('ACCOUNT.BUILDING_NOT_FOUND', 'payload.buildingId');
    const room = input.room ?? user.home?.room;
    if (!room) return fail('COMMON.INVALID_INPUT', 'payload.room');
    set.home = { buildingId: building._id, room, path: building.path };
  } else if (input.room !== undefined) {
    if (!user.home) return fail('COMMON.INVALID_INPUT', 'payload.buildingId');
    set['home.room'] = input.room;
  }

  set.updatedAt = now;
  return ok({ set, unset });
}
