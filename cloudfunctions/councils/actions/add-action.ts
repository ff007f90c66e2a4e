import { councilsApi } from '../../../shared/councils/councils.contract';
import { newAction } from '../../../shared/councils/topic.factory';
import { moveTopic, planOf, topicAction } from '../topic-steps';
import { checkTexts } from '../../_core/text-check';

/** An action item (owner, deadline, budget) for a decided topic; the topic is then under way. */
export const addAction = topicAction(councilsApi.addAction, 'addAction', async (ctx, input, caller, ref) => {
  const checked = await checkTexts(ctx, [
    [input.action.text, 'payload.action.text'],
    [input.action.ownerName, 'payload.action.ownerName'],
  ]);
  if (!checked.ok) return checked;
  // Its id is its place among the topic's actions, so it is made from the topic as it is now.
  return moveTopic(ctx, caller, ref, (topic) => planOf(ctx, caller, [{ type: 'addAction', action: newAction(topic, input.action, ctx.now) }]), { retries: 2 });
});
