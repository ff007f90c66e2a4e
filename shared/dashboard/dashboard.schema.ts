import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { CATEGORIES } from '../orders/categories';
import { Measure } from '../orders/orders.schema';
import { DASHBOARD_PERIOD_KINDS, DASHBOARD_PERIOD_PATTERN } from './period';

// ---- inputs -----------------------------------------------------------------------------------

/** A month `2026-11`, a quarter `2026-Q4` or a year `2026`, in Beijing time. */
export const Period = z.string().regex(DASHBOARD_PERIOD_PATTERN, '统计周期格式为 2026-11、2026-Q4 或 2026');
const Month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11');

export const OverviewInput = z.object({ nodeId: Id, period: Period }).strict();
export type OverviewInput = z.infer<typeof OverviewInput>;

/**
 * The figures a dashboard number can open: the orders behind it (posted, still open, closed, left the
 * grid, reached the street, breached a clock, closed unrated, rated, rated ≤ 3★, of one category) or
 * the service entries behind an hours figure (of one source or one work unit).
 */
export const ORDER_FIGURES = ['posted', 'open', 'closed', 'leftGrid', 'leftCommunity', 'breached', 'unrated', 'rated', 'dissatisfied', 'category'] as const;
export type OrderFigure = (typeof ORDER_FIGURES)[number];
export const HOURS_FIGURES = ['hours'] as const;
export const FIGURES = [...ORDER_FIGURES, ...HOURS_FIGURES] as const;
export type Figure = (typeof FIGURES)[number];

export const SERVICE_SOURCES = ['order', 'duty', 'manual'] as const;
export type ServiceSource = (typeof SERVICE_SOURCES)[number];
export const SERVICE_SOURCE_LABELS: Record<ServiceSource, string> = { order: '接单服务', duty: '站点值班', manual: '自行填报' };

export const RecordsInput = z
  .object({
    nodeId: Id,
    period: Period,
    figure: z.enum(FIGURES),
    /** One month of the period (a point of a trend line). */
    month: Month.optional(),
    /** A child place of the node (a row of the heat table). */
    childId: Id.optional(),
    category: z.enum(CATEGORIES).optional(),
    /** Hours only: one source, or one work unit (its key in the rollup). */
    source: z.enum(SERVICE_SOURCES).optional(),
    unitKey: z
      .string()
      .regex(/^[a-z0-9]{1,16}$/, '单位编号不对')
      .optional(),
    offset: z.number().int().min(0).max(10_000).default(0),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type RecordsInput = z.infer<typeof RecordsInput>;

export const EXPORT_DATASETS = ['orders', 'service', 'liuyou', 'decisions'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_DATASET_LABELS: Record<ExportDataset, string> = { orders: '工单明细', service: '服务时长', liuyou: '六有自查', decisions: '议事决议' };
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export const ExportInput = z
  .object({
    nodeId: Id,
    period: Period,
    dataset: z.enum(EXPORT_DATASETS),
    format: z.enum(EXPORT_FORMATS).default('xlsx'),
    /** Leaders of the place only, and audited: contact names and phones of the orders in full. */
    withContacts: z.boolean().default(false),
  })
  .strict();
export type ExportInput = z.infer<typeof ExportInput>;

// ---- outputs ----------------------------------------------------------------------------------

export const MeasureAt = z.object({ month: z.string() }).and(Measure);

export const HoursSection = z.object({
  /** Hours in the period, all sources. */
  total: z.number(),
  previousTotal: z.number(),
  bySource: z.array(z.object({ source: z.enum(SERVICE_SOURCES), label: z.string(), hours: z.number(), previous: z.number() })),
  /** 双报到: hours by the work unit of in-service party members, most first. */
  byUnit: z.array(z.object({ unitKey: z.string(), workUnit: z.string(), hours: z.number() })),
  trend: z.array(z.object({ month: z.string(), order: z.number(), duty: z.number(), manual: z.number() })),
});
export type HoursSection = z.infer<typeof HoursSection>;

export const CouncilsSection = z.object({
  /** Meetings held (closed or archived) in the period, and in the one before. */
  meetings: z.number().int(),
  previousMeetings: z.number().int(),
  minutesOnTime: z.number().int(),
  /** Decisions adopted, and those whose actions are all done (办结). */
  decisions: z.number().int(),
  decisionsDone: z.number().int(),
  /** 效果共评: ratings given and their mean (1–5), null when none. */
  ratings: z.number().int(),
  effectAverage: z.number().nullable(),
  trend: z.array(z.object({ month: z.string(), meetings: z.number().int(), decisions: z.number().int(), decisionsDone: z.number().int() })),
});
export type CouncilsSection = z.infer<typeof CouncilsSection>;

/** 物业服务季度评价 in the period: residents' answers about their compounds' desks (三方共治). */
export const PropertySection = z.object({
  /** Answers last given in the period, and in the one before. */
  respondents: z.number().int(),
  previousRespondents: z.number().int(),
  /** The mean overall score (1–5, one decimal) and the share rating it 4–5; null without answers. */
  averageOverall: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
  previousSatisfiedRate: z.number().nullable(),
  /** Each aspect's mean score, for the aspects someone answered. */
  questions: z.array(z.object({ key: z.string(), short: z.string(), average: z.number() })),
  /** The quarters of the trend's months, oldest first. */
  trend: z.array(z.object({ quarter: z.string(), respondents: z.number().int(), satisfiedRate: z.number().nullable() })),
  /** A community's compounds with answers in the period; 满意率 only from MIN_RESPONDENTS answers on. */
  compounds: z.array(z.object({ nodeId: z.string(), nodeName: z.string(), respondents: z.number().int(), satisfiedRate: z.number().nullable() })),
});
export type PropertySection = z.infer<typeof PropertySection>;

export const LiuyouSection = z.object({
  /** The check period shown (the latest one scored up to the dashboard's period). */
  period: z.string().nullable(),
  rows: z.array(
    z.object({ nodeId: z.string(), nodeName: z.string(), score: z.number().nullable(), rating: z.enum(['red', 'amber', 'green']).nullable(), previous: z.number().nullable() }),
  ),
});

export const OverviewOutput = z.object({
  node: z.object({ id: z.string(), name: z.string(), kind: z.string(), level: z.enum(['street', 'community', 'grid']) }),
  period: z.string(),
  periodKind: z.enum(DASHBOARD_PERIOD_KINDS),
  periodLabel: z.string(),
  previousPeriod: z.string(),
  previousLabel: z.string(),
  measures: Measure,
  previous: Measure,
  /** The 12 months ending with the period's last, oldest first. */
  trend: z.array(MeasureAt),
  categories: z.array(z.object({ category: z.enum(CATEGORIES), posted: z.number().int(), closed: z.number().int(), previousPosted: z.number().int() })),
  /** The heat table: each child place (communities of a street, grids of a community) with its measures in the period. */
  children: z.array(z.object({ nodeId: z.string(), nodeName: z.string() }).and(Measure)),
  hours: HoursSection,
  councils: CouncilsSection,
  property: PropertySection,
  liuyou: LiuyouSection,
  /** What the caller may export here. */
  exports: z.array(z.enum(EXPORT_DATASETS)),
  /** Whether the caller may export the contacts of orders in full (audited). */
  mayExportContacts: z.boolean(),
});
export type OverviewOutput = z.infer<typeof OverviewOutput>;

export const OrderRecord = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  /** The description's first words; withheld for private orders. */
  summary: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  level: z.string(),
  maxLevel: z.string(),
  placeLabel: z.string(),
  postedAt: z.string(),
  closedAt: z.string().nullable(),
  breaches: z.number().int(),
  stars: z.number().int().nullable(),
});
export const ServiceRecordRow = z.object({
  id: z.string(),
  source: z.enum(SERVICE_SOURCES),
  sourceLabel: z.string(),
  volunteer: z.string(),
  workUnit: z.string().nullable(),
  hours: z.number(),
  at: z.string(),
});

export const RecordsOutput = z.object({
  title: z.string(),
  kind: z.enum(['orders', 'hours']),
  total: z.number().int(),
  orders: z.array(OrderRecord),
  entries: z.array(ServiceRecordRow),
});
export type RecordsOutput = z.infer<typeof RecordsOutput>;

export const ExportOutput = z.object({
  filename: z.string(),
  contentType: z.string(),
  /** The file, base64 (a phone saves it and shares it; H5 downloads it). */
  base64: z.string(),
  rows: z.number().int(),
  /** Contacts in full: the export is audited. */
  withContacts: z.boolean(),
});
export type ExportOutput = z.infer<typeof ExportOutput>;
