import { stationsApi } from '../../../shared/stations/stations.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { newStationId, stationFields } from '../../../shared/stations/station.domain';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { isCommunityLevel } from '../../../shared/territory/territory.domain';
import type { NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { stationView, type StationDoc } from '../steps';

/** Admins of the community (or settlement: its 党群服务中心) create or update a station and its duty roster. */
export const save = defineAction(stationsApi.save, {
  load: async (ctx, input) => {
    const community = await ctx.ports.store.get<NodeDoc>('nodes', input.communityId);
    if (!community || !isCommunityLevel(community.kind)) return fail('TERRITORY.NODE_NOT_FOUND', 'payload.communityId');
    const grids = await ctx.ports.store.find<NodeDoc>('nodes', { _id: { $in: input.servesGridIds } }, { limit: 20 });
    const bad = input.servesGridIds.findIndex((id) => !grids.some((g) => g._id === id && g.kind === 'grid' && g.path.communityId === community._id));
    if (bad >= 0) return fail('TERRITORY.NODE_NOT_FOUND', `payload.servesGridIds.${bad}`);
    const existing = input.stationId ? await ctx.ports.store.get<StationDoc>('nodes', input.stationId) : null;
    if (existing && (existing.kind !== 'station' || existing.path.communityId !== community._id)) return fail('COMMON.FORBIDDEN', 'payload.stationId');
    return ok({ community, existing });
  },
  authorize: (actor, _input, { community }) => authorizeStations(actor, { action: 'save', community }),
  run: async (ctx, input, actor, { community, existing }) => {
    const fields = stationFields(input);
    if (existing && input.version !== undefined && input.version !== existing.version) return fail('COMMON.CONFLICT', 'payload.version');
    const id = existing?._id ?? input.stationId ?? newStationId(ctx.ports.ids.randomInts(6));
    const station: StationDoc = existing
      ? { ...existing, ...fields, version: existing.version + 1 }
      : { _id: id, kind: 'station', parentId: community._id, path: community.path, order: 100, version: 1, createdAt: ctx.now, ...fields };
    const op = existing
      ? { op: 'update' as const, collection: 'nodes', id, version: existing.version, patch: { $set: fields } }
      : { op: 'insert' as const, collection: 'nodes', doc: station };
    const written = await ctx.commit([op], { subjectId: id, detail: { event: existing ? 'station.update' : 'station.create' } });
    return written.ok ? ok({ station: await stationView(ctx, actor, station) }) : written;
  },
});
