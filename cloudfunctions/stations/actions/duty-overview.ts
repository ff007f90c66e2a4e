import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { beijingInstant } from '../../../shared/kernel/time';
import { dutyAgainstRoster } from '../../../shared/stations/duty';
import { authorizeStations, dutyActions } from '../../../shared/stations/stations.policy';
import { toDutyRowView } from '../../../shared/stations/stations.view';
import { defineAction } from '../../_core/pipeline';
import type { DutyDoc } from '../duty-store';
import { usersOf, type StationDoc } from '../steps';
import { loadNodeOf } from '../../_core/nodes';
import { COMMUNITY_KINDS } from '../../../shared/territory/territory.domain';

/** 值班总览: the community's stations, duty against the roster — on time, late, missed, unplanned, 自动签退. */
export const dutyOverview = defineAction(stationsApi.dutyOverview, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.communityId, 'payload.communityId', COMMUNITY_KINDS),
  authorize: (actor, _input, community) => authorizeStations(actor, { action: 'dutyOverview', community }),
  run: async (ctx, input, actor, community) => {
    const store = ctx.ports.store;
    const stations = await store.find<StationDoc>(
      'nodes',
      { parentId: community._id, kind: 'station' },
      {
        sort: [
          ['parentId', 1],
          ['order', 1],
        ],
        limit: 100,
      },
    );
    const from = beijingInstant(input.fromDate);
    const to = new Date(Date.parse(from) + input.days * 86_400_000).toISOString();
    const duties = await store.find<DutyDoc>(
      'duty',
      { communityId: community._id, checkInAt: { $gte: from, $lt: to } },
      {
        sort: [
          ['communityId', 1],
          ['checkInAt', 1],
        ],
        limit: 1000,
      },
    );
    const users = await usersOf(ctx, [...duties.map((d) => d.userId), ...stations.flatMap((s) => (s.roster ?? []).map((r) => r.userId))], 1000);
    const names = new Map(users.map((u) => [u._id, u.name]));
    return ok({
      stations: stations.map((s) => ({
        stationId: s._id,
        stationName: s.name,
        rows: dutyAgainstRoster(
          s.roster ?? [],
          duties.filter((d) => d.stationId === s._id),
          input.fromDate,
          input.days,
          ctx.now,
        ).map((row) => toDutyRowView(row, names.get(row.userId) ?? '', row.duty ? dutyActions(actor, s, row.duty) : [])),
      })),
    });
  },
});
