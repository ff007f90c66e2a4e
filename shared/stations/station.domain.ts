import type { Home } from '../accounts/accounts.schema';
import type { SaveStationInput } from './stations.schema';

/** A point on the map, as a station keeps it and a phone reports it; distances (nearest first) from the kernel. */
export { distanceMeters, type Point } from '../kernel/geo';

/**
 * Where a request posted from a station's door code is filed: the resident's own grid (and
 * building) when the station serves it, else the first grid the station serves.
 */
export function postingPlace(home: Home | undefined, servesGridIds: readonly string[]): { gridId: string | null; buildingId: string | null } {
  const homeGrid = home?.path.gridId;
  const gridId = homeGrid && servesGridIds.includes(homeGrid) ? homeGrid : (servesGridIds[0] ?? null);
  const buildingId = homeGrid && gridId === homeGrid ? (home?.buildingId ?? null) : null;
  return { gridId, buildingId };
}

/** Nearest first when the phone said where it is; otherwise (and at equal distance) the caller's own community first. */
export const nearestFirst =
  (homeCommunityId: string | undefined) => (a: { distanceMeters: number | null; communityId: string }, b: { distanceMeters: number | null; communityId: string }) =>
    (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) || Number(b.communityId === homeCommunityId) - Number(a.communityId === homeCommunityId);

/** What a save writes of a station: what the admin gave; a point and a photo only when given. */
export function stationFields(input: SaveStationInput) {
  return {
    name: input.name,
    address: input.address,
    openingHours: input.openingHours,
    hours: input.hours,
    servesGridIds: input.servesGridIds,
    roster: input.roster,
    ...(input.point ? { point: input.point } : {}),
    ...(input.photo ? { photo: input.photo } : {}),
  };
}

/** A new station's id: short, since a rotating code carries it in its 20-character payload. */
export const newStationId = (randomInts: readonly number[]) => `st${randomInts.map((n) => (Math.abs(n) % 36).toString(36)).join('')}`;
