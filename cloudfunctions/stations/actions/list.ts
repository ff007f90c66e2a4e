import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { nearestFirst } from '../../../shared/stations/station.domain';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { defineAction } from '../../_core/pipeline';
import { stationView, type StationDoc } from '../steps';

/** Every station, nearest first when the phone says where it is, else the caller's community first. */
export const list = defineAction(stationsApi.list, {
  authorize: (actor) => authorizeStations(actor, { action: 'list' }),
  run: async (ctx, input, actor) => {
    const stations = await ctx.ports.store.find<StationDoc>(
      'nodes',
      { kind: 'station' },
      {
        sort: [
          ['kind', 1],
          ['order', 1],
        ],
        limit: 1000,
      },
    );
    const views = await Promise.all(stations.map((s) => stationView(ctx, actor, s, input.point)));
    return ok({ stations: views.sort(nearestFirst(actor.user.home?.path.communityId)) });
  },
});
