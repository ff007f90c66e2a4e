import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { checkAction, moveCheck, planOf } from '../check-steps';

/** The street finishes its review: back to the community when an item is returned, else scored. */
export const finishReview = checkAction(liuyouApi.finishReview, 'finishReview', (ctx, _input, caller, ref) =>
  moveCheck(ctx, caller, ref, (check) => planOf(ctx, caller, [check.items.some((i) => i.review === 'returned') ? { type: 'returnCheck' } : { type: 'score' }])),
);
