import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { MapPoint } from '../api/fields';
import { CATEGORIES } from '../orders/categories';
import { MANUAL_STATUSES, SOURCES } from './record';

/** What a person may do on their own service record: 双报到 profile and hand-entered hours (volunteers). */
export const RECORD_ACTIONS = ['updateVolunteerProfile', 'submitHours'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

const Minute = z.number().int().min(0).max(1440);
export const AvailabilitySchema = z
  .object({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7), from: Minute, to: Minute })
  .strict()
  .refine((w) => w.to > w.from, { message: '结束时间要晚于开始时间', path: ['to'] });

export const UpdateVolunteerProfileInput = z
  .object({
    partyMember: z.boolean(),
    inService: z.boolean(),
    workUnit: z.string().trim().min(2).max(40).optional(),
    partyBranch: z.string().trim().min(2).max(40).optional(),
    skills: z.array(z.enum(CATEGORIES)).min(1, '至少选一项擅长').max(10),
    availability: z.array(AvailabilitySchema).min(1, '至少填一个服务时段').max(14),
    /** 常在位置: where the volunteer usually is; null clears it, absent leaves it as it was. */
    point: MapPoint.nullable().optional(),
  })
  .strict()
  .refine((v) => !v.inService || (v.workUnit && v.partyBranch), { message: '在职党员请填写工作单位和所在党支部', path: ['workUnit'] });

export const SubmitHoursInput = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-11-23'),
    hours: z.number().min(0.5, '最少 0.5 小时').max(8, '一次最多 8 小时').multipleOf(0.5, '按半小时填写'),
    description: z.string().trim().min(4, '请写清做了什么').max(200),
  })
  .strict();
export const PendingHoursInput = z.object({ communityId: Id, offset: z.number().int().min(0).max(10_000).default(0), limit: z.number().int().min(1).max(50).default(20) }).strict();
/** `hours`: approve only part of the entry (half hours); a part needs a reason in `note`. */
export const ReviewHoursInput = z
  .object({
    entryId: Id,
    approve: z.boolean(),
    hours: z.number().min(0.5, '最少通过 0.5 小时').max(8).multipleOf(0.5, '按半小时通过').optional(),
    note: z.string().trim().max(100).default(''),
  })
  .strict();
export const WorkUnitReportInput = z
  .object({ nodeId: Id, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-11'), workUnit: z.string().trim().min(2).max(40).optional() })
  .strict();
export const EmptyServiceInput = z.object({}).strict();

const EntryView = z.object({
  id: z.string(),
  source: z.enum(SOURCES),
  sourceLabel: z.string(),
  hours: z.number(),
  points: z.number(),
  verified: z.boolean(),
  status: z.enum(MANUAL_STATUSES).nullable(),
  at: z.string(),
  note: z.string(),
  /** A hand entry approved in part: what was entered (`hours` is what was approved). */
  requestedHours: z.number().nullable(),
  /** The reviewer's or confirming leader's words, as the volunteer reads them. */
  reviewNote: z.string().nullable(),
  /** Station duty closed by the scheduler (自动签退). */
  autoClosed: z.boolean(),
  confirmation: z.enum(['none', 'awaiting', 'confirmed']),
});
export const MyRecordOutput = z.object({
  profile: z
    .object({
      partyMember: z.boolean(),
      inService: z.boolean(),
      workUnit: z.string().nullable(),
      partyBranch: z.string().nullable(),
      skills: z.array(z.string()),
      availability: z.array(z.object({ days: z.array(z.number()), from: z.number(), to: z.number() })),
      point: z.object({ lat: z.number(), lng: z.number() }).nullable(),
      homeGrid: z.string().nullable(),
    })
    .nullable(),
  summary: z.object({
    bySource: z.record(z.string(), z.object({ hours: z.number(), points: z.number(), entries: z.number() })),
    pendingManualHours: z.number(),
    awaitingDutyEntries: z.number(),
    verifiedHours: z.number(),
    points: z.number(),
    stars: z.number(),
    nextStarAt: z.number().nullable(),
  }),
  entries: z.array(EntryView),
  allowedActions: z.array(z.enum(RECORD_ACTIONS)),
});
export const SubmitHoursOutput = z.object({ entry: EntryView });
export const PendingHoursOutput = z.object({
  entries: z.array(
    EntryView.and(
      z.object({
        volunteerId: z.string(),
        volunteerName: z.string(),
        approvedThisMonth: z.number(),
        /** What of this entry still fits under the month's cap (0 at the cap): what the page offers. */
        fitsHours: z.number(),
      }),
    ),
  ),
  total: z.number(),
});
export const ReviewHoursOutput = z.object({ entry: EntryView });
export const WorkUnitReportOutput = z.object({
  month: z.string(),
  units: z.array(
    z.object({
      workUnit: z.string(),
      rows: z.array(z.object({ name: z.string(), partyBranch: z.string(), orderHours: z.number(), dutyHours: z.number(), manualHours: z.number(), totalHours: z.number() })),
      totalHours: z.number(),
      csv: z.string(),
    }),
  ),
});
