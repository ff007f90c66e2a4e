// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './liuyou.errors';
import { tell, type Effect, type Lifecycle, type Refusal } from '../kernel/lifecycle';
import type { PlacePath } from '../territory/territory.schema';
import type { MechanismKey } from './template';

/**
 * A 整改任务: a returned or failed item of a 六有 check, given to an owner (the community's admin
 * or one of its grid leaders) with a due date.
 *
 *   open ──finish──▶ done          the owner or the community admin, with a note of what was done
 *   open ──remind──▶ open          once the due date has passed, then every REMIND_EVERY_DAYS days
 */
export const TASK_STATES = ['open', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABELS: Record<TaskState, string> = { open: '整改中', done: '已完成' };

export const REMIND_EVERY_DAYS = 3;

/** A task as stored (`liuyou_tasks`). */
export interface Task {
  _id: string;
  version: number;
  state: TaskState;
  checkId: string;
  itemId: string;
  itemTitle: string;
  mechanism: MechanismKey;
  communityId: string;
  communityName: string;
  path: PlacePath;
  period: string;
  /** What to put right: the street's comment on the item, or the creator's words. */
  note: string;
  ownerId: string;
  ownerName: string;
  /** A Beijing date; the task is overdue after that day ends (`dueAt`). */
  dueDate: string;
  dueAt: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  /** When the owner is reminded next; null once done. */
  remindAt: string | null;
  reminders: number;
  doneAt: string | null;
  doneNote: string;
  doneBy: string | null;
}

export type TaskEvent = { type: 'remind' } | { type: 'finish'; note: string };

export interface TaskContext {
  now: string;
  by: { id: string; name: string } | null;
}

export function nextTaskState(state: TaskState, e: TaskEvent): TaskState | null {
  if (state !== 'open') return null;
  return e.type === 'remind' ? 'open' : e.type === 'finish' ? 'done' : null;
}

export const taskPage = (t: Pick<Task, 'checkId'>) => `/packages/liuyou/check/index?id=${t.checkId}`;

function guard(t: Task, e: TaskEvent, x: TaskContext): Refusal | null {
  if (e.type === 'remind') return t.remindAt !== null && t.remindAt <= x.now ? null : { code: 'LIUYOU.NOTHING_DUE' };
  return e.note.trim() === '' ? { code: 'LIUYOU.NOTE_REQUIRED', field: 'payload.note' } : null;
}

function effect(t: Task, e: TaskEvent, x: TaskContext): Effect<Task> {
  if (e.type === 'remind') {
    const days = Math.max(1, Math.ceil((Date.parse(x.now) - Date.parse(t.dueAt)) / 86_400_000));
    return {
      set: { remindAt: new Date(Date.parse(x.now) + REMIND_EVERY_DAYS * 86_400_000).toISOString() },
      inc: { reminders: 1 },
      notify: tell(t.ownerId, {
        template: 'liuyou.taskOverdue',
        title: '整改任务已逾期',
        body: `「${t.itemTitle}」已超过完成期限 ${days} 天，请尽快整改`,
        page: taskPage(t),
        facts: { subject: t.itemTitle },
      }),
      audit: { event: 'liuyou.taskRemind', overdueDays: days },
    };
  }
  return {
    set: { doneAt: x.now, doneNote: e.note.trim(), doneBy: x.by?.id ?? null, remindAt: null },
    audit: { event: 'liuyou.taskFinish' },
  };
}

export const taskLifecycle: Lifecycle<TaskState, TaskEvent, Task, TaskContext> = {
  name: 'liuyouTask',
  states: TASK_STATES,
  next: nextTaskState,
  guard,
  effect,
};
