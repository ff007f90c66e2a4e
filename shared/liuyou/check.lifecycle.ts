// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './liuyou.errors';
import { type Effect, type Lifecycle, type Refusal, type TimelineLine } from '../kernel/lifecycle';
import type { PlacePath } from '../territory/territory.schema';
import { periodLabel } from './period';
import { isAnswered, REVIEW_LABELS, scoreCheck, type Review, type ScoreCard } from './score';
import { MECHANISM_LABELS, MECHANISMS, type ItemDef, type MechanismKey, type PeriodKind, type Thresholds } from './template';

/**
 * The 六有 check of one community (or 集中居住区) for one period, one table:
 *
 *   draft ──fill / addEvidence──▶ filling ──submit──▶ submitted ──review (item by item)──▶ submitted
 *   submitted | resubmitted ──returnCheck──▶ returned ──resubmit──▶ resubmitted
 *   submitted | resubmitted ──score──▶ scored                         final
 *   draft | filling ──refresh──▶ the same                              automatic figures recomputed
 *   returned: only the returned items can be filled
 *   any state but draft ──linkTask / taskDone──▶ the same            a returned or failed item's 整改任务
 *
 * Automatic figures are frozen by `submit`: it carries them, computed from the records at that
 * moment, and nothing refreshes them afterwards. The check holds a copy of its template's items,
 * so a newer template version never changes it.
 */
export const CHECK_STATES = ['draft', 'filling', 'submitted', 'returned', 'resubmitted', 'scored'] as const;
export type CheckState = (typeof CHECK_STATES)[number];
export const CHECK_STATE_LABELS: Record<CheckState, string> = {
  draft: '未开始',
  filling: '自查中',
  submitted: '待街道审核',
  returned: '退回修改',
  resubmitted: '重新提交待审',
  scored: '已评定',
};

export const MAX_EVIDENCE = 9;
export const EVIDENCE_KINDS = ['photo', 'file', 'note'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  id: string;
  kind: EvidenceKind;
  /** Photos and documents: the stored file. */
  fileId: string | null;
  /** Documents: the file name as uploaded; photos and notes: ''. */
  name: string;
  /** Notes: the text; photos and documents: an optional caption. */
  text: string;
  by: string;
  byName: string;
  at: string;
}

/** An automatic figure as the records gave it, with when it was counted. */
export interface AutoFigure {
  value: number;
  at: string;
}

/** One item of a check: the template's definition, copied, and what the community and the street put in. */
export interface CheckItem extends ItemDef {
  /** yes/no items; evidence items answer 无 with false. */
  answer: boolean | null;
  /** count items: the number a person gave, or the automatic figure. */
  value: number | null;
  /** Automatic items: when the figure was counted; frozen once the check is submitted. */
  autoAt: string | null;
  evidence: Evidence[];
  /** The last change by the community (answer or evidence), for "changed since it was returned". */
  changedAt: string | null;
  changedBy: string | null;
  changedByName: string;
  review: Review;
  reviewComment: string;
  reviewedAt: string | null;
  taskId: string | null;
}

/** A check as stored (`liuyou_checks`), id `lyc_<communityId>_<period>` (one per community and period). */
export interface Check {
  _id: string;
  version: number;
  state: CheckState;
  communityId: string;
  communityName: string;
  /** `community` or `settlement` (集中居住区). */
  nodeKind: string;
  /** The community's path: `{ streetId, communityId }`. */
  path: PlacePath;
  period: string;
  periodKind: PeriodKind;
  templateId: string;
  templateVersion: number;
  templateName: string;
  thresholds: Thresholds;
  items: CheckItem[];
  /** The score as the items stand: the self-check score while filling, the final one once scored. */
  score: ScoreCard;
  /** Review rounds finished (1 after the first return or score). */
  rounds: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  submittedAt: string | null;
  returnedAt: string | null;
  resubmittedAt: string | null;
  scoredAt: string | null;
  frozenAt: string | null;
}

export type FillAnswer = { answer: boolean | null } | { value: number | null };

export type CheckEvent =
  | { type: 'fill'; itemId: string; fill: FillAnswer }
  | { type: 'addEvidence'; itemId: string; evidence: Evidence }
  | { type: 'removeEvidence'; itemId: string; evidenceId: string }
  | { type: 'refresh'; figures: Readonly<Record<string, AutoFigure>> }
  | { type: 'submit'; figures: Readonly<Record<string, AutoFigure>> }
  | { type: 'review'; itemId: string; verdict: Exclude<Review, 'pending'>; comment: string }
  | { type: 'returnCheck' }
  | { type: 'score' }
  | { type: 'resubmit' }
  | { type: 'linkTask'; itemId: string; taskId: string; ownerName: string; dueDate: string }
  | { type: 'taskDone'; itemId: string; note: string };
export type CheckEventType = CheckEvent['type'];

export interface CheckContext {
  now: string;
  by: { id: string; name: string } | null;
}

const EDITING: readonly CheckState[] = ['draft', 'filling', 'returned'];
const REVIEWING: readonly CheckState[] = ['submitted', 'resubmitted'];

export function nextCheckState(state: CheckState, e: CheckEvent): CheckState | null {
  switch (e.type) {
    case 'fill':
    case 'addEvidence':
    case 'removeEvidence':
      if (state === 'returned') return 'returned';
      return state === 'draft' || state === 'filling' ? 'filling' : null;
    case 'refresh':
      return state === 'draft' || state === 'filling' ? state : null;
    case 'submit':
      return state === 'filling' ? 'submitted' : null;
    case 'review':
      return REVIEWING.includes(state) ? state : null;
    case 'returnCheck':
      return REVIEWING.includes(state) ? 'returned' : null;
    case 'score':
      return REVIEWING.includes(state) ? 'scored' : null;
    case 'resubmit':
      return state === 'returned' ? 'resubmitted' : null;
    case 'linkTask':
    case 'taskDone':
      return state === 'draft' ? null : state;
    default:
      return null;
  }
}

export const isEditable = (state: CheckState) => EDITING.includes(state);
export const isUnderReview = (state: CheckState) => REVIEWING.includes(state);

const refuse = (code: string, field?: string): Refusal => (field ? { code, field } : { code });
const itemOf = (c: Check, id: string) => c.items.find((i) => i.id === id);

/** The first item not yet answered, or null when every one is. */
export const firstUnanswered = (c: Pick<Check, 'items'>) => c.items.find((i) => !isAnswered(i)) ?? null;

function guardItemEdit(c: Check, itemId: string): Refusal | null {
  const item = itemOf(c, itemId);
  if (!item) return refuse('LIUYOU.ITEM_NOT_FOUND', 'payload.itemId');
  if (c.state === 'returned' && item.review !== 'returned') return refuse('LIUYOU.ITEM_LOCKED', 'payload.itemId');
  return null;
}

function guard(c: Check, e: CheckEvent): Refusal | null {
  switch (e.type) {
    case 'fill': {
      const refused = guardItemEdit(c, e.itemId);
      if (refused) return refused;
      const item = itemOf(c, e.itemId)!;
      if (item.auto) return refuse('LIUYOU.ITEM_AUTOMATIC', 'payload.itemId');
      const wantsValue = 'value' in e.fill;
      if (wantsValue !== (item.kind === 'count')) return refuse('LIUYOU.ITEM_KIND', wantsValue ? 'payload.value' : 'payload.answer');
      return null;
    }
    case 'addEvidence': {
      const refused = guardItemEdit(c, e.itemId);
      if (refused) return refused;
      return itemOf(c, e.itemId)!.evidence.length >= MAX_EVIDENCE ? refuse('LIUYOU.EVIDENCE_FULL', 'payload.itemId') : null;
    }
    case 'removeEvidence': {
      const refused = guardItemEdit(c, e.itemId);
      if (refused) return refused;
      return itemOf(c, e.itemId)!.evidence.some((x) => x.id === e.evidenceId) ? null : refuse('LIUYOU.EVIDENCE_NOT_FOUND', 'payload.evidenceId');
    }
    case 'submit': {
      // Automatic items are answered by the figures the submission carries.
      const pending = c.items.find((i) => !i.auto && !isAnswered(i));
      return pending ? refuse('LIUYOU.INCOMPLETE', `items.${pending.id}`) : null;
    }
    case 'review': {
      if (!itemOf(c, e.itemId)) return refuse('LIUYOU.ITEM_NOT_FOUND', 'payload.itemId');
      return e.verdict !== 'approved' && e.comment.trim() === '' ? refuse('LIUYOU.COMMENT_REQUIRED', 'payload.comment') : null;
    }
    case 'returnCheck':
    case 'score': {
      const pending = c.items.find((i) => i.review === 'pending');
      if (pending) return refuse('LIUYOU.REVIEW_INCOMPLETE', `items.${pending.id}`);
      const returned = c.items.some((i) => i.review === 'returned');
      if (e.type === 'score' && returned) return refuse('LIUYOU.ITEMS_RETURNED');
      return e.type === 'returnCheck' && !returned ? refuse('LIUYOU.NOTHING_RETURNED') : null;
    }
    case 'resubmit': {
      const since = c.returnedAt ?? '';
      const unchanged = c.items.find((i) => i.review === 'returned' && (i.changedAt === null || i.changedAt <= since));
      if (unchanged) return refuse('LIUYOU.RETURNED_UNCHANGED', `items.${unchanged.id}`);
      // A resubmission is a submission: a returned item cleared while fixing it must be answered again.
      const pending = c.items.find((i) => !i.auto && !isAnswered(i));
      return pending ? refuse('LIUYOU.INCOMPLETE', `items.${pending.id}`) : null;
    }
    case 'linkTask': {
      const item = itemOf(c, e.itemId);
      if (!item) return refuse('LIUYOU.ITEM_NOT_FOUND', 'payload.itemId');
      if (item.review !== 'returned' && item.review !== 'failed') return refuse('LIUYOU.TASK_ITEM', 'payload.itemId');
      return item.taskId ? refuse('LIUYOU.TASK_EXISTS', 'payload.itemId') : null;
    }
    case 'taskDone':
      return itemOf(c, e.itemId) ? null : refuse('LIUYOU.ITEM_NOT_FOUND', 'payload.itemId');
    default:
      return null;
  }
}

/**
 * A scored check's result, written once when it is scored (`liuyou_scores`, id = the check's): the
 * street's trend and "last period" read these few numbers instead of every item of every check.
 */
export interface ScoreRecord {
  _id: string;
  streetId: string;
  communityId: string;
  period: string;
  overall: number;
  rating: ScoreCard['rating'];
  mechanisms: Record<MechanismKey, number | null>;
  scoredAt: string;
}
export const SCORES_COLLECTION = 'liuyou_scores';

export function scoreRecordOf(c: Check, at: string): ScoreRecord {
  return {
    _id: c._id,
    streetId: c.path.streetId,
    communityId: c.communityId,
    period: c.period,
    overall: c.score.overall,
    rating: c.score.rating,
    mechanisms: Object.fromEntries(MECHANISMS.map((k) => [k, c.score.mechanisms[k].score])) as Record<MechanismKey, number | null>,
    scoredAt: at,
  };
}

const line = (kind: string, text: string): TimelineLine => ({ kind, text });
export const checkPage = (c: Pick<Check, '_id'>) => `/packages/liuyou/check/index?id=${c._id}`;

/** The items with `change` applied to one of them, and the score they make. */
function withItem(c: Check, itemId: string, change: (i: CheckItem) => CheckItem): Pick<Check, 'items' | 'score'> {
  const items = c.items.map((i) => (i.id === itemId ? change(i) : i));
  return { items, score: scoreCheck(items, c.thresholds) };
}

function withFigures(c: Check, figures: Readonly<Record<string, AutoFigure>>): Pick<Check, 'items' | 'score'> {
  const items = c.items.map((i) => {
    const f = i.auto ? figures[i.id] : undefined;
    return f ? { ...i, value: f.value, autoAt: f.at } : i;
  });
  return { items, score: scoreCheck(items, c.thresholds) };
}

const title = (c: Pick<Check, 'communityName' | 'period'>) => `${c.communityName}${periodLabel(c.period)}六有自查`;

function effect(c: Check, e: CheckEvent, x: CheckContext): Effect<Check> {
  const at = x.now;
  const page = checkPage(c);
  const touched = (i: CheckItem): CheckItem => ({ ...i, changedAt: at, changedBy: x.by?.id ?? null, changedByName: x.by?.name ?? '' });
  switch (e.type) {
    case 'fill': {
      const item = itemOf(c, e.itemId)!;
      const shown = 'value' in e.fill ? (e.fill.value === null ? '清空' : `${e.fill.value}${item.unit}`) : e.fill.answer === null ? '清空' : e.fill.answer ? '有' : '无';
      return {
        set: { ...withItem(c, e.itemId, (i) => touched({ ...i, ...e.fill })), updatedAt: at },
        timeline: [line('fill', `${item.title}：${shown}`)],
      };
    }
    case 'addEvidence': {
      const item = itemOf(c, e.itemId)!;
      const what = e.evidence.kind === 'photo' ? '照片' : e.evidence.kind === 'file' ? `文件「${e.evidence.name}」` : '说明';
      return {
        set: { ...withItem(c, e.itemId, (i) => touched({ ...i, evidence: [...i.evidence, e.evidence] })), updatedAt: at },
        timeline: [line('evidence', `${item.title}：添加${what}`)],
      };
    }
    case 'removeEvidence': {
      const item = itemOf(c, e.itemId)!;
      return {
        set: { ...withItem(c, e.itemId, (i) => touched({ ...i, evidence: i.evidence.filter((x) => x.id !== e.evidenceId) })), updatedAt: at },
        timeline: [line('evidence', `${item.title}：删除一份佐证材料`)],
      };
    }
    case 'refresh':
      return { set: { ...withFigures(c, e.figures), updatedAt: at }, timeline: [line('refresh', '重新统计了系统自动填写的项目')] };
    case 'submit': {
      const next = withFigures(c, e.figures);
      return {
        set: { ...next, submittedAt: at, frozenAt: at, updatedAt: at },
        timeline: [line('submit', `提交自查，自评 ${next.score.overall} 分；系统统计的数字已锁定`)],
        notify: [
          {
            to: { leadersOf: { path: c.path, level: 'street' } },
            template: 'liuyou.submitted',
            title: '六有自查待审核',
            body: `${title(c)}已提交，自评 ${next.score.overall} 分`,
            page,
            facts: { subject: title(c) },
          },
        ],
        audit: { event: 'liuyou.submit', score: next.score.overall },
      };
    }
    case 'review': {
      const item = itemOf(c, e.itemId)!;
      const comment = e.comment.trim();
      return {
        set: { ...withItem(c, e.itemId, (i) => ({ ...i, review: e.verdict, reviewComment: comment, reviewedAt: at })), updatedAt: at },
        timeline: [line('review', `${MECHANISM_LABELS[item.mechanism]} · ${item.title}：${REVIEW_LABELS[e.verdict]}${comment ? `（${comment}）` : ''}`)],
        audit: { event: 'liuyou.review', verdict: e.verdict },
      };
    }
    case 'returnCheck': {
      const returned = c.items.filter((i) => i.review === 'returned');
      return {
        set: { returnedAt: at, rounds: c.rounds + 1, updatedAt: at },
        timeline: [line('return', `街道退回 ${returned.length} 项，请修改后重新提交`)],
        notify: [
          {
            to: { leadersOf: { path: c.path, level: 'community' } },
            template: 'liuyou.returned',
            title: '六有自查被退回',
            body: `${title(c)}有 ${returned.length} 项需要修改：${returned.map((i) => i.title).join('、')}`.slice(0, 200),
            page,
            facts: { subject: title(c) },
          },
        ],
        audit: { event: 'liuyou.return', items: returned.length },
      };
    }
    case 'score':
      return {
        set: { scoredAt: at, rounds: c.rounds + 1, updatedAt: at },
        writes: [{ op: 'insert', collection: SCORES_COLLECTION, doc: { ...scoreRecordOf(c, at) } }],
        timeline: [line('score', `街道评定：${c.score.overall} 分`)],
        notify: [
          {
            to: { leadersOf: { path: c.path, level: 'community' } },
            template: 'liuyou.scored',
            title: '六有评定结果',
            body: `${title(c)}评定为 ${c.score.overall} 分`,
            page,
            facts: { subject: title(c) },
          },
        ],
        audit: { event: 'liuyou.score', score: c.score.overall, rating: c.score.rating },
      };
    case 'resubmit': {
      const items = c.items.map((i) => (i.review === 'returned' ? { ...i, review: 'pending' as const, reviewedAt: null } : i));
      const changed = c.items.filter((i) => i.review === 'returned').length;
      return {
        set: { items, score: scoreCheck(items, c.thresholds), resubmittedAt: at, updatedAt: at },
        timeline: [line('resubmit', `修改了 ${changed} 项，重新提交`)],
        notify: [
          {
            to: { leadersOf: { path: c.path, level: 'street' } },
            template: 'liuyou.submitted',
            title: '六有自查重新提交',
            body: `${title(c)}已修改退回项并重新提交`,
            page,
            facts: { subject: title(c) },
          },
        ],
        audit: { event: 'liuyou.resubmit', items: changed },
      };
    }
    case 'linkTask': {
      const item = itemOf(c, e.itemId)!;
      return {
        set: { ...withItem(c, e.itemId, (i) => ({ ...i, taskId: e.taskId })), updatedAt: at },
        timeline: [line('task', `${item.title}：建立整改任务，责任人 ${e.ownerName}，${e.dueDate} 前完成`)],
      };
    }
    case 'taskDone':
      return { timeline: [line('taskDone', `${itemOf(c, e.itemId)!.title}：整改完成（${e.note.trim()}）`)] };
  }
}

export const checkLifecycle: Lifecycle<CheckState, CheckEvent, Check, CheckContext> = {
  name: 'liuyouCheck',
  states: CHECK_STATES,
  next: nextCheckState,
  guard,
  effect,
};
