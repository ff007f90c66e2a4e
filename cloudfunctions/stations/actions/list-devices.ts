import { ok } from '../../../shared/api/envelope';
import { stationsApi } from '../../../shared/stations/stations.contract';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { defineAction } from '../../_core/pipeline';
import { deviceViews, stationDevices } from '../device-store';
import { loadStation } from '../steps';

/** A station's screens, newest first: label, last four characters, who issued it and when, last used, revoked. Never a hash. */
export const listDevices = defineAction(stationsApi.listDevices, {
  load: async (ctx, input) => {
    const [station, devices] = await Promise.all([loadStation(ctx, input.stationId), stationDevices(ctx.ports.store, input.stationId)]);
    return station.ok ? ok({ station: station.data, devices }) : station;
  },
  authorize: (actor, _input, { station }) => authorizeStations(actor, { action: 'listDevices', station }),
  run: async (ctx, _input, _actor, { devices }) => ok({ devices: await deviceViews(ctx, devices) }),
});
