import { CATEGORY_RULES, type Category } from './categories';
import type { OrderState } from './order.machine';

/**
 * "The same problem once" (重复提醒): how alike a resident's draft is to an open order nearby, and
 * which of the nearby orders are worth showing before they post a twin. Pure: the handler finds the
 * candidates (an indexed query), this decides.
 */

/** What is compared: a category (the draft may not have one yet) and the words. */
export interface SimilarText {
  category?: Category | null | undefined;
  text: string;
}

/** Weight of "the same category" in the score; the words weigh the rest. */
export const CATEGORY_WEIGHT = 0.2;
/** Below this score an order is not shown. */
export const SIMILAR_THRESHOLD = 0.3;
/** At most this many orders are shown. */
export const MAX_SIMILAR = 5;

/** The words without punctuation, spaces or case: what a resident types around them does not count. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Character bigrams with their counts (a single character stands for itself). */
function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Cosine of the two texts' bigram counts, in [0,1]; 1 for the same words. */
export function textSimilarity(a: string, b: string): number {
  const na = normalizeText(a);
  const nb = normalizeText(b);
  if (na === nb) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  if (ga.size === 0 || gb.size === 0) return 0;
  let dot = 0;
  for (const [g, n] of ga) dot += n * (gb.get(g) ?? 0);
  if (dot === 0) return 0;
  let sa = 0;
  let sb = 0;
  for (const n of ga.values()) sa += n * n;
  for (const n of gb.values()) sb += n * n;
  return Math.min(1, Math.max(0, dot / Math.sqrt(sa * sb)));
}

/**
 * How alike two problems are, in [0,1], symmetric, 1 for the same words in the same category.
 * The category only adds to words that have something in common: two unrelated texts of one
 * category score 0. Without a category on either side, the words alone decide.
 */
export function similarity(a: SimilarText, b: SimilarText): number {
  const t = textSimilarity(a.text, b.text);
  if (t === 0) return 0;
  if (!a.category || !b.category) return t;
  const score = (1 - CATEGORY_WEIGHT) * t + (a.category === b.category ? CATEGORY_WEIGHT : 0);
  return Math.round(score * 1e6) / 1e6;
}

/** A private order (disputes, care needs) is never shown to anyone but who handles it. */
export const isPrivateOrder = (o: { private: boolean; category: Category }): boolean => o.private || CATEGORY_RULES[o.category].private;

/** What the picker needs of a nearby order. */
export interface SimilarCandidate {
  _id: string;
  posterId: string;
  category: Category;
  description: string;
  private: boolean;
  state: OrderState;
  postedAt: string;
  place: { buildingId: string | null };
}

export interface SimilarPick<C extends SimilarCandidate> {
  order: C;
  score: number;
  sameBuilding: boolean;
}

const SHOWN_STATES: readonly OrderState[] = ['dispatching', 'offered', 'waiting', 'pool', 'accepted', 'resolved', 'reopened'];

/**
 * The nearby orders worth showing to `viewerId` for `draft`: open, not private, not their own,
 * scoring at least the threshold; best first (then the same building, then the newest), at most 5.
 */
export function pickSimilar<C extends SimilarCandidate>(draft: SimilarText, candidates: readonly C[], viewerId: string, buildingId: string | null = null): SimilarPick<C>[] {
  if (normalizeText(draft.text).length < 2) return [];
  const picks: SimilarPick<C>[] = [];
  for (const order of candidates) {
    if (isPrivateOrder(order) || order.posterId === viewerId || !SHOWN_STATES.includes(order.state)) continue;
    const score = similarity(draft, { category: order.category, text: order.description });
    if (score < SIMILAR_THRESHOLD) continue;
    picks.push({ order, score, sameBuilding: buildingId !== null && order.place.buildingId === buildingId });
  }
  return picks
    .sort(
      (a, b) => b.score - a.score || Number(b.sameBuilding) - Number(a.sameBuilding) || (a.order.postedAt < b.order.postedAt ? 1 : a.order.postedAt > b.order.postedAt ? -1 : 0),
    )
    .slice(0, MAX_SIMILAR);
}

/** Households an order speaks for: the poster's and each neighbour who said "我也遇到了". */
export const householdsOf = (o: { affected?: readonly string[] | null }): number => 1 + (o.affected?.length ?? 0);

/** A place as the territory names it: the ids of its ancestors and itself. */
type AreaIds = { gridId?: string | null; microGridId?: string | null };

/**
 * Whether someone whose home is at `home` lives near a problem at `place`: the same micro-grid, or
 * the same grid when the place has no micro-grid. Nobody without a home lives near anything.
 */
export function livesNear(home: AreaIds | null | undefined, place: AreaIds): boolean {
  if (!home) return false;
  if (place.microGridId) return home.microGridId === place.microGridId;
  return Boolean(place.gridId) && home.gridId === place.gridId;
}
