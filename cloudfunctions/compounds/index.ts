import { cloudMain } from '../_core/cloud';
import { compoundsFunction } from './compounds.function';

/** Cloud entry: `wx.cloud.callFunction({ name: 'compounds', data: { action, payload, requestId } })`. */
export const main = cloudMain(compoundsFunction);
