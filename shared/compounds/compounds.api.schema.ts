import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { CATEGORIES } from '../orders/categories';
import { CompoundBranch, GOVERNANCE_MODELS, PARTIES, PropertyDesk, ResponsibilityRule, SupervisingUnit } from './compounds.schema';
import { ROUTE_SOURCES } from './responsibility';
import { MAX_SURVEY_COMMENT, SURVEY_KEYS } from './survey';

/** The inputs and outputs of the `compounds` function (the stored shapes are in compounds.schema.ts). */

export const COMPOUND_LIST_ACTIONS = ['save'] as const;
export type ResponsibilityListAction = (typeof COMPOUND_LIST_ACTIONS)[number];

// ---- list --------------------------------------------------------------------------------------

export const ListCompoundsInput = z.object({ communityId: Id }).strict();

export const CompoundView = z.object({
  id: z.string(),
  name: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  model: z.enum(GOVERNANCE_MODELS),
  modelLabel: z.string(),
  buildingCount: z.number().int(),
  property: PropertyDesk.nullable(),
  unit: SupervisingUnit.nullable(),
  branch: CompoundBranch.nullable(),
  /** How many people hold 物业客服 at the compound. */
  deskStaff: z.number().int(),
});
export type CompoundView = z.infer<typeof CompoundView>;

export const ListCompoundsOutput = z.object({ items: z.array(CompoundView) });
export type ListCompoundsOutput = z.infer<typeof ListCompoundsOutput>;

// ---- the responsibility list (责任清单) 公示 ------------------------------------------------------

export const ResponsibilitiesInput = z.object({ communityId: Id }).strict();

export const ResponsibilityCellView = z.object({
  model: z.enum(GOVERNANCE_MODELS),
  owner: z.enum(PARTIES),
  ownerLabel: z.string(),
  hours: z.number().int().nullable(),
  source: z.enum(ROUTE_SOURCES),
});
export const ResponsibilityRowView = z.object({ category: z.enum(CATEGORIES), cells: z.array(ResponsibilityCellView) });

/** One save of the list: when, who (named at read time, with the role they saved as) and what changed. */
export const ResponsibilityChangeView = z.object({
  at: z.string(),
  by: z.object({ name: z.string(), roleLabel: z.string() }),
  lines: z.array(z.string()),
});
export type ResponsibilityChangeView = z.infer<typeof ResponsibilityChangeView>;

export const ResponsibilitiesOutput = z.object({
  communityId: z.string(),
  communityName: z.string(),
  /** The stored list's version, 0 when the community never saved one: the `baseVersion` of the next save. */
  version: z.number().int().min(0),
  rules: z.array(ResponsibilityRule),
  /** No list stored: `rules` are the street's defaults. */
  isDefault: z.boolean(),
  table: z.array(ResponsibilityRowView),
  /** The community's compounds, for lines of one compound. */
  compounds: z.array(z.object({ id: z.string(), name: z.string(), model: z.enum(GOVERNANCE_MODELS) })),
  /** The last saves, newest first. */
  changes: z.array(ResponsibilityChangeView),
  allowedActions: z.array(z.enum(COMPOUND_LIST_ACTIONS)),
});
export type ResponsibilitiesOutput = z.infer<typeof ResponsibilitiesOutput>;

// ---- 评议监督: the monthly review of a compound's desk ----------------------------------------------

/** A Beijing month, `2026-11`. */
export const ReviewMonth = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11');

export const ReviewInput = z
  .object({
    compoundId: Id,
    /** The Beijing month of posting; this month when left out. */
    month: ReviewMonth.optional(),
  })
  .strict();
export type ReviewInput = z.infer<typeof ReviewInput>;

/** A desk's "not ours", in its own words: no resident, no staff member named. */
export const ReviewRefusal = z.object({ at: z.string(), category: z.enum(CATEGORIES), deskName: z.string(), reason: z.string() });
export type ReviewRefusal = z.infer<typeof ReviewRefusal>;

const Count = z.number().int().min(0);
const Rate = z.number().min(0).max(1).nullable();

export const CategoryReview = z.object({
  category: z.enum(CATEGORIES),
  orders: Count,
  sent: Count,
  taken: Count,
  resolved: Count,
  onTime: Count,
  /** Orders the desk said "not ours" to. */
  refused: Count,
  open: Count,
});
export type CategoryReview = z.infer<typeof CategoryReview>;

export const ReviewMeasures = z.object({
  /** Posted in the compound in the month. */
  orders: Count,
  /** Sent to the desk by the responsibility list (派给物业). */
  sent: Count,
  /** Taken by the desk's staff (物业接单). */
  taken: Count,
  /** Resolved by the desk (物业办结). */
  resolved: Count,
  /** Resolved by the desk at or before its due time. */
  onTime: Count,
  /** 按时办结率: onTime ÷ resolved; null when the desk resolved none. */
  onTimeRate: Rate,
  /** The desk's resolved orders the resident rated. */
  rated: Count,
  /** 满意度: the average stars of those, one decimal; null when none was rated. */
  averageStars: z.number().min(1).max(5).nullable(),
  /** The share of those rated 4–5★; null when none was rated. */
  satisfiedRate: Rate,
  /** 物业退回: how many times a desk said "not ours". */
  refused: Count,
  /** The orders those refusals were about. */
  refusedOrders: Count,
  /** Newest first. */
  refusals: z.array(ReviewRefusal),
  /** 办理中: still with the desk. */
  open: Count,
  /** The categories that had orders, in the categories' order. */
  byCategory: z.array(CategoryReview),
});
export type ReviewMeasures = z.infer<typeof ReviewMeasures>;

export const ReviewHeadline = z.object({
  month: z.string(),
  orders: Count,
  sent: Count,
  resolved: Count,
  onTimeRate: Rate,
  averageStars: z.number().min(1).max(5).nullable(),
  satisfiedRate: Rate,
  refused: Count,
  open: Count,
});
export type ReviewHeadline = z.infer<typeof ReviewHeadline>;

// ---- 物业服务季度评价: the residents' questionnaire --------------------------------------------------

export const SURVEY_ACTIONS = ['answer'] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];

/** The caller's own compound's questionnaire of this quarter. */
export const SurveyInput = z.object({}).strict();

const Score = z.number('请选择满意程度').int('请选择满意程度').min(1, '请选择满意程度').max(5, '请选择满意程度');

export const SurveyScoresInput = z
  .object({
    overall: Score,
    repair: Score.optional(),
    clean: Score.optional(),
    safety: Score.optional(),
    fees: Score.optional(),
  })
  .strict();

export const AnswerSurveyInput = z
  .object({
    compoundId: Id,
    scores: SurveyScoresInput,
    comment: z.string().trim().max(MAX_SURVEY_COMMENT, `意见建议最多 ${MAX_SURVEY_COMMENT} 个字`).optional(),
  })
  .strict();
export type AnswerSurveyInput = z.infer<typeof AnswerSurveyInput>;

export const SurveyQuestionView = z.object({ key: z.enum(SURVEY_KEYS), title: z.string(), short: z.string() });

export const SurveyView = z.object({
  /** The compound the caller lives in; null when their home is in none (or they have no home). */
  compound: z.object({ id: z.string(), name: z.string(), model: z.enum(GOVERNANCE_MODELS), deskName: z.string(), serviceName: z.string() }).nullable(),
  quarter: z.string(),
  quarterLabel: z.string(),
  questions: z.array(SurveyQuestionView),
  /** The caller's answer of this quarter, if they gave one (answering again replaces it). */
  mine: z
    .object({
      scores: z.partialRecord(z.enum(SURVEY_KEYS), z.number().int().min(1).max(5)),
      comment: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  /** Why the caller may not answer, when they may not (the desk's own staff). */
  notice: z.string().nullable(),
  allowedActions: z.array(z.enum(SURVEY_ACTIONS)),
});
export type SurveyView = z.infer<typeof SurveyView>;

/** A quarter's answers of one compound, as its reviewers read them: no name, no home. */
export const SurveyResults = z.object({
  quarter: z.string(),
  quarterLabel: z.string(),
  respondents: Count,
  /** At least MIN_RESPONDENTS answered: the figures below are filled; before that they stay empty. */
  enough: z.boolean(),
  minRespondents: Count,
  averageOverall: z.number().min(1).max(5).nullable(),
  satisfiedRate: Rate,
  questions: z.array(z.object({ key: z.enum(SURVEY_KEYS), short: z.string(), average: z.number().min(1).max(5), answered: Count })),
  /** How many gave the overall question 1…5 stars. */
  distribution: z.array(Count).length(5),
  /** The latest words residents left, unsigned, with digits and names masked; newest first. */
  comments: z.array(z.object({ at: z.string(), text: z.string() })),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

export const ReviewOutput = z.object({
  compound: z.object({ id: z.string(), name: z.string(), model: z.enum(GOVERNANCE_MODELS), modelLabel: z.string(), deskName: z.string() }),
  month: z.string(),
  measures: ReviewMeasures,
  /** The month asked for and the five before it, oldest first: the chart's bars. */
  months: z.array(ReviewHeadline),
  /** The residents' questionnaire of the month's quarter. */
  survey: SurveyResults,
});
export type ReviewOutput = z.infer<typeof ReviewOutput>;
