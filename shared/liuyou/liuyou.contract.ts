// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './liuyou.errors';
import { spec } from '../api/spec';
import * as L from './liuyou.schema';

const CHECK_WRITE = ['LIUYOU.CHECK_NOT_FOUND', 'LIUYOU.NOT_ALLOWED_NOW', 'COMMON.FORBIDDEN', 'COMMON.CONFLICT'] as const;

/** The 六有 block of the API contract: templates, checks, street review, tasks, the street's matrix. */
export const liuyouApi = {
  templates: spec({
    summary: '街道的六有清单：当前版本与历次版本',
    kind: 'read',
    input: L.StreetRef,
    output: L.TemplatesOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  publishTemplate: spec({
    summary: '街道发布新版清单（六个方面、项目、权重、佐证要求、红黄绿分数线）；进行中的自查仍按原版本',
    kind: 'write',
    input: L.PublishTemplateInput,
    output: L.TemplatesOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'LIUYOU.THRESHOLDS', 'LIUYOU.ITEM_DUPLICATE', 'LIUYOU.ITEM_SHAPE', 'LIUYOU.MECHANISM_EMPTY', 'COMMON.CONTENT_UNSAFE', 'COMMON.FORBIDDEN'],
  }),
  startCheck: spec({
    summary: '发起一个社区（集中居住区）本周期的六有自查；已发起的直接打开',
    kind: 'write',
    input: L.StartCheckInput,
    output: L.CheckOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'LIUYOU.PERIOD_FUTURE', 'LIUYOU.PERIOD_KIND', 'COMMON.FORBIDDEN'],
  }),
  getCheck: spec({
    summary: '一份自查：六个方面逐项、得分与红黄绿、差距项、审核意见、整改任务与全过程',
    kind: 'read',
    input: L.CheckRef,
    output: L.CheckOutput,
    errors: ['LIUYOU.CHECK_NOT_FOUND'],
  }),
  listChecks: spec({
    summary: '一个社区历次自查，或一个街道某周期的全部自查',
    kind: 'read',
    input: L.ListChecksInput,
    output: L.ListChecksOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  fill: spec({
    summary: '逐项填写：有/无，或数量（系统自动统计的项不能改）',
    kind: 'write',
    input: L.FillInput,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.ITEM_NOT_FOUND', 'LIUYOU.ITEM_AUTOMATIC', 'LIUYOU.ITEM_KIND', 'LIUYOU.ITEM_LOCKED'],
  }),
  addEvidence: spec({
    summary: '为一项添加佐证：照片（拍照或相册）、文件或文字说明',
    kind: 'write',
    input: L.AddEvidenceInput,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.ITEM_NOT_FOUND', 'LIUYOU.ITEM_LOCKED', 'LIUYOU.EVIDENCE_FULL', 'LIUYOU.EVIDENCE_INVALID', 'COMMON.CONTENT_UNSAFE'],
  }),
  removeEvidence: spec({
    summary: '删除一份佐证',
    kind: 'write',
    input: L.RemoveEvidenceInput,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.ITEM_NOT_FOUND', 'LIUYOU.ITEM_LOCKED', 'LIUYOU.EVIDENCE_NOT_FOUND'],
  }),
  refresh: spec({
    summary: '按最新记录重新统计系统自动填写的项（提交后锁定）',
    kind: 'write',
    input: L.CheckRef,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE],
  }),
  submit: spec({
    summary: '社区书记提交自查；系统统计的数字随之锁定，街道收到待审核提醒',
    kind: 'write',
    input: L.CheckRef,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.INCOMPLETE'],
  }),
  review: spec({
    summary: '街道逐项审核：通过、退回修改或不达标（退回和不达标须写明意见）',
    kind: 'write',
    input: L.ReviewInput,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.ITEM_NOT_FOUND', 'LIUYOU.COMMENT_REQUIRED', 'COMMON.CONTENT_UNSAFE'],
  }),
  finishReview: spec({
    summary: '审核完毕：有退回项则退回社区修改，否则评定得分',
    kind: 'write',
    input: L.CheckRef,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.REVIEW_INCOMPLETE'],
  }),
  resubmit: spec({
    summary: '社区修改退回项后重新提交',
    kind: 'write',
    input: L.CheckRef,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.RETURNED_UNCHANGED', 'LIUYOU.INCOMPLETE'],
  }),
  createTask: spec({
    summary: '为退回或不达标的一项建立整改任务：责任人（社区书记或网格长）和完成期限，逾期提醒',
    kind: 'write',
    input: L.CreateTaskInput,
    output: L.CheckOutput,
    errors: [...CHECK_WRITE, 'LIUYOU.ITEM_NOT_FOUND', 'LIUYOU.TASK_ITEM', 'LIUYOU.TASK_EXISTS', 'LIUYOU.OWNER_INVALID', 'LIUYOU.DUE_IN_PAST', 'COMMON.CONTENT_UNSAFE'],
  }),
  finishTask: spec({
    summary: '责任人完成整改并说明情况',
    kind: 'write',
    input: L.FinishTaskInput,
    output: L.TaskOutput,
    errors: ['LIUYOU.TASK_NOT_FOUND', 'LIUYOU.TASK_NOT_ALLOWED_NOW', 'LIUYOU.NOTE_REQUIRED', 'COMMON.CONTENT_UNSAFE', 'COMMON.FORBIDDEN', 'COMMON.CONFLICT'],
  }),
  myTasks: spec({
    summary: '我的整改任务（逾期在前）',
    kind: 'read',
    input: L.MyTasksInput,
    output: L.TasksOutput,
    errors: [],
  }),
  matrix: spec({
    summary: '街道总览：各社区 × 六个方面的红黄绿得分、与上期比较、历期走势',
    kind: 'read',
    input: L.MatrixInput,
    output: L.MatrixOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  exportCsv: spec({
    summary: '导出一个周期的六有自查明细（CSV，逐社区逐项）',
    kind: 'read',
    input: L.ExportInput,
    output: L.ExportOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
  autoRecords: spec({
    summary: '系统自动统计的一项背后的记录（志愿者、会议、工单、值班…）',
    kind: 'read',
    input: L.AutoRecordsInput,
    output: L.AutoRecordsOutput,
    errors: ['LIUYOU.CHECK_NOT_FOUND', 'LIUYOU.ITEM_NOT_FOUND', 'LIUYOU.ITEM_MANUAL'],
  }),
};
