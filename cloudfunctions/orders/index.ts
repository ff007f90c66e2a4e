import { cloudMain } from '../_core/cloud';
import { ordersFunction } from './orders.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'orders', data: { action, payload, requestId } })`. */
export const main = cloudMain(ordersFunction);
