import type { Actor } from '../accounts/accounts.policy';
import { opensAt } from '../accounts/scopes';
import type { PlacePath } from '../territory/territory.schema';

/**
 * Who may manage a street's Open311 API keys: its street admins (街道管理员), and nobody else —
 * a key opens the street's whole request list to another platform. Deny by default.
 */
export const mayManageKeys = (actor: Actor, street: { path: PlacePath }): boolean => opensAt(actor, 'dataAccess', street.path);

/** Active keys a street may hold at once. */
export const MAX_ACTIVE_KEYS = 20;
