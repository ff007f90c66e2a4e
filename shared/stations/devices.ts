// Registers the messages of the STATION.* codes this module's rules refuse with.
import './stations.errors';
import { newSecret, SECRET_LENGTH, secretPattern } from '../kernel/secret';
import type { StationDeviceDoc, DeviceView } from './devices.schema';

/**
 * 大屏设备: the monitor at a station signs in as the station, not as a person. The community admin
 * issues it a device token (shown once, as a link to open on that monitor); the store keeps only
 * the token's SHA-256. A call that carries the token may do what the screen does (show the
 * rotating check-in code and who is on duty) for that one station, and nothing else. Revoking it
 * stops the very next call.
 */

/** A device token's random characters (shared/kernel/secret.ts). */
export const DEVICE_SECRET_LENGTH = SECRET_LENGTH;
export const DEVICE_PREFIX = 'hlscr_';
/** What a device token must look like before it is worth a look-up. */
export const DEVICE_TOKEN_PATTERN = secretPattern(DEVICE_PREFIX);

/** Active devices one station may hold at once (a screen per room, with room to spare). */
export const MAX_ACTIVE_DEVICES = 10;

/** How often a device's `lastUsedAt` is written: the screen asks every minute, the list needs no more than this. */
export const TOUCH_EVERY_MS = 10 * 60_000;

/** A new device token from random integers (the ids port): `hlscr_` and 32 base32 characters. */
export const newDeviceToken = (randomInts: readonly number[]): string => newSecret(DEVICE_PREFIX, randomInts);

/** Whether a call at `now` should record itself as the device's last use. */
export const touchDue = (lastUsedAt: string | null, now: string): boolean => lastUsedAt === null || Date.parse(now) - Date.parse(lastUsedAt) >= TOUCH_EVERY_MS;

/** Why a device may not act for `stationId`, or null when it may. Unknown beats revoked beats another station. */
export function deviceRefusal(
  device: Pick<StationDeviceDoc, 'stationId' | 'revokedAt'> | null,
  stationId: string,
): 'STATION.DEVICE_UNKNOWN' | 'STATION.DEVICE_REVOKED' | 'STATION.DEVICE_OTHER_STATION' | null {
  if (!device) return 'STATION.DEVICE_UNKNOWN';
  if (device.revokedAt !== null) return 'STATION.DEVICE_REVOKED';
  return device.stationId === stationId ? null : 'STATION.DEVICE_OTHER_STATION';
}

/** What an admin sees of a device: never the hash. `issuedBy` is the issuer's name. */
export function deviceView(doc: StationDeviceDoc, names: ReadonlyMap<string, string>): DeviceView {
  return {
    id: doc._id,
    stationId: doc.stationId,
    label: doc.label,
    hint: `…${doc.hint}`,
    issuedBy: names.get(doc.issuedBy) ?? '',
    issuedAt: doc.issuedAt,
    lastUsedAt: doc.lastUsedAt,
    active: doc.revokedAt === null,
    revokedAt: doc.revokedAt,
    revokedBy: doc.revokedBy === null ? null : (names.get(doc.revokedBy) ?? ''),
  };
}
