import type { Membership } from '../../../shared/accounts/accounts.schema';
import { ok } from '../../../shared/api/envelope';
import type { CompoundView } from '../../../shared/compounds/compounds.api.schema';
import { compoundsApi } from '../../../shared/compounds/compounds.contract';
import { authorizeCompounds, seesCompound } from '../../../shared/compounds/compounds.policy';
import { MODEL_LABELS } from '../../../shared/compounds/compounds.schema';
import { COMMUNITY_KINDS } from '../../../shared/territory/kinds';
import { loadNodeOf, loadNodes } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { Doc } from '../../_core/ports/store';
import { compoundsOf, type CompoundDoc } from '../list-store';

/**
 * 小区: the compounds of a community with their governance model and manager, and how many people
 * staff each property desk. The community's admin and the street above see them all, a grid leader
 * those of their grids, the property desk and the owners' committee their own compound.
 */
export const list = defineAction(compoundsApi.list, {
  load: async (ctx, input) => {
    const [community, compounds] = await Promise.all([
      loadNodeOf(ctx.ports.store, input.communityId, 'payload.communityId', COMMUNITY_KINDS),
      compoundsOf(ctx.ports.store, input.communityId),
    ]);
    return community.ok ? ok({ community: community.data, compounds }) : community;
  },
  authorize: (actor, _input, { community }) => authorizeCompounds(actor, { action: 'list', community }),
  run: async (ctx, _input, actor, { community, compounds }) => {
    const seen = compounds.filter((c) => seesCompound(actor, community, c));
    const [grids, desks] = await Promise.all([
      loadNodes(
        ctx.ports.store,
        seen.map((c) => c.parentId),
      ),
      seen.length ? ctx.ports.store.find<Membership & Doc>('memberships', { 'path.communityId': community._id, role: 'property' }, { limit: 1000 }) : [],
    ]);
    const view = (c: CompoundDoc): CompoundView => ({
      id: c._id,
      name: c.name,
      gridId: c.parentId,
      gridName: grids.get(c.parentId)?.name ?? '',
      model: c.model,
      modelLabel: MODEL_LABELS[c.model],
      buildingCount: c.buildingIds.length,
      property: c.property ?? null,
      unit: c.unit ?? null,
      branch: c.branch ?? null,
      deskStaff: desks.filter((m) => m.nodeId === c._id).length,
    });
    return ok({ items: seen.map(view) });
  },
});
