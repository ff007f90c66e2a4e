import type { User } from '../../../shared/accounts/accounts.schema';
import { fail, ok } from '../../../shared/api/envelope';
import type { Topic } from '../../../shared/councils/topic.lifecycle';
import { dashboardsApi } from '../../../shared/dashboard/dashboard.contract';
import type { ExportInput } from '../../../shared/dashboard/dashboard.schema';
import {
  decisionsTable,
  EXPORT_MAX_ROWS,
  exportFile,
  liuyouTable,
  mayExportContacts,
  ordersTable,
  serviceTable,
  type ExportedEntry,
  type ExportTable,
  type NameOf,
} from '../../../shared/dashboard/export';
import { periodSpan } from '../../../shared/dashboard/period';
import type { Check } from '../../../shared/liuyou/check.lifecycle';
import { periodOf } from '../../../shared/liuyou/period';
import { beijingInstant } from '../../../shared/kernel/time';
import { loadNodes, type NodeDoc } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { MAX_PAGE, type Doc, type Filter, type SortSpec, type Store } from '../../_core/ports/store';
import type { OrderDoc } from '../../orders/order-store';
import { authorizePlace, loadPlace, periodMonths, type Place } from '../steps';

/** Too many rows: the caller is told to narrow the period or the place. */
class TooMany extends Error {}

/**
 * Every row of an index-backed query, at most `cap`: the count first (over the cap → TooMany), then
 * the pages side by side.
 */
async function readAll<T extends Doc>(store: Store, collection: string, filter: Filter, sort: SortSpec, cap: number): Promise<T[]> {
  const total = await store.count(collection, filter);
  if (total > cap) throw new TooMany();
  const skips: number[] = [];
  for (let skip = 0; skip < total; skip += MAX_PAGE) skips.push(skip);
  const pages = await Promise.all(skips.map((skip) => store.find<T>(collection, filter, { sort, skip, limit: MAX_PAGE })));
  return pages.flat();
}

const chunks = <T>(xs: readonly T[], n = 500): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** Names of grids by id, one indexed read per thousand. */
async function gridNames(store: Store, ids: readonly (string | undefined)[]): Promise<NameOf> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const maps = await Promise.all(chunks(unique, MAX_PAGE).map((c) => loadNodes(store, c)));
  const names = new Map(maps.flatMap((m) => [...m.values()].map((n) => [n._id, n.name] as const)));
  return (id: string | null | undefined) => (id ? (names.get(id) ?? '') : '');
}

/** The communities (and 集中居住区) a place lies in or holds: a street's children, else its own. */
async function communitiesOf(store: Store, place: Place): Promise<string[]> {
  if (place.level !== 'street') return [place.node.path.communityId ?? place.scopeId];
  const kids = await store.find<NodeDoc>(
    'nodes',
    { parentId: place.node._id },
    {
      sort: [
        ['parentId', 1],
        ['order', 1],
      ],
      limit: MAX_PAGE,
    },
  );
  return kids.filter((n) => n.kind === 'community' || n.kind === 'settlement').map((n) => n._id);
}

/** 工单明细: the place's orders posted in the period's months (withdrawn ones left out, as on the dashboard). */
async function ordersOf(store: Store, place: Place, months: readonly string[], withContacts: boolean): Promise<ExportTable> {
  const key = `place.path.${place.key}`;
  const orders = await readAll<OrderDoc>(
    store,
    'orders',
    { [key]: place.scopeId, month: { $in: [...months] }, state: { $ne: 'cancelled' } },
    [
      [key, 1],
      ['month', 1],
    ],
    EXPORT_MAX_ROWS,
  );
  return ordersTable(
    orders,
    await gridNames(
      store,
      orders.map((o) => o.place.path.gridId),
    ),
    withContacts,
  );
}

/**
 * 服务时长: the entries the dashboard's hours of the place are made of (verified, with hours; see
 * `hours-records.ts`), of the period's months: each entry keeps the street, community and grid where
 * the service was given.
 */
async function serviceOf(store: Store, place: Place, months: readonly string[]): Promise<ExportTable> {
  const entries = await readAll<ExportedEntry & Doc>(
    store,
    'service_records',
    { [place.key]: place.scopeId, month: { $in: [...months] }, verified: true, hours: { $gt: 0 } },
    [
      [place.key, 1],
      ['month', -1],
      ['at', -1],
    ],
    EXPORT_MAX_ROWS,
  );
  const ids = [...new Set(entries.map((e) => e.volunteerId))];
  const users = (await Promise.all(chunks(ids, MAX_PAGE).map((c) => store.find<User & Doc>('users', { _id: { $in: c } }, { limit: c.length })))).flat();
  const names = new Map(users.map((u) => [u._id, u.name]));
  return serviceTable(entries, (id) => names.get(id) ?? '（已注销）');
}

/**
 * 六有自查: the checks of the place's communities (a grid's: its community's) whose check period
 * (a quarter or a half-year) overlaps the dashboard's period.
 */
async function liuyouOf(store: Store, place: Place, months: readonly string[]): Promise<ExportTable> {
  const at = (m: string) => beijingInstant(`${m}-01`);
  const periods = [...new Set(months.flatMap((m) => [periodOf('quarter', at(m)), periodOf('half', at(m))]))];
  const byStreet = place.level === 'street';
  const key = byStreet ? 'path.streetId' : 'path.communityId';
  const checks = await readAll<Check & Doc>(
    store,
    'liuyou_checks',
    { [key]: byStreet ? place.scopeId : (place.node.path.communityId ?? place.scopeId), period: { $in: periods } },
    [
      [key, 1],
      ['period', byStreet ? 1 : -1],
    ],
    EXPORT_MAX_ROWS,
  );
  const sorted = [...checks].sort(
    (a, b) => a.communityName.localeCompare(b.communityName, 'zh-CN') || a.communityId.localeCompare(b.communityId) || a.period.localeCompare(b.period),
  );
  const table = liuyouTable(sorted);
  if (table.rows.length > EXPORT_MAX_ROWS) throw new TooMany();
  return table;
}

/** 议事决议: the place's council topics decided (表决) in the period. */
async function decisionsOf(store: Store, place: Place, period: string): Promise<ExportTable> {
  const { from, to } = periodSpan(period);
  const communities = await communitiesOf(store, place);
  const filter: Filter = { 'path.communityId': { $in: communities }, 'decision.at': { $gte: from, $lt: to } };
  if (place.level === 'grid') filter['path.gridId'] = place.scopeId;
  const topics = communities.length
    ? await readAll<Topic & Doc>(
        store,
        'topics',
        filter,
        [
          ['path.communityId', 1],
          ['decision.at', 1],
        ],
        EXPORT_MAX_ROWS,
      )
    : [];
  return decisionsTable(
    topics,
    await gridNames(
      store,
      topics.map((t) => t.path.gridId),
    ),
  );
}

function tableOf(store: Store, place: Place, input: ExportInput): Promise<ExportTable> {
  const { months } = periodMonths(input.period);
  switch (input.dataset) {
    case 'orders':
      return ordersOf(store, place, months, input.withContacts);
    case 'service':
      return serviceOf(store, place, months);
    case 'liuyou':
      return liuyouOf(store, place, months);
    case 'decisions':
      return decisionsOf(store, place, input.period);
  }
}

/**
 * 导出: one dataset of the place for a period, as CSV or .xlsx, base64. Contacts in full only for
 * the orders and for a leader of the place (DASHBOARD.CONTACTS_NOT_ALLOWED otherwise), and such an
 * export is audited (how many rows, never whose). More than EXPORT_MAX_ROWS rows answers
 * DASHBOARD.TOO_MANY_ROWS.
 */
export const exportData = defineAction(dashboardsApi.exportData, {
  load: (ctx, input) => loadPlace(ctx.ports.store, input.nodeId),
  authorize: (actor, _input, place) => authorizePlace(actor, place),
  run: async (ctx, input, actor, place) => {
    if (input.withContacts && !mayExportContacts(actor, place.node, input.dataset)) return fail('DASHBOARD.CONTACTS_NOT_ALLOWED', 'payload.withContacts');
    let table: ExportTable;
    try {
      table = await tableOf(ctx.ports.store, place, input);
    } catch (e) {
      if (e instanceof TooMany) return fail('DASHBOARD.TOO_MANY_ROWS', 'payload.period');
      throw e;
    }
    if (input.withContacts) {
      await ctx.audit({ subjectId: input.nodeId, detail: { event: 'export.contacts', dataset: input.dataset, period: input.period, rows: table.rows.length } });
    }
    const file = exportFile(table, input.dataset, place.node.name, input.period, input.format);
    return ok({ ...file, rows: table.rows.length, withContacts: input.withContacts });
  },
});
