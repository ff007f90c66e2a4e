import { holdsOver, type Actor } from '../accounts/accounts.policy';
import { LEADER_ROLES } from '../accounts/roles';
import { OUTCOME_LABELS } from '../councils/agenda';
import type { Topic } from '../councils/topic.lifecycle';
import { csvText } from '../kernel/csv';
import { beijingDate, clockText } from '../kernel/time';
import { xlsxFile, XLSX_CONTENT_TYPE } from '../kernel/xlsx';
import { base64Of, utf8Bytes } from '../kernel/zip';
import { LIUYOU_EXPORT_HEADER, liuyouExportRows } from '../liuyou/export';
import { CATEGORY_RULES } from '../orders/categories';
import { LEVEL_LABELS } from '../orders/escalation';
import { stateLabelAt } from '../orders/order.machine';
import type { Order } from '../orders/orders.schema';
import { scrubbed } from '../open311/georeport';
import type { PlacePath } from '../territory/territory.schema';
import { EXPORT_DATASET_LABELS, SERVICE_SOURCE_LABELS, type ExportDataset, type ServiceSource } from './dashboard.schema';
import { periodLabel } from './period';

/**
 * The dashboard's exports, pure: each dataset's header and rows from its records, and the file (CSV
 * with a BOM, or .xlsx) as base64. Times are Beijing time. Nothing here names a resident unless the
 * caller asked for contacts and may have them (`mayExportContacts`); the action audits that export.
 */

export type ExportCell = string | number;
export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

/** At most this many rows in one export: beyond it, a shorter period or a smaller place. */
export const EXPORT_MAX_ROWS = 20_000;

/**
 * Contacts in full are for those who see them on every order of the place (`seesContact`: a leader
 * whose place holds the order), and only the orders carry contacts.
 */
export function mayExportContacts(actor: Actor, place: { path: PlacePath }, dataset: ExportDataset): boolean {
  return dataset === 'orders' && holdsOver(actor, LEADER_ROLES, place.path);
}

/** `2026-11-23 09:44` in Beijing time; '' when there is none. */
export function beijingDateTime(instant: string | null | undefined): string {
  return instant ? `${beijingDate(instant)} ${clockText(instant)}` : '';
}

/** Names of places (grids) by id. */
export type NameOf = (id: string | undefined | null) => string;

// ---- 工单明细 ---------------------------------------------------------------------------------------

export type ExportedOrder = Pick<
  Order,
  | '_id'
  | 'category'
  | 'description'
  | 'private'
  | 'state'
  | 'level'
  | 'maxLevel'
  | 'place'
  | 'postedAt'
  | 'acceptedAt'
  | 'closedAt'
  | 'breaches'
  | 'rating'
  | 'contact'
  | 'posterId'
  | 'desk'
>;

export const PRIVATE_SUMMARY = '（涉及隐私，内容不在列表显示）';

/**
 * The first words of a description, as the dashboard's lists show them: withheld for a private
 * order. Without contacts, the people in it (their name, phone, room, any long run of digits) are
 * taken out too.
 */
export function orderSummary(o: ExportedOrder, withContacts: boolean): string {
  if (o.private || CATEGORY_RULES[o.category].private) return PRIVATE_SUMMARY;
  const text = withContacts ? o.description : scrubbed(o.description, o);
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

export function ordersTable(orders: readonly ExportedOrder[], gridName: NameOf, withContacts: boolean): ExportTable {
  const header = ['编号', '类别', '内容摘要', '状态', '当前层级', '最高层级', '网格', '地点', '发布时间', '接单时间', '办结时间', '超时次数', '评价星级'];
  const sorted = [...orders].sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : a._id < b._id ? -1 : 1));
  return {
    header: withContacts ? [...header, '联系人', '联系电话'] : header,
    rows: sorted.map((o) => {
      const row: ExportCell[] = [
        o._id,
        o.category,
        orderSummary(o, withContacts),
        stateLabelAt(o.state, o.level, o.desk),
        LEVEL_LABELS[o.level],
        LEVEL_LABELS[o.maxLevel],
        gridName(o.place.path.gridId),
        o.place.label,
        beijingDateTime(o.postedAt),
        beijingDateTime(o.acceptedAt),
        beijingDateTime(o.closedAt),
        o.breaches,
        o.rating?.stars ?? '',
      ];
      return withContacts ? [...row, o.contact.name, o.contact.phone ?? ''] : row;
    }),
  };
}

// ---- 服务时长 ---------------------------------------------------------------------------------------

export interface ExportedEntry {
  _id: string;
  volunteerId: string;
  source: ServiceSource;
  hours: number;
  at: string;
  /** A hand entry's own day. */
  date?: string;
  /** The 双报到 work unit the entry counts for (an in-service party member's). */
  workUnit?: string | null;
}

/** Volunteers are named (their own service record); nothing else of them. */
export function serviceTable(entries: readonly ExportedEntry[], volunteerName: (id: string) => string): ExportTable {
  const dayOf = (e: ExportedEntry) => e.date ?? beijingDate(e.at);
  const sorted = [...entries].sort((a, b) => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : a._id < b._id ? -1 : 1));
  return {
    header: ['志愿者', '来源', '工作单位', '时长(小时)', '日期'],
    rows: sorted.map((e) => [volunteerName(e.volunteerId), SERVICE_SOURCE_LABELS[e.source], e.workUnit ?? '', e.hours, dayOf(e)]),
  };
}

// ---- 六有自查 ---------------------------------------------------------------------------------------

export function liuyouTable(checks: Parameters<typeof liuyouExportRows>[0]): ExportTable {
  return { header: [...LIUYOU_EXPORT_HEADER], rows: liuyouExportRows(checks) };
}

// ---- 议事决议 ---------------------------------------------------------------------------------------

export type ExportedTopic = Pick<Topic, '_id' | 'title' | 'private' | 'path' | 'decision' | 'actions' | 'ratingCount' | 'ratingSum'>;

export const PRIVATE_TOPIC = '（民事协调，不公开）';

/** `2/3 项已完成`, or `无行动项`. */
function actionsText(t: ExportedTopic): string {
  if (t.actions.length === 0) return '无行动项';
  return `${t.actions.filter((a) => a.doneAt !== null).length}/${t.actions.length} 项已完成`;
}

/** `4.5 星（2 人评价）`, or `暂无评价`. */
function effectText(t: ExportedTopic): string {
  if (t.ratingCount === 0) return '暂无评价';
  return `${Math.round((t.ratingSum / t.ratingCount) * 10) / 10} 星（${t.ratingCount} 人评价）`;
}

export function decisionsTable(topics: readonly ExportedTopic[], gridName: NameOf): ExportTable {
  const decided = topics.filter((t): t is ExportedTopic & { decision: NonNullable<Topic['decision']> } => t.decision !== null);
  const sorted = [...decided].sort((a, b) => (a.decision.at < b.decision.at ? -1 : a.decision.at > b.decision.at ? 1 : a._id < b._id ? -1 : 1));
  return {
    header: ['议题', '网格', '决议时间', '结果', '行动项完成情况', '效果共评'],
    rows: sorted.map((t) => [
      t.private ? PRIVATE_TOPIC : t.title,
      gridName(t.path.gridId),
      beijingDateTime(t.decision.at),
      OUTCOME_LABELS[t.decision.outcome],
      actionsText(t),
      effectText(t),
    ]),
  };
}

// ---- the file ---------------------------------------------------------------------------------------

export interface ExportFile {
  filename: string;
  contentType: string;
  base64: string;
}

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** `红邻-工单明细-柳湾街道-2026年11月.xlsx`: no character a file system refuses. */
export function exportFilename(dataset: ExportDataset, placeName: string, period: string, format: 'csv' | 'xlsx'): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return `红邻-${EXPORT_DATASET_LABELS[dataset]}-${safe(placeName)}-${periodLabel(period)}.${format}`;
}

/** The table as a file: CSV (BOM, formula-safe) or .xlsx (a sheet named after the dataset). */
export function exportFile(table: ExportTable, dataset: ExportDataset, placeName: string, period: string, format: 'csv' | 'xlsx'): ExportFile {
  const filename = exportFilename(dataset, placeName, period, format);
  const bytes = format === 'csv' ? utf8Bytes(csvText([table.header, ...table.rows])) : xlsxFile({ name: EXPORT_DATASET_LABELS[dataset], header: table.header, rows: table.rows });
  return { filename, contentType: format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE, base64: base64Of(bytes) };
}
