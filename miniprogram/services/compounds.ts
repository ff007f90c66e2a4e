import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/**
 * Typed calls of the `compounds` cloud function (三方共治): a community's compounds and its
 * responsibility list (责任清单) with its 公示 and change log. Types only from shared/.
 */
export type CompoundList = ApiOutput<'compounds', 'list'>
export type CompoundItem = CompoundList['items'][number]
export type Responsibilities = ApiOutput<'compounds', 'responsibilities'>
export type ResponsibilityRule = Responsibilities['rules'][number]
export type ResponsibilityRow = Responsibilities['table'][number]
export type ResponsibilityChange = Responsibilities['changes'][number]
export type SaveResponsibilitiesInput = ApiInput<'compounds', 'saveResponsibilities'>
/** 评议监督: a compound desk's month. */
export type CompoundReview = ApiOutput<'compounds', 'review'>
export type ReviewInput = ApiInput<'compounds', 'review'>
/** 物业服务季度评价: the caller's compound's questionnaire of this quarter, and their answer. */
export type CompoundSurvey = ApiOutput<'compounds', 'survey'>
export type AnswerSurveyInput = ApiInput<'compounds', 'answerSurvey'>

export const compounds = {
  list: (communityId: string) => call('compounds', 'list', { communityId }),
  responsibilities: (communityId: string) => call('compounds', 'responsibilities', { communityId }),
  saveResponsibilities: (input: SaveResponsibilitiesInput) => call('compounds', 'saveResponsibilities', input),
  review: (input: ReviewInput) => call('compounds', 'review', input),
  survey: () => call('compounds', 'survey', {}),
  answerSurvey: (input: AnswerSurveyInput) => call('compounds', 'answerSurvey', input),
}
