import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { minuteOf, nextRotation } from '../../../shared/stations/codes';
import { defineAction } from '../../_core/pipeline';
import { codeImage, onStation } from '../steps';

/** The rotating check-in code for the screen at the station: signed with the minute it was made. */
export const screenCode = defineAction(stationsApi.screenCode, {
  ...onStation('screenCode'),
  run: async (ctx, _input, _actor, station) => ok(await codeImage(ctx, { kind: 'checkin', stationId: station._id, minute: minuteOf(ctx.now) }, nextRotation(ctx.now))),
});
