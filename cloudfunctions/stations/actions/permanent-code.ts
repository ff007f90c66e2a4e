import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { defineAction } from '../../_core/pipeline';
import { codeImage, onStation } from '../steps';

/** The station's permanent code, printed on its door: residents scan it to ask for help. */
export const permanentCode = defineAction(stationsApi.permanentCode, {
  ...onStation('permanentCode'),
  run: async (ctx, _input, _actor, station) => ok(await codeImage(ctx, { kind: 'station', stationId: station._id }, null)),
});
