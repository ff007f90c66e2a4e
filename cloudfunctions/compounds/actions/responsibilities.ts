import { ok } from '../../../shared/api/envelope';
import { compoundsApi } from '../../../shared/compounds/compounds.contract';
import { authorizeCompounds } from '../../../shared/compounds/compounds.policy';
import { defineAction } from '../../_core/pipeline';
import { loadCommunityList, responsibilitiesView } from '../list-store';

/**
 * 责任清单公示: who answers first for each kind of problem in each kind of compound of the community,
 * the community's own lines (or the street's defaults), its compounds and the last changes. Anyone who
 * lives in the community or holds a role in it reads it, and the street above.
 */
export const responsibilities = defineAction(compoundsApi.responsibilities, {
  load: (ctx, input) => loadCommunityList(ctx.ports.store, input.communityId),
  authorize: (actor, _input, { community }) => authorizeCompounds(actor, { action: 'responsibilities', community }),
  run: async (ctx, _input, actor, { community, stored, compounds }) => ok(await responsibilitiesView(ctx.ports.store, actor, community, stored, compounds)),
});
