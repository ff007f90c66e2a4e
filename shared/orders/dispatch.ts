import type { Category } from './categories';
import type { Level } from './escalation';
import { distanceMeters, distanceWords, proximityOf, type Point } from '../kernel/geo';
import { beijingWeekMinute } from '../kernel/time';

/**
 * 平台派单: a pure, explainable choice of the volunteer to offer an order to.
 * Eligible: active, available now, in the order's place (grid; community at community level),
 * skilled for the category, under the open-load cap, not the poster, not one who declined it or
 * let the offer expire. Ranked by skill fit, load, fairness (least recently assigned), rating and
 * proximity (the distance when the order and the volunteer both have a point, else the building or
 * micro-grid they share). Each choice carries its reasons, stored with the order (PIPL art. 24).
 */

/** Weekly availability in Beijing time: days 1 (Mon) … 7 (Sun), minutes from midnight. */
export interface AvailabilityWindow {
  days: readonly number[];
  from: number;
  to: number;
}

export interface Candidate {
  userId: string;
  name: string;
  active: boolean;
  skills: readonly string[];
  availability: readonly AvailabilityWindow[];
  openLoad: number;
  lastAssignedAt: string | null;
  ratingSum: number;
  ratingCount: number;
  gridId: string;
  communityId: string;
  microGridId?: string;
  buildingId?: string;
  /** Where the volunteer usually is (常在位置), when they set one. */
  point?: Point;
}

export interface DispatchOrder {
  category: Category;
  level: Level;
  posterId: string;
  gridId: string;
  communityId: string;
  microGridId?: string;
  buildingId?: string;
  /** The point the resident placed, when they placed one. */
  point?: Point;
  /** Volunteers who declined it or let an offer expire. */
  excluded: readonly string[];
}

export interface DispatchConfig {
  loadCap: number;
  weights: { skill: number; load: number; fairness: number; rating: number; proximity: number };
}

export const DEFAULT_DISPATCH: DispatchConfig = {
  loadCap: 3,
  weights: { skill: 40, load: 20, fairness: 20, rating: 10, proximity: 10 },
};

export type ExclusionReason = 'inactive' | 'unavailable' | 'otherPlace' | 'unskilled' | 'overloaded' | 'poster' | 'declinedBefore';
export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  inactive: '已停用',
  unavailable: '当前不在服务时段',
  otherPlace: '不在本辖区',
  unskilled: '不擅长此类',
  overloaded: '手头事项已满',
  poster: '是发起人本人',
  declinedBefore: '已婉拒或超时',
};

export interface ScoredCandidate {
  userId: string;
  name: string;
  score: number;
  parts: { skill: number; load: number; fairness: number; rating: number; proximity: number };
  /** Why, in a leader's words. */
  why: string[];
}

export interface DispatchDecision {
  chosen: ScoredCandidate | null;
  /** The best few, for the leader's "dispatch by hand" list and the stored reason. */
  ranked: ScoredCandidate[];
  considered: number;
  excluded: Partial<Record<ExclusionReason, number>>;
}

export function isAvailable(windows: readonly AvailabilityWindow[], now: string): boolean {
  const { day, minute } = beijingWeekMinute(now);
  return windows.some((w) => w.days.includes(day) && minute >= w.from && minute < w.to);
}

/** A rating with a prior of 4★ worth 3 votes, so one 5★ does not beat twenty 4.8★. */
export function bayesRating(sum: number, count: number): number {
  return (sum + 4 * 3) / (count + 3);
}

export function exclusionOf(c: Candidate, order: DispatchOrder, now: string, config: DispatchConfig): ExclusionReason | null {
  if (!c.active) return 'inactive';
  if (c.userId === order.posterId) return 'poster';
  if (order.excluded.includes(c.userId)) return 'declinedBefore';
  const inPlace = order.level === 'grid' ? c.gridId === order.gridId : c.communityId === order.communityId;
  if (!inPlace) return 'otherPlace';
  if (order.category !== '其他' && !c.skills.includes(order.category)) return 'unskilled';
  if (c.openLoad >= config.loadCap) return 'overloaded';
  if (!isAvailable(c.availability, now)) return 'unavailable';
  return null;
}

export function scoreCandidate(c: Candidate, order: DispatchOrder, now: string, config: DispatchConfig): ScoredCandidate {
  const w = config.weights;
  const why: string[] = [];
  // Skill fit: a specialist (few skills, this one among them) fits better than a generalist.
  const skill = order.category === '其他' ? 0.5 : c.skills.includes(order.category) ? 1 / Math.sqrt(Math.max(1, c.skills.length)) : 0;
  if (skill > 0 && order.category !== '其他') why.push(`擅长「${order.category}」`);
  const load = 1 - c.openLoad / config.loadCap;
  why.push(c.openLoad === 0 ? '手头没有在办事项' : `手头在办 ${c.openLoad} 件`);
  const days = c.lastAssignedAt === null ? 30 : Math.max(0, (Date.parse(now) - Date.parse(c.lastAssignedAt)) / 86_400_000);
  const fairness = Math.min(days, 30) / 30;
  why.push(c.lastAssignedAt === null ? '近期未接过单' : `${Math.floor(days)} 天前接过单`);
  const stars = bayesRating(c.ratingSum, c.ratingCount);
  const rating = (stars - 1) / 4;
  if (c.ratingCount > 0) why.push(`评分 ${stars.toFixed(1)}★（${c.ratingCount} 次）`);
  let proximity = 0;
  if (order.point && c.point) {
    // Both placed on the map: the distance says it better than the buildings do.
    const meters = distanceMeters(order.point, c.point);
    proximity = proximityOf(meters);
    why.push(`距离${distanceWords(meters)}`);
  } else if (order.buildingId && c.buildingId === order.buildingId) {
    proximity = 1;
    why.push('同一楼栋');
  } else if (order.microGridId && c.microGridId === order.microGridId) {
    proximity = 0.6;
    why.push('同一微网格');
  } else if (c.gridId === order.gridId) {
    proximity = 0.3;
  }
  const parts = { skill: skill * w.skill, load: load * w.load, fairness: fairness * w.fairness, rating: rating * w.rating, proximity: proximity * w.proximity };
  const score = Math.round((parts.skill + parts.load + parts.fairness + parts.rating + parts.proximity) * 100) / 100;
  return { userId: c.userId, name: c.name, score, parts, why };
}

/** Chooses the volunteer to offer the order to; ties go to the least recently assigned, then by id. */
export function dispatch(order: DispatchOrder, candidates: readonly Candidate[], now: string, config: DispatchConfig = DEFAULT_DISPATCH, keep = 5): DispatchDecision {
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  const eligible: Candidate[] = [];
  for (const c of candidates) {
    const reason = exclusionOf(c, order, now, config);
    if (reason) excluded[reason] = (excluded[reason] ?? 0) + 1;
    else eligible.push(c);
  }
  const lastAt = new Map(eligible.map((c) => [c.userId, c.lastAssignedAt ?? '']));
  const ranked = eligible
    .map((c) => scoreCandidate(c, order, now, config))
    .sort((a, b) => b.score - a.score || (lastAt.get(a.userId) ?? '').localeCompare(lastAt.get(b.userId) ?? '') || a.userId.localeCompare(b.userId));
  return { chosen: ranked[0] ?? null, ranked: ranked.slice(0, keep), considered: candidates.length, excluded };
}

const skippedText = (decision: DispatchDecision) =>
  Object.entries(decision.excluded)
    .map(([k, n]) => `${EXCLUSION_LABELS[k as ExclusionReason]} ${n} 人`)
    .join('，');

/** The stored reason for an automatic choice, readable by a leader. `readExplanation` reads it back. */
export function explain(decision: DispatchDecision): string {
  const skipped = skippedText(decision);
  if (!decision.chosen) return `共 ${decision.considered} 位志愿者，没有合适人选${skipped ? `（${skipped}）` : ''}，转网格长处理`;
  return `从 ${decision.considered} 位志愿者中选中 ${decision.chosen.name}（${decision.chosen.score} 分）：${decision.chosen.why.join('、')}${skipped ? `；未考虑：${skipped}` : ''}`;
}

/**
 * The heading of a leader's 人工派单 list. Nobody has been chosen yet (the leader chooses), so it
 * never says 选中 — the order may be a dispute that the leader mediates.
 */
export function explainCandidates(decision: DispatchDecision): string {
  const skipped = skippedText(decision);
  if (decision.ranked.length === 0) return `本辖区共 ${decision.considered} 位志愿者，暂时没有能接的${skipped ? `（${skipped}）` : ''}`;
  return `本辖区共 ${decision.considered} 位志愿者，最合适的 ${decision.ranked.length} 位排在前面${skipped ? `；未考虑：${skipped}` : ''}`;
}

/** A stored reason taken apart again, so a page can show the reasons as chips and the score as a bar. */
export interface ReadExplanation {
  considered: number;
  chosen: { name: string; score: number; why: string[] } | null;
  /** `已停用 1 人`, one per reason. */
  skipped: string[];
}

const CHOSEN_RE = /^从 (\d+) 位志愿者中选中 (.+?)（(\d+(?:\.\d+)?) 分）：(.*?)(?:；未考虑：(.*))?$/;
const NONE_RE = /^共 (\d+) 位志愿者，没有合适人选(?:（(.*)）)?，转网格长处理$/;
const parts = (text: string | undefined, sep: string) => (text ? text.split(sep).filter(Boolean) : []);

/** The inverse of `explain`; null for any other text (a leader's step, a dispute handed to the leader). */
export function readExplanation(text: string): ReadExplanation | null {
  const chosen = CHOSEN_RE.exec(text);
  if (chosen) return { considered: Number(chosen[1]), chosen: { name: chosen[2]!, score: Number(chosen[3]), why: parts(chosen[4], '、') }, skipped: parts(chosen[5], '，') };
  const none = NONE_RE.exec(text);
  if (none) return { considered: Number(none[1]), chosen: null, skipped: parts(none[2], '，') };
  return null;
}

/** How well a score fits, as a share of the best possible score and in words (the bar is not the only signal). */
export function matchOf(score: number, config: DispatchConfig = DEFAULT_DISPATCH): { share: number; words: string } {
  const w = config.weights;
  const best = w.skill + w.load + w.fairness + w.rating + w.proximity;
  const share = best > 0 ? Math.min(1, Math.max(0, score / best)) : 0;
  return { share, words: share >= 0.7 ? '很合适' : share >= 0.5 ? '比较合适' : '可以考虑' };
}
