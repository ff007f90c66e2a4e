import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { ok } from '../../../shared/api/envelope';
import { checkAction } from '../check-steps';
import { toCheckOutput } from '../check-view';

/** One check as the caller may see it: items, scores, gaps, review, tasks and its whole timeline. */
export const getCheck = checkAction(liuyouApi.getCheck, 'get', async (ctx, _input, caller, ref) =>
  ok(await toCheckOutput(ctx, caller, ref.check, { timeline: ref.events, tasks: ref.tasks })),
);
