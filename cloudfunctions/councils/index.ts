import { cloudMain } from '../_core/cloud';
import { councilsFunction } from './councils.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'councils', data: { action, payload, requestId } })`. */
export const main = cloudMain(councilsFunction);
