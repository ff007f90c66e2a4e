import { cloudMain } from '../_core/cloud';
import { liuyouFunction } from './liuyou.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'liuyou', data: { action, payload, requestId } })`. */
export const main = cloudMain(liuyouFunction);
