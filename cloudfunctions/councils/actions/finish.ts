import { councilsApi } from '../../../shared/councils/councils.contract';
import { moveTopic, planOf, topicAction } from '../topic-steps';

/** A decided topic with nothing left to do is done: its raisers are asked to rate the result. */
export const finish = topicAction(councilsApi.finish, 'finish', (ctx, _input, caller, ref) => moveTopic(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'finish' }])));
