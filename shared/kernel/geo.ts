/**
 * Points on the map and the distance between them: pure, for dispatch (how near a volunteer is) and
 * for the stations (nearest first). Coordinates are what the phone reports (GCJ-02 in WeChat); at a
 * neighbourhood's scale the datum does not change a distance that matters.
 */

/** A point on the map: latitude and longitude in degrees. */
export interface Point {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle (haversine) distance in whole metres. */
export function distanceMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** Within this distance a volunteer counts as right there (a few minutes' walk). */
export const NEAR_M = 300;
/** From this distance on, nearness adds nothing (a neighbourhood's far side). */
export const FAR_M = 2_000;

/** How near, from 1 (≤ 300 m) falling linearly to 0 (≥ 2 km). */
export function proximityOf(meters: number): number {
  if (!(meters > NEAR_M)) return 1;
  if (meters >= FAR_M) return 0;
  return (FAR_M - meters) / (FAR_M - NEAR_M);
}

/** A distance in a person's words: `约 350 米`, `约 1.2 公里`. Rounded to tens of metres below a kilometre. */
export function distanceWords(meters: number): string {
  if (meters < 1000) return `约 ${Math.max(10, Math.round(meters / 10) * 10)} 米`;
  return `约 ${(Math.round(meters / 100) / 10).toFixed(1)} 公里`;
}
