import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { stationForDevice } from '../device-store';
import { onStation, stationView } from '../steps';

/** One station: hours, grids served, roster and who is on duty now. Its own screen reads it with its device token. */
export const get = defineAction(stationsApi.get, {
  ...onStation('get'),
  run: async (ctx, _input, actor, station) => ok({ station: await stationView(ctx, actor, station) }),
  device: async (ctx, input, token) => {
    const station = await stationForDevice(ctx, token, input.stationId);
    return station.ok ? ok({ station: await stationView(ctx, null, station.data) }) : station;
  },
});
