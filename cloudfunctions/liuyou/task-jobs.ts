import { ok } from '../../shared/api/envelope';
import { move, PLATFORM_ACTOR } from '../_core/mover';
import { systemWriter } from '../_core/outbox';
import type { Ports } from '../_core/ports';
import { TASKS, type TaskDoc } from './check-store';

const PAGE = 500;

/**
 * 整改提醒: open 整改任务 whose reminder is due (the day after the due date, then every few days)
 * remind their owner. Each move sets the next reminder after `at`, so nothing stays due; one that
 * could not move (finished meanwhile) is stepped over so the loop ends.
 */
export async function remindLiuyouTasks(ports: Ports, at: string): Promise<number> {
  const writer = systemWriter(ports, at);
  let moved = 0;
  const skipped = new Set<string>();
  for (;;) {
    const page = await ports.store.find<TaskDoc>(
      'liuyou_tasks',
      { state: 'open', remindAt: { $lte: at } },
      {
        sort: [
          ['state', 1],
          ['remindAt', 1],
        ],
        limit: PAGE + skipped.size,
      },
    );
    const due = page.filter((t) => !skipped.has(t._id));
    if (due.length === 0) return moved;
    for (const t of due) {
      const res = await move(writer, TASKS, t, PLATFORM_ACTOR, () => ok({ events: [{ type: 'remind' as const }], x: { now: at, by: null } }));
      if (res.ok) moved++;
      else skipped.add(t._id);
    }
  }
}
