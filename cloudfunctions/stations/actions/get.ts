import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { onStation, stationView } from '../steps';

/** One station: hours, grids served, roster and who is on duty now. */
export const get = defineAction(stationsApi.get, {
  ...onStation('get'),
  run: async (ctx, _input, actor, station) => ok({ station: await stationView(ctx, actor, station) }),
});
