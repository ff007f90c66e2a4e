import { addAction } from './actions/add-action';
import { adopt } from './actions/adopt';
import { completeAction } from './actions/complete-action';
import { decisions } from './actions/decisions';
import { decline } from './actions/decline';
import { finish } from './actions/finish';
import { getTopic } from './actions/get-topic';
import { listTopics } from './actions/list-topics';
import { measures } from './actions/measures';
import { merge } from './actions/merge';
import { propose } from './actions/propose';
import { raise } from './actions/raise';
import { rate } from './actions/rate';
import { setThreshold } from './actions/set-threshold';
import { spawnOrder } from './actions/spawn-order';
import { support } from './actions/support';

/** The topics' actions (议题), and the reads of the councils' results (决议公示, 议事指标), as the contract names them. */
export const topicActions = {
  propose,
  raise,
  getTopic,
  listTopics,
  support,
  adopt,
  decline,
  merge,
  addAction,
  spawnOrder,
  completeAction,
  finish,
  rate,
  setThreshold,
  decisions,
  measures,
};
