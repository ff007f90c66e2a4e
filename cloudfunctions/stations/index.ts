import { cloudMain } from '../_core/cloud';
import { stationsFunction } from './stations.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'stations', data: { action, payload, requestId } })`. */
export const main = cloudMain(stationsFunction);
