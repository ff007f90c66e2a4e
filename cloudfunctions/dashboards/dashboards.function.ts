import type { FunctionDefinition } from '../_core/pipeline';
import { exportData } from './actions/export-data';
import { overview } from './actions/overview';
import { records } from './actions/records';

/** The dashboard actions, as the contract names them. */
export const dashboardsActions = { overview, records, exportData };

/**
 * 数据看板: the measures a street, a community and a grid are judged by, read from the rollups kept
 * on write (`_core/rollups.ts`); the records behind each number; exports of the place's records.
 * One file per action in `actions/`.
 */
export const dashboardsFunction: FunctionDefinition = { name: 'dashboards', actions: dashboardsActions };
