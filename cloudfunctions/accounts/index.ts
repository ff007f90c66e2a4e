import { cloudMain } from '../_core/cloud';
import { accountsFunction } from './accounts.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'accounts', data: { action, payload, requestId } })`. */
export const main = cloudMain(accountsFunction);
