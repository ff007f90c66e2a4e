import { fail, ok } from '../../../shared/api/envelope';
import { compoundsApi } from '../../../shared/compounds/compounds.contract';
import { authorizeCompounds } from '../../../shared/compounds/compounds.policy';
import { scoresProblem, surveyQuarterOf } from '../../../shared/compounds/survey';
import '../../../shared/compounds/survey.rollup';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import type { TxOp } from '../../_core/ports/store';
import { checkText } from '../../_core/text-check';
import type { CompoundDoc } from '../list-store';
import { storedScores, SURVEYS, surveyId, surveyView, type SurveyDoc } from '../survey-store';

/**
 * 填写物业服务季度评价: a resident of the compound rates its desk's service this quarter — every
 * question of the compound's model, 1 to 5, and a few words if they like (content-checked). One
 * answer per person and quarter: answering again replaces the first, and the rollups move with it
 * in the same transaction. The desk's own staff do not rate themselves. No notice: it is a vote.
 */
export const answerSurvey = defineAction(compoundsApi.answerSurvey, {
  load: async (ctx, input, { user }) => {
    const quarter = surveyQuarterOf(ctx.now);
    const [compound, mine] = await Promise.all([
      loadNodeOf(ctx.ports.store, input.compoundId, 'payload.compoundId', ['compound']),
      ctx.ports.store.get<SurveyDoc>(SURVEYS, surveyId(quarter, input.compoundId, user._id)),
    ]);
    return compound.ok ? ok({ compound: compound.data as unknown as CompoundDoc, mine, quarter }) : compound;
  },
  authorize: (actor, _input, { compound }) => authorizeCompounds(actor, { action: 'answerSurvey', compound }),
  run: async (ctx, input, actor, { compound, mine, quarter }) => {
    const problem = scoresProblem(compound.model, input.scores);
    if (problem) return fail(problem.missing ? 'COMPOUND.SURVEY_UNANSWERED' : 'COMPOUND.SURVEY_NOT_ASKED', `payload.scores.${problem.key}`);
    const comment = input.comment ? input.comment : null;
    const checked = await checkText(ctx, comment ?? undefined, 'payload.comment');
    if (!checked.ok) return checked;

    const fields = { scores: storedScores(input.scores), comment, compoundName: compound.name, updatedAt: ctx.now };
    const saved: SurveyDoc = mine
      ? { ...mine, ...fields, version: mine.version + 1 }
      : {
          _id: surveyId(quarter, compound._id, actor.user._id),
          compoundId: compound._id,
          quarter,
          userId: actor.user._id,
          path: compound.path,
          at: ctx.now,
          version: 1,
          ...fields,
        };
    const op: TxOp = mine
      ? { op: 'update', collection: SURVEYS, id: mine._id, version: mine.version, patch: { $set: fields }, was: mine }
      : { op: 'insert', collection: SURVEYS, doc: saved };
    // The audit names the compound and the quarter, not the scores: a resident's vote is theirs.
    const written = await ctx.transact([op], { subjectId: compound._id, detail: { event: 'compounds.answerSurvey', quarter, again: Boolean(mine) } });
    // Answered a moment ago from another phone: the page reads it again.
    if (!written.ok) return fail('COMMON.CONFLICT', 'payload.compoundId');
    return ok(surveyView(actor, compound, quarter, saved));
  },
});
