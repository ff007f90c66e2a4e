import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { nextCheckState } from '../../../shared/liuyou/check.lifecycle';
import { checkAction, figuresOf, moveCheck, planOf } from '../check-steps';

/**
 * The community admin submits: the automatic figures are counted once more and carried by the
 * submission, which freezes them; nothing recomputes them afterwards. The street is told.
 */
export const submit = checkAction(liuyouApi.submit, 'submit', (ctx, _input, caller, ref) =>
  moveCheck(ctx, caller, ref, async (check) => {
    const open = nextCheckState(check.state, { type: 'submit', figures: {} }) !== null;
    const figures = open ? await figuresOf(ctx.ports.store, check, ctx.now) : {};
    return planOf(ctx, caller, [{ type: 'submit', figures }]);
  }),
);
