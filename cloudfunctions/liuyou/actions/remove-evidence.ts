import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { checkAction, moveCheck, planOf } from '../check-steps';

/** One piece of evidence taken off an item (the stored file stays, unreferenced). */
export const removeEvidence = checkAction(liuyouApi.removeEvidence, 'removeEvidence', (ctx, input, caller, ref) =>
  moveCheck(ctx, caller, ref, () => planOf(ctx, caller, [{ type: 'removeEvidence', itemId: input.itemId, evidenceId: input.evidenceId }])),
);
