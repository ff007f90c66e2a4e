import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call, type CallOptions } from './call'

/**
 * Typed calls of the `liuyou` cloud function (六有自查: templates, checks, the street's review, 整改任务,
 * the street's matrix). Types only from shared/: zod stays out of the app.
 */
export type CheckOutput = ApiOutput<'liuyou', 'getCheck'>
export type CheckView = CheckOutput['check']
export type CheckAction = CheckView['allowedActions'][number]
export type CheckState = CheckView['state']
export type ItemView = CheckView['items'][number]
export type MechanismView = CheckView['mechanisms'][number]
export type MechanismKey = MechanismView['key']
export type EvidenceView = ItemView['evidence'][number]
export type TaskView = CheckOutput['tasks'][number]
export type OwnerOption = CheckOutput['owners'][number]
export type Rating = NonNullable<CheckView['overall']['rating']>
export type Rated = CheckView['overall']
export type Verdict = ApiInput<'liuyou', 'review'>['verdict']
export type CheckSummary = ApiOutput<'liuyou', 'listChecks'>['checks'][number]
export type MatrixOutput = ApiOutput<'liuyou', 'matrix'>
export type MatrixRow = MatrixOutput['rows'][number]
export type TrendPoint = MatrixOutput['trend'][number]
export type AutoRecords = ApiOutput<'liuyou', 'autoRecords'>
export type AutoRecordRow = AutoRecords['rows'][number]
export type TemplatesOutput = ApiOutput<'liuyou', 'templates'>
export type TemplateItem = TemplatesOutput['current']['items'][number]
export type EvidenceFile = NonNullable<ApiInput<'liuyou', 'addEvidence'>['file']>

export const liuyou = {
  templates: (streetId: string) => call('liuyou', 'templates', { streetId }),
  publishTemplate: (input: ApiInput<'liuyou', 'publishTemplate'>) => call('liuyou', 'publishTemplate', input),
  startCheck: (input: ApiInput<'liuyou', 'startCheck'>) => call('liuyou', 'startCheck', input),
  getCheck: (checkId: string) => call('liuyou', 'getCheck', { checkId }),
  listChecks: (input: ApiInput<'liuyou', 'listChecks'>) => call('liuyou', 'listChecks', input),
  answer: (checkId: string, itemId: string, answer: boolean | null) => call('liuyou', 'fill', { checkId, itemId, answer }),
  count: (checkId: string, itemId: string, value: number | null) => call('liuyou', 'fill', { checkId, itemId, value }),
  addEvidence: (input: ApiInput<'liuyou', 'addEvidence'>, options?: CallOptions) => call('liuyou', 'addEvidence', input, options),
  removeEvidence: (checkId: string, itemId: string, evidenceId: string) => call('liuyou', 'removeEvidence', { checkId, itemId, evidenceId }),
  refresh: (checkId: string) => call('liuyou', 'refresh', { checkId }),
  submit: (checkId: string) => call('liuyou', 'submit', { checkId }),
  review: (input: ApiInput<'liuyou', 'review'>) => call('liuyou', 'review', input),
  finishReview: (checkId: string) => call('liuyou', 'finishReview', { checkId }),
  resubmit: (checkId: string) => call('liuyou', 'resubmit', { checkId }),
  createTask: (input: ApiInput<'liuyou', 'createTask'>) => call('liuyou', 'createTask', input),
  finishTask: (taskId: string, note: string) => call('liuyou', 'finishTask', { taskId, note }),
  myTasks: (input: ApiInput<'liuyou', 'myTasks'>) => call('liuyou', 'myTasks', input),
  matrix: (input: ApiInput<'liuyou', 'matrix'>) => call('liuyou', 'matrix', input),
  exportCsv: (streetId: string, period: string) => call('liuyou', 'exportCsv', { streetId, period }),
  autoRecords: (input: ApiInput<'liuyou', 'autoRecords'>) => call('liuyou', 'autoRecords', input),
}
