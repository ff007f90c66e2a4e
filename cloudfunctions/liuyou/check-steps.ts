import type { z } from 'zod';
import { holdsOver, type Actor as Caller, type Decision } from '../../shared/accounts/accounts.policy';
import { fail, ok, type Result } from '../../shared/api/envelope';
import type { ActionSpec } from '../../shared/api/spec';
import type { ErrorCode } from '../../shared/errors';
import { NOT_ALLOWED_NOW, type Refusal } from '../../shared/kernel/lifecycle';
import type { AutoFigure, CheckContext, CheckEvent } from '../../shared/liuyou/check.lifecycle';
import { checkRelation, maySeeCheck, mayDoCheck, type CheckAction, type CheckRelation } from '../../shared/liuyou/liuyou.policy';
import type { CheckOutput } from '../../shared/liuyou/liuyou.schema';
import type { AutoSource, ItemDef } from '../../shared/liuyou/template';
import { move, type Companion, type Plan, type TimelineActor } from '../_core/mover';
import { defineAction, type ActionContext, type ActionDefinition } from '../_core/pipeline';
import type { Store } from '../_core/ports';
import { countAuto } from './autofill';
import { CHECKS, loadCheck, loadCheckTasks, loadCheckTimeline, type CheckDoc, type CheckEventRecord, type TaskDoc } from './check-store';
import { toCheckOutput } from './check-view';

/**
 * The steps every action on one check shares: load (the check, its timeline and its tasks, one
 * round trip) → authorize by the 六有 policy → move through the check lifecycle → the caller's
 * answer, built from what was written instead of read again.
 */

export interface CheckRef {
  check: CheckDoc;
  events: CheckEventRecord[];
  tasks: TaskDoc[];
}

const ALLOW: Decision = { allow: true };
const deny = (code: ErrorCode): Decision => ({ allow: false, code });

/** Who may ask for each action at all, whatever the check's state (the policy's relations). */
const ROLE_ALLOWS: Record<CheckAction, (r: CheckRelation) => boolean> = {
  fill: (r) => r.admin || r.gridLeader,
  addEvidence: (r) => r.admin || r.gridLeader,
  removeEvidence: (r) => r.admin || r.gridLeader,
  refresh: (r) => r.admin || r.gridLeader,
  submit: (r) => r.admin,
  resubmit: (r) => r.admin,
  review: (r) => r.reviewer,
  finishReview: (r) => r.reviewer,
  createTask: (r) => r.reviewer || r.admin,
};

/**
 * Deny by default; a check the caller may not see is "not found". Where the caller stands in the
 * right relation and only the check's state or one of its items stands in the way, the lifecycle
 * answers (LIUYOU.NOT_ALLOWED_NOW, or its guard's code on the field): the table and the guards
 * allow nothing the policy does not, so nothing outside `allowedActions` ever succeeds.
 */
export function authorizeCheck(action: CheckAction | 'get', caller: Caller, check: CheckDoc): Decision {
  const r = checkRelation(caller, check);
  if (!maySeeCheck(r)) return deny('LIUYOU.CHECK_NOT_FOUND');
  if (action === 'get' || mayDoCheck(action, r, check)) return ALLOW;
  return ROLE_ALLOWS[action](r) ? ALLOW : deny('COMMON.FORBIDDEN');
}

type CheckInput = { checkId: string };
type CheckRun<S extends ActionSpec> = (ctx: ActionContext, input: z.output<S['input']>, caller: Caller, ref: CheckRef) => Promise<Result<z.output<S['output']>>>;

/** An action on one check: its load and authorization are the policy's `action`. */
export function checkAction<S extends ActionSpec>(spec: S, action: CheckAction | 'get', run: CheckRun<S>): ActionDefinition<z.output<S['input']>, CheckRef, z.output<S['output']>> {
  return defineAction<S, CheckRef>(spec, {
    load: async (ctx, input) => {
      const { checkId } = input as CheckInput;
      const [check, events, tasks] = await Promise.all([
        loadCheck(ctx.ports.store, checkId),
        loadCheckTimeline(ctx.ports.store, checkId),
        loadCheckTasks(ctx.ports.store, checkId),
      ]);
      // Missing and hidden answer alike (no field), so an answer never tells that a check exists.
      return check ? ok({ check, events, tasks }) : fail('LIUYOU.CHECK_NOT_FOUND');
    },
    authorize: (caller, _input, ref) => authorizeCheck(action, caller, ref.check),
    run,
  });
}

/** The caller's role as a check's timeline names it. */
export function roleLabel(caller: Caller, check: Pick<CheckDoc, 'path' | 'communityId'>): string {
  const r = checkRelation(caller, check);
  if (r.admin) return '社区书记';
  if (r.gridLeader) return '网格长';
  if (r.reviewer || holdsOver(caller, ['streetAdmin'], check.path)) return '街道';
  return '平台';
}

/** The caller as a check's timeline names them: `社区书记 陈丽华`, `街道 周卫东`. */
export function timelineActor(caller: Caller, check: Pick<CheckDoc, 'path' | 'communityId'>): TimelineActor {
  const role = roleLabel(caller, check);
  return { id: caller.user._id, label: caller.user.name ? `${role} ${caller.user.name}` : role };
}

/** What the effects need: the instant and the caller. */
export const contextOf = (ctx: Pick<ActionContext, 'now'>, caller: Caller | null): CheckContext => ({
  now: ctx.now,
  by: caller ? { id: caller.user._id, name: caller.user.name } : null,
});

export type CheckPlan = Plan<CheckEvent, CheckContext>;

export const planOf = (ctx: ActionContext, caller: Caller, events: readonly CheckEvent[], also?: readonly Companion[]): CheckPlan =>
  ok({ events, x: contextOf(ctx, caller), ...(also && also.length ? { also } : {}) });

/** A lifecycle refusal as the caller reads it: the table's refusal is the domain's NOT_ALLOWED_NOW. */
export function refusalOf(refusal: Refusal, notAllowed: ErrorCode = 'LIUYOU.NOT_ALLOWED_NOW') {
  return fail(refusal.code === NOT_ALLOWED_NOW ? notAllowed : (refusal.code as ErrorCode), refusal.field);
}

/**
 * Moves the check by `plan` and answers the caller's view. `retries`: how many times a conflict on
 * the check itself (a grid leader filling another item at the same moment) is tried again from a
 * fresh read; the plan is made again from that read, and the guards judge it anew.
 */
export async function moveCheck(
  ctx: ActionContext,
  caller: Caller,
  ref: CheckRef,
  plan: (check: CheckDoc, attempt: number) => Promise<CheckPlan> | CheckPlan,
  options: { retries?: number; tasks?: readonly TaskDoc[] } = {},
): Promise<Result<CheckOutput>> {
  let check = ref.check;
  for (let round = 0; ; round++) {
    const current = check;
    const moved = await move(ctx, CHECKS, current, timelineActor(caller, current), (attempt) => plan(current, attempt));
    if (moved.ok) {
      const lines = round === 0 ? [...ref.events, ...(moved.lines as CheckEventRecord[])] : true;
      return ok(await toCheckOutput(ctx, caller, moved.doc as CheckDoc, { timeline: lines, tasks: options.tasks ?? (round === 0 ? ref.tasks : true) }));
    }
    if (moved.reason === 'plan') return { ok: false, error: moved.error };
    if (moved.reason === 'refused') return refusalOf(moved.refusal);
    if (moved.reason === 'busy' || round >= (options.retries ?? 2)) return fail('COMMON.CONFLICT');
    await new Promise((done) => setTimeout(done, Math.random() * 5 * (round + 1)));
    const fresh = await loadCheck(ctx.ports.store, current._id);
    if (!fresh) return fail('LIUYOU.CHECK_NOT_FOUND');
    check = fresh;
  }
}

/**
 * The automatic figures of a check's items, counted now from the records of its community and
 * period (`autofill.ts`), keyed by item id as the lifecycle takes them.
 */
export async function figuresOf(
  store: Store,
  check: Pick<CheckDoc, 'path' | 'communityId' | 'period'> & { items: readonly Pick<ItemDef, 'id' | 'auto'>[] },
  at: string,
): Promise<Record<string, AutoFigure>> {
  const auto = check.items.filter((i): i is Pick<ItemDef, 'id'> & { auto: AutoSource } => i.auto !== null);
  if (auto.length === 0) return {};
  const sources = [...new Set(auto.map((i) => i.auto))];
  const counts = await countAuto(store, { streetId: check.path.streetId, communityId: check.communityId }, check.period, sources, at);
  const figures: Record<string, AutoFigure> = {};
  for (const i of auto) {
    const value = counts[i.auto];
    if (typeof value === 'number') figures[i.id] = { value, at };
  }
  return figures;
}
