import { councilsApi } from '../../../shared/councils/councils.contract';
import { moveTopic, planOf, topicAction } from '../topic-steps';
import { checkText } from '../../_core/text-check';

/** Turned down with a written answer, which the proposer and every supporter are sent and see on the topic. */
export const decline = topicAction(councilsApi.decline, 'decline', async (ctx, input, caller, ref) => {
  const checked = await checkText(ctx, input.answer, 'payload.answer');
  if (!checked.ok) return checked;
  return moveTopic(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'decline', answer: input.answer }]));
});
