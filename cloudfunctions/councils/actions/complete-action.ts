import { councilsApi } from '../../../shared/councils/councils.contract';
import { completeSteps } from '../../../shared/councils/topic.lifecycle';
import { moveTopic, planOf, topicAction } from '../topic-steps';
import { checkText } from '../../_core/text-check';

/** An action item is done (one without a work order, or one a leader closes by hand); the last one finishes the topic. */
export const completeAction = topicAction(councilsApi.completeAction, 'completeAction', async (ctx, input, caller, ref) => {
  const checked = await checkText(ctx, input.note, 'payload.note');
  if (!checked.ok) return checked;
  return moveTopic(ctx, caller, ref, (topic) => planOf(ctx, caller, completeSteps(topic, input.actionId, input.note)), { retries: 2 });
});
