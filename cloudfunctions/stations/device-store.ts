import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/api/envelope';
import { DEVICE_TOKEN_PATTERN, deviceRefusal, deviceView, touchDue } from '../../shared/stations/devices';
import type { DeviceView, StationDeviceDoc } from '../../shared/stations/devices.schema';
import type { DeviceContext } from '../_core/pipeline';
import type { Store } from '../_core/ports';
import type { Doc } from '../_core/ports/store';
import { loadStation, usersOf, type StationDoc } from './steps';

export const DEVICES = 'station_devices';

export type DeviceDoc = StationDeviceDoc & Doc;

/** SHA-256 of a device token, hex: what is stored and looked up (the token has 160 random bits, so no salt is needed). */
export const hashOfToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A station's devices, newest first. */
export const stationDevices = (store: Store, stationId: string): Promise<DeviceDoc[]> =>
  store.find<DeviceDoc>(
    DEVICES,
    { stationId },
    {
      sort: [
        ['stationId', 1],
        ['issuedAt', -1],
      ],
      limit: 100,
    },
  );

/** The devices as an admin sees them, with the names of who issued and revoked them. */
export async function deviceViews(ctx: Pick<DeviceContext, 'ports'>, devices: readonly DeviceDoc[]): Promise<DeviceView[]> {
  const people = devices.flatMap((d) => [d.issuedBy, ...(d.revokedBy ? [d.revokedBy] : [])]);
  const names = new Map((await usersOf(ctx, people, 200)).map((u) => [u._id, u.name]));
  return devices.map((d) => deviceView(d, names));
}

/**
 * The station a device's call is about, once the device's token is found, live and authorized for
 * that very station: the token is looked up by its hash beside the station (one round trip). An
 * unknown token, a revoked one and one of another station are refused (and audited, without the
 * token). A good call records the device's last use now and then; that write never fails the call.
 */
export async function stationForDevice(ctx: DeviceContext, token: string, stationId: string): Promise<Result<StationDoc>> {
  const hash = DEVICE_TOKEN_PATTERN.test(token) ? hashOfToken(token) : null;
  const [found, station] = await Promise.all([hash ? ctx.ports.store.find<DeviceDoc>(DEVICES, { hash }, { limit: 1 }) : Promise.resolve([]), loadStation(ctx, stationId)]);
  const device = found[0] ?? null;
  const refusal = deviceRefusal(device, stationId);
  if (refusal) {
    await ctx.audit({ subjectId: stationId, detail: { denied: refusal, deviceId: device?._id ?? null } });
    return fail(refusal, refusal === 'STATION.DEVICE_OTHER_STATION' ? 'payload.stationId' : 'device');
  }
  if (!station.ok) return station;
  if (device && touchDue(device.lastUsedAt, ctx.now)) {
    // A lost race only means another call of the same device recorded it first.
    await ctx.ports.store.update(DEVICES, device._id, device.version, { $set: { lastUsedAt: ctx.now } }).catch(() => false);
  }
  return ok(station.data);
}
