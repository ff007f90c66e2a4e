import { MECHANISMS, type ItemDef, type MechanismKey, type Thresholds } from './template';

/**
 * Scoring a 六有 check, pure. Each item scores between 0 and 1:
 * - an item the street judged 不达标 (`failed`) scores 0;
 * - an item that requires evidence and has none scores 0, whatever its answer;
 * - yes/no: 1 for 有, 0 for 无 or unanswered;
 * - count: the share of the target reached, at most 1; with no target (null or 0), 1 for any
 *   number above zero; 0 when no number is given;
 * - evidence: 1 with at least one photo, document or note, else 0.
 * A mechanism scores 0–100 as the weighted mean of its items; a mechanism without items has no
 * score (null) and stays out of the overall, which is the weighted mean of every item. Scores are
 * whole numbers, and the colour is judged on the number shown, so they always agree.
 */

export const RATINGS = ['red', 'amber', 'green'] as const;
export type Rating = (typeof RATINGS)[number];
/** Colour is never the only signal: pages show this word and the number beside it. */
export const RATING_LABELS: Record<Rating, string> = { red: '未达标', amber: '基本达标', green: '达标' };

export const REVIEWS = ['pending', 'approved', 'returned', 'failed'] as const;
export type Review = (typeof REVIEWS)[number];
export const REVIEW_LABELS: Record<Review, string> = { pending: '待审核', approved: '通过', returned: '退回修改', failed: '不达标' };

/** What scoring reads of an item: its definition, the answer, the evidence and the street's verdict. */
export type ScoredItem = Pick<ItemDef, 'mechanism' | 'kind' | 'weight' | 'evidenceRequired' | 'target'> & {
  answer: boolean | null;
  value: number | null;
  evidence: readonly unknown[];
  review: Review;
};

export interface MechanismScore {
  score: number | null;
  rating: Rating | null;
  /** Items answered, of all (progress). */
  answered: number;
  total: number;
}

export interface ScoreCard {
  overall: number;
  rating: Rating;
  mechanisms: Record<MechanismKey, MechanismScore>;
  answered: number;
  total: number;
}

export function ratingOf(score: number, t: Thresholds): Rating {
  if (score >= t.green) return 'green';
  if (score >= t.amber) return 'amber';
  return 'red';
}

/** Is the item answered (for progress and for submission)? An evidence item answers 无 with `answer: false`. */
export function isAnswered(item: Pick<ScoredItem, 'kind' | 'answer' | 'value' | 'evidence'>): boolean {
  switch (item.kind) {
    case 'yesno':
      return item.answer !== null;
    case 'count':
      return item.value !== null;
    case 'evidence':
      return item.evidence.length > 0 || item.answer === false;
  }
}

/** Is evidence missing where the template requires it (the item then scores 0)? */
export const lacksEvidence = (item: Pick<ScoredItem, 'evidenceRequired' | 'evidence'>) => item.evidenceRequired && item.evidence.length === 0;

export function itemScore(item: ScoredItem): number {
  if (item.review === 'failed' || lacksEvidence(item)) return 0;
  switch (item.kind) {
    case 'yesno':
      return item.answer === true ? 1 : 0;
    case 'count':
      if (item.value === null) return 0;
      if (item.target === null || item.target <= 0) return item.value > 0 ? 1 : 0;
      return Math.min(Math.max(item.value, 0) / item.target, 1);
    case 'evidence':
      return item.evidence.length > 0 ? 1 : 0;
  }
}

const percent = (earned: number, weight: number) => Math.round((earned / weight) * 100);

export function scoreCheck(items: readonly ScoredItem[], thresholds: Thresholds): ScoreCard {
  let earned = 0;
  let weight = 0;
  let answered = 0;
  const mechanisms = {} as Record<MechanismKey, MechanismScore>;
  for (const key of MECHANISMS) {
    const mine = items.filter((i) => i.mechanism === key);
    const w = mine.reduce((n, i) => n + i.weight, 0);
    const e = mine.reduce((n, i) => n + itemScore(i) * i.weight, 0);
    const a = mine.filter(isAnswered).length;
    const score = w > 0 ? percent(e, w) : null;
    mechanisms[key] = { score, rating: score === null ? null : ratingOf(score, thresholds), answered: a, total: mine.length };
    earned += e;
    weight += w;
    answered += a;
  }
  const overall = weight > 0 ? percent(earned, weight) : 0;
  return { overall, rating: ratingOf(overall, thresholds), mechanisms, answered, total: items.length };
}

/**
 * The items to look at first, most urgent first: returned by the street, judged 不达标, not yet
 * answered, missing required evidence, then below full score. Each item once, at its most urgent
 * reason, in template order within a reason.
 */
export function gapsOf(items: readonly (ScoredItem & { id: string })[]): string[] {
  const rank = (i: ScoredItem): number | null => {
    if (i.review === 'returned') return 0;
    if (i.review === 'failed') return 1;
    if (!isAnswered(i)) return 2;
    if (lacksEvidence(i)) return 3;
    if (itemScore(i) < 1) return 4;
    return null;
  };
  return items
    .map((item, index) => ({ id: item.id, index, rank: rank(item) }))
    .filter((g): g is { id: string; index: number; rank: number } => g.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((g) => g.id);
}
