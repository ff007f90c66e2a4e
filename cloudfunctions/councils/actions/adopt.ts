import { councilsApi } from '../../../shared/councils/councils.contract';
import { moveTopic, planOf, topicAction } from '../topic-steps';

/** The grid leader takes the topic up, at the threshold or earlier; its raisers are told. */
export const adopt = topicAction(councilsApi.adopt, 'adopt', (ctx, _input, caller, ref) => moveTopic(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'adopt' }])));
