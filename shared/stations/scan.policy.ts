import type { Actor } from '../accounts/accounts.policy';
import { holdsOver } from '../accounts/accounts.policy';
import { SERVING_ROLES } from '../accounts/roles';
import { opensAt } from '../accounts/scopes';
import type { PlacePath } from '../territory/territory.schema';
import type { CodeKind } from './codes';

/** What a scan can lead to. */
export const SCAN_OFFERS = ['postOrder', 'checkIn', 'checkOut', 'postOnBehalf', 'signInMeeting', 'viewStation'] as const;
export type ScanOffer = (typeof SCAN_OFFERS)[number];

export interface ScanContext {
  kind: CodeKind;
  /** The place the code belongs to: the station's community path (with the grids it serves), the person's home. */
  stationPath?: PlacePath;
  servesGridIds?: readonly string[];
  personHome?: PlacePath;
  /** For a check-in code: is the scanner on duty (at any station) right now? */
  onDuty?: boolean;
}

/** Does the actor hold a grid-level role (leader or volunteer) in a grid the station serves, or lead its community? */
function worksAtStation(actor: Actor, ctx: ScanContext): boolean {
  const grids = ctx.servesGridIds ?? [];
  const inServedGrid = actor.memberships.some((m) => SERVING_ROLES.includes(m.role) && m.path.gridId !== undefined && grids.includes(m.path.gridId));
  return inServedGrid || (ctx.stationPath !== undefined && holdsOver(actor, ['communityAdmin'], ctx.stationPath));
}

/**
 * The one scan entry point offers exactly what the scanner's roles allow for the kind of code.
 * Deny by default: an offer not listed here is never made.
 */
export function scanOffers(actor: Actor, ctx: ScanContext): ScanOffer[] {
  switch (ctx.kind) {
    case 'station':
      // Anyone registered can ask for help at a station; its grid comes with the code.
      return ['postOrder', 'viewStation'];
    case 'checkin':
      if (!worksAtStation(actor, ctx)) return [];
      return [ctx.onDuty ? 'checkOut' : 'checkIn'];
    case 'person':
      // 代办: the leader of the grid where the person lives (or of a place above it).
      return ctx.personHome && opensAt(actor, 'proxy', ctx.personHome) ? ['postOnBehalf'] : [];
    case 'meeting':
      return ['signInMeeting'];
    default:
      return [];
  }
}
