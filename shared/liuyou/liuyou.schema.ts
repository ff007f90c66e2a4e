import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { text } from '../api/fields';
import { CHECK_STATES, EVIDENCE_KINDS } from './check.lifecycle';
import { CHECK_ACTIONS, TASK_ACTIONS } from './liuyou.policy';
import { PERIOD_PATTERN } from './period';
import { RATINGS, REVIEWS } from './score';
import { TASK_STATES } from './task.lifecycle';
import { AUTO_SOURCES, ITEM_KINDS, MECHANISMS, PERIOD_KINDS } from './template';

/**
 * The 六有 inputs, outputs and views. Every action on a check answers the caller's view of it, with
 * the `allowedActions` the page renders its buttons from.
 */

// ---- fields -------------------------------------------------------------------------------------

export const Period = z.string().trim().regex(PERIOD_PATTERN, '周期格式为 2026-Q4（季度）或 2026-H2（半年）');
export const ItemId = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-z]+\.[A-Za-z0-9]+$/, '项目编号格式不对');
const DateText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 2026-12-31');
const Paging = { offset: z.number().int().min(0).max(10_000).default(0), limit: z.number().int().min(1).max(50).default(20) };

// ---- inputs -------------------------------------------------------------------------------------

export const CheckRef = z.object({ checkId: Id }).strict();
export const TaskRef = z.object({ taskId: Id }).strict();

export const StreetRef = z.object({ streetId: Id }).strict();

export const ItemDefInput = z
  .object({
    id: ItemId,
    mechanism: z.enum(MECHANISMS),
    title: text(2, 40, '项目名称'),
    hint: z.string().trim().max(120, '说明最多 120 个字').default(''),
    kind: z.enum(ITEM_KINDS),
    weight: z.number().int('权重为整数').min(1, '权重至少为 1').max(10, '权重最多为 10'),
    evidenceRequired: z.boolean().default(false),
    target: z.number().min(0).max(100_000).nullable().default(null),
    unit: z.string().trim().max(6).default(''),
    auto: z.enum(AUTO_SOURCES).nullable().default(null),
  })
  .strict();

export const PublishTemplateInput = z
  .object({
    streetId: Id,
    name: text(2, 30, '清单名称'),
    periodKind: z.enum(PERIOD_KINDS),
    thresholds: z.object({ green: z.number().int().min(1).max(100), amber: z.number().int().min(1).max(100) }).strict(),
    items: z.array(ItemDefInput).min(6, '六个方面每个至少要有一项').max(60, '最多 60 项'),
    note: z.string().trim().max(200).default(''),
  })
  .strict();

export const StartCheckInput = z
  .object({
    communityId: Id,
    /** Defaults to the current period of the street's template. */
    period: Period.optional(),
  })
  .strict();

export const ListChecksInput = z
  .object({
    /** A community (its checks, newest period first) or a street (every check of a period). */
    nodeId: Id,
    period: Period.optional(),
    ...Paging,
  })
  .strict();

export const FillInput = z.union([
  z.object({ checkId: Id, itemId: ItemId, answer: z.boolean().nullable() }).strict(),
  z.object({ checkId: Id, itemId: ItemId, value: z.number().min(0, '数量不能为负').max(1_000_000).nullable() }).strict(),
]);

/** The file a photo or document brings, base64; a photo is compressed on the phone first. */
export const EvidenceFile = z
  .object({
    contentType: z.enum([
      'image/jpeg',
      'image/png',
      'image/webp',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]),
    name: z.string().trim().max(60).default(''),
    dataBase64: z
      .string()
      .min(16)
      .max(2_800_000, '文件太大，请控制在 2MB 以内')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件数据格式不对'),
  })
  .strict();

export const AddEvidenceInput = z
  .object({
    checkId: Id,
    itemId: ItemId,
    kind: z.enum(EVIDENCE_KINDS),
    /** Notes: the text (required); photos and documents: an optional caption. */
    text: z.string().trim().max(500, '说明最多 500 个字').default(''),
    file: EvidenceFile.optional(),
  })
  .strict();

export const RemoveEvidenceInput = z.object({ checkId: Id, itemId: ItemId, evidenceId: Id }).strict();

export const ReviewInput = z
  .object({
    checkId: Id,
    itemId: ItemId,
    verdict: z.enum(['approved', 'returned', 'failed']),
    comment: z.string().trim().max(200, '意见最多 200 个字').default(''),
  })
  .strict();

export const CreateTaskInput = z
  .object({
    checkId: Id,
    itemId: ItemId,
    ownerId: Id,
    dueDate: DateText,
    note: z.string().trim().max(200, '说明最多 200 个字').default(''),
  })
  .strict();

export const FinishTaskInput = z.object({ taskId: Id, note: text(2, 200, '整改情况') }).strict();

export const MatrixInput = z.object({ streetId: Id, period: Period.optional() }).strict();
export const ExportInput = z.object({ streetId: Id, period: Period }).strict();
export const AutoRecordsInput = z.object({ checkId: Id, itemId: ItemId, ...Paging }).strict();
export const MyTasksInput = z.object({ state: z.enum(TASK_STATES).optional(), ...Paging }).strict();

// ---- views --------------------------------------------------------------------------------------

const Rated = z.object({ score: z.number().int().nullable(), rating: z.enum(RATINGS).nullable(), ratingLabel: z.string() });

export const EvidenceView = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  fileId: z.string().nullable(),
  /** A URL to show or open the file; null for notes. */
  url: z.string().nullable(),
  name: z.string(),
  text: z.string(),
  byName: z.string(),
  at: z.string(),
});

export const ItemView = z.object({
  id: z.string(),
  mechanism: z.enum(MECHANISMS),
  title: z.string(),
  hint: z.string(),
  kind: z.enum(ITEM_KINDS),
  weight: z.number().int(),
  evidenceRequired: z.boolean(),
  target: z.number().nullable(),
  unit: z.string(),
  auto: z.enum(AUTO_SOURCES).nullable(),
  /** What the automatic figure counts (活跃党员志愿者…); null for items a person fills. */
  autoLabel: z.string().nullable(),
  answer: z.boolean().nullable(),
  value: z.number().nullable(),
  autoAt: z.string().nullable(),
  evidence: z.array(EvidenceView),
  answered: z.boolean(),
  lacksEvidence: z.boolean(),
  /** This item's score between 0 and 1, as the scoring rules give it now. */
  score: z.number(),
  changedByName: z.string(),
  changedAt: z.string().nullable(),
  review: z.enum(REVIEWS),
  reviewLabel: z.string(),
  reviewComment: z.string(),
  taskId: z.string().nullable(),
});
export type ItemView = z.infer<typeof ItemView>;

export const MechanismView = Rated.extend({ key: z.enum(MECHANISMS), label: z.string(), answered: z.number().int(), total: z.number().int() });

export const Line = z.object({ at: z.string(), actor: z.string(), kind: z.string(), text: z.string() });

export const TaskView = z.object({
  id: z.string(),
  state: z.enum(TASK_STATES),
  stateLabel: z.string(),
  checkId: z.string(),
  itemId: z.string(),
  itemTitle: z.string(),
  mechanismLabel: z.string(),
  communityName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  note: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneNote: z.string(),
  allowedActions: z.array(z.enum(TASK_ACTIONS)),
});
export type TaskView = z.infer<typeof TaskView>;

export const CheckView = z.object({
  id: z.string(),
  version: z.number().int(),
  state: z.enum(CHECK_STATES),
  stateLabel: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  /** 社区 or 集中居住区. */
  kindLabel: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  templateName: z.string(),
  templateVersion: z.number().int(),
  thresholds: z.object({ green: z.number(), amber: z.number() }),
  overall: Rated,
  mechanisms: z.array(MechanismView),
  answered: z.number().int(),
  total: z.number().int(),
  items: z.array(ItemView),
  /** The items to look at first, most urgent first: returned, failed, unanswered, missing evidence, below full score. */
  gaps: z.array(z.string()),
  rounds: z.number().int(),
  submittedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  scoredAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  allowedActions: z.array(z.enum(CHECK_ACTIONS)),
});
export type CheckView = z.infer<typeof CheckView>;

export const OwnerOption = z.object({ userId: z.string(), name: z.string(), roleLabel: z.string() });

export const CheckOutput = z.object({
  check: CheckView,
  timeline: z.array(Line),
  tasks: z.array(TaskView),
  /** Who a task can be given to (the community's admin and grid leaders), for those who may create one. */
  owners: z.array(OwnerOption),
});
export type CheckOutput = z.infer<typeof CheckOutput>;

export const CheckSummary = z.object({
  id: z.string(),
  state: z.enum(CHECK_STATES),
  stateLabel: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  overall: Rated,
  answered: z.number().int(),
  total: z.number().int(),
  returned: z.number().int(),
});
export const ListChecksOutput = z.object({
  checks: z.array(CheckSummary),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** The period a check started now belongs to (the street's template says quarter or half-year). */
  currentPeriod: z.string(),
});

export const TemplateView = z.object({
  id: z.string(),
  streetId: z.string().nullable(),
  version: z.number().int(),
  name: z.string(),
  periodKind: z.enum(PERIOD_KINDS),
  periodKindLabel: z.string(),
  thresholds: z.object({ green: z.number(), amber: z.number() }),
  items: z.array(ItemDefInput.required()),
  note: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string(),
});
export const TemplatesOutput = z.object({
  current: TemplateView,
  versions: z.array(z.object({ version: z.number().int(), name: z.string(), publishedAt: z.string(), publishedByName: z.string() })),
  /** The period a check started today belongs to. */
  currentPeriod: z.string(),
});

export const MatrixCell = Rated.extend({ key: z.enum(MECHANISMS) });
export const MatrixRow = z.object({
  communityId: z.string(),
  communityName: z.string(),
  kindLabel: z.string(),
  checkId: z.string().nullable(),
  state: z.enum(CHECK_STATES).nullable(),
  stateLabel: z.string(),
  answered: z.number().int(),
  total: z.number().int(),
  overall: Rated,
  /** The six mechanisms, in order. */
  cells: z.array(MatrixCell),
  /** Scored last period, for the arrow beside this period's score. */
  previous: z.number().int().nullable(),
});
export const MatrixOutput = z.object({
  streetId: z.string(),
  streetName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  thresholds: z.object({ green: z.number(), amber: z.number() }),
  rows: z.array(MatrixRow),
  /** The last periods, oldest first: the street's average of scored checks, and each community's score. */
  trend: z.array(
    z.object({
      period: z.string(),
      periodLabel: z.string(),
      average: z.number().nullable(),
      scores: z.array(z.object({ communityId: z.string(), score: z.number().int().nullable() })),
    }),
  ),
  /** Open 整改任务 of the street's communities, and how many are overdue. */
  tasks: z.object({ open: z.number().int(), overdue: z.number().int() }),
});
export type MatrixOutput = z.infer<typeof MatrixOutput>;

export const ExportOutput = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() });

export const AutoRecordsOutput = z.object({
  itemId: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  frozen: z.boolean(),
  rows: z.array(z.object({ id: z.string(), title: z.string(), detail: z.string(), at: z.string().nullable(), page: z.string().nullable() })),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

export const TaskOutput = z.object({ task: TaskView });
export const TasksOutput = z.object({ tasks: z.array(TaskView), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
