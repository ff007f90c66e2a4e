import { registerErrors, type ErrorTable } from '../errors';

/**
 * Dashboards, their click-through lists and exports (DASHBOARD.*). Registered when imported (see
 * shared/errors.ts): the contract imports it, so the dashboards bundle carries these messages.
 */
export const DASHBOARD_ERRORS = {
  'DASHBOARD.NOT_A_LEAD_PLACE': { status: 400, message: '数据看板只看街道、社区（集中居住区）和网格' },
  'DASHBOARD.MONTH_OUTSIDE': { status: 400, message: '所选月份不在这个统计周期内' },
  'DASHBOARD.CHILD_NOT_FOUND': { status: 404, message: '没有找到这个下级网格或社区' },
  'DASHBOARD.CATEGORY_REQUIRED': { status: 400, message: '按类别查看时，请选择一个类别' },
  'DASHBOARD.TOO_MANY_ROWS': { status: 413, message: '要导出的记录太多，请缩短统计周期或选择更小的范围' },
  'DASHBOARD.CONTACTS_NOT_ALLOWED': { status: 403, message: '只有本辖区负责人可以导出含联系电话的明细' },
} as const satisfies ErrorTable;

export type DashboardErrorCode = keyof typeof DASHBOARD_ERRORS;

registerErrors(DASHBOARD_ERRORS);
