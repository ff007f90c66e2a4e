import { dashboardPeriodOf, monthsOfPeriod, periodLabel, periodOfMonth } from '../dashboard/period';
import type { Instant } from '../kernel/time';
import type { GovernanceModel } from './labels';

/**
 * 评议监督, the residents' part: once a quarter, the people who live in a compound rate the service of
 * its desk as a whole (the property company in a 1+3 compound, the supervising unit's logistics in a
 * 1+2, the party branch or self-governance committee in a 1+1) in a short questionnaire — an overall
 * score and three or four aspects, 1 to 5, and a few words if they like. One answer per person per
 * quarter; answering again in the same quarter replaces it. Zod-free: the pages import it.
 *
 * The results are read from rollups (`survey.rollup.ts`), so a place's figure costs the same however
 * many people answered. A compound's results are shown once MIN_RESPONDENTS people answered: with
 * fewer, neighbours could tell who gave which score.
 */

export const SURVEY_KEYS = ['overall', 'repair', 'clean', 'safety', 'fees'] as const;
export type SurveyKey = (typeof SURVEY_KEYS)[number];

export interface SurveyQuestion {
  key: SurveyKey;
  /** The question as a 70-year-old reads it. */
  title: string;
  /** The aspect's name in a table or chart. */
  short: string;
}

/** The desk's service, as the questions name it. */
export const SERVICE_NAMES: Record<GovernanceModel, string> = { '1+3': '物业服务', '1+2': '单位后勤服务', '1+1': '小区党支部（自治会）的服务' };

const QUESTIONS: Record<SurveyKey, (service: string) => SurveyQuestion> = {
  overall: (service) => ({ key: 'overall', title: `总的来说，您对本小区的${service}满意吗？`, short: '总体满意' }),
  repair: () => ({ key: 'repair', title: '报修以后，修得及时、修得好吗？', short: '报修办理' }),
  clean: () => ({ key: 'clean', title: '楼道、绿化和垃圾清运干净吗？', short: '环境卫生' }),
  safety: () => ({ key: 'safety', title: '门岗、巡逻和停车秩序好吗？', short: '安全秩序' }),
  fees: () => ({ key: 'fees', title: '物业费收支和公共收益公开吗？', short: '收费公开' }),
};

/** The questions a compound's residents are asked: fees only where a property company charges them. */
export function surveyQuestions(model: GovernanceModel): SurveyQuestion[] {
  const keys: SurveyKey[] = model === '1+3' ? [...SURVEY_KEYS] : SURVEY_KEYS.filter((k) => k !== 'fees');
  return keys.map((k) => QUESTIONS[k](SERVICE_NAMES[model]));
}

/** The words under each score, lowest first. */
export const SCORE_WORDS = ['很不满意', '不满意', '一般', '满意', '很满意'] as const;

export const scoreWord = (score: number): string => SCORE_WORDS[Math.min(5, Math.max(1, Math.round(score))) - 1]!;

/** A score of 4 or 5 counts as satisfied (满意率), as the orders' 满意度 counts stars. */
export const SATISFIED_AT = 4;

/** Results of a compound are shown from this many answers on. */
export const MIN_RESPONDENTS = 3;

/** The most words a comment may have. */
export const MAX_SURVEY_COMMENT = 200;

/** The quarter an instant falls in, on the Beijing calendar: `2026-Q4`. */
export const surveyQuarterOf = (at: Instant): string => dashboardPeriodOf('quarter', at);

/** The quarter of a Beijing month: `2026-11` → `2026-Q4`. */
export const quarterOfMonth = (month: string): string => periodOfMonth('quarter', month);

/** 2026年第4季度. */
export const quarterLabel = (quarter: string): string => periodLabel(quarter);

/** The quarter's three months, in order. */
export const quarterMonths = (quarter: string): string[] => monthsOfPeriod(quarter);

/** A person's scores: every question of their compound's model, each 1–5. */
export type SurveyScores = Partial<Record<SurveyKey, number>>;

/**
 * Which question a set of scores misses or should not have, for the compound's model; null when they
 * are exactly its questions. The schema has checked each score is a whole number from 1 to 5.
 */
export function scoresProblem(model: GovernanceModel, scores: SurveyScores): { key: SurveyKey; missing: boolean } | null {
  const asked = new Set(surveyQuestions(model).map((q) => q.key));
  for (const key of SURVEY_KEYS) {
    const given = scores[key] !== undefined;
    if (asked.has(key) && !given) return { key, missing: true };
    if (!asked.has(key) && given) return { key, missing: false };
  }
  return null;
}

// ---- the counts a rollup keeps and what they mean ---------------------------------------------

/** The rollup counts of one answer: `answers` 1, `satisfied`, each question's sum and count, the overall score's bucket. */
export function surveyCounts(scores: SurveyScores): Record<string, number> {
  const counts: Record<string, number> = { answers: 1 };
  const overall = scores.overall ?? 0;
  if (overall >= SATISFIED_AT) counts.satisfied = 1;
  if (overall >= 1) counts[`o_${overall}`] = 1;
  for (const key of SURVEY_KEYS) {
    const s = scores[key];
    if (s === undefined) continue;
    counts[`s_${key}`] = s;
    counts[`n_${key}`] = 1;
  }
  return counts;
}

export interface SurveyFigures {
  /** How many people answered. */
  respondents: number;
  /** At least MIN_RESPONDENTS answered: the scores may be shown for one compound. */
  enough: boolean;
  /** The average overall score, one decimal; null with no answer. */
  averageOverall: number | null;
  /** The share who gave the overall question 4 or 5 (满意率); null with no answer. */
  satisfiedRate: number | null;
  /** Each aspect someone answered: its average, one decimal. */
  questions: { key: SurveyKey; short: string; average: number; answered: number }[];
  /** How many gave the overall question 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** The figures of summed rollup counts (of one place, over any months). */
export function surveyFigures(counts: Readonly<Record<string, number>>): SurveyFigures {
  const respondents = counts.answers ?? 0;
  const questions = SURVEY_KEYS.filter((k) => (counts[`n_${k}`] ?? 0) > 0).map((key) => ({
    key,
    short: QUESTIONS[key]('').short,
    average: oneDecimal((counts[`s_${key}`] ?? 0) / counts[`n_${key}`]!),
    answered: counts[`n_${key}`]!,
  }));
  return {
    respondents,
    enough: respondents >= MIN_RESPONDENTS,
    averageOverall: respondents > 0 && counts.n_overall ? oneDecimal((counts.s_overall ?? 0) / counts.n_overall) : null,
    satisfiedRate: respondents > 0 ? (counts.satisfied ?? 0) / respondents : null,
    questions,
    distribution: [1, 2, 3, 4, 5].map((n) => counts[`o_${n}`] ?? 0) as SurveyFigures['distribution'],
  };
}

/** A whole-number percentage of a rate, 0 without one (the 六有 item's figure). */
export const ratePercent = (rate: number | null): number => (rate === null ? 0 : Math.round(rate * 100));
