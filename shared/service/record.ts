import { csvText } from '../kernel/csv';

/**
 * 双报到 service record: hours from three sources, always kept apart —
 * closed orders (verified, from the request loop), station duty (verified, from check-in/out), and
 * hand-entered hours (pending until a community admin approves; capped per month).
 */
export const SOURCES = ['order', 'duty', 'manual'] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, string> = { order: '接单服务', duty: '站点值班', manual: '自行填报' };

export const MANUAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/** Hand-entered hours that can be approved per volunteer per month. */
export const MANUAL_CAP_HOURS = 20;
/** Points per verified hour; orders add their rating bonus on top (in their own entries). */
export const POINTS_PER_HOUR = 10;

const round = (n: number) => Math.round(n * 100) / 100;

/** 积分 = 时长 × 10 + bonus (an order's rating), to the hundredth. Every entry's points come from here. */
export const pointsFor = (hours: number, bonus = 0) => round(hours * POINTS_PER_HOUR + bonus);

/** Minutes as hours, to the hundredth (a duty's 150 minutes are 2.5 hours). */
export const hoursOf = (minutes: number) => round(minutes / 60);
/** Star levels at 100 / 300 / 600 / 1,000 / 1,500 verified hours. */
export const STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

export interface Entry {
  source: Source;
  hours: number;
  points: number;
  /** Orders and duty are verified when written; manual entries only once approved. */
  verified: boolean;
  status?: ManualStatus;
  /** A duty the scheduler closed without a shift waits for a leader's confirmation (0 h until then). */
  confirmation?: 'none' | 'awaiting' | 'confirmed';
  month: string;
}

export interface RecordSummary {
  bySource: Record<Source, { hours: number; points: number; entries: number }>;
  pendingManualHours: number;
  /** Duties closed automatically that wait for a leader to confirm their hours. */
  awaitingDutyEntries: number;
  verifiedHours: number;
  points: number;
  stars: number;
  nextStarAt: number | null;
}

export function starsFor(hours: number): number {
  return STAR_THRESHOLDS.filter((t) => hours >= t).length;
}

/** Sums a volunteer's entries by source; only verified ones count toward hours, points and stars. */
export function summarize(entries: readonly Entry[]): RecordSummary {
  const bySource = Object.fromEntries(SOURCES.map((s) => [s, { hours: 0, points: 0, entries: 0 }])) as RecordSummary['bySource'];
  let pending = 0;
  let awaiting = 0;
  for (const e of entries) {
    if (!e.verified) {
      if (e.source === 'manual' && e.status === 'pending') pending += e.hours;
      if (e.source === 'duty' && e.confirmation === 'awaiting') awaiting++;
      continue;
    }
    const b = bySource[e.source];
    b.hours = round(b.hours + e.hours);
    b.points = round(b.points + e.points);
    b.entries++;
  }
  const verifiedHours = round(SOURCES.reduce((n, s) => n + bySource[s].hours, 0));
  const stars = starsFor(verifiedHours);
  return {
    bySource,
    pendingManualHours: round(pending),
    awaitingDutyEntries: awaiting,
    verifiedHours,
    points: round(SOURCES.reduce((n, s) => n + bySource[s].points, 0)),
    stars,
    nextStarAt: STAR_THRESHOLDS[stars] ?? null,
  };
}

/** Can `hours` more hand-entered hours be approved, given those already approved this month? */
export function withinManualCap(approvedThisMonth: number, hours: number, cap = MANUAL_CAP_HOURS): boolean {
  return approvedThisMonth + hours <= cap + 1e-9;
}

/**
 * How much of a hand-entered entry can still be approved this month, in half hours: all of it, a
 * part (the approve page offers that instead of a button that fails), or 0 at the cap.
 */
export function hoursThatFit(approvedThisMonth: number, requested: number, cap = MANUAL_CAP_HOURS): number {
  const room = Math.max(0, cap - approvedThisMonth);
  return Math.max(0, Math.min(requested, Math.floor(room * 2 + 1e-9) / 2));
}

export type ApprovalCheck = { ok: true; hours: number; partial: boolean } | { ok: false; reason: 'overEntry' | 'overCap' | 'reasonRequired' };

/**
 * 部分通过: approving `hours` of an entry of `requested` hours. Never more than was entered, never
 * past the month's cap, and a part only with a reason (the volunteer reads it in their record).
 */
export function checkApproval(input: { requested: number; hours?: number; approvedThisMonth: number; note: string; cap?: number }): ApprovalCheck {
  const hours = input.hours ?? input.requested;
  if (hours > input.requested + 1e-9) return { ok: false, reason: 'overEntry' };
  if (!withinManualCap(input.approvedThisMonth, hours, input.cap)) return { ok: false, reason: 'overCap' };
  const partial = hours < input.requested - 1e-9;
  if (partial && input.note.trim().length < 2) return { ok: false, reason: 'reasonRequired' };
  return { ok: true, hours, partial };
}

export interface ReportRow {
  name: string;
  partyBranch: string;
  orderHours: number;
  dutyHours: number;
  manualHours: number;
  totalHours: number;
}

/** An in-service party member (在职党员) as their work unit's report lists them. */
export interface UnitMember {
  id: string;
  name: string;
  workUnit: string;
  partyBranch: string;
}

/**
 * Each work unit's month (单位报告), units in name order: its members' verified hours by source,
 * most hours first, with the unit's total and the CSV for its party branch.
 */
export function workUnitReports(month: string, members: readonly UnitMember[], records: readonly (Pick<Entry, 'source' | 'hours' | 'verified'> & { volunteerId: string })[]) {
  const units = [...new Set(members.map((m) => m.workUnit))].sort();
  return units.map((unit) => {
    const rows: ReportRow[] = members
      .filter((m) => m.workUnit === unit)
      .map((m) => {
        const mine = records.filter((r) => r.volunteerId === m.id && r.verified);
        const sum = (s: Source) => round(mine.filter((r) => r.source === s).reduce((n, r) => n + r.hours, 0));
        const row = { name: m.name, partyBranch: m.partyBranch, orderHours: sum('order'), dutyHours: sum('duty'), manualHours: sum('manual'), totalHours: 0 };
        row.totalHours = round(row.orderHours + row.dutyHours + row.manualHours);
        return row;
      })
      .sort((a, b) => b.totalHours - a.totalHours || a.name.localeCompare(b.name));
    return { workUnit: unit, rows, totalHours: round(rows.reduce((n, r) => n + r.totalHours, 0)), csv: reportCsv(unit, month, rows) };
  });
}

/** A work unit's monthly report as CSV (UTF-8 with BOM so spreadsheet software reads the Chinese). */
export function reportCsv(unit: string, month: string, rows: readonly ReportRow[]): string {
  const lines = [
    ['单位', '月份', '姓名', '所在党支部', '接单服务(小时)', '站点值班(小时)', '自行填报已核(小时)', '合计(小时)'],
    ...rows.map((r) => [unit, month, r.name, r.partyBranch, r.orderHours, r.dutyHours, r.manualHours, r.totalHours]),
  ];
  return csvText(lines);
}
