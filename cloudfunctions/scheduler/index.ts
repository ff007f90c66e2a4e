import { cloudMain } from '../_core/cloud';
import { schedulerMain } from './scheduler.function';

/** Cloud entry: the timer trigger `tick` (every 5 minutes) runs the due jobs. */
export const main = cloudMain(schedulerMain);
