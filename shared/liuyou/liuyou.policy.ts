import { holdsOver, type Actor } from '../accounts/accounts.policy';
import { nextCheckState, type Check, type CheckEvent } from './check.lifecycle';
import { nextTaskState, type Task } from './task.lifecycle';

/**
 * Who may do what with 六有 checks, templates and tasks. Deny by default: every action names the
 * relations that allow it, and the lifecycle table must allow it in the check's state. The server
 * sends the result as `allowedActions`; the handlers authorize with the same functions.
 *
 * - The community's own admin (社区书记) fills, submits and resubmits its check.
 * - The grid leaders of the community's grids fill it too (item by item, evidence), but do not submit.
 * - Only the street above reviews: item by item, then returns it or scores it.
 * - Street admins publish template versions for their street.
 */

export const CHECK_ACTIONS = ['fill', 'addEvidence', 'removeEvidence', 'refresh', 'submit', 'resubmit', 'review', 'finishReview', 'createTask'] as const;
export type CheckAction = (typeof CHECK_ACTIONS)[number];

export const TASK_ACTIONS = ['finishTask'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export interface CheckRelation {
  /** Holds 社区书记 at the check's community (or 集中居住区). */
  admin: boolean;
  /** Holds 网格长 at a grid of the check's community. */
  gridLeader: boolean;
  /** Holds 街道管理员 at the street above. */
  reviewer: boolean;
}

export function checkRelation(actor: Actor, c: Pick<Check, 'path' | 'communityId'>): CheckRelation {
  return {
    admin: holdsOver(actor, ['communityAdmin'], c.path),
    gridLeader: actor.memberships.some((m) => m.role === 'gridLeader' && m.path.communityId === c.communityId),
    reviewer: holdsOver(actor, ['streetAdmin'], c.path),
  };
}

export const maySeeCheck = (r: CheckRelation) => r.admin || r.gridLeader || r.reviewer;
const filler = (r: CheckRelation) => r.admin || r.gridLeader;

/** A sample event of each action, for the table (the table reads only the type). */
const SAMPLE: Record<Exclude<CheckAction, 'finishReview'>, CheckEvent> = {
  fill: { type: 'fill', itemId: '', fill: { answer: null } },
  addEvidence: { type: 'addEvidence', itemId: '', evidence: null as never },
  removeEvidence: { type: 'removeEvidence', itemId: '', evidenceId: '' },
  refresh: { type: 'refresh', figures: {} },
  submit: { type: 'submit', figures: {} },
  resubmit: { type: 'resubmit' },
  review: { type: 'review', itemId: '', verdict: 'approved', comment: '' },
  createTask: { type: 'linkTask', itemId: '', taskId: '', ownerName: '', dueDate: '' },
};

function relationAllows(action: CheckAction, r: CheckRelation, c: Pick<Check, 'items'>): boolean {
  switch (action) {
    case 'fill':
    case 'addEvidence':
    case 'removeEvidence':
    case 'refresh':
      return filler(r);
    case 'submit':
    case 'resubmit':
      return r.admin;
    case 'review':
    case 'finishReview':
      return r.reviewer;
    case 'createTask':
      return (r.reviewer || r.admin) && c.items.some((i) => (i.review === 'returned' || i.review === 'failed') && i.taskId === null);
  }
}

/** May the caller do `action` to the check as it stands? The relation allows it and the table allows it now. */
export function mayDoCheck(action: CheckAction, r: CheckRelation, c: Pick<Check, 'state' | 'items'>): boolean {
  if (!relationAllows(action, r, c)) return false;
  // Finishing a review is a return or a score, whichever the verdicts make: both leave the same states.
  const event = action === 'finishReview' ? ({ type: 'score' } as const) : SAMPLE[action];
  return nextCheckState(c.state, event) !== null;
}

export function allowedCheckActions(r: CheckRelation, c: Pick<Check, 'state' | 'items'>): CheckAction[] {
  return CHECK_ACTIONS.filter((a) => mayDoCheck(a, r, c));
}

// ---- tasks ------------------------------------------------------------------------------------

export interface TaskRelation {
  owner: boolean;
  admin: boolean;
  reviewer: boolean;
}

export function taskRelation(actor: Actor, t: Pick<Task, 'path' | 'ownerId'>): TaskRelation {
  return {
    owner: t.ownerId === actor.user._id,
    admin: holdsOver(actor, ['communityAdmin'], t.path),
    reviewer: holdsOver(actor, ['streetAdmin'], t.path),
  };
}

export const maySeeTask = (r: TaskRelation) => r.owner || r.admin || r.reviewer;

export function allowedTaskActions(r: TaskRelation, t: Pick<Task, 'state'>): TaskAction[] {
  return (r.owner || r.admin) && nextTaskState(t.state, { type: 'finish', note: '' }) !== null ? ['finishTask'] : [];
}

// ---- templates and the street's views ---------------------------------------------------------------

/** Publishing a template, opening the matrix and the CSV of a street: its street admins. */
export const mayRunStreet = (actor: Actor, street: { path: Check['path'] }) => holdsOver(actor, ['streetAdmin'], street.path);

/** Starting a community's check: its admin, or the street above. */
export const mayStartCheck = (actor: Actor, community: { path: Check['path'] }) => holdsOver(actor, ['communityAdmin', 'streetAdmin'], community.path);
