import { fail, ok } from '../../../shared/api/envelope';
import { stationsApi } from '../../../shared/stations/stations.contract';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { defineAction } from '../../_core/pipeline';
import { DEVICES, deviceViews, type DeviceDoc } from '../device-store';
import { findStation } from '../steps';

/**
 * Those who manage a station take a screen's authorization back: the device's next call is refused
 * with STATION.DEVICE_REVOKED. A device of a station the caller does not manage is answered as not found.
 */
export const revokeDevice = defineAction(stationsApi.revokeDevice, {
  load: async (ctx, input) => {
    const device = await ctx.ports.store.get<DeviceDoc>(DEVICES, input.deviceId);
    const station = device ? await findStation(ctx, device.stationId) : null;
    return device && station ? ok({ device, station }) : fail('STATION.DEVICE_NOT_FOUND', 'payload.deviceId');
  },
  authorize: (actor, _input, { station }) =>
    authorizeStations(actor, { action: 'revokeDevice', station }).allow ? { allow: true } : { allow: false, code: 'STATION.DEVICE_NOT_FOUND' },
  run: async (ctx, _input, actor, { device }) => {
    if (device.revokedAt !== null) return fail('STATION.DEVICE_ALREADY_REVOKED');
    const set = { revokedAt: ctx.now, revokedBy: actor.user._id };
    const written = await ctx.commit([{ op: 'update', collection: DEVICES, id: device._id, version: device.version, patch: { $set: set } }], {
      subjectId: device._id,
      detail: { event: 'stations.revokeDevice', stationId: device.stationId },
    });
    if (!written.ok) return written;
    const [view] = await deviceViews(ctx, [{ ...device, ...set, version: device.version + 1 }]);
    return ok({ device: view! });
  },
});
