import { clockOutcome } from '../../shared/orders/escalation';
import { AUTO_CLOSE_DAYS, type OrderContext, type OrderStep } from '../../shared/orders/order.lifecycle';
import { CLOCK_STATES } from '../../shared/orders/order.machine';
import { fail, ok } from '../../shared/api/envelope';
import { move, PLATFORM_ACTOR, type Writer } from '../_core/mover';
import { systemWriter } from '../_core/outbox';
import type { Ports } from '../_core/ports';
import type { Filter, SortSpec } from '../_core/ports/store';
import { redispatch } from './dispatcher';
import { assigneeUnits, loadVolunteer, ORDERS, type OrderDoc } from './order-store';

/**
 * The platform's own steps, run by the scheduler tick at instant `at`. Each finds what is due by an
 * indexed query and moves it through the one mover with a version-guarded write, so a second tick
 * at the same instant finds nothing left to do. An order someone acted on meanwhile is left alone.
 */

async function due(ports: Ports, filter: Filter, sort: SortSpec): Promise<OrderDoc[]> {
  return ports.store.find<OrderDoc>('orders', filter, { sort, limit: 1000 });
}

const platform = (at: string, volunteers: OrderContext['volunteers'] = {}, workUnits?: OrderContext['workUnits']): OrderContext => ({
  now: at,
  by: null,
  volunteers,
  ...(workUnits ? { workUnits } : {}),
});

/** Moves each order by its steps (null: nothing to do); answers how many moved. */
async function moveEach(w: Writer, orders: readonly OrderDoc[], stepsOf: (order: OrderDoc) => Promise<{ steps: OrderStep[]; x: OrderContext } | null>): Promise<number> {
  let moved = 0;
  for (const order of orders) {
    const first = await stepsOf(order);
    if (!first) continue;
    // A lost race on a volunteer's counters plans again from fresh reads.
    const res = await move(w, ORDERS, order, PLATFORM_ACTOR, async (attempt) => {
      const planned = attempt === 0 ? first : await stepsOf(order);
      return planned ? ok({ events: planned.steps, x: planned.x }) : fail('COMMON.CONFLICT');
    });
    if (res.ok) moved++;
  }
  return moved;
}

/** An offer nobody answered within its time moves on to the next volunteer (or to the leader). */
export async function expireOffers(ports: Ports, at: string): Promise<number> {
  const w = systemWriter(ports, at);
  const orders = await due(ports, { state: 'offered', 'offer.expiresAt': { $lte: at } }, [
    ['state', 1],
    ['offer.expiresAt', 1],
  ]);
  return moveEach(w, orders, async (order) => ({ steps: await redispatch(ports.store, order, { type: 'expireOffer' }, platform(at)), x: platform(at) }));
}

/**
 * A level whose clock ran out hands the order up; at the street the breach is recorded per period.
 * However far `at` is past the deadline, the order lands in one write where the clocks put it at
 * `at` (`clockOutcome`), so nothing of it is due at `at` afterwards. The resident and the leaders
 * of the new level are told.
 */
export async function clockEscalations(ports: Ports, at: string): Promise<number> {
  const w = systemWriter(ports, at);
  const orders = await due(ports, { state: { $in: [...CLOCK_STATES] }, levelDeadline: { $lte: at } }, [
    ['state', 1],
    ['levelDeadline', 1],
  ]);
  return moveEach(w, orders, async (order) => {
    const outcome = clockOutcome(order, at);
    if (!outcome) return null;
    const releases = outcome.escalatedTo.length > 0 && order.state === 'accepted' && order.assigneeId;
    return { steps: [{ type: 'clock', outcome }], x: platform(at, releases ? { [order.assigneeId!]: await loadVolunteer(ports.store, order.assigneeId) } : {}) };
  });
}

/** Unrated orders close themselves after 7 days as 未评价: never counted as satisfied. */
export async function autoClose(ports: Ports, at: string): Promise<number> {
  const w = systemWriter(ports, at);
  const cutoff = new Date(Date.parse(at) - AUTO_CLOSE_DAYS * 86_400_000).toISOString();
  const orders = await due(ports, { state: 'resolved', resolvedAt: { $lte: cutoff } }, [
    ['state', 1],
    ['resolvedAt', 1],
  ]);
  // The assignee's entry counts for their 双报到 unit: one read of them per order closed.
  return moveEach(w, orders, async (order) => ({ steps: [{ type: 'autoClose' }], x: platform(at, {}, await assigneeUnits(ports.store, order)) }));
}
