import { serviceApi } from '../../../shared/service/service.contract';
import { ok } from '../../../shared/api/envelope';
import { workUnitReports } from '../../../shared/service/record';
import { authorizeService } from '../../../shared/service/service.policy';
import { COMMUNITY_KINDS, pathKey, scopeIdOf } from '../../../shared/territory/territory.domain';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import { type EntryDoc, type UserDoc } from '../steps';
import { loadNodeOf } from '../../_core/nodes';

/** A work unit's month: its in-service party members' verified service, for the unit's party branch. */
export const workUnitReport = defineAction(serviceApi.workUnitReport, {
  load: (ctx, input) => loadNodeOf(ctx.ports.store, input.nodeId, 'payload.nodeId', [...COMMUNITY_KINDS, 'street']),
  authorize: (actor, _input, place) => authorizeService(actor, { action: 'workUnitReport', place }),
  run: async (ctx, input, _actor, node) => {
    const store = ctx.ports.store;
    // Volunteers of the place: their memberships at this node and below.
    const memberships = await store.find<Doc & { userId: string; role: string }>('memberships', { [`path.${pathKey(node.kind)}`]: scopeIdOf(node) }, { limit: 1000 });
    const ids = [...new Set(memberships.filter((m) => m.role === 'volunteer').map((m) => m.userId))];
    const users = ids.length ? await store.find<UserDoc>('users', { _id: { $in: ids } }, { limit: 1000 }) : [];
    const members = users.flatMap((u) =>
      u.volunteer?.inService && u.volunteer.workUnit && (!input.workUnit || u.volunteer.workUnit === input.workUnit)
        ? [{ id: u._id, name: u.name, workUnit: u.volunteer.workUnit, partyBranch: u.volunteer.partyBranch ?? '' }]
        : [],
    );
    const records = members.length
      ? await store.find<EntryDoc>(
          'service_records',
          { month: input.month, volunteerId: { $in: members.map((m) => m.id) } },
          {
            sort: [
              ['month', 1],
              ['volunteerId', 1],
            ],
            limit: 1000,
          },
        )
      : [];
    return ok({ month: input.month, units: workUnitReports(input.month, members, records) });
  },
});
