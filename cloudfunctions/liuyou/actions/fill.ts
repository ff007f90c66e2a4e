import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { checkAction, moveCheck, planOf } from '../check-steps';

/** One item answered: 有/无, or a number; an automatic item refuses (its figure comes from the records). */
export const fill = checkAction(liuyouApi.fill, 'fill', (ctx, input, caller, ref) => {
  const answer = 'value' in input ? { value: input.value } : { answer: input.answer };
  return moveCheck(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'fill', itemId: input.itemId, fill: answer }]));
});
