import { ok } from '../../../shared/api/envelope';
import { liuyouApi } from '../../../shared/liuyou/liuyou.contract';
import type { TaskState } from '../../../shared/liuyou/task.lifecycle';
import { defineAction } from '../../_core/pipeline';
import type { TaskDoc } from '../check-store';
import { toTaskView } from '../check-view';

/**
 * The caller's 整改任务: open ones first, the most overdue at the top (earliest due), then those
 * done, the latest due first. Two indexed segments paged as one list.
 */
export const myTasks = defineAction(liuyouApi.myTasks, {
  authorize: () => ({ allow: true }),
  run: async (ctx, input, caller) => {
    const me = caller.user._id;
    const states: TaskState[] = input.state ? [input.state] : ['open', 'done'];
    const counts = await Promise.all(states.map((state) => ctx.ports.store.count('liuyou_tasks', { ownerId: me, state })));
    const pages = await Promise.all(
      states.map((state, i) => {
        const before = counts.slice(0, i).reduce((n, c) => n + c, 0);
        const skip = Math.max(0, input.offset - before);
        const limit = Math.min(input.limit, input.offset + input.limit - before - skip);
        if (limit <= 0 || skip >= counts[i]!) return Promise.resolve([] as TaskDoc[]);
        const dir = state === 'open' ? 1 : -1;
        return ctx.ports.store.find<TaskDoc>(
          'liuyou_tasks',
          { ownerId: me, state },
          {
            sort: [
              ['ownerId', 1],
              ['state', 1],
              ['dueAt', dir],
            ],
            skip,
            limit,
          },
        );
      }),
    );
    const tasks = pages.flat().slice(0, input.limit);
    return ok({ tasks: tasks.map((t) => toTaskView(caller, t, ctx.now)), total: counts.reduce((n, c) => n + c, 0), offset: input.offset, limit: input.limit });
  },
});
