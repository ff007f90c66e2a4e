// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './service.errors';
import { spec } from '../api/spec';
import * as V from './service.schema';

/** The service record's block of the API contract (双报到). */
export const serviceApi = {
  myRecord: spec({ summary: '我的双报到服务记录：按来源分开的时长、积分、星级', kind: 'read', input: V.EmptyServiceInput, output: V.MyRecordOutput, errors: [] }),
  updateVolunteerProfile: spec({
    summary: '志愿者资料：是否党员、在职单位与党支部、擅长、服务时段',
    kind: 'write',
    input: V.UpdateVolunteerProfileInput,
    output: V.MyRecordOutput,
    errors: ['SERVICE.NOT_VOLUNTEER', 'COMMON.CONFLICT'],
  }),
  submitHours: spec({
    summary: '自行填报服务时长（待社区审核，每月有上限）',
    kind: 'write',
    input: V.SubmitHoursInput,
    output: V.SubmitHoursOutput,
    errors: ['SERVICE.NOT_VOLUNTEER', 'SERVICE.FUTURE_DATE'],
  }),
  pendingHours: spec({
    summary: '社区管理员查看待审核的填报',
    kind: 'read',
    input: V.PendingHoursInput,
    output: V.PendingHoursOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  reviewHours: spec({
    summary: '社区管理员通过（可只通过一部分时长，须写明原因）或退回填报（只算一次，受每月上限约束）',
    kind: 'write',
    input: V.ReviewHoursInput,
    output: V.ReviewHoursOutput,
    errors: ['COMMON.NOT_FOUND', 'COMMON.FORBIDDEN', 'SERVICE.ALREADY_REVIEWED', 'SERVICE.MANUAL_CAP', 'SERVICE.HOURS_OVER_ENTRY', 'SERVICE.REASON_REQUIRED'],
  }),
  workUnitReport: spec({
    summary: '在职党员所在单位的月度服务报告（页面与 CSV），供单位党支部使用',
    kind: 'read',
    input: V.WorkUnitReportInput,
    output: V.WorkUnitReportOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
} as const;
