import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { minuteOf, nextRotation } from '../../../shared/stations/codes';
import { defineAction, type DeviceContext } from '../../_core/pipeline';
import { stationForDevice } from '../device-store';
import { codeImage, onStation, type StationDoc } from '../steps';

const rotatingCode = (ctx: Pick<DeviceContext, 'ports' | 'now'>, station: StationDoc) =>
  codeImage(ctx, { kind: 'checkin', stationId: station._id, minute: minuteOf(ctx.now) }, nextRotation(ctx.now));

/**
 * The rotating check-in code for the screen at the station: signed with the minute it was made.
 * Shown by those who run the screen, or by the station's own screen with its device token.
 */
export const screenCode = defineAction(stationsApi.screenCode, {
  ...onStation('screenCode'),
  run: async (ctx, _input, _actor, station) => ok(await rotatingCode(ctx, station)),
  device: async (ctx, input, token) => {
    const station = await stationForDevice(ctx, token, input.stationId);
    return station.ok ? ok(await rotatingCode(ctx, station.data)) : station;
  },
});
