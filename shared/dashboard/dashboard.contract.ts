import './dashboard.errors';
import { spec } from '../api/spec';
import * as D from './dashboard.schema';

/** 数据看板: the measures of a street, a community or a grid, what is behind each number, and exports. */
export const dashboardsApi = {
  overview: spec({
    summary:
      '数据看板：出格率、出社区率、办结率、满意度、接单与办结用时中位数、超时、分类与月份走势、下级对比、服务时长（来源与双报到单位）、六有得分、议事会议与决议、效果共评；按月、季度、年，与上期比较',
    kind: 'read',
    input: D.OverviewInput,
    output: D.OverviewOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN', 'DASHBOARD.NOT_A_LEAD_PLACE'],
  }),
  records: spec({
    summary: '看板上一个数字背后的记录：超时的、未评价的、某类别的工单，某单位的服务时长（只含本辖区）',
    kind: 'read',
    input: D.RecordsInput,
    output: D.RecordsOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN', 'DASHBOARD.NOT_A_LEAD_PLACE', 'DASHBOARD.MONTH_OUTSIDE', 'DASHBOARD.CHILD_NOT_FOUND', 'DASHBOARD.CATEGORY_REQUIRED'],
  }),
  exportData: spec({
    summary: '导出本辖区一个周期的工单、服务时长、六有自查或议事决议（CSV 或 Excel）；含联系电话的明细只限负责人，并留痕',
    kind: 'read',
    input: D.ExportInput,
    output: D.ExportOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN', 'DASHBOARD.NOT_A_LEAD_PLACE', 'DASHBOARD.TOO_MANY_ROWS', 'DASHBOARD.CONTACTS_NOT_ALLOWED'],
  }),
};
