import { runLifecycle, type Change } from '../../shared/kernel/lifecycle';
import { dispatchStep, needsCandidates } from '../../shared/orders/dispatch-step';
import { orderLifecycle, type OrderStep } from '../../shared/orders/order.lifecycle';
import type { Order } from '../../shared/orders/orders.schema';
import { breadcrumb } from '../../shared/territory/territory.domain';
import { loadNodes, type NodeDoc } from '../_core/nodes';
import type { ActionContext } from '../_core/pipeline';
import { loadCandidates, toCandidate } from './dispatcher';
import { loadDeskFacts, ownerOf } from './first-owner';

/**
 * A new order named by its place (`社区 › 网格 › 楼`) and dispatched at once — offered to the best
 * volunteer of its grid, handed to the grid leader, or, in a residential compound, sent where the
 * community's responsibility list says (the compound's desk) — as its first change: what a resident's post
 * (`orders.post`) and a council decision's work order (`councils.spawnOrder`) both make. The names
 * of the place and the volunteers who could take it are read in one round trip.
 */
export async function dispatchedOrder(ctx: ActionContext, draft: Order, building: NodeDoc): Promise<{ order: Order; change: Change<Order>; step: OrderStep }> {
  // In a compound (the building's path names it) the responsibility list and the desk's staff too.
  const [nodes, pool, desk] = await Promise.all([
    loadNodes(
      ctx.ports.store,
      Object.values(building.path).filter((x): x is string => Boolean(x)),
    ),
    needsCandidates(draft) ? loadCandidates(ctx.ports.store, draft) : [],
    loadDeskFacts(ctx.ports.store, building.path),
  ]);
  const order: Order = { ...draft, place: { ...draft.place, label: breadcrumb(building.path, nodes).slice(1).join(' › ') } };
  const { step } = dispatchStep(order, pool.map(toCandidate), ctx.now, ownerOf(order, nodes, desk, ctx.now));
  const run = runLifecycle(orderLifecycle, order, [step], { now: ctx.now, by: null, volunteers: {} });
  // A new order is dispatching: the table allows every dispatch step from there.
  if (!run.ok) throw new Error(`a new order refused its dispatch step: ${run.refusal.code}`);
  return { order, change: run.change, step };
}
