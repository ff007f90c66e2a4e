import { NODE_KIND_LABELS, type NodeKind } from '../../shared/territory/territory.schema';
import type { Actor as Caller } from '../../shared/accounts/accounts.policy';
import type { Membership } from '../../shared/accounts/accounts.schema';
import { CHECK_STATE_LABELS, type Check, type CheckItem } from '../../shared/liuyou/check.lifecycle';
import { allowedCheckActions, allowedTaskActions, checkRelation, taskRelation } from '../../shared/liuyou/liuyou.policy';
import type { CheckOutput, CheckView, ItemView, TaskView } from '../../shared/liuyou/liuyou.schema';
import { periodLabel } from '../../shared/liuyou/period';
import { gapsOf, isAnswered, itemScore, lacksEvidence, RATING_LABELS, REVIEW_LABELS, type Rating } from '../../shared/liuyou/score';
import { TASK_STATE_LABELS, type Task } from '../../shared/liuyou/task.lifecycle';
import { AUTO_SOURCE_LABELS, MECHANISM_LABELS, MECHANISMS } from '../../shared/liuyou/template';
import type { ActionContext } from '../_core/pipeline';
import type { Doc } from '../_core/ports/store';
import { itemDefView } from './template-view';
import { loadCheckTasks, loadCheckTimeline, type CheckDoc, type CheckEventRecord, type TaskDoc } from './check-store';

/** 社区 or 集中居住区, as pages name a check's place. */
export const kindLabelOf = (kind: string) => NODE_KIND_LABELS[kind as NodeKind] ?? '社区';

/** A score with its colour and the word beside it (colour is never the only signal). */
export function rated(score: number | null, rating: Rating | null, none = '暂无得分') {
  return { score, rating, ratingLabel: rating ? RATING_LABELS[rating] : none };
}

async function itemView(ctx: ActionContext, i: CheckItem): Promise<ItemView> {
  const evidence = await Promise.all(
    i.evidence.map(async (e) => ({
      id: e.id,
      kind: e.kind,
      fileId: e.fileId,
      url: e.fileId ? await ctx.ports.files.url(e.fileId) : null,
      name: e.name,
      text: e.text,
      byName: e.byName,
      at: e.at,
    })),
  );
  return {
    ...itemDefView(i),
    autoLabel: i.auto ? AUTO_SOURCE_LABELS[i.auto].label : null,
    answer: i.answer,
    value: i.value,
    autoAt: i.autoAt,
    evidence,
    answered: isAnswered(i),
    lacksEvidence: lacksEvidence(i),
    score: itemScore(i),
    changedByName: i.changedByName,
    changedAt: i.changedAt,
    review: i.review,
    reviewLabel: REVIEW_LABELS[i.review],
    reviewComment: i.reviewComment,
    taskId: i.taskId,
  };
}

/** What the caller sees of a check: every item with its evidence (URLs to show them), scores, gaps and the buttons the policy allows. */
export async function toCheckView(ctx: ActionContext, caller: Caller, c: Check): Promise<CheckView> {
  const items = await Promise.all(c.items.map((i) => itemView(ctx, i)));
  return {
    id: c._id,
    version: c.version,
    state: c.state,
    stateLabel: CHECK_STATE_LABELS[c.state],
    communityId: c.communityId,
    communityName: c.communityName,
    kindLabel: kindLabelOf(c.nodeKind),
    period: c.period,
    periodLabel: periodLabel(c.period),
    templateName: c.templateName,
    templateVersion: c.templateVersion,
    thresholds: c.thresholds,
    overall: rated(c.score.overall, c.score.rating),
    mechanisms: MECHANISMS.map((key) => {
      const m = c.score.mechanisms[key];
      return { key, label: MECHANISM_LABELS[key], ...rated(m.score, m.rating), answered: m.answered, total: m.total };
    }),
    answered: c.score.answered,
    total: c.score.total,
    items,
    gaps: gapsOf(c.items),
    rounds: c.rounds,
    submittedAt: c.submittedAt,
    returnedAt: c.returnedAt,
    scoredAt: c.scoredAt,
    frozenAt: c.frozenAt,
    allowedActions: allowedCheckActions(checkRelation(caller, c), c),
  };
}

/** A 整改任务 as its owner, the community and the street see it; overdue once its due date has ended. */
export function toTaskView(caller: Caller, t: Task, now: string): TaskView {
  return {
    id: t._id,
    state: t.state,
    stateLabel: TASK_STATE_LABELS[t.state],
    checkId: t.checkId,
    itemId: t.itemId,
    itemTitle: t.itemTitle,
    mechanismLabel: MECHANISM_LABELS[t.mechanism],
    communityName: t.communityName,
    period: t.period,
    periodLabel: periodLabel(t.period),
    note: t.note,
    ownerName: t.ownerName,
    dueDate: t.dueDate,
    overdue: t.state === 'open' && t.dueAt <= now,
    doneAt: t.doneAt,
    doneNote: t.doneNote,
    allowedActions: allowedTaskActions(taskRelation(caller, t), t),
  };
}

type MembershipDoc = Membership & Doc;

/** May this person own a task of the community: its admin (社区书记) or a leader of one of its grids? */
export const ownsAt = (memberships: readonly Pick<Membership, 'role' | 'nodeId' | 'path'>[], communityId: string) =>
  memberships.some((m) => (m.role === 'communityAdmin' && m.nodeId === communityId) || (m.role === 'gridLeader' && m.path.communityId === communityId));

/** Who a task of the check can be given to: the community's admins and grid leaders, with their names. Two round trips. */
export async function ownersOf(ctx: ActionContext, c: Pick<Check, 'communityId'>): Promise<CheckOutput['owners']> {
  const rows = await ctx.ports.store.find<MembershipDoc>('memberships', { 'path.communityId': c.communityId }, { limit: 500 });
  const held = rows.filter((m) => ownsAt([m], c.communityId));
  const ids = [...new Set(held.map((m) => m.userId))];
  if (ids.length === 0) return [];
  const users = await ctx.ports.store.find<Doc & { name: string }>('users', { _id: { $in: ids } }, { limit: ids.length });
  const names = new Map(users.map((u) => [u._id, u.name]));
  const roleOf = (id: string) => (held.some((m) => m.userId === id && m.role === 'communityAdmin') ? '社区书记' : '网格长');
  // The admins first, then the grid leaders, each in the order they were granted.
  return ids
    .map((userId) => ({ userId, name: names.get(userId) ?? '', roleLabel: roleOf(userId) }))
    .filter((o) => o.name !== '')
    .sort((a, b) => (a.roleLabel === b.roleLabel ? 0 : a.roleLabel === '社区书记' ? -1 : 1));
}

export interface CheckOutputOptions {
  /** The timeline: lines at hand (read with the check, plus those just written), or `true` to read it. */
  timeline: readonly CheckEventRecord[] | true;
  /** The check's tasks: at hand, or `true` to read them. */
  tasks: readonly TaskDoc[] | true;
}

/** The whole answer about one check: its view, timeline, tasks and, for those who may create a task, who can own one. */
export async function toCheckOutput(ctx: ActionContext, caller: Caller, c: CheckDoc, opts: CheckOutputOptions): Promise<CheckOutput> {
  const mayCreateTask = allowedCheckActions(checkRelation(caller, c), c).includes('createTask');
  const [check, lines, tasks, owners] = await Promise.all([
    toCheckView(ctx, caller, c),
    opts.timeline === true ? loadCheckTimeline(ctx.ports.store, c._id) : opts.timeline,
    opts.tasks === true ? loadCheckTasks(ctx.ports.store, c._id) : opts.tasks,
    mayCreateTask ? ownersOf(ctx, c) : [],
  ]);
  const timeline = [...lines].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((e) => ({ at: e.at, actor: e.actorLabel, kind: e.kind, text: e.text }));
  return { check, timeline, tasks: tasks.map((t) => toTaskView(caller, t, ctx.now)), owners };
}
