import { cloudMain } from '../_core/cloud';
import { serviceFunction } from './service.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'service', data: { action, payload, requestId } })`. */
export const main = cloudMain(serviceFunction);
