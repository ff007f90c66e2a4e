import type { Actor as Caller } from '../../../shared/accounts/accounts.policy';
import { fail, ok } from '../../../shared/api/envelope';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import { allowedTaskActions, maySeeTask, taskRelation } from '../../../shared/liuyou/liuyou.policy';
import { companion, move } from '../../_core/mover';
import { defineAction } from '../../_core/pipeline';
import { checkText } from '../../_core/text-check';
import { CHECKS, loadCheck, loadTask, TASKS, type CheckDoc, type TaskDoc } from '../check-store';
import { contextOf, refusalOf, timelineActor } from '../check-steps';
import { toTaskView } from '../check-view';

const loadBoth = async (ctx: { ports: { store: Parameters<typeof loadTask>[0] } }, taskId: string) => {
  const task = await loadTask(ctx.ports.store, taskId);
  const check = task ? await loadCheck(ctx.ports.store, task.checkId) : null;
  return task && check ? { task, check } : null;
};

/**
 * The owner (or the community admin) reports a 整改任务 done, with what was done: the task closes
 * and the check's timeline says so, in one transaction.
 */
export const finishTask = defineAction(liuyouApi.finishTask, {
  load: async (ctx, input) => {
    const both = await loadBoth(ctx, input.taskId);
    return both ? ok(both) : fail('LIUYOU.TASK_NOT_FOUND', 'payload.taskId');
  },
  authorize: (caller, _input, { task }) => {
    const r = taskRelation(caller, task);
    if (!maySeeTask(r)) return { allow: false, code: 'LIUYOU.TASK_NOT_FOUND' };
    // The owner or the admin of a task already done: the table answers LIUYOU.TASK_NOT_ALLOWED_NOW.
    return allowedTaskActions(r, task).length > 0 || r.owner || r.admin ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' };
  },
  run: async (ctx, input, caller: Caller, loaded) => {
    const checked = await checkText(ctx, input.note, 'payload.note');
    if (!checked.ok) return checked;
    let { task, check }: { task: TaskDoc; check: CheckDoc } = loaded;
    const x = contextOf(ctx, caller);
    for (let round = 0; ; round++) {
      const current = task;
      // The check's side of it; when the check moved meanwhile (an item filled), it is read again.
      const plan = async (attempt: number) => {
        if (attempt > 0) check = (await loadCheck(ctx.ports.store, check._id)) ?? check;
        const side = companion(ctx, CHECKS, check, timelineActor(caller, check), [{ type: 'taskDone', itemId: current.itemId, note: input.note }], x);
        if (!side.ok) return refusalOf(side.refusal);
        return ok({ events: [{ type: 'finish' as const, note: input.note }], x, also: [side.companion] });
      };
      const moved = await move(ctx, TASKS, current, timelineActor(caller, check), plan);
      if (moved.ok) return ok({ task: toTaskView(caller, moved.doc as TaskDoc, ctx.now) });
      if (moved.reason === 'plan') return { ok: false, error: moved.error };
      if (moved.reason === 'refused') return refusalOf(moved.refusal, 'LIUYOU.TASK_NOT_ALLOWED_NOW');
      if (moved.reason === 'busy' || round >= 1) return fail('COMMON.CONFLICT');
      // The task itself moved (a second press): read it again, and the table answers.
      const fresh = await loadBoth(ctx, current._id);
      if (!fresh) return fail('LIUYOU.TASK_NOT_FOUND', 'payload.taskId');
      ({ task, check } = fresh);
    }
  },
});
