import { stationsApi } from '../../../shared/stations/stations.contract';
import { ok } from '../../../shared/api/envelope';
import { authorizeStations } from '../../../shared/stations/stations.policy';
import { toDutyView } from '../../../shared/stations/stations.view';
import { loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { DutyDoc } from '../duty-store';

/** 我的值班: the open duty, if any, and the last twenty, newest first. */
export const myDuty = defineAction(stationsApi.myDuty, {
  authorize: (actor) => authorizeStations(actor, { action: 'myDuty' }),
  run: async (ctx, _input, actor) => {
    const recent = await ctx.ports.store.find<DutyDoc>(
      'duty',
      { userId: actor.user._id },
      {
        sort: [
          ['userId', 1],
          ['status', 1],
          ['checkInAt', -1],
        ],
        limit: 30,
      },
    );
    recent.sort((a, b) => b.checkInAt.localeCompare(a.checkInAt));
    const names = await loadNodes(
      ctx.ports.store,
      recent.map((d) => d.stationId),
    );
    const view = (d: DutyDoc) => toDutyView(d, names.get(d.stationId)?.name ?? '');
    const open = recent.find((d) => d.status === 'open') ?? null;
    return ok({
      open: open ? view(open) : null,
      recent: recent
        .filter((d) => d.status !== 'open')
        .slice(0, 20)
        .map(view),
    });
  },
});
