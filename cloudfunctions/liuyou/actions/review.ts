import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { checkAction, moveCheck, planOf } from '../check-steps';
import { checkText } from '../../_core/text-check';

/** The street judges one item: 通过, 退回修改 or 不达标 (the last two with a comment). */
export const review = checkAction(liuyouApi.review, 'review', async (ctx, input, caller, ref) => {
  const checked = await checkText(ctx, input.comment, 'payload.comment');
  if (!checked.ok) return checked;
  return moveCheck(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'review', itemId: input.itemId, verdict: input.verdict, comment: input.comment }]));
});
