import { fail, ok } from '../../../shared/api/envelope';
import { DEVICE_SECRET_LENGTH, MAX_ACTIVE_DEVICES, newDeviceToken } from '../../../shared/stations/devices';
import { stationsApi } from '../../../shared/stations/stations.contract';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { defineAction } from '../../_core/pipeline';
import { checkText } from '../../_core/text-check';
import { DEVICES, deviceViews, hashOfToken, stationDevices, type DeviceDoc } from '../device-store';
import { loadStation } from '../steps';

/**
 * Those who manage a station authorize a monitor to act as the station (大屏设备). The token is in
 * this answer only, inside the link the admin opens on the monitor; the store keeps its SHA-256 and
 * its last four characters. (A retry with the same requestId replays the answer without the token:
 * `shownOnce`.) At most MAX_ACTIVE_DEVICES active devices per station.
 */
export const issueDevice = defineAction(stationsApi.issueDevice, {
  load: async (ctx, input) => {
    const [station, devices] = await Promise.all([loadStation(ctx, input.stationId), stationDevices(ctx.ports.store, input.stationId)]);
    return station.ok ? ok({ station: station.data, active: devices.filter((d) => d.revokedAt === null).length }) : station;
  },
  authorize: (actor, _input, { station }) => authorizeStations(actor, { action: 'issueDevice', station }),
  run: async (ctx, input, actor, { station, active }) => {
    if (active >= MAX_ACTIVE_DEVICES) return fail('STATION.TOO_MANY_DEVICES');
    const checked = await checkText(ctx, input.label, 'payload.label');
    if (!checked.ok) return checked;
    const token = newDeviceToken(ctx.ports.ids.randomInts(DEVICE_SECRET_LENGTH));
    const doc: DeviceDoc = {
      _id: ctx.ports.ids.id('dev'),
      version: 1,
      stationId: station._id,
      path: { streetId: station.path.streetId, communityId: station.path.communityId },
      label: input.label,
      hash: hashOfToken(token),
      hint: token.slice(-4),
      issuedAt: ctx.now,
      issuedBy: actor.user._id,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    const written = await ctx.commit([{ op: 'insert', collection: DEVICES, doc }], { subjectId: doc._id, detail: { event: 'stations.issueDevice', stationId: station._id } });
    if (!written.ok) return written;
    const [device] = await deviceViews(ctx, [doc]);
    return ok({ device: device!, token });
  },
});
