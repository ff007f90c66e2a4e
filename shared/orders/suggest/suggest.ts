import { CATEGORIES, EMERGENCIES, EMERGENCY_KEYS, URGENCIES, type Category, type EmergencyKey, type Urgency } from '../categories';
import { emergencyIn, saysNotAnEmergency } from './emergency';
import { hanShare } from './features';
import { load, logScores, probabilities, type NaiveBayes, type StoredNaiveBayes } from './naive-bayes';

/**
 * 说出来就懂: from a resident's own words, the categories best first (all ten scored), the urgency,
 * and whether it is an emergency to call 119/120/110 for instead. Runs inside the function: a
 * naive Bayes model over character pieces trained on the project's labelled phrasings
 * (`npm run train:suggest`), rules for emergencies and for the words that make a thing urgent.
 */
/** The emergency head's labels: none, or the key of the number to call. */
export const EMERGENCY_LABELS = ['none', ...EMERGENCY_KEYS] as ['none', ...EmergencyKey[]];
export type EmergencyLabel = (typeof EMERGENCY_LABELS)[number];

export interface SuggestModel {
  category: NaiveBayes<Category>;
  urgency: NaiveBayes<Urgency>;
  /** A second net under the emergency rules: words the rules do not know but that read like one. */
  emergency: NaiveBayes<EmergencyLabel>;
  /** Probability of 较急 from the model at or above which the text is urgent. */
  urgentAt: number;
  /** Probability of an emergency key from the model at or above which it counts (set low: recall first). */
  emergencyAt: number;
}

export interface StoredSuggestModel {
  version: 1;
  /** How the model was trained, so a rebuild is byte-identical. */
  trainedOn: { rows: number; alpha: number; minCount: number };
  urgentAt: number;
  emergencyAt: number;
  category: StoredNaiveBayes;
  urgency: StoredNaiveBayes;
  emergency: StoredNaiveBayes;
}

export interface Suggestion {
  suggestions: Array<{ category: Category; score: number }>;
  urgency: Urgency;
  emergency: { key: EmergencyKey; call: string } | null;
  /** False for text the model cannot read (another language, emoji, a few unknown characters): the page then preselects nothing. */
  confident: boolean;
}

export function loadModel(stored: StoredSuggestModel): SuggestModel {
  return {
    category: load<Category>(stored.category),
    urgency: load<Urgency>(stored.urgency),
    emergency: load<EmergencyLabel>(stored.emergency),
    urgentAt: stored.urgentAt,
    emergencyAt: stored.emergencyAt,
  };
}

/** Words that make a household problem urgent whatever its kind: it gets worse by the hour, or someone cannot manage today. */
const URGENT_WORDS =
  /爆|喷|淹|漫|一直(?:在)?(?:流|漏|滴|响)|哗哗|止不住|关不住|停电|没电|断电|跳闸|停水|没水|断水|(?:很|特别|非常|太|好)?急|赶紧|马上|快点|尽快|立刻|今天(?:就|必须|一定)|锁在(?:门)?外|进不去|出不去|困在|关在|下不了楼|下不去|上不去|没药了|断药|药吃完/u;

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** The emergency the model reads in the words (the net under the rules), or null. */
export function emergencyByModel(model: Pick<SuggestModel, 'emergency' | 'emergencyAt'>, text: string): EmergencyKey | null {
  const read = logScores(model.emergency, text);
  if (read.known === 0) return null;
  const p = probabilities(read.scores, read.known);
  let best: EmergencyKey | null = null;
  let bestP = model.emergencyAt;
  model.emergency.labels.forEach((label, i) => {
    if (label !== 'none' && p[i]! >= bestP) {
      best = label;
      bestP = p[i]!;
    }
  });
  return best;
}

/** The emergency the words speak of: the rules first, then the model's reading of them. */
export const emergencyOf = (model: Pick<SuggestModel, 'emergency' | 'emergencyAt'>, text: string): EmergencyKey | null =>
  emergencyIn(text) ?? (saysNotAnEmergency(text) ? null : emergencyByModel(model, text));

export function suggestWith(model: SuggestModel, text: string): Suggestion {
  const found = emergencyOf(model, text);
  const emergency = found ? { key: found, call: EMERGENCIES.find((e) => e.key === found)!.call } : null;

  const cat = logScores(model.category, text);
  const p = probabilities(cat.scores, cat.known);
  const suggestions = model.category.labels
    .map((category, i) => ({ category, score: round(p[i]!) }))
    .sort((a, b) => b.score - a.score || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));

  const urg = logScores(model.urgency, text);
  const pu = probabilities(urg.scores, urg.known);
  const urgentP = pu[model.urgency.labels.indexOf('urgent')] ?? 0;
  const urgency: Urgency = emergency || URGENT_WORDS.test(text) || urgentP >= model.urgentAt ? 'urgent' : URGENCIES[0];

  const confident = hanShare(text) >= 0.5 && cat.pieces > 0 && cat.known / cat.pieces >= 0.6 && suggestions[0]!.score >= 0.25;
  return { suggestions, urgency, emergency, confident };
}
