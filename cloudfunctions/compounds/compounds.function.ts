import type { FunctionDefinition } from '../_core/pipeline';
import { answerSurvey } from './actions/answer-survey';
import { list } from './actions/list';
import { responsibilities } from './actions/responsibilities';
import { review } from './actions/review';
import { saveResponsibilities } from './actions/save-responsibilities';
import { survey } from './actions/survey';

/** The compounds actions, as the contract names them. */
export const compoundsActions = { list, responsibilities, saveResponsibilities, review, survey, answerSurvey };

/**
 * 三方共治: a community's residential compounds (小区) and its responsibility list (责任清单), which
 * says who answers first for each kind of problem in each kind of compound. The orders function
 * routes by it through `loadResponsibilities` (`list-store.ts`).
 */
export const compoundsFunction: FunctionDefinition = {
  name: 'compounds',
  actions: compoundsActions,
};
