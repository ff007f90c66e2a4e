import { cloudMain } from '../_core/cloud';
import { privacyFunction } from './privacy.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'privacy', data: { action, payload, requestId } })`. */
export const main = cloudMain(privacyFunction);
