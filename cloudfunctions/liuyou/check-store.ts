import { checkLifecycle, type Check, type CheckContext, type CheckEvent, type CheckState } from '../../shared/liuyou/check.lifecycle';
import { taskLifecycle, type Task, type TaskContext, type TaskEvent, type TaskState } from '../../shared/liuyou/task.lifecycle';
import { DEFAULT_TEMPLATE, type Template } from '../../shared/liuyou/template';
import type { TimelineEntry } from '../../shared/kernel/lifecycle';
import type { Stored } from '../_core/mover';
import type { Doc, Store } from '../_core/ports/store';

export type CheckDoc = Check & Doc;
export type TaskDoc = Task & Doc;
export type TemplateDoc = Template & Doc;
export type CheckEventRecord = TimelineEntry & Doc & { checkId: string };

/** Where 六有 checks and their timelines live: the check lifecycle's binding for the mover. */
export const CHECKS: Stored<CheckState, CheckEvent, Check, CheckContext> = {
  lifecycle: checkLifecycle,
  collection: 'liuyou_checks',
  timeline: { collection: 'liuyou_check_events', subjectKey: 'checkId', idPrefix: 'lye' },
};

/** 整改任务: their story is told on their check's timeline, so they keep none of their own. */
export const TASKS: Stored<TaskState, TaskEvent, Task, TaskContext> = {
  lifecycle: taskLifecycle,
  collection: 'liuyou_tasks',
  timeline: null,
};

export const loadCheck = (store: Store, id: string) => store.get<CheckDoc>('liuyou_checks', id);
export const loadTask = (store: Store, id: string) => store.get<TaskDoc>('liuyou_tasks', id);

/** A check's timeline, oldest first. */
export function loadCheckTimeline(store: Store, checkId: string): Promise<CheckEventRecord[]> {
  return store.find<CheckEventRecord>(
    'liuyou_check_events',
    { checkId },
    {
      sort: [
        ['checkId', 1],
        ['at', 1],
      ],
      limit: 1000,
    },
  );
}

/** A check's 整改任务, oldest first (one per item at most). */
export function loadCheckTasks(store: Store, checkId: string): Promise<TaskDoc[]> {
  return store.find<TaskDoc>(
    'liuyou_tasks',
    { checkId },
    {
      sort: [
        ['checkId', 1],
        ['createdAt', 1],
      ],
      limit: 200,
    },
  );
}

/** The versions a street published, newest first. */
export function loadTemplates(store: Store, streetId: string, limit = 50): Promise<TemplateDoc[]> {
  return store.find<TemplateDoc>(
    'liuyou_templates',
    { streetId },
    {
      sort: [
        ['streetId', 1],
        ['version', -1],
      ],
      limit,
    },
  );
}

/** The template a street's new checks start from: its highest published version, else the default. */
export async function effectiveTemplate(store: Store, streetId: string): Promise<Template> {
  const [latest] = await loadTemplates(store, streetId, 1);
  return latest ?? DEFAULT_TEMPLATE;
}
