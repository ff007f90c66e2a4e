import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { nextCheckState } from '../../../shared/liuyou/check.lifecycle';
import { checkAction, figuresOf, moveCheck, planOf } from '../check-steps';

/**
 * The automatic figures counted again from the records as they stand now. Only before submission:
 * afterwards the figures are frozen, and the table refuses without anything being counted.
 */
export const refresh = checkAction(liuyouApi.refresh, 'refresh', (ctx, _input, caller, ref) =>
  moveCheck(ctx, caller, ref, async (check) => {
    const open = nextCheckState(check.state, { type: 'refresh', figures: {} }) !== null;
    const figures = open ? await figuresOf(ctx.ports.store, check, ctx.now) : {};
    return planOf(ctx, caller, [{ type: 'refresh', figures }]);
  }),
);
