import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { SCAN_OFFERS } from './stations.policy';

/** What the caller may do with a station: edit it, print its fixed code, run its check-in screen, authorize its screens (大屏设备). */
export const STATION_ACTIONS = ['save', 'permanentCode', 'screenCode', 'manageDevices'] as const;
export type StationAction = (typeof STATION_ACTIONS)[number];

const Minute = z.number().int().min(0).max(1440);
const Days = z.array(z.number().int().min(1).max(7)).min(1).max(7);

export const HoursSchema = z
  .object({ days: Days, open: Minute, close: Minute })
  .strict()
  .refine((h) => h.close > h.open, { message: '关门时间要晚于开门时间', path: ['close'] });
export const RosterSlotSchema = z
  .object({ userId: Id, days: Days, from: Minute, to: Minute })
  .strict()
  .refine((s) => s.to > s.from, { message: '值班结束要晚于开始', path: ['to'] });
const Point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();
/** Station ids stay short: a rotating code carries one in its 20-character payload. */
const StationId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,11}$/, '站点编号为 1–11 位字母、数字');
const Scene = z
  .string()
  .trim()
  .min(3)
  .max(32, '不是红邻的二维码')
  .regex(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/, '不是红邻的二维码');

export const ListStationsInput = z.object({ point: Point.optional() }).strict();
export const StationRef = z.object({ stationId: StationId }).strict();
export const SaveStationInput = z
  .object({
    stationId: StationId.optional(),
    communityId: Id,
    name: z.string().trim().min(2).max(30),
    address: z.string().trim().min(2).max(80),
    openingHours: z.string().trim().min(2).max(40),
    hours: HoursSchema,
    point: Point.optional(),
    photo: z
      .string()
      .trim()
      .max(256)
      .regex(/^(local:\/\/|cloud:\/\/)[A-Za-z0-9._/-]+$/)
      .optional(),
    servesGridIds: z.array(Id).min(1).max(20),
    roster: z.array(RosterSlotSchema).max(200).default([]),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type SaveStationInput = z.infer<typeof SaveStationInput>;
export const ScanInput = z.object({ scene: Scene }).strict();
export const DutyOverviewInput = z
  .object({ communityId: Id, fromDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 2026-11-23'), days: z.number().int().min(1).max(31).default(7) })
  .strict();
export const EmptyInput = z.object({}).strict();
/** A leader confirms what an unplanned, automatically closed duty credits: 0 credits nothing. */
export const ConfirmDutyInput = z
  .object({
    dutyId: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/),
    minutes: z
      .number()
      .int('按整分钟确认')
      .min(0)
      .max(24 * 60),
    note: z.string().trim().min(2, '请写明确认的依据').max(100),
  })
  .strict();

const HoursView = z.object({ days: z.array(z.number()), open: z.number(), close: z.number() });
export const StationView = z.object({
  id: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  address: z.string(),
  openingHours: z.string(),
  hours: HoursView.nullable(),
  openNow: z.boolean(),
  point: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  distanceMeters: z.number().nullable(),
  photoUrl: z.string().nullable(),
  servesGrids: z.array(z.object({ id: z.string(), name: z.string() })),
  roster: z.array(z.object({ userId: z.string(), name: z.string(), days: z.array(z.number()), from: z.number(), to: z.number() })),
  onDutyNow: z.array(z.string()),
  version: z.number(),
  allowedActions: z.array(z.enum(STATION_ACTIONS)),
});
export type StationView = z.infer<typeof StationView>;

export const ListStationsOutput = z.object({ stations: z.array(StationView) });
export const StationOutput = z.object({ station: StationView });
/** `issuedAt` is the server's now: a screen counts down `expiresAt − issuedAt` from when it received the code, whatever its own clock says. */
export const CodeOutput = z.object({ scene: z.string(), imageDataUrl: z.string(), page: z.string(), issuedAt: z.string(), expiresAt: z.string().nullable() });

export const ScanOutput = z.object({
  kind: z.enum(['station', 'checkin', 'person', 'meeting']),
  offers: z.array(z.enum(SCAN_OFFERS)),
  /** Why nothing is offered, in a resident's words. */
  note: z.string().nullable(),
  /** The station scanned; `communityId` is the community it hangs off (its 六有 checklist). */
  station: z.object({ id: z.string(), name: z.string(), communityId: z.string(), gridId: z.string().nullable(), buildingId: z.string().nullable() }).nullable(),
  person: z.object({ userId: z.string(), name: z.string(), placeLabel: z.string() }).nullable(),
  /** A meeting's sign-in code: the meeting to sign in to (`councils.signIn` with the same scene). */
  meetingId: z.string().optional(),
});
export type ScanResult = z.infer<typeof ScanOutput>;

export const DutyView = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  status: z.enum(['open', 'closed', 'autoClosed']),
  planned: z.boolean(),
  late: z.boolean(),
  /** From check-in to check-out, as recorded (an automatic close ends it at its close). */
  minutes: z.number(),
  /** What the service record credits: a planned shift at most; 0 while awaiting confirmation. */
  creditedMinutes: z.number(),
  confirmation: z.enum(['none', 'awaiting', 'confirmed']),
  /** The 自动签退 words, when the scheduler closed it. */
  autoCloseNote: z.string().nullable(),
});
export type DutyView = z.infer<typeof DutyView>;
export const DutyOutput = z.object({ duty: DutyView, repeated: z.boolean() });
export const MyDutyOutput = z.object({ open: DutyView.nullable(), recent: z.array(DutyView) });
export const ConfirmDutyOutput = z.object({ duty: DutyView });
export const DutyOverviewOutput = z.object({
  stations: z.array(
    z.object({
      stationId: z.string(),
      stationName: z.string(),
      rows: z.array(
        z.object({
          date: z.string(),
          userId: z.string(),
          name: z.string(),
          kind: z.enum(['onTime', 'late', 'missed', 'unplanned', 'autoClosed', 'upcoming']),
          slot: z.object({ from: z.number(), to: z.number() }).nullable(),
          minutes: z.number(),
          dutyId: z.string().nullable(),
          creditedMinutes: z.number(),
          confirmation: z.enum(['none', 'awaiting', 'confirmed']),
          /** The 自动签退 words, when the scheduler closed the duty. */
          note: z.string().nullable(),
          allowedActions: z.array(z.enum(['confirmDuty'])),
        }),
      ),
    }),
  ),
});
