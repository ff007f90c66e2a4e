import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/**
 * Typed calls of the `dashboards` cloud function (数据看板: a place's measures for a period, the
 * records behind a number, exports). Types only from shared/: zod stays out of the app.
 */
export type OverviewOutput = ApiOutput<'dashboards', 'overview'>
export type DashboardMeasure = OverviewOutput['measures']
export type TrendPoint = OverviewOutput['trend'][number]
export type CategoryRow = OverviewOutput['categories'][number]
export type ChildRow = OverviewOutput['children'][number]
export type HoursView = OverviewOutput['hours']
export type CouncilsView = OverviewOutput['councils']
/** 物业服务季度评价: residents' answers about their compounds' desks. */
export type PropertyView = OverviewOutput['property']
export type LiuyouView = OverviewOutput['liuyou']
export type RecordsInput = ApiInput<'dashboards', 'records'>
export type RecordsOutput = ApiOutput<'dashboards', 'records'>
export type OrderRecordRow = RecordsOutput['orders'][number]
export type HoursRecordRow = RecordsOutput['entries'][number]
export type Figure = RecordsInput['figure']
export type ExportInput = ApiInput<'dashboards', 'exportData'>
export type ExportOutput = ApiOutput<'dashboards', 'exportData'>
export type ExportDataset = ExportInput['dataset']

export const dashboards = {
  overview: (nodeId: string, period: string) => call('dashboards', 'overview', { nodeId, period }),
  records: (input: RecordsInput) => call('dashboards', 'records', input),
  exportData: (input: ExportInput) => call('dashboards', 'exportData', input),
}
