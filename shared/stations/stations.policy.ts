// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './stations.errors';
import type { Actor, Decision } from '../accounts/accounts.policy';
import { holdsOver } from '../accounts/accounts.policy';
import { PLACE_ADMIN_ROLES, SERVING_ROLES } from '../accounts/roles';
import { opensAt } from '../accounts/scopes';
import type { ErrorCode } from '../errors';
import type { PlacePath } from '../territory/territory.schema';
import type { CodeKind } from './codes';
import { awaitsConfirmation, type Duty } from './duty.lifecycle';
import type { StationAction } from './stations.schema';

/**
 * Who may do what with a 党群服务站, its codes and its duty. Deny by default: an action or an offer
 * not allowed here is refused.
 */

/** A station as its rules see it: the path of its community and the grids it serves. */
export interface StationPlace {
  path: PlacePath;
  servesGridIds?: readonly string[];
}

/** Admins of the station's community (or street) manage it and print its codes. */
export const managesStation = (actor: Actor, s: StationPlace) => holdsOver(actor, PLACE_ADMIN_ROLES, s.path);

const servesIn = (actor: Actor, s: Pick<StationPlace, 'servesGridIds'>, roles: readonly string[]) =>
  actor.memberships.some((m) => roles.includes(m.role) && m.path.gridId !== undefined && (s.servesGridIds ?? []).includes(m.path.gridId));

/** The screen at the station is run by its community's admins or the leaders of the grids it serves. */
export const runsScreen = (actor: Actor, s: StationPlace) => managesStation(actor, s) || servesIn(actor, s, ['gridLeader']);

/** Serves at the station (值班): a leader or volunteer of a grid it serves, or its community's admin. */
export const worksAt = (actor: Actor, s: Partial<StationPlace>) => servesIn(actor, s, SERVING_ROLES) || (s.path !== undefined && holdsOver(actor, ['communityAdmin'], s.path));

/** The leaders who run the station confirm others' unplanned hours; nobody confirms their own. */
export const confirmsDuty = (actor: Actor, s: StationPlace, d: Pick<Duty, 'userId'>) => d.userId !== actor.user._id && runsScreen(actor, s);

/** The stations actions and what each needs to decide. */
export type StationsRequest =
  | { action: 'list' | 'myCode' | 'scan' | 'myDuty' }
  | { action: 'save' | 'dutyOverview'; community: { path: PlacePath } }
  | { action: 'get' | 'permanentCode' | 'screenCode' | 'checkIn' | 'checkOut'; station: StationPlace }
  | { action: 'issueDevice' | 'listDevices' | 'revokeDevice'; station: StationPlace }
  | { action: 'confirmDuty'; station: StationPlace; duty: Pick<Duty, 'userId'> };

const ALLOW: Decision = { allow: true };
const deny = (code: ErrorCode = 'COMMON.FORBIDDEN'): Decision => ({ allow: false, code });

export function authorizeStations(actor: Actor, request: StationsRequest): Decision {
  switch (request.action) {
    // Anyone signed in finds the stations and reads them, prints a door code (it only leads to 报事),
    // shows their own code, scans any code (the offers say what it allows) and sees their own duty.
    case 'list':
    case 'get':
    case 'permanentCode':
    case 'myCode':
    case 'scan':
    case 'myDuty':
      return ALLOW;
    case 'save':
      return managesStation(actor, request.community) ? ALLOW : deny();
    // A device token lets a monitor show the station's check-in code: only those who manage the
    // station hand one out, see them and take them back.
    case 'issueDevice':
    case 'listDevices':
    case 'revokeDevice':
      return managesStation(actor, request.station) ? ALLOW : deny();
    case 'dutyOverview':
      return opensAt(actor, 'dutyOverview', request.community.path) ? ALLOW : deny();
    case 'screenCode':
      return runsScreen(actor, request.station) ? ALLOW : deny();
    case 'checkIn':
    case 'checkOut':
      return worksAt(actor, request.station) ? ALLOW : deny('DUTY.NOT_STAFF');
    case 'confirmDuty':
      if (request.duty.userId === actor.user._id) return deny('DUTY.OWN_DUTY');
      return confirmsDuty(actor, request.station, request.duty) ? ALLOW : deny();
    default:
      return deny();
  }
}

/** What the caller may do with a station: edit it and print its fixed code, run its check-in screen, authorize its screens. */
export function stationActions(actor: Actor, s: StationPlace): StationAction[] {
  const manages = managesStation(actor, s);
  return [...(manages ? (['save', 'permanentCode'] as const) : []), ...(runsScreen(actor, s) ? (['screenCode'] as const) : []), ...(manages ? (['manageDevices'] as const) : [])];
}

/** What the caller may do with a row of the duty overview: confirm hours that wait for a leader. */
export function dutyActions(actor: Actor, s: StationPlace, d: Pick<Duty, 'userId' | 'status' | 'confirmation'>): 'confirmDuty'[] {
  return awaitsConfirmation(d) && confirmsDuty(actor, s, d) ? ['confirmDuty'] : [];
}

// ---- 扫一扫 ---------------------------------------------------------------------------------------

/** What a scan can lead to. */
export const SCAN_OFFERS = ['postOrder', 'checkIn', 'checkOut', 'postOnBehalf', 'signInMeeting', 'viewStation', 'liuyouCheck'] as const;
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

/**
 * 六有自查 of the station's community: those who fill its check (liuyou.policy `checkRelation`), its
 * community admin and the grid leaders of its grids.
 */
const fillsChecksOf = (actor: Actor, path: PlacePath | undefined) =>
  path?.communityId !== undefined &&
  (holdsOver(actor, ['communityAdmin'], path) || actor.memberships.some((m) => m.role === 'gridLeader' && m.path.communityId === path.communityId));

/** The one scan entry point offers exactly what the scanner's roles allow for the kind of code. */
export function scanOffers(actor: Actor, ctx: ScanContext): ScanOffer[] {
  switch (ctx.kind) {
    case 'station':
      // Anyone registered can ask for help at a station; its grid comes with the code. Those who
      // fill the community's 六有 check open it from the door as well.
      return ['postOrder', 'viewStation', ...(fillsChecksOf(actor, ctx.stationPath) ? (['liuyouCheck'] as const) : [])];
    case 'checkin':
      if (!worksAt(actor, { path: ctx.stationPath, servesGridIds: ctx.servesGridIds })) return [];
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
