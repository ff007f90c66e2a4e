import type { Actor } from '../../shared/accounts/accounts.policy';
import { withoutPeople } from '../../shared/accounts/mask';
import type { SurveyResults, SurveyView } from '../../shared/compounds/compounds.api.schema';
import { livesIn, worksAtDesk } from '../../shared/compounds/compounds.policy';
import { MIN_RESPONDENTS, quarterLabel, quarterMonths, SERVICE_NAMES, surveyFigures, surveyQuestions, type SurveyScores } from '../../shared/compounds/survey';
import type { RolledSurvey } from '../../shared/compounds/survey.rollup';
import { sumCounts } from '../../shared/kernel/rollup';
import { deskName } from '../../shared/orders/desk';
import { DESK_OF_MODEL } from '../../shared/compounds/labels';
import type { RollupDoc } from '../_core/rollups';
import type { Doc, Store } from '../_core/ports/store';
import type { CompoundDoc } from './list-store';

/**
 * 物业服务季度评价: residents' answers about their compound's desk, one document per person, compound
 * and quarter (`compound_surveys`), counted into the `property` rollups as they are written.
 */
export const SURVEYS = 'compound_surveys';

export interface SurveyDoc extends Doc, RolledSurvey {
  compoundId: string;
  quarter: string;
  userId: string;
  comment: string | null;
  /** When the person first answered this quarter; `updatedAt` is the last time. */
  at: string;
  version: number;
}

/** One answer per person, compound and quarter: a second answer finds the first by its id. */
export const surveyId = (quarter: string, compoundId: string, userId: string) => `csv_${quarter}_${compoundId}_${userId}`;

/** The questionnaire as the caller sees it: their compound's questions and their own answer of the quarter. */
export function surveyView(actor: Actor, compound: CompoundDoc | null, quarter: string, mine: SurveyDoc | null): SurveyView {
  const base = { quarter, quarterLabel: quarterLabel(quarter) };
  if (!compound || !livesIn(actor, compound)) return { ...base, compound: null, questions: [], mine: null, notice: null, allowedActions: [] };
  const own = worksAtDesk(actor, compound);
  return {
    ...base,
    compound: {
      id: compound._id,
      name: compound.name,
      model: compound.model,
      deskName: deskName(compound, DESK_OF_MODEL[compound.model]),
      serviceName: SERVICE_NAMES[compound.model],
    },
    questions: surveyQuestions(compound.model),
    mine: mine ? { scores: mine.scores, comment: mine.comment, at: mine.updatedAt } : null,
    notice: own ? '您在这个小区的服务台工作，不参加对自己服务的评价。' : null,
    allowedActions: own ? [] : ['answer'],
  };
}

/** The comments a review shows: the latest ones. */
const SHOWN_COMMENTS = 20;

/**
 * A compound's answers of a quarter, as its reviewers read them: the figures from the compound's
 * rollups of the quarter's months, the latest comments unsigned and masked. Below MIN_RESPONDENTS
 * answers only the count is given. Two reads side by side.
 */
export async function surveyResults(store: Store, compoundId: string, quarter: string): Promise<SurveyResults> {
  const months = quarterMonths(quarter);
  const [rollups, commented] = await Promise.all([
    store.find<RollupDoc>(
      'rollups',
      { kind: 'property', nodeId: compoundId, month: { $in: months } },
      {
        sort: [
          ['kind', 1],
          ['nodeId', 1],
          ['month', 1],
        ],
        limit: months.length,
      },
    ),
    store.find<SurveyDoc>(SURVEYS, { compoundId, quarter }, { sort: [['updatedAt', -1]], limit: 100 }),
  ]);
  const f = surveyFigures(sumCounts(rollups.map((r) => r.t)));
  const base = { quarter, quarterLabel: quarterLabel(quarter), respondents: f.respondents, enough: f.enough, minRespondents: MIN_RESPONDENTS };
  if (!f.enough) return { ...base, averageOverall: null, satisfiedRate: null, questions: [], distribution: [0, 0, 0, 0, 0], comments: [] };
  return {
    ...base,
    averageOverall: f.averageOverall,
    satisfiedRate: f.satisfiedRate,
    questions: f.questions,
    distribution: [...f.distribution],
    comments: commented
      .filter((s) => s.comment)
      .slice(0, SHOWN_COMMENTS)
      .map((s) => ({ at: s.updatedAt, text: withoutPeople(s.comment!, []) })),
  };
}

/** The scores as stored: only the questions answered. */
export const storedScores = (scores: SurveyScores): SurveyScores => Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== undefined));
