import { councilsApi } from '../../../shared/councils/councils.contract';
import { moveTopic, planOf, topicAction } from '../topic-steps';
import { checkText } from '../../_core/text-check';

/** 效果共评: a resident who raised or supported the topic rates what was done, once (its rating row is unique too). */
export const rate = topicAction(councilsApi.rate, 'rate', async (ctx, input, caller, ref) => {
  const checked = await checkText(ctx, input.comment, 'payload.comment');
  if (!checked.ok) return checked;
  return moveTopic(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'rate', userId: caller.user._id, score: input.score, comment: input.comment }]), { retries: 2 });
});
