import { cloudMain } from '../_core/cloud';
import { mediaCheckMain } from './mediacheck.function';

/** Cloud entry: the console's 消息推送 routes `wxa_media_check` events (image check verdicts) here. */
export const main = cloudMain(mediaCheckMain);
