import { ordersApi } from '../../../shared/orders/orders.contract';
import { ok } from '../../../shared/api/envelope';
import { dispatch, explainCandidates, DEFAULT_DISPATCH } from '../../../shared/orders/dispatch';
import { dispatchOrderOf } from '../../../shared/orders/dispatch-step';
import { loadCandidates, toCandidate } from '../dispatcher';
import { orderAction } from '../steps';

/** For the leader's hand dispatch: the volunteers of the place, ranked, with their reasons. */
export const candidates = orderAction(ordersApi.candidates, 'candidates', async (ctx, _input, _caller, { order }) => {
  const pool = (await loadCandidates(ctx.ports.store, order)).map(toCandidate);
  const decision = dispatch(dispatchOrderOf({ ...order, excluded: [] }), pool, ctx.now, DEFAULT_DISPATCH, 10);
  return ok({ candidates: decision.ranked.map((c) => ({ userId: c.userId, name: c.name, score: c.score, why: c.why })), explanation: explainCandidates(decision) });
});
