import type { FunctionDefinition } from '../_core/pipeline';
import { addEvidence } from './actions/add-evidence';
import { autoRecords } from './actions/auto-records';
import { createTask } from './actions/create-task';
import { exportCsv } from './actions/export-csv';
import { fill } from './actions/fill';
import { finishReview } from './actions/finish-review';
import { finishTask } from './actions/finish-task';
import { getCheck } from './actions/get-check';
import { listChecks } from './actions/list-checks';
import { matrix } from './actions/matrix';
import { myTasks } from './actions/my-tasks';
import { publishTemplate } from './actions/publish-template';
import { refresh } from './actions/refresh';
import { removeEvidence } from './actions/remove-evidence';
import { resubmit } from './actions/resubmit';
import { review } from './actions/review';
import { startCheck } from './actions/start-check';
import { submit } from './actions/submit';
import { templates } from './actions/templates';

/** The 六有 actions, as the contract names them. */
export const liuyouActions = {
  templates,
  publishTemplate,
  startCheck,
  getCheck,
  listChecks,
  fill,
  addEvidence,
  removeEvidence,
  refresh,
  submit,
  review,
  finishReview,
  resubmit,
  createTask,
  finishTask,
  myTasks,
  matrix,
  exportCsv,
  autoRecords,
};

/**
 * The 六有 checklist (有人管事, 有人做事, 有地方议事, 有机制理事, 有钱办事, 有网格管理): street templates,
 * a community's self-check item by item with evidence and figures filled from the records, the
 * street's review, 整改任务, and the street's red/amber/green matrix. One file per action in `actions/`.
 */
export const liuyouFunction: FunctionDefinition = {
  name: 'liuyou',
  actions: liuyouActions,
};
