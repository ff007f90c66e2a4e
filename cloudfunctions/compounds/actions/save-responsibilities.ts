import { fail, ok, type Result } from '../../../shared/api/envelope';
import { compoundsApi } from '../../../shared/compounds/compounds.contract';
import { authorizeCompounds, changerRoleLabel } from '../../../shared/compounds/compounds.policy';
import type { ResponsibilityRule } from '../../../shared/compounds/compounds.schema';
import { DEFAULT_RESPONSIBILITIES, diffRules } from '../../../shared/compounds/responsibility';
import { defineAction } from '../../_core/pipeline';
import type { TxOp } from '../../_core/ports/store';
import { KEPT_CHANGES, loadCommunityList, RESPONSIBILITY_LISTS, responsibilitiesView, responsibilityListId, type CompoundDoc, type ResponsibilityListDoc } from '../list-store';

/** A compound's own line must name a compound of the community, governed by the line's model. */
function compoundProblem(rules: readonly ResponsibilityRule[], compounds: readonly CompoundDoc[]): Result<void> {
  for (const [i, r] of rules.entries()) {
    if (r.compoundId === undefined) continue;
    const compound = compounds.find((c) => c._id === r.compoundId);
    if (!compound) return fail('COMPOUND.NOT_IN_COMMUNITY', `payload.rules.${i}.compoundId`);
    if (compound.model !== r.model) return fail('COMPOUND.MODEL_MISMATCH', `payload.rules.${i}.compoundId`);
  }
  return ok(undefined);
}

/**
 * 保存责任清单: the community's admin (or the street above) saves the whole list against the version
 * it was read at; a list saved by someone else since answers COMMON.CONFLICT and nothing changes.
 * The change log records the changed lines in Chinese and the changer by id and role; a save that
 * changes no line is accepted and writes nothing. Answers the 公示 as it now stands.
 */
export const saveResponsibilities = defineAction(compoundsApi.saveResponsibilities, {
  load: (ctx, input) => loadCommunityList(ctx.ports.store, input.communityId),
  authorize: (actor, _input, { community }) => authorizeCompounds(actor, { action: 'saveResponsibilities', community }),
  run: async (ctx, input, actor, { community, stored, compounds }) => {
    const version = stored?.version ?? 0;
    if (input.baseVersion !== version) return fail('COMMON.CONFLICT', 'payload.baseVersion');
    const problem = compoundProblem(input.rules, compounds);
    if (!problem.ok) return problem;

    const names = Object.fromEntries(compounds.map((c) => [c._id, c.name]));
    const lines = diffRules(stored?.rules ?? DEFAULT_RESPONSIBILITIES, input.rules, names);
    if (lines.length === 0) return ok(await responsibilitiesView(ctx.ports.store, actor, community, stored, compounds));

    const change = { at: ctx.now, byId: actor.user._id, roleLabel: changerRoleLabel(actor, community), lines };
    const changes = [...(stored?.changes ?? []), change].slice(-KEPT_CHANGES);
    const fields = { rules: input.rules, changes, updatedAt: ctx.now };
    const id = responsibilityListId(community._id);
    const op: TxOp = stored
      ? { op: 'update', collection: RESPONSIBILITY_LISTS, id, version, patch: { $set: fields } }
      : { op: 'insert', collection: RESPONSIBILITY_LISTS, doc: { _id: id, communityId: community._id, path: community.path, version: 1, ...fields } };
    const written = await ctx.transact([op], {
      subjectId: id,
      detail: { event: 'compounds.saveResponsibilities', version: version + 1, rules: input.rules.length, lines: lines.length },
    });
    // A stale version, or a first list inserted by someone else a moment ago: read it again and retry.
    if (!written.ok) return fail('COMMON.CONFLICT', 'payload.baseVersion');
    const saved: ResponsibilityListDoc = { ...(stored ?? { _id: id, communityId: community._id, path: community.path }), ...fields, version: version + 1 };
    return ok(await responsibilitiesView(ctx.ports.store, actor, community, saved, compounds));
  },
});
