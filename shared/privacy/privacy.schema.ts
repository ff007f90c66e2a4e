import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';

// ---- stored: the reveal record ------------------------------------------------------------------

/** What was read in full: a phone number, an order's contact (name and phone), an address (room). */
export const REVEAL_KINDS = ['phone', 'contact', 'address'] as const;
export type RevealKind = (typeof REVEAL_KINDS)[number];
export const REVEAL_KIND_LABELS: Record<RevealKind, string> = { phone: '手机号', contact: '联系人和电话', address: '门牌地址' };

/** In which capacity the reader was entitled: a leader or admin of the place, or the order's assignee. */
export const REVEAL_AS = ['leader', 'assignee'] as const;
export type RevealAs = (typeof REVEAL_AS)[number];

/**
 * What an audit entry of a reveal carries besides its ids (`audit.reveal`): whose data, where (the
 * street, for the street's log), what, and in which capacity. Ids only: no personal data.
 */
export interface RevealMark {
  personId: string;
  streetId: string | null;
  kind: RevealKind;
  as: RevealAs;
  orderId: string | null;
}

// ---- inputs ---------------------------------------------------------------------------------------

const paging = { offset: z.number().int().min(0).max(100_000).default(0), limit: z.number().int().min(1).max(50).default(20) };

export const ExportMineInput = z.object({}).strict();
export const DeletePreviewInput = z.object({}).strict();

export const OPEN_ORDER_CHOICES = ['cancel', 'handToLeader'] as const;
export type OpenOrderChoice = (typeof OPEN_ORDER_CHOICES)[number];

export const DeleteAccountInput = z
  .object({
    /** The person types 注销: a tap alone never deletes an account. */
    confirm: z.string().trim().max(10),
    /** What becomes of their open orders: required when there are any (deletePreview lists them). */
    openOrders: z.enum(OPEN_ORDER_CHOICES).optional(),
  })
  .strict();
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;

export const MyRevealsInput = z.object(paging).strict();

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-01');
export const RevealLogInput = z
  .object({
    streetId: Id,
    /** Only this reader's reveals. */
    actorId: Id.optional(),
    kind: z.enum(REVEAL_KINDS).optional(),
    /** Beijing days, both included. */
    from: Day.optional(),
    to: Day.optional(),
    ...paging,
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type RevealLogInput = z.infer<typeof RevealLogInput>;

// ---- outputs --------------------------------------------------------------------------------------

/** One record of the export: a one-line summary for the readable page and the data itself. */
export const ExportRecord = z.object({
  id: z.string(),
  at: z.string().nullable(),
  /** 「2026年12月1日 报事：水电维修（已办结）」 */
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const ExportSection = z.object({
  /** The section's stable key: `profile`, `roles`, `orders`, `ratings`, `reveals`… */
  key: z.string(),
  /** 「我报的事」 */
  title: z.string(),
  records: z.array(ExportRecord),
});
export type ExportSection = z.infer<typeof ExportSection>;

export const ExportMineOutput = z.object({
  format: z.literal('honglin.personal-data/1'),
  generatedAt: z.string(),
  userId: z.string(),
  /** The file name the app saves it under: 红邻-我的数据-20261206.json */
  fileName: z.string(),
  sections: z.array(ExportSection),
});
export type ExportMineOutput = z.infer<typeof ExportMineOutput>;

export const DeletePreviewOutput = z.object({
  openOrders: z.array(z.object({ id: z.string(), category: z.string(), stateLabel: z.string(), postedAt: z.string() })),
  roles: z.array(z.object({ role: z.string(), roleLabel: z.string(), placeName: z.string() })),
  /** What is removed, in plain words. */
  removed: z.array(z.string()),
  /** What is kept without a name, and why. */
  kept: z.array(z.string()),
  /** Why the account cannot be deleted now (the last admin of a place), or null. */
  blocked: z.string().nullable(),
});
export type DeletePreviewOutput = z.infer<typeof DeletePreviewOutput>;

export const DeleteAccountOutput = z.object({
  deleted: z.literal(true),
  cancelled: z.number().int(),
  handedOver: z.number().int(),
  rolesReleased: z.number().int(),
});
export type DeleteAccountOutput = z.infer<typeof DeleteAccountOutput>;

/** One reveal as its subject sees it: who (a leader by role and name, an assignee as 接单志愿者), when, what, for which order. */
export const MyRevealView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(REVEAL_KINDS),
  kindLabel: z.string(),
  /** 「网格长 李建国」 or 「接单志愿者」 */
  by: z.string(),
  orderId: z.string().nullable(),
  /** 「水电维修 · 12月1日」 */
  orderLabel: z.string().nullable(),
  reason: z.string().nullable(),
});
export type MyRevealView = z.infer<typeof MyRevealView>;

export const MyRevealsOutput = z.object({
  items: z.array(MyRevealView),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

/** One reveal in the street's log: the reader named (staff acting in office), the person masked. */
export const RevealLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(REVEAL_KINDS),
  kindLabel: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  actorRoleLabel: z.string(),
  /** 「张**」 */
  personMasked: z.string(),
  orderId: z.string().nullable(),
  reason: z.string().nullable(),
});
export type RevealLogEntry = z.infer<typeof RevealLogEntry>;

export const RevealLogOutput = z.object({
  items: z.array(RevealLogEntry),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** Who revealed most in the filtered range (at most 10), to spot abuse; `capped` when the range held more than could be counted. */
  byActor: z.array(z.object({ actorId: z.string().nullable(), actorName: z.string(), actorRoleLabel: z.string(), count: z.number().int() })),
  capped: z.boolean(),
});
export type RevealLogOutput = z.infer<typeof RevealLogOutput>;
