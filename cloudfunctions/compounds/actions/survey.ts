import { ok } from '../../../shared/api/envelope';
import { compoundsApi } from '../../../shared/compounds/compounds.contract';
import { surveyQuarterOf } from '../../../shared/compounds/survey';
import { defineAction } from '../../_core/pipeline';
import type { CompoundDoc } from '../list-store';
import { SURVEYS, surveyId, surveyView, type SurveyDoc } from '../survey-store';

/**
 * 物业服务季度评价: the questionnaire of the caller's own compound for this quarter, with their answer
 * if they gave one. Anyone may ask; someone whose home is in no compound is answered with no compound
 * (the page then says why), so the answer never tells about a compound the caller does not live in.
 */
export const survey = defineAction(compoundsApi.survey, {
  load: async (ctx, _input, { user }) => {
    const compoundId = user.home?.path.compoundId;
    const quarter = surveyQuarterOf(ctx.now);
    if (!compoundId) return ok({ compound: null, mine: null, quarter });
    const [compound, mine] = await Promise.all([
      ctx.ports.store.get<CompoundDoc>('nodes', compoundId),
      ctx.ports.store.get<SurveyDoc>(SURVEYS, surveyId(quarter, compoundId, user._id)),
    ]);
    return ok({ compound: compound?.kind === 'compound' ? compound : null, mine, quarter });
  },
  authorize: () => ({ allow: true }),
  run: async (_ctx, _input, actor, { compound, mine, quarter }) => ok(surveyView(actor, compound, quarter, mine)),
});
