import type { z } from 'zod';
import type { Actor as Caller, Decision } from '../../shared/accounts/accounts.policy';
import type { ActionSpec } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/envelope';
import type { ErrorCode } from '../../shared/errors';
import { NOT_ALLOWED_NOW } from '../../shared/kernel/lifecycle';
import type { OrderContext, OrderStep } from '../../shared/orders/order.lifecycle';
import type { OrderView } from '../../shared/orders/orders.schema';
import { mayDo, relationOf, timelineRole, type OrderAction } from '../../shared/orders/orders.policy';
import { move, type Plan, type TimelineActor } from '../_core/mover';
import { defineAction, type ActionContext, type ActionDefinition } from '../_core/pipeline';
import { loadOrder, loadTimeline, loadVolunteer, ORDERS, type OrderDoc, type OrderEventRecord, type VolunteerRecord } from './order-store';
import { toOrderView } from './order-view';

/**
 * The steps every action on one order shares: load (the order, with its timeline and the caller's
 * dispatch record in the same round trip) → authorize by the orders policy → move through the
 * lifecycle → the caller's view, built from what was written instead of read again.
 */

/** An order an action is about, and what was read beside it. */
export interface OrderRef {
  order: OrderDoc;
  events: OrderEventRecord[];
  /** The caller's dispatch record, when the action needs it (accept, hand back, resolve). */
  mine: VolunteerRecord | null;
}

/** Deny by default; an order the caller may not even see is "not found" (its existence is private too). */
export function authorizeOn(action: OrderAction, caller: Caller, order: OrderDoc): Decision {
  const r = relationOf(caller, order);
  if (mayDo(action, r, order)) return { allow: true };
  if (!mayDo('get', r, order) && !(action === 'accept' && r.volunteerOfPlace)) return { allow: false, code: 'ORDER.NOT_FOUND' };
  if (action === 'accept' && order.assigneeId !== null && order.assigneeId !== caller.user._id) return { allow: false, code: 'ORDER.ALREADY_TAKEN' };
  return { allow: false, code: ['get', 'comment'].includes(action) ? 'COMMON.FORBIDDEN' : 'ORDER.NOT_ALLOWED_NOW' };
}

type OrderInput = { orderId: string };

/** An order with its timeline (and the caller's dispatch record when asked), read in one round trip; null when there is none. */
export async function loadOrderRef(ctx: ActionContext, orderId: string, mineOf: string | null = null): Promise<OrderRef | null> {
  const [order, events, mine] = await Promise.all([
    loadOrder(ctx.ports.store, orderId),
    loadTimeline(ctx.ports.store, orderId),
    mineOf ? loadVolunteer(ctx.ports.store, mineOf) : null,
  ]);
  return order ? { order, events, mine } : null;
}
type OrderRun<S extends ActionSpec> = (ctx: ActionContext, input: z.output<S['input']>, caller: Caller, ref: OrderRef) => Promise<Result<z.output<S['output']>>>;

/**
 * An action on one order: its load and authorization are the policy's `action`; `needs.mine` reads
 * the caller's dispatch record with the order.
 */
export function orderAction<S extends ActionSpec>(
  spec: S,
  action: OrderAction,
  run: OrderRun<S>,
  needs: { mine?: boolean } = {},
): ActionDefinition<z.output<S['input']>, OrderRef, z.output<S['output']>> {
  return defineAction<S, OrderRef>(spec, {
    load: async (ctx, input, caller) => {
      const ref = await loadOrderRef(ctx, (input as OrderInput).orderId, needs.mine ? caller.user._id : null);
      return ref ? ok(ref) : fail('ORDER.NOT_FOUND', 'payload.orderId');
    },
    authorize: (caller, _input, ref) => authorizeOn(action, caller, ref.order),
    run,
  });
}

/** The caller as the order's timeline names them: `志愿者 张三`, `社区负责人 李四`. */
export function timelineActor(caller: Caller, order: OrderDoc): TimelineActor {
  const role = timelineRole(relationOf(caller, order), order.level);
  return { id: caller.user._id, label: caller.user.name ? `${role} ${caller.user.name}` : role };
}

/** A step's plan: its events, and the dispatch records its effects adjust. */
export type OrderPlan = Plan<OrderStep, OrderContext>;

/** What the effects need: the instant, the caller, and the dispatch records the step adjusts. */
export const contextOf = (ctx: ActionContext, caller: Caller, volunteers: OrderContext['volunteers'] = {}, workUnits?: OrderContext['workUnits']): OrderContext => ({
  now: ctx.now,
  by: { id: caller.user._id, name: caller.user.name },
  volunteers,
  ...(workUnits ? { workUnits } : {}),
});

/** `workUnits`: the assignee's 双报到 unit, for a step that closes the order (`assigneeUnits`). */
export const planOf = (
  ctx: ActionContext,
  caller: Caller,
  steps: readonly OrderStep[],
  volunteers: OrderContext['volunteers'] = {},
  workUnits?: OrderContext['workUnits'],
): OrderPlan => ok({ events: steps, x: contextOf(ctx, caller, volunteers, workUnits) });

/**
 * Moves the order by `plan` (made again from fresh reads when a counter lost a race) and answers the
 * caller's view of it. `onConflict`: the answer when someone else moved the order first.
 */
export async function moveOrder(
  ctx: ActionContext,
  caller: Caller,
  ref: OrderRef,
  plan: (attempt: number) => Promise<OrderPlan> | OrderPlan,
  onConflict: ErrorCode = 'COMMON.CONFLICT',
): Promise<Result<{ order: OrderView }>> {
  const moved = await move(ctx, ORDERS, ref.order, timelineActor(caller, ref.order), plan);
  if (!moved.ok) {
    if (moved.reason === 'plan') return { ok: false, error: moved.error };
    if (moved.reason === 'refused') return fail(moved.refusal.code === NOT_ALLOWED_NOW ? 'ORDER.NOT_ALLOWED_NOW' : (moved.refusal.code as ErrorCode), moved.refusal.field);
    return fail(moved.reason === 'conflict' ? onConflict : 'COMMON.CONFLICT');
  }
  return ok({ order: await toOrderView(ctx, caller, moved.doc as OrderDoc, { timeline: true, events: [...ref.events, ...(moved.lines as OrderEventRecord[])] }) });
}

/** Neighbours tap at the same moment: a step that does not depend on theirs is tried again this many times. */
export const RACE_RETRIES = 12;

/**
 * Moves the order by steps that do not depend on what others do at the same moment (我也遇到了, a
 * neighbour's rating): when someone else moved it first, the order is read again, `again` says whether
 * the caller may still do it (or it is already done), and the steps are tried on the fresh order.
 * Counted exactly under any number of taps at once; the answer is the caller's view.
 */
export async function moveCommuting(
  ctx: ActionContext,
  caller: Caller,
  first: OrderRef,
  actor: TimelineActor,
  steps: () => OrderStep[],
  again: (order: OrderDoc) => Decision | 'done',
): Promise<Result<{ order: OrderView }>> {
  let ref = first;
  for (let round = 0; ; round++) {
    const moved = await move(ctx, ORDERS, ref.order, actor, () => planOf(ctx, caller, steps()));
    if (moved.ok) return ok({ order: await toOrderView(ctx, caller, moved.doc as OrderDoc, { timeline: true, events: [...ref.events, ...(moved.lines as OrderEventRecord[])] }) });
    if (moved.reason === 'plan') return { ok: false, error: moved.error };
    if (moved.reason === 'refused') return fail(moved.refusal.code === NOT_ALLOWED_NOW ? 'ORDER.NOT_ALLOWED_NOW' : (moved.refusal.code as ErrorCode), moved.refusal.field);
    if (round >= RACE_RETRIES) return fail('COMMON.CONFLICT');
    // Those who lost the same race spread out a little before they read again.
    await new Promise((done) => setTimeout(done, Math.random() * 5 * (round + 1)));
    const fresh = await loadOrderRef(ctx, ref.order._id);
    if (!fresh) return fail('ORDER.NOT_FOUND');
    const decision = again(fresh.order);
    if (decision === 'done') return ok({ order: await toOrderView(ctx, caller, fresh.order, { timeline: true, events: fresh.events }) });
    if (!decision.allow) return fail(decision.code);
    ref = fresh;
  }
}

/** The caller's own dispatch record: as read with the order, or read again after a lost race. */
export const myRecord = async (ctx: ActionContext, caller: Caller, ref: OrderRef, attempt: number) => (attempt === 0 ? ref.mine : loadVolunteer(ctx.ports.store, caller.user._id));

/** The assignee's dispatch record, for steps that change their counters. */
export const assigneeRecord = (ctx: ActionContext, order: OrderDoc) => loadVolunteer(ctx.ports.store, order.assigneeId);
