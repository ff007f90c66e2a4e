import type { Membership } from '../../../shared/accounts/accounts.schema';
import { fail } from '../../../shared/api/envelope';
import type { Change } from '../../../shared/kernel/lifecycle';
import { beijingDate } from '../../../shared/kernel/time';
import { newTask } from '../../../shared/liuyou/check.factory';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import type { Task } from '../../../shared/liuyou/task.lifecycle';
import { companionCreate } from '../../_core/mover';
import type { Doc } from '../../_core/ports/store';
import { checkText } from '../../_core/text-check';
import { TASKS, type TaskDoc } from '../check-store';
import { checkAction, moveCheck, planOf, timelineActor } from '../check-steps';
import { ownsAt } from '../check-view';

/**
 * A returned or failed item becomes a 整改任务: an owner (the community's admin or one of its grid
 * leaders) and a due date, not before today in Beijing. The task is created and linked to its item
 * in one transaction; its id follows from the check and the item, and the item's guard refuses a
 * second task, so two presses make one.
 */
export const createTask = checkAction(liuyouApi.createTask, 'createTask', async (ctx, input, caller, ref) => {
  if (input.dueDate < beijingDate(ctx.now)) return fail('LIUYOU.DUE_IN_PAST', 'payload.dueDate');
  const [memberships, owner] = await Promise.all([
    ctx.ports.store.find<Membership & Doc>('memberships', { userId: input.ownerId }, { limit: 100 }),
    ctx.ports.store.get<Doc & { name: string }>('users', input.ownerId),
  ]);
  if (!owner || !ownsAt(memberships, ref.check.communityId)) return fail('LIUYOU.OWNER_INVALID', 'payload.ownerId');
  const checked = await checkText(ctx, input.note, 'payload.note');
  if (!checked.ok) return checked;

  const by = { id: caller.user._id, name: caller.user.name };
  const link = (taskId: string) => [{ type: 'linkTask' as const, itemId: input.itemId, taskId, ownerName: owner.name, dueDate: input.dueDate }];
  const item = ref.check.items.find((i) => i.id === input.itemId);
  // No such item: the lifecycle's guard says so, on its field.
  if (!item) return moveCheck(ctx, caller, ref, () => planOf(ctx, caller, link('')));

  const task = {
    ...newTask({ check: ref.check, item, owner: { id: owner._id, name: owner.name }, dueDate: input.dueDate, note: input.note, by, now: ctx.now }),
    version: 1,
  } as TaskDoc;
  const change: Change<Task> = { after: task, set: {}, inc: {}, timeline: [], notify: [], audit: {}, writes: [] };
  const tasks = [...ref.tasks.filter((t) => t._id !== task._id), task];
  return moveCheck(
    ctx,
    caller,
    ref,
    (check) => planOf(ctx, caller, link(task._id), [{ ...companionCreate(ctx, TASKS, task, change, () => timelineActor(caller, check)), audit: { taskId: task._id } }]),
    { retries: 1, tasks },
  );
});
