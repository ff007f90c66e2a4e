import { cloudMain } from '../_core/cloud';
import { dashboardsFunction } from './dashboards.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'dashboards', data: { action, payload, requestId } })`. */
export const main = cloudMain(dashboardsFunction);
