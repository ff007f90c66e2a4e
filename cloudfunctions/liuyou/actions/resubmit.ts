import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { checkAction, moveCheck, planOf } from '../check-steps';

/** The community resubmits once every returned item has been changed; the street is told. */
export const resubmit = checkAction(liuyouApi.resubmit, 'resubmit', (ctx, _input, caller, ref) => moveCheck(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'resubmit' }])));
