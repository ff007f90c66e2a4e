import type { Actor } from '../../shared/accounts/accounts.policy';
import type { User } from '../../shared/accounts/accounts.schema';
import { fail, ok, type Result } from '../../shared/api/envelope';
import { checkinFresh, decodePayload, encodePayload, type CodePayload } from '../../shared/stations/codes';
import { isOpen, type OpeningHours, type RosterSlot } from '../../shared/stations/duty';
import { distanceMeters, type Point } from '../../shared/stations/station.domain';
import { authorizeStations, stationActions } from '../../shared/stations/stations.policy';
import type { StationView } from '../../shared/stations/stations.schema';
import { loadNodes, type NodeDoc } from '../_core/nodes';
import type { ActionContext } from '../_core/pipeline';
import type { Ports } from '../_core/ports';
import type { Doc } from '../_core/ports/store';
import type { DutyDoc } from './duty-store';

/** The steps the stations actions share: loading a station or a code, and the station's view. */

export type UserDoc = User & Doc & { personalToken?: string };

/** A station is a node of the tree (kind `station`) with its hours, point, photo and roster. */
export type StationDoc = NodeDoc & { hours?: OpeningHours; point?: Point; photo?: string; roster?: RosterSlot[] };

/** The page a scanned code opens in the mini-program. */
export const SCAN_PAGE = '/packages/stations/scan/index';

export async function findStation(ctx: Pick<ActionContext, 'ports'>, id: string): Promise<StationDoc | null> {
  const node = await ctx.ports.store.get<StationDoc>('nodes', id);
  return node && node.kind === 'station' ? node : null;
}

/** The station an action names, or CODE.NOT_FOUND on the field that named it. */
export async function loadStation(ctx: Pick<ActionContext, 'ports'>, id: string, field = 'payload.stationId'): Promise<Result<StationDoc>> {
  const station = await findStation(ctx, id);
  return station ? ok(station) : fail('CODE.NOT_FOUND', field);
}

/** The people of `ids` (none asked, none read). */
export async function usersOf(ctx: Pick<ActionContext, 'ports'>, ids: readonly string[], limit: number): Promise<UserDoc[]> {
  const unique = [...new Set(ids)];
  return unique.length ? ctx.ports.store.find<UserDoc>('users', { _id: { $in: unique } }, { limit }) : [];
}

/** Verifies a scanned scene: signature first, then what it says. Nothing a client sends is trusted unsigned. */
export function readScene(ports: Ports, scene: string, now: string): Result<CodePayload> {
  const verified = ports.qr.verify(scene);
  if (!verified.ok) return fail('CODE.INVALID', 'payload.scene');
  const payload = decodePayload(verified.payload);
  if (!payload) return fail('CODE.INVALID', 'payload.scene');
  // A rotating code (check-in, meeting sign-in) is good for a couple of minutes: a photo of it is not.
  if ((payload.kind === 'checkin' || payload.kind === 'meeting') && !checkinFresh(payload.minute, now)) return fail('CODE.EXPIRED', 'payload.scene');
  return ok(payload);
}

/** The first steps of an action about the station its input names: load it, then ask the policy. */
export const onStation = (action: 'get' | 'permanentCode' | 'screenCode') => ({
  load: (ctx: ActionContext, input: { stationId: string }) => loadStation(ctx, input.stationId),
  authorize: (actor: Actor, _input: unknown, station: StationDoc) => authorizeStations(actor, { action, station }),
});

export interface CheckinTarget {
  station: StationDoc;
  payload: CodePayload & { kind: 'checkin' };
}

/** A live check-in code and its station: what checking in and out start from. */
async function loadCheckin(ctx: ActionContext, scene: string): Promise<Result<CheckinTarget>> {
  const read = readScene(ctx.ports, scene, ctx.now);
  if (!read.ok) return read;
  if (read.data.kind !== 'checkin') return fail('CODE.WRONG_KIND', 'payload.scene');
  const station = await loadStation(ctx, read.data.stationId, 'payload.scene');
  return station.ok ? ok({ station: station.data, payload: read.data }) : station;
}

/** The first steps of checking in or out: a live check-in code, its station, and whether the scanner serves there. */
export const onCheckinCode = (action: 'checkIn' | 'checkOut') => ({
  load: (ctx: ActionContext, input: { scene: string }) => loadCheckin(ctx, input.scene),
  authorize: (actor: Actor, _input: unknown, { station }: CheckinTarget) => authorizeStations(actor, { action, station }),
});

/** A signed code as an image; `expiresAt` null for a code that never changes. */
export async function codeImage(ctx: Pick<ActionContext, 'ports' | 'now'>, payload: CodePayload, expiresAt: string | null) {
  const scene = ctx.ports.qr.sign(encodePayload(payload));
  const image = await ctx.ports.qr.image(scene, SCAN_PAGE);
  return { scene, imageDataUrl: `data:${image.contentType};base64,${Buffer.from(image.bytes).toString('base64')}`, page: SCAN_PAGE, issuedAt: ctx.now, expiresAt };
}

/** The station as `actor` sees it; a station's own screen (no actor) may do nothing with it. */
export async function stationView(ctx: Pick<ActionContext, 'ports' | 'now'>, actor: Actor | null, s: StationDoc, from?: Point): Promise<StationView> {
  const roster = s.roster ?? [];
  const nodes = await loadNodes(ctx.ports.store, [s.path.communityId ?? '', ...(s.servesGridIds ?? [])]);
  const names = new Map(
    (
      await usersOf(
        ctx,
        roster.map((r) => r.userId),
        200,
      )
    ).map((u) => [u._id, u.name]),
  );
  const onDuty = await ctx.ports.store.find<DutyDoc>(
    'duty',
    { stationId: s._id, checkInAt: { $gte: new Date(Date.parse(ctx.now) - 86_400_000).toISOString() } },
    {
      sort: [
        ['stationId', 1],
        ['checkInAt', 1],
      ],
      limit: 100,
    },
  );
  const onDutyNow = await usersOf(
    ctx,
    onDuty.filter((d) => d.status === 'open').map((d) => d.userId),
    100,
  );
  return {
    id: s._id,
    name: s.name,
    communityId: s.path.communityId ?? '',
    communityName: nodes.get(s.path.communityId ?? '')?.name ?? '',
    address: s.address ?? '',
    openingHours: s.openingHours ?? '',
    hours: s.hours ? { days: [...s.hours.days], open: s.hours.open, close: s.hours.close } : null,
    openNow: s.hours ? isOpen(s.hours, ctx.now) : false,
    point: s.point ?? null,
    distanceMeters: from && s.point ? distanceMeters(from, s.point) : null,
    photoUrl: s.photo ? await ctx.ports.files.url(s.photo) : null,
    servesGrids: (s.servesGridIds ?? []).map((id) => ({ id, name: nodes.get(id)?.name ?? '' })),
    // A duty roster is posted at the station: names are shown, as on the wall.
    roster: roster.map((r) => ({ ...r, days: [...r.days], name: names.get(r.userId) ?? '' })),
    onDutyNow: onDutyNow.map((u) => u.name),
    version: s.version,
    allowedActions: actor ? stationActions(actor, s) : [],
  };
}
