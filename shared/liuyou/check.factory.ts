import { stableHash } from '../kernel/hash';
import { beijingInstant, addDays } from '../kernel/time';
import type { PlacePath } from '../territory/territory.schema';
import type { AutoFigure, Check, CheckItem } from './check.lifecycle';
import { periodKindOf } from './period';
import { scoreCheck } from './score';
import type { Task } from './task.lifecycle';
import type { Template } from './template';

/** One check per community (or 集中居住区) and period: starting it twice is the same check. */
export const checkIdOf = (communityId: string, period: string) => `lyc_${communityId}_${period}`;
/** One task per item of a check. */
export const taskIdOf = (checkId: string, itemId: string) => `lyk_${stableHash(`${checkId}:${itemId}`)}`;

export interface CheckPlace {
  _id: string;
  name: string;
  kind: string;
  path: PlacePath;
}

/** A new check: the template's items copied as they are in this version, automatic figures counted now. */
export function newCheck(i: { template: Template; community: CheckPlace; period: string; figures: Readonly<Record<string, AutoFigure>>; by: { id: string }; now: string }): Check {
  const items: CheckItem[] = i.template.items.map((def) => {
    const f = def.auto ? i.figures[def.id] : undefined;
    return {
      ...def,
      answer: null,
      value: f ? f.value : null,
      autoAt: f ? f.at : null,
      evidence: [],
      changedAt: null,
      changedBy: null,
      changedByName: '',
      review: 'pending',
      reviewComment: '',
      reviewedAt: null,
      taskId: null,
    };
  });
  return {
    _id: checkIdOf(i.community._id, i.period),
    version: 0,
    state: 'draft',
    communityId: i.community._id,
    communityName: i.community.name,
    nodeKind: i.community.kind,
    path: { streetId: i.community.path.streetId, communityId: i.community._id },
    period: i.period,
    periodKind: periodKindOf(i.period),
    templateId: i.template._id,
    templateVersion: i.template.version,
    templateName: i.template.name,
    thresholds: i.template.thresholds,
    items,
    score: scoreCheck(items, i.template.thresholds),
    rounds: 0,
    createdAt: i.now,
    createdBy: i.by.id,
    updatedAt: i.now,
    submittedAt: null,
    returnedAt: null,
    resubmittedAt: null,
    scoredAt: null,
    frozenAt: null,
  };
}

/** A 整改任务 for a returned or failed item; overdue (and first reminded) when its due date has ended. */
export function newTask(i: {
  check: Check;
  item: CheckItem;
  owner: { id: string; name: string };
  dueDate: string;
  note: string;
  by: { id: string; name: string };
  now: string;
}): Task {
  const dueAt = beijingInstant(addDays(i.dueDate, 1));
  return {
    _id: taskIdOf(i.check._id, i.item.id),
    version: 0,
    state: 'open',
    checkId: i.check._id,
    itemId: i.item.id,
    itemTitle: i.item.title,
    mechanism: i.item.mechanism,
    communityId: i.check.communityId,
    communityName: i.check.communityName,
    path: i.check.path,
    period: i.check.period,
    note: i.note.trim() || i.item.reviewComment,
    ownerId: i.owner.id,
    ownerName: i.owner.name,
    dueDate: i.dueDate,
    dueAt,
    createdBy: i.by.id,
    createdByName: i.by.name,
    createdAt: i.now,
    remindAt: dueAt,
    reminders: 0,
    doneAt: null,
    doneNote: '',
    doneBy: null,
  };
}
