import type { Store } from '../_core/ports';
import { MAX_PAGE, type Doc, type Filter, type SortSpec } from '../_core/ports/store';
import type { User } from '../../shared/accounts/accounts.schema';
import { meetingPage, MINUTES_DUE_HOURS, type Meeting } from '../../shared/councils/meeting.lifecycle';
import type { Topic } from '../../shared/councils/topic.lifecycle';
import { dayTimeText } from '../../shared/kernel/time';
import type { AutoSource } from '../../shared/liuyou/template';
import { SATISFIED_AT, type SurveyScores } from '../../shared/compounds/survey';
import { periodMonths, periodRange } from '../../shared/liuyou/period';
import { LEVEL_LABELS } from '../../shared/orders/escalation';
import type { Order } from '../../shared/orders/orders.schema';
import type { ManualEntry } from '../../shared/service/entry';
import { confirmationOf, creditedOf, type Duty } from '../../shared/stations/duty.lifecycle';
import type { TerritoryNode } from '../../shared/territory/territory.schema';

/**
 * The 六有 items the system already knows, counted from the records of one community over one
 * period (Beijing months), by index-backed queries.
 *
 * What each figure counts ("in the period": from the period's first Beijing midnight up to the next
 * period's, and never after `at` — the figure is the records as they stood at `at`):
 *
 * - `activeVolunteers` — distinct people who, in the period, resolved an order of the community
 *   (`orders.assigneeId`, `resolvedAt` in the period), or had service hours credited there: a duty at
 *   one of its stations checked in during the period with verified hours (checked out, or credited
 *   by its shift, or confirmed by a leader — by `at`), or hand-entered hours for a day of the period
 *   that the community approved by `at`.
 * - `volunteerTeams` — distinct 双报到 work units (`users.volunteer.workUnit` of in-service members,
 *   as the report of the service function reads them) among those active volunteers.
 * - `meetingsOnTime` — council meetings of the community and its grids closed in the period whose
 *   minutes were written within MINUTES_DUE_HOURS (48 h) of closing, by `at`. Cancelled meetings never
 *   close and never count; archived ones closed first and count. Private ones (民事协调会) count: a
 *   mediation is a council meeting held; their rows show the type only, no title and no link.
 *   The stored `minutesAt` is the last edit of the minutes: minutes edited after the 48 h read late.
 * - `gridLeaderShare` — the whole-number percentage of the community's grids (the tree as it stands)
 *   with at least one 网格长 granted by `at`; 0 when the community has no grids.
 * - `dutyHours` — hours credited (`creditedOf`, the duty rule) for duties at the community's stations
 *   checked in during the period and finished by `at`; a duty awaiting a leader's confirmation (or
 *   confirmed after `at`) credits nothing yet. One decimal.
 * - `insideGridShare` — as the orders measures (`insideGridRate`, the 工单统计 page): of the
 *   community's orders posted in the period's months and closed (by `at`), the whole-number
 *   percentage that never left the grid (`maxLevel === 'grid'`); 0 when none were closed, which
 *   `listAuto` says in its first row.
 * - `jointMeetings` — 三方联席会 of the community and its grids closed (held) in the period.
 * - `propertySatisfaction` — of the residents' quarterly answers about their compound's desk
 *   (`compound_surveys`) last given in the period by `at`, the whole-number percentage rating it 4–5
 *   overall; 0 when nobody answered, which `listAuto` says in its first row. An answer changed after
 *   `at` is read as it stands (the earlier answer is not kept).
 * - `decisionsDone` — council topics of the community that reached 办结 (`doneAt`) in the period.
 *   Private ones (disputes) count; their rows hide the title.
 */

export interface AutofillPlace {
  streetId: string;
  communityId: string;
}

export interface AutoRecordRow {
  id: string;
  title: string;
  detail: string;
  at: string | null;
  /** The page that shows the record, when there is one. */
  page: string | null;
}

type OrderDoc = Order & Doc;
type DutyDoc = Duty & Doc;
type EntryDoc = ManualEntry & Doc;
type MeetingDoc = Meeting & Doc;
type TopicDoc = Topic & Doc;
type NodeDoc = TerritoryNode & Doc;
type UserDoc = User & Doc;
type MembershipDoc = Doc & { userId: string; role: string; nodeId: string; grantedAt: string };
type SurveyDoc = Doc & { compoundId: string; scores: SurveyScores; updatedAt: string };

/** The instants a figure counts between: [from, to), never after `at`. */
interface Window {
  communityId: string;
  months: string[];
  from: string;
  to: string;
  at: string;
}

function windowOf(place: AutofillPlace, period: string, at: string): Window {
  const { from, to } = periodRange(period);
  return { communityId: place.communityId, months: periodMonths(period), from, to, at };
}

/**
 * The instant range of the window on a field: in the period, and at or before `at` — two bounds, not
 * three: every bound is a comparison per row the store reads.
 */
const inWindow = (w: Window) => (w.at < w.to ? { $gte: w.from, $lte: w.at } : { $gte: w.from, $lt: w.to });

const roundPercent = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 100));

/*
 * Sorts name only the fields after the index's equality fields: the order is the same, and SQLite
 * walks an expression index in order only when the ORDER BY leaves the equality fields out (with
 * them it sorts every matching row in a temporary tree before returning the first page).
 */

/**
 * Every row of a query, paged by MAX_PAGE: one round trip when a page holds them all (the usual
 * case: a quarter's duties, meetings, hand-entered hours), else the count and then every other page
 * together — three round trips whatever the size.
 */
async function findAll<T extends Doc>(store: Store, collection: string, filter: Filter, sort: SortSpec): Promise<T[]> {
  const first = await store.find<T>(collection, filter, { sort, limit: MAX_PAGE });
  if (first.length < MAX_PAGE) return first;
  const total = await store.count(collection, filter);
  const skips: number[] = [];
  for (let skip = MAX_PAGE; skip < total; skip += MAX_PAGE) skips.push(skip);
  const rest = await Promise.all(skips.map((skip) => store.find<T>(collection, filter, { sort, skip, limit: MAX_PAGE })));
  return [first, ...rest].flat();
}

/** Documents by id, MAX_PAGE ids a query, the queries together. */
async function byIds<T extends Doc>(store: Store, collection: string, ids: readonly string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_PAGE) chunks.push(unique.slice(i, i + MAX_PAGE));
  const pages = await Promise.all(chunks.map((c) => store.find<T>(collection, { _id: { $in: c } }, { limit: c.length })));
  return new Map(pages.flat().map((d) => [d._id, d]));
}

// ---- the queries, one per kind of record --------------------------------------------------------

const ORDERS_RESOLVED_SORT: SortSpec = [['resolvedAt', 1]];
const FIRST_RESOLVERS_PAGE = 250;
const resolvedFilter = (w: Window): Filter => ({ 'place.path.communityId': w.communityId, resolvedAt: inWindow(w) });

/**
 * The distinct volunteers who resolved an order of the community in the window, without reading
 * every order: each further page starts where the last one ended (by `resolvedAt`) and asks only
 * for orders of volunteers not seen yet, so a quarter of 5,000 orders by 80 volunteers comes back
 * in two pages, the second one short (and the first one small).
 */
async function orderResolvers(store: Store, w: Window): Promise<Set<string>> {
  const seen = new Set<string>();
  let after = w.from;
  // A first page of a few hundred sees most volunteers; reading (and parsing) more rows costs more than it finds.
  for (let limit = FIRST_RESOLVERS_PAGE; ; limit = MAX_PAGE) {
    const range = { ...inWindow(w), $gte: after };
    const page = await store.find<OrderDoc>(
      'orders',
      { 'place.path.communityId': w.communityId, resolvedAt: range, assigneeId: { $nin: [null, ...seen] } },
      { sort: ORDERS_RESOLVED_SORT, limit },
    );
    for (const o of page) if (o.assigneeId) seen.add(o.assigneeId);
    if (page.length < limit) return seen;
    // Orders resolved at the same instant as the last one are asked again: their volunteers are seen.
    after = page[page.length - 1]!.resolvedAt!;
  }
}

/** Every order of the community resolved in the window (for the rows of the volunteers). */
const resolvedOrders = (store: Store, w: Window) => findAll<OrderDoc>(store, 'orders', { ...resolvedFilter(w), assigneeId: { $ne: null } }, ORDERS_RESOLVED_SORT);

/** Duties at the community's stations checked in during the window. */
const dutiesOf = (store: Store, w: Window) => findAll<DutyDoc>(store, 'duty', { communityId: w.communityId, checkInAt: inWindow(w) }, [['checkInAt', 1]]);

/** Minutes a duty credits as it stood at `at`: nothing while on duty, awaiting a leader, or confirmed later. */
export function dutyMinutesAt(d: Pick<Duty, 'status' | 'checkOutAt' | 'creditedMinutes' | 'minutes' | 'confirmation' | 'confirmedAt'>, at: string): number {
  if (d.status === 'open' || !d.checkOutAt || d.checkOutAt > at) return 0;
  const confirmation = confirmationOf(d);
  if (confirmation === 'awaiting' || (confirmation === 'confirmed' && (!d.confirmedAt || d.confirmedAt > at))) return 0;
  return creditedOf(d);
}

/**
 * Hand-entered hours for days of the period that the community approved by `at`. The review index
 * serves it: an entry is submitted on or after its day (never for a future date), so the days of the
 * period are submitted from its first midnight on.
 */
const approvedEntries = (store: Store, w: Window) =>
  findAll<EntryDoc>(store, 'service_records', { source: 'manual', status: 'approved', communityId: w.communityId, at: { $gte: w.from, $lte: w.at }, month: { $in: w.months } }, [
    ['at', 1],
  ]).then((rows) => rows.filter((e) => !e.reviewedAt || e.reviewedAt <= w.at));

const meetingsClosed = (store: Store, w: Window) => findAll<MeetingDoc>(store, 'meetings', { 'path.communityId': w.communityId, closedAt: inWindow(w) }, [['closedAt', 1]]);

/** 三方联席会: the council meeting type where the three parties meet. */
const JOINT_MEETING = '三方联席会';
const isJoint = (m: Pick<Meeting, 'type'>) => m.type === JOINT_MEETING;

/** The residents' quarterly answers of the community's compounds, last given in the window. */
const surveysOf = (store: Store, w: Window) => findAll<SurveyDoc>(store, 'compound_surveys', { 'path.communityId': w.communityId, updatedAt: inWindow(w) }, [['updatedAt', 1]]);
const satisfiedOf = (answers: readonly SurveyDoc[]) => answers.filter((a) => (a.scores.overall ?? 0) >= SATISFIED_AT).length;

const MINUTES_DUE_MS = MINUTES_DUE_HOURS * 3600_000;
const minutesOnTime = (m: Pick<Meeting, 'closedAt' | 'minutesAt'>, at: string) =>
  !!m.closedAt && !!m.minutesAt && m.minutesAt <= at && Date.parse(m.minutesAt) - Date.parse(m.closedAt) <= MINUTES_DUE_MS;

const gridsOf = (store: Store, w: Window) => findAll<NodeDoc>(store, 'nodes', { parentId: w.communityId, kind: 'grid' }, [['order', 1]]);

const gridLeadersOf = (store: Store, w: Window) =>
  findAll<MembershipDoc>(store, 'memberships', { 'path.communityId': w.communityId, grantedAt: { $lte: w.at }, role: 'gridLeader' }, [['grantedAt', 1]]);

/**
 * Orders of the community posted in the period's months and closed by `at` (the measures' 已办结).
 * `closedAt` is set when, and only when, an order enters `closed`, a final state: it stands for the
 * state, one comparison fewer per row.
 */
const closedFilter = (w: Window): Filter => ({ 'place.path.communityId': w.communityId, month: { $in: w.months }, closedAt: { $lte: w.at } });
/** Of those, the ones that left the grid: few, found by the level index without reading the others. */
const leftGridFilter = (w: Window): Filter => ({ ...closedFilter(w), maxLevel: { $in: ['community', 'street'] } });
const LEFT_SORT: SortSpec = [
  ['maxLevel', 1],
  ['month', 1],
];

const doneFilter = (w: Window): Filter => ({ 'path.communityId': w.communityId, doneAt: inWindow(w), state: 'done' });
const DONE_SORT: SortSpec = [['doneAt', -1]];

// ---- the figures ---------------------------------------------------------------------------------

/** Everyone active in the window, with what made them so. */
type People = Map<string, { orders: number; dutyMinutes: number; manualHours: number; lastAt: string | null }>;

function volunteering(orderPeople: Iterable<string>, duties: readonly DutyDoc[], entries: readonly EntryDoc[], at: string): People {
  const people: People = new Map();
  const of = (id: string) => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { orders: 0, dutyMinutes: 0, manualHours: 0, lastAt: null }));
    return p;
  };
  for (const id of orderPeople) of(id);
  for (const d of duties) {
    const minutes = dutyMinutesAt(d, at);
    if (minutes > 0) of(d.userId).dutyMinutes += minutes;
  }
  for (const e of entries) if (e.hours > 0) of(e.volunteerId).manualHours += e.hours;
  return people;
}

/** The work unit a person reports to under 双报到, as the work-unit report reads it. */
const workUnitOf = (u: UserDoc | undefined): string | null => (u?.volunteer?.inService && u.volunteer.workUnit?.trim() ? u.volunteer.workUnit.trim() : null);

/** The figure of each requested source for the community and period, as the records stand at `at`. */
export async function countAuto(store: Store, place: AutofillPlace, period: string, sources: readonly AutoSource[], at: string): Promise<Partial<Record<AutoSource, number>>> {
  const w = windowOf(place, period, at);
  const wants = new Set(sources);
  const people = wants.has('activeVolunteers') || wants.has('volunteerTeams');
  const needDuties = people || wants.has('dutyHours');
  // Every query that does not depend on another starts at once.
  const [resolvers, duties, entries, meetings, grids, leaders, closed, closedLeft, done, surveys] = await Promise.all([
    people ? orderResolvers(store, w) : null,
    needDuties ? dutiesOf(store, w) : null,
    people ? approvedEntries(store, w) : null,
    wants.has('meetingsOnTime') || wants.has('jointMeetings') ? meetingsClosed(store, w) : null,
    wants.has('gridLeaderShare') ? gridsOf(store, w) : null,
    wants.has('gridLeaderShare') ? gridLeadersOf(store, w) : null,
    wants.has('insideGridShare') ? store.count('orders', closedFilter(w)) : null,
    wants.has('insideGridShare') ? store.count('orders', leftGridFilter(w)) : null,
    wants.has('decisionsDone') ? store.count('topics', doneFilter(w)) : null,
    wants.has('propertySatisfaction') ? surveysOf(store, w) : null,
  ]);
  const out: Partial<Record<AutoSource, number>> = {};
  const active = people ? volunteering(resolvers!, duties!, entries!, at) : null;
  if (wants.has('activeVolunteers')) out.activeVolunteers = active!.size;
  if (wants.has('volunteerTeams')) {
    const users = await byIds<UserDoc>(store, 'users', [...active!.keys()]);
    out.volunteerTeams = new Set([...active!.keys()].map((id) => workUnitOf(users.get(id))).filter((u): u is string => u !== null)).size;
  }
  if (wants.has('meetingsOnTime')) out.meetingsOnTime = meetings!.filter((m) => minutesOnTime(m, at)).length;
  if (wants.has('gridLeaderShare')) {
    const led = new Set(leaders!.map((m) => m.nodeId));
    out.gridLeaderShare = roundPercent(grids!.filter((g) => led.has(g._id)).length, grids!.length);
  }
  if (wants.has('dutyHours')) out.dutyHours = Math.round(duties!.reduce((n, d) => n + dutyMinutesAt(d, at), 0) / 6) / 10;
  if (wants.has('insideGridShare')) out.insideGridShare = roundPercent(closed! - closedLeft!, closed!);
  if (wants.has('decisionsDone')) out.decisionsDone = done!;
  if (wants.has('jointMeetings')) out.jointMeetings = meetings!.filter(isJoint).length;
  if (wants.has('propertySatisfaction')) out.propertySatisfaction = roundPercent(satisfiedOf(surveys!), surveys!.length);
  return out;
}

// ---- the records behind a figure ----------------------------------------------------------------

const hoursText = (h: number) => `${Math.round(h * 10) / 10} 小时`;
const page = <T>(rows: readonly T[], paging: { offset: number; limit: number }) => rows.slice(paging.offset, paging.offset + paging.limit);
const namesText = (names: readonly string[]) => (names.length > 5 ? `${names.slice(0, 5).join('、')}等 ${names.length} 人` : names.join('、'));

function dutyWords(d: DutyDoc, at: string): string {
  if (d.status === 'open' || !d.checkOutAt || d.checkOutAt > at) return '值班中';
  if (d.status !== 'autoClosed') return '已签退';
  const confirmation = confirmationOf(d);
  if (confirmation === 'awaiting' || (confirmation === 'confirmed' && (!d.confirmedAt || d.confirmedAt > at))) return '自动签退，时长待负责人确认';
  return confirmation === 'confirmed' ? '自动签退，时长已由负责人确认' : '自动签退，按排班计时';
}

/** Far enough ahead that no record is dated after it: the records as they stand now. */
const NOW_AND_ALL = '9999-12-31T23:59:59.999Z';

/**
 * The records behind one source's figure, a page at a time, as they stood at `at` (the figure's
 * instant; the records as they stand now when left out). `total` counts the rows; it equals the
 * figure for `activeVolunteers`, `volunteerTeams` and `decisionsDone`. The other lists show what the
 * figure is made of: every meeting closed in the period (minutes on time first, then late or
 * missing), every grid (with or without a leader), every duty (with its hours, or none yet), and for
 * `insideGridShare` a first row with the closed orders and the share (or that there were none),
 * then the closed orders that left the grid.
 */
export async function listAuto(
  store: Store,
  place: AutofillPlace,
  period: string,
  source: AutoSource,
  paging: { offset: number; limit: number },
  at: string = NOW_AND_ALL,
): Promise<{ rows: AutoRecordRow[]; total: number }> {
  const w = windowOf(place, period, at);
  switch (source) {
    case 'activeVolunteers':
    case 'volunteerTeams':
      return listPeople(store, w, source, paging);
    case 'meetingsOnTime':
      return listMeetings(store, w, paging);
    case 'jointMeetings':
      return listMeetings(store, w, paging, isJoint);
    case 'propertySatisfaction':
      return listSurveys(store, w, paging);
    case 'gridLeaderShare':
      return listGrids(store, w, paging);
    case 'dutyHours':
      return listDuties(store, w, paging);
    case 'insideGridShare':
      return listLeftGrid(store, w, paging);
    case 'decisionsDone':
      return listDone(store, w, paging);
  }
}

async function listPeople(store: Store, w: Window, source: 'activeVolunteers' | 'volunteerTeams', paging: { offset: number; limit: number }) {
  const [orders, duties, entries] = await Promise.all([resolvedOrders(store, w), dutiesOf(store, w), approvedEntries(store, w)]);
  const people = volunteering(
    orders.map((o) => o.assigneeId!),
    duties,
    entries,
    w.at,
  );
  for (const o of orders) {
    const p = people.get(o.assigneeId!)!;
    p.orders++;
    if (o.resolvedAt && (!p.lastAt || o.resolvedAt > p.lastAt)) p.lastAt = o.resolvedAt;
  }
  for (const d of duties) {
    const p = people.get(d.userId);
    if (p && dutyMinutesAt(d, w.at) > 0 && (!p.lastAt || d.checkInAt > p.lastAt)) p.lastAt = d.checkInAt;
  }
  const users = await byIds<UserDoc>(store, 'users', [...people.keys()]);
  const nameOf = (id: string) => users.get(id)?.name ?? '（已注销）';
  const what = (p: { orders: number; dutyMinutes: number; manualHours: number }) =>
    [p.orders ? `办结工单 ${p.orders} 单` : '', p.dutyMinutes ? `站点值班 ${hoursText(p.dutyMinutes / 60)}` : '', p.manualHours ? `填报获批 ${hoursText(p.manualHours)}` : '']
      .filter(Boolean)
      .join(' · ');
  if (source === 'activeVolunteers') {
    const rows = [...people.entries()]
      .map(([id, p]) => ({ id, p, name: nameOf(id), unit: workUnitOf(users.get(id)) }))
      .sort((a, b) => b.p.orders - a.p.orders || b.p.dutyMinutes + b.p.manualHours * 60 - (a.p.dutyMinutes + a.p.manualHours * 60) || a.name.localeCompare(b.name, 'zh'))
      .map(({ id, p, name, unit }): AutoRecordRow => ({ id, title: name, detail: [what(p), unit ?? ''].filter(Boolean).join(' · '), at: p.lastAt, page: null }));
    return { rows: page(rows, paging), total: rows.length };
  }
  const units = new Map<string, string[]>();
  for (const id of people.keys()) {
    const unit = workUnitOf(users.get(id));
    if (unit) units.set(unit, [...(units.get(unit) ?? []), nameOf(id)]);
  }
  const rows = [...units.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh'))
    .map(([unit, names]): AutoRecordRow => ({
      id: unit,
      title: unit,
      detail: `${names.length} 名在职党员参与服务：${namesText(names.sort((a, b) => a.localeCompare(b, 'zh')))}`,
      at: null,
      page: null,
    }));
  return { rows: page(rows, paging), total: rows.length };
}

async function listMeetings(store: Store, w: Window, paging: { offset: number; limit: number }, only: (m: MeetingDoc) => boolean = () => true) {
  const meetings = (await meetingsClosed(store, w)).filter(only);
  const rows = meetings
    .map((m) => ({ m, onTime: minutesOnTime(m, w.at) }))
    .sort((a, b) => Number(b.onTime) - Number(a.onTime) || (b.m.closedAt ?? '').localeCompare(a.m.closedAt ?? ''))
    .map(({ m, onTime }): AutoRecordRow => {
      const minutes = m.minutesAt && m.minutesAt <= w.at ? m.minutesAt : null;
      const late = minutes ? Math.round((Date.parse(minutes) - Date.parse(m.closedAt!)) / 3600_000) : null;
      const state = onTime ? '纪要按时形成' : minutes ? `纪要逾期（会后 ${late} 小时形成）` : '未形成纪要';
      return {
        id: m._id,
        title: m.private ? `${m.type}（不公开）` : m.title,
        detail: `${m.type} · ${dayTimeText(m.closedAt)} 结束 · ${state}`,
        at: m.closedAt,
        page: m.private ? null : meetingPage(m),
      };
    });
  return { rows: page(rows, paging), total: rows.length };
}

async function listGrids(store: Store, w: Window, paging: { offset: number; limit: number }) {
  const [grids, leaders] = await Promise.all([gridsOf(store, w), gridLeadersOf(store, w)]);
  const users = await byIds<UserDoc>(
    store,
    'users',
    leaders.map((m) => m.userId),
  );
  const rows = grids.map((g): AutoRecordRow => {
    const held = leaders.filter((m) => m.nodeId === g._id);
    const names = [...new Set(held.map((m) => users.get(m.userId)?.name ?? ''))].filter(Boolean);
    return {
      id: g._id,
      title: g.name,
      detail: held.length ? `网格长已配备：${names.join('、') || `${held.length} 人`}` : '未配备网格长',
      at: held.length ? held.map((m) => m.grantedAt).sort()[0]! : null,
      page: null,
    };
  });
  // Grids without a leader first: they are the gap.
  rows.sort((a, b) => Number(a.at !== null) - Number(b.at !== null));
  return { rows: page(rows, paging), total: rows.length };
}

async function listDuties(store: Store, w: Window, paging: { offset: number; limit: number }) {
  const duties = (await dutiesOf(store, w)).sort((a, b) => b.checkInAt.localeCompare(a.checkInAt));
  const shown = page(duties, paging);
  const [stations, users] = await Promise.all([
    byIds<NodeDoc>(
      store,
      'nodes',
      shown.map((d) => d.stationId),
    ),
    byIds<UserDoc>(
      store,
      'users',
      shown.map((d) => d.userId),
    ),
  ]);
  const rows = shown.map((d): AutoRecordRow => {
    const minutes = dutyMinutesAt(d, w.at);
    return {
      id: d._id,
      title: stations.get(d.stationId)?.name ?? '党群服务站',
      detail: [users.get(d.userId)?.name ?? '', `${dayTimeText(d.checkInAt)} 签到`, dutyWords(d, w.at), `计 ${hoursText(minutes / 60)}`].filter(Boolean).join(' · '),
      at: d.checkInAt,
      page: `/packages/stations/detail/index?id=${d.stationId}`,
    };
  });
  return { rows, total: duties.length };
}

async function listLeftGrid(store: Store, w: Window, paging: { offset: number; limit: number }) {
  const left = leftGridFilter(w);
  // Row 0 is the summary; the orders that left the grid follow it.
  const skip = Math.max(0, paging.offset - 1);
  const limit = paging.offset === 0 ? paging.limit - 1 : paging.limit;
  const [closed, leftCount, orders] = await Promise.all([
    store.count('orders', closedFilter(w)),
    store.count('orders', left),
    limit > 0 ? store.find<OrderDoc>('orders', left, { sort: LEFT_SORT, skip, limit: Math.min(limit, MAX_PAGE) }) : Promise.resolve([]),
  ]);
  const inside = closed - leftCount;
  const summary: AutoRecordRow = {
    id: 'summary',
    title: closed ? `网格内办结 ${inside} 单，共办结 ${closed} 单（${roundPercent(inside, closed)}%）` : '本周期没有已办结的工单，占比按 0 计',
    detail: closed ? `以下 ${leftCount} 单曾上报到社区或街道` : '周期内受理并办结的工单为 0，无法计算网格内办结占比',
    at: null,
    page: null,
  };
  const rows = orders.map((o): AutoRecordRow => ({
    id: o._id,
    title: o.category,
    detail: `曾上报至${LEVEL_LABELS[o.maxLevel]} · ${dayTimeText(o.postedAt)} 受理 · ${dayTimeText(o.closedAt)} 办结`,
    at: o.closedAt,
    page: `/packages/orders/detail/index?id=${o._id}`,
  }));
  return { rows: paging.offset === 0 && paging.limit > 0 ? [summary, ...rows] : rows, total: leftCount + 1 };
}

/**
 * The answers behind 满意率, by compound: a first row with the community's answers and the share (or
 * that nobody answered), then one row per compound with its answers and its share, most answers
 * first. No resident is named: a compound's row counts, it does not list people.
 */
async function listSurveys(store: Store, w: Window, paging: { offset: number; limit: number }) {
  const answers = await surveysOf(store, w);
  const byCompound = new Map<string, SurveyDoc[]>();
  for (const a of answers) byCompound.set(a.compoundId, [...(byCompound.get(a.compoundId) ?? []), a]);
  const names = await byIds<NodeDoc>(store, 'nodes', [...byCompound.keys()]);
  const satisfied = satisfiedOf(answers);
  const summary: AutoRecordRow = {
    id: 'summary',
    title: answers.length ? `满意 ${satisfied} 份，共 ${answers.length} 份答卷（${roundPercent(satisfied, answers.length)}%）` : '本周期没有居民填写小区服务评价，占比按 0 计',
    detail: answers.length ? '按小区分列如下，满意指总体评价 4–5 分' : '居民每季度可在“办事”里的“物业服务评价”填写',
    at: null,
    page: null,
  };
  const rows = [...byCompound.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([id, list]): AutoRecordRow => {
      const ok = satisfiedOf(list);
      return {
        id,
        title: names.get(id)?.name ?? '（已撤销的小区）',
        detail: `答卷 ${list.length} 份 · 满意 ${ok} 份（${roundPercent(ok, list.length)}%）`,
        at: list[list.length - 1]!.updatedAt,
        page: `/packages/compounds/review/index?compoundId=${id}`,
      };
    });
  const all = [summary, ...rows];
  return { rows: page(all, paging), total: all.length };
}

async function listDone(store: Store, w: Window, paging: { offset: number; limit: number }) {
  const [total, topics] = await Promise.all([
    store.count('topics', doneFilter(w)),
    paging.limit > 0 ? store.find<TopicDoc>('topics', doneFilter(w), { sort: DONE_SORT, skip: paging.offset, limit: Math.min(paging.limit, MAX_PAGE) }) : Promise.resolve([]),
  ]);
  const rows = topics.map((t): AutoRecordRow => ({
    id: t._id,
    title: t.private ? '民事协调议题（不公开）' : t.title,
    detail: `${dayTimeText(t.doneAt)} 办结 · ${t.actions.length ? `落实行动 ${t.actions.length} 项` : '无需另设行动项'}`,
    at: t.doneAt,
    page: t.private ? null : `/packages/councils/topic/index?id=${t._id}`,
  }));
  return { rows, total };
}
