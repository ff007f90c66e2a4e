import { SqliteStore } from '../../../cloudfunctions/_core/adapters/sqlite-store';
import { COLLECTIONS } from '../../../cloudfunctions/_core/collections';
import type { Doc, Filter, FindOptions, Store } from '../../../cloudfunctions/_core/ports/store';
import { countAuto, listAuto, type AutoRecordRow } from '../../../cloudfunctions/liuyou/autofill';
import { AUTO_SOURCES, type AutoSource } from '../../../shared/liuyou/template';

/**
 * The automatic items of a 六有 check equal the records they come from: a store seeded with two
 * communities' orders, duties, hand-entered hours, meetings, topics, grids and grid leaders — many
 * of them on the edges of the period (the Beijing midnight that begins 2026-Q4, the one that ends
 * it, the instant the figures are counted) — is counted by `countAuto`, and each figure is counted
 * again here from the raw documents with plain array code.
 */

const PERIOD = '2026-Q4';
// Beijing midnights: 2026-10-01 00:00 and 2027-01-01 00:00 (UTC+8).
const FROM = '2026-09-30T16:00:00.000Z';
const TO = '2026-12-31T16:00:00.000Z';
const MONTHS = ['2026-10', '2026-11', '2026-12'];
const C1 = { streetId: 'S', communityId: 'C1' };
const C2 = { streetId: 'S', communityId: 'C2' };

const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const beijingMonthOf = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 7);

type Any = Doc & Record<string, any>;
const docs: Record<string, Any[]> = { nodes: [], users: [], memberships: [], orders: [], duty: [], service_records: [], meetings: [], topics: [], compound_surveys: [] };
const add = (collection: string, doc: Any) => docs[collection]!.push(doc);

function seed() {
  const rnd = random(20261001);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (from: string, to: string) => new Date(Date.parse(from) + Math.floor(rnd() * (Date.parse(to) - Date.parse(from)))).toISOString();

  // ---- the tree: two communities, their grids and stations -------------------------------------
  add('nodes', { _id: 'S', kind: 'street', name: '街道', parentId: null, path: { streetId: 'S' }, order: 0 });
  for (const c of ['C1', 'C2']) {
    add('nodes', { _id: c, kind: 'community', name: `社区${c}`, parentId: 'S', path: { streetId: 'S', communityId: c }, order: 1 });
    add('nodes', { _id: `${c}-sta`, kind: 'station', name: `${c}党群服务站`, parentId: c, path: { streetId: 'S', communityId: c }, order: 9 });
  }
  const grids = { C1: ['C1-g1', 'C1-g2', 'C1-g3', 'C1-g4'], C2: ['C2-g1', 'C2-g2'] };
  for (const [c, ids] of Object.entries(grids))
    ids.forEach((id, i) => add('nodes', { _id: id, kind: 'grid', name: `${c}第${i + 1}网格`, parentId: c, path: { streetId: 'S', communityId: c, gridId: id }, order: i }));
  // A micro-grid below a grid is not a grid of the community.
  add('nodes', {
    _id: 'C1-g1-m1',
    kind: 'microGrid',
    name: '微网格',
    parentId: 'C1-g1',
    path: { streetId: 'S', communityId: 'C1', gridId: 'C1-g1', microGridId: 'C1-g1-m1' },
    order: 0,
  });

  // ---- people: volunteers with and without a work unit ----------------------------------------------
  const units = ['区税务局', '区教育局', '市供电公司', ' 区税务局 ', ''];
  const people: string[] = [];
  for (let i = 0; i < 60; i++) {
    const id = `u${String(i).padStart(3, '0')}`;
    people.push(id);
    const unit = units[i % units.length]!;
    add('users', {
      _id: id,
      openid: `o-${id}`,
      name: `志愿者${i}`,
      largeText: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
      ...(i % 7 === 6 ? {} : { volunteer: { partyMember: true, inService: i % 3 !== 2, skills: [], ...(unit ? { workUnit: unit } : {}) } }),
    });
  }

  // ---- grid leaders: before the instant, after it, in the other community, other roles --------------
  const membership = (id: string, userId: string, role: string, gridId: string, c: string, grantedAt: string) =>
    add('memberships', {
      _id: id,
      userId,
      role,
      nodeId: gridId,
      nodeKind: 'grid',
      path: { streetId: 'S', communityId: c, gridId },
      grantedBy: null,
      inviteId: null,
      grantedAt,
      version: 1,
    });
  membership('m1', 'u001', 'gridLeader', 'C1-g1', 'C1', '2026-03-01T00:00:00.000Z');
  membership('m2', 'u002', 'gridLeader', 'C1-g1', 'C1', '2026-05-01T00:00:00.000Z');
  membership('m3', 'u003', 'gridLeader', 'C1-g2', 'C1', '2026-12-25T02:00:00.000Z'); // after the first instant counted
  membership('m4', 'u004', 'gridMember', 'C1-g3', 'C1', '2026-03-01T00:00:00.000Z');
  membership('m5', 'u005', 'gridLeader', 'C2-g1', 'C2', '2026-03-01T00:00:00.000Z');
  membership('m6', 'u006', 'volunteer', 'C1-g4', 'C1', '2026-03-01T00:00:00.000Z');

  // ---- orders: a quarter and its edges, in both communities -----------------------------------------
  const states = ['closed', 'closed', 'closed', 'resolved', 'reopened', 'accepted', 'cancelled', 'waiting'];
  const levels = ['grid', 'grid', 'grid', 'community', 'street'];
  let n = 0;
  const order = (c: string, postedAt: string, o: Partial<Any> = {}) => {
    const state = o.state ?? pick(states);
    const resolved = ['closed', 'resolved', 'reopened'].includes(state);
    const assigneeId = state === 'cancelled' || state === 'waiting' ? null : (o.assigneeId ?? pick(people.slice(10, 50)));
    const resolvedAt = resolved ? (o.resolvedAt ?? ms(postedAt, Math.floor(rnd() * 5 * DAY))) : null;
    const closedAt = state === 'closed' ? (o.closedAt ?? ms(resolvedAt!, Math.floor(rnd() * 8 * DAY))) : null;
    const gridId = pick(grids[c as 'C1' | 'C2']);
    add('orders', {
      _id: `o${String(++n).padStart(5, '0')}`,
      category: pick(['水电维修', '家居小修', '环境卫生']),
      place: { path: { streetId: 'S', communityId: c, gridId }, buildingId: null, room: null, point: null, label: '' },
      state,
      level: 'grid',
      maxLevel: o.maxLevel ?? pick(levels),
      postedAt,
      month: beijingMonthOf(postedAt),
      assigneeId,
      resolvedAt,
      closedAt,
      ...o,
      ...(o.state ? {} : { state }),
    });
  };
  for (let i = 0; i < 2600; i++) order('C1', between('2026-09-10T00:00:00.000Z', '2027-01-10T00:00:00.000Z'));
  for (let i = 0; i < 500; i++) order('C2', between('2026-09-10T00:00:00.000Z', '2027-01-10T00:00:00.000Z'));
  // Volunteers who only resolved orders at the end of December: after the first thousand rows.
  for (const [i, who] of ['u050', 'u051', 'u052'].entries())
    order('C1', '2026-12-28T02:00:00.000Z', { state: 'resolved', assigneeId: who, resolvedAt: ms('2026-12-28T03:00:00.000Z', i * HOUR) });
  // The edges of the period, by resolution and by posting month.
  order('C1', '2026-09-29T02:00:00.000Z', { state: 'closed', assigneeId: 'u053', resolvedAt: FROM, closedAt: ms(FROM, DAY), maxLevel: 'community' });
  order('C1', '2026-09-29T02:00:00.000Z', { state: 'closed', assigneeId: 'u054', resolvedAt: ms(FROM, -1), closedAt: ms(FROM, DAY), maxLevel: 'grid' });
  order('C1', '2026-12-30T02:00:00.000Z', { state: 'resolved', assigneeId: 'u055', resolvedAt: ms(TO, -1) });
  order('C1', '2026-12-30T02:00:00.000Z', { state: 'resolved', assigneeId: 'u056', resolvedAt: TO });
  order('C1', FROM, { state: 'closed', assigneeId: 'u057', resolvedAt: ms(FROM, HOUR), closedAt: ms(FROM, 2 * HOUR), maxLevel: 'grid' }); // posted on the first midnight: 2026-10
  order('C1', ms(FROM, -1), { state: 'closed', assigneeId: 'u057', resolvedAt: ms(FROM, HOUR), closedAt: ms(FROM, 2 * HOUR), maxLevel: 'street' }); // posted the instant before: 2026-09

  // ---- duties: every way a duty ends, and the edges --------------------------------------------------
  const duty = (c: string, userId: string, checkInAt: string, d: Partial<Any>) =>
    add('duty', {
      _id: `${userId}.${checkInAt}`,
      stationId: `${c}-sta`,
      communityId: c,
      userId,
      checkInAt,
      checkOutAt: null,
      closesAt: ms(checkInAt, 8 * HOUR),
      status: 'open',
      planned: true,
      late: false,
      minutes: 0,
      month: beijingMonthOf(checkInAt),
      version: 1,
      ...d,
    });
  for (let i = 0; i < 300; i++) {
    const c = i % 5 === 0 ? 'C2' : 'C1';
    const checkInAt = between('2026-09-20T00:00:00.000Z', '2027-01-05T00:00:00.000Z');
    const span = 30 + Math.floor(rnd() * 240);
    const kind = pick(['checkOut', 'checkOut', 'planned', 'awaiting', 'confirmed', 'legacy', 'open']);
    const who = pick(people.slice(0, 30));
    if (kind === 'open') duty(c, who, checkInAt, {});
    else if (kind === 'checkOut')
      duty(c, who, checkInAt, { status: 'closed', checkOutAt: ms(checkInAt, span * 60_000), minutes: span, creditedMinutes: span, confirmation: 'none' });
    else if (kind === 'planned')
      duty(c, who, checkInAt, { status: 'autoClosed', checkOutAt: ms(checkInAt, span * 60_000), minutes: span, creditedMinutes: Math.floor(span / 2), confirmation: 'none' });
    else if (kind === 'awaiting')
      duty(c, who, checkInAt, { status: 'autoClosed', planned: false, checkOutAt: ms(checkInAt, span * 60_000), minutes: span, creditedMinutes: 0, confirmation: 'awaiting' });
    else if (kind === 'confirmed')
      duty(c, who, checkInAt, {
        status: 'autoClosed',
        planned: false,
        checkOutAt: ms(checkInAt, span * 60_000),
        minutes: span,
        creditedMinutes: Math.floor(span / 3),
        confirmation: 'confirmed',
        confirmedAt: ms(checkInAt, 3 * DAY),
      });
    // Older duties kept no credit: they credited their whole span.
    else duty(c, who, checkInAt, { status: 'closed', checkOutAt: ms(checkInAt, span * 60_000), minutes: span });
  }
  duty('C1', 'u058', FROM, { status: 'closed', checkOutAt: ms(FROM, 2 * HOUR), minutes: 120, creditedMinutes: 120, confirmation: 'none' });
  duty('C1', 'u059', ms(FROM, -1), { status: 'closed', checkOutAt: ms(FROM, 2 * HOUR), minutes: 120, creditedMinutes: 120, confirmation: 'none' });
  duty('C1', 'u058', ms(TO, -HOUR), { status: 'closed', checkOutAt: ms(TO, HOUR), minutes: 120, creditedMinutes: 120, confirmation: 'none' });

  // ---- hand-entered hours: approved, pending, returned; days in and out of the period ----------------
  let m = 0;
  const entry = (c: string, volunteerId: string, date: string, status: string, reviewedAt: string | null) => {
    const at = `${date}T10:00:00.000Z`;
    add('service_records', {
      _id: `man${++m}`,
      volunteerId,
      source: 'manual',
      hours: 1 + (m % 4),
      points: 10,
      verified: status === 'approved',
      status,
      communityId: c,
      description: '社区活动',
      date,
      at,
      month: date.slice(0, 7),
      version: 1,
      ...(reviewedAt ? { reviewedAt } : {}),
    });
  };
  for (let i = 0; i < 120; i++) {
    const date = between('2026-09-01T00:00:00.000Z', '2027-01-05T00:00:00.000Z').slice(0, 10);
    const status = pick(['approved', 'approved', 'pending', 'rejected']);
    entry(i % 4 === 0 ? 'C2' : 'C1', pick(people), date, status, status === 'pending' ? null : ms(`${date}T10:00:00.000Z`, Math.floor(rnd() * 10 * DAY)));
  }
  // Service on the last September day, entered in October: not the period's.
  entry('C1', 'u040', '2026-09-30', 'approved', '2026-10-02T03:00:00.000Z');
  // Approved after the instant the first figure is counted.
  entry('C1', 'u041', '2026-12-20', 'approved', '2026-12-26T03:00:00.000Z');
  // Order and duty entries of the record are not hand-entered hours.
  add('service_records', {
    _id: 'order.x',
    volunteerId: 'u042',
    source: 'order',
    orderId: 'x',
    verified: true,
    hours: 1,
    points: 10,
    at: '2026-11-02T03:00:00.000Z',
    month: '2026-11',
    version: 1,
  });

  // ---- meetings: on time, late, no minutes, private, cancelled, archived, edges ----------------------
  let k = 0;
  const meeting = (c: string, closedAt: string | null, minutesAfterHours: number | null, o: Partial<Any> = {}) =>
    add('meetings', {
      _id: `mt${++k}`,
      type: '微网格议事会',
      title: `议事会${k}`,
      level: k % 2 ? 'grid' : 'community',
      nodeId: c,
      path: { streetId: 'S', communityId: c, ...(k % 2 ? { gridId: `${c}-g1` } : {}) },
      startAt: closedAt ? ms(closedAt, -2 * HOUR) : '2026-11-10T02:00:00.000Z',
      private: false,
      state: closedAt ? 'closed' : 'cancelled',
      closedAt,
      minutesAt: closedAt && minutesAfterHours !== null ? ms(closedAt, minutesAfterHours * HOUR) : null,
      minutes: minutesAfterHours !== null ? '纪要' : null,
      version: 1,
      ...o,
    });
  for (let i = 0; i < 40; i++) {
    const closedAt = between('2026-09-15T00:00:00.000Z', '2027-01-05T00:00:00.000Z');
    meeting(i % 4 === 0 ? 'C2' : 'C1', closedAt, pick([null, 1, 20, 47.9, 48, 48.1, 72]), i % 9 === 0 ? { state: 'archived' } : {});
  }
  meeting('C1', null, null); // cancelled: never closed
  meeting('C1', '2026-11-03T08:00:00.000Z', 3, { private: true, type: '民事协调会', title: '邻里纠纷调解' });
  meeting('C1', FROM, 2);
  meeting('C1', ms(FROM, -1), 2);
  meeting('C1', '2026-12-24T08:00:00.000Z', 30); // minutes written after the first instant counted
  // 三方联席会: held in the period, on its edges, cancelled, and in the other community.
  for (let i = 0; i < 8; i++) meeting(i % 3 === 0 ? 'C2' : 'C1', between('2026-09-20T00:00:00.000Z', '2027-01-10T00:00:00.000Z'), pick([null, 5, 60]), { type: '三方联席会' });
  meeting('C1', FROM, 1, { type: '三方联席会' });
  meeting('C1', ms(TO, -1), 1, { type: '三方联席会' });
  meeting('C1', ms(TO, 0), 1, { type: '三方联席会' });
  meeting('C1', null, null, { type: '三方联席会' });

  // ---- 物业服务季度评价: residents' answers in three compounds, across the period's edges ------------
  const compounds = { C1: ['C1-p1', 'C1-p2'], C2: ['C2-p1'] } as const;
  for (const [c, ids] of Object.entries(compounds))
    ids.forEach((id, i) =>
      add('nodes', {
        _id: id,
        kind: 'compound',
        name: `${c}小区${i + 1}`,
        parentId: `${c}-g1`,
        path: { streetId: 'S', communityId: c, gridId: `${c}-g1`, compoundId: id },
        order: 20 + i,
        model: '1+3',
      }),
    );
  let a = 0;
  const survey = (compoundId: string, updatedAt: string, overall: number) => {
    const c = compoundId.slice(0, 2);
    add('compound_surveys', {
      _id: `csv${++a}`,
      compoundId,
      quarter: '2026-Q4',
      userId: `r${a}`,
      path: { streetId: 'S', communityId: c, gridId: `${c}-g1`, compoundId },
      scores: { overall, repair: 3, clean: 3, safety: 3, fees: 3 },
      comment: null,
      at: updatedAt,
      updatedAt,
      version: 1,
    });
  };
  for (let i = 0; i < 90; i++) survey(pick(['C1-p1', 'C1-p1', 'C1-p2', 'C2-p1']), between('2026-09-10T00:00:00.000Z', '2027-01-15T00:00:00.000Z'), 1 + Math.floor(rnd() * 5));
  survey('C1-p2', FROM, 5);
  survey('C1-p2', ms(FROM, -1), 5);
  survey('C1-p1', ms(TO, -1), 1);
  survey('C1-p1', TO, 1);

  // ---- topics: done in and out of the period, other states ------------------------------------------
  let t = 0;
  const topic = (c: string, state: string, doneAt: string | null, o: Partial<Any> = {}) =>
    add('topics', {
      _id: `tp${++t}`,
      title: `议题${t}`,
      private: false,
      path: { streetId: 'S', communityId: c, gridId: `${c}-g1` },
      state,
      doneAt,
      actions: [],
      createdAt: '2026-08-01T00:00:00.000Z',
      updatedAt: '2026-08-01T00:00:00.000Z',
      version: 1,
      ...o,
    });
  for (let i = 0; i < 50; i++) {
    const state = pick(['done', 'done', 'acting', 'decided', 'proposed', 'declined']);
    topic(i % 3 === 0 ? 'C2' : 'C1', state, state === 'done' ? between('2026-09-01T00:00:00.000Z', '2027-01-05T00:00:00.000Z') : null);
  }
  topic('C1', 'done', FROM, { private: true, title: '纠纷' });
  topic('C1', 'done', ms(FROM, -1));
  topic('C1', 'done', ms(TO, -1));
}

// ---- the same figures, from the raw documents --------------------------------------------------

function expected(communityId: string, at: string): Record<AutoSource, number> {
  const inPeriod = (x: string | null | undefined) => !!x && x >= FROM && x < TO && x <= at;
  const creditAt = (d: Any): number => {
    if (d.status === 'open' || !d.checkOutAt || d.checkOutAt > at) return 0;
    if (d.confirmation === 'awaiting') return 0;
    if (d.confirmation === 'confirmed' && d.confirmedAt > at) return 0;
    return d.creditedMinutes ?? d.minutes;
  };
  const orders = docs.orders!.filter((o) => o.place.path.communityId === communityId);
  const duties = docs.duty!.filter((d) => d.communityId === communityId && inPeriod(d.checkInAt));
  const active = new Set<string>([
    ...orders.filter((o) => o.assigneeId && inPeriod(o.resolvedAt)).map((o) => o.assigneeId as string),
    ...duties.filter((d) => creditAt(d) > 0).map((d) => d.userId as string),
    ...docs
      .service_records!.filter(
        (e) => e.source === 'manual' && e.status === 'approved' && e.communityId === communityId && MONTHS.includes(e.month) && e.at <= at && (!e.reviewedAt || e.reviewedAt <= at),
      )
      .map((e) => e.volunteerId as string),
  ]);
  const units = new Set(docs.users!.filter((u) => active.has(u._id) && u.volunteer?.inService && u.volunteer.workUnit?.trim()).map((u) => u.volunteer.workUnit.trim() as string));
  const meetings = docs.meetings!.filter((m) => m.path.communityId === communityId && inPeriod(m.closedAt));
  const onTime = meetings.filter((m) => m.minutesAt && m.minutesAt <= at && Date.parse(m.minutesAt) - Date.parse(m.closedAt) <= 48 * HOUR);
  const grids = docs.nodes!.filter((g) => g.kind === 'grid' && g.parentId === communityId);
  const led = grids.filter((g) => docs.memberships!.some((m) => m.role === 'gridLeader' && m.nodeId === g._id && m.grantedAt <= at));
  const closed = orders.filter((o) => MONTHS.includes(o.month) && o.state === 'closed' && o.closedAt <= at);
  const answers = docs.compound_surveys!.filter((x) => x.path.communityId === communityId && inPeriod(x.updatedAt));
  const inside = closed.filter((o) => o.maxLevel === 'grid');
  const percent = (a: number, b: number) => (b === 0 ? 0 : Math.round((100 * a) / b));
  return {
    activeVolunteers: active.size,
    volunteerTeams: units.size,
    meetingsOnTime: onTime.length,
    gridLeaderShare: percent(led.length, grids.length),
    dutyHours: Math.round(duties.reduce((n, d) => n + creditAt(d), 0) / 6) / 10,
    insideGridShare: percent(inside.length, closed.length),
    decisionsDone: docs.topics!.filter((t) => t.path.communityId === communityId && t.state === 'done' && inPeriod(t.doneAt)).length,
    jointMeetings: meetings.filter((m) => m.type === '三方联席会').length,
    propertySatisfaction: percent(answers.filter((x) => x.scores.overall >= 4).length, answers.length),
  };
}

// ---- the store, and what it was asked ----------------------------------------------------------

let store: SqliteStore;
const queries: { collection: string; filter: Filter; options?: FindOptions; method: string }[] = [];
/** The store as the functions see it, keeping each find and count for its plan. */
let watched: Store;

beforeAll(async () => {
  seed();
  store = new SqliteStore(':memory:', COLLECTIONS);
  const inserted = await store.transact(Object.entries(docs).flatMap(([collection, list]) => list.map((doc) => ({ op: 'insert' as const, collection, doc }))));
  expect(inserted).toEqual({ ok: true });
  watched = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'find' && prop !== 'count') return typeof value === 'function' ? value.bind(target) : value;
      return (collection: string, filter: Filter, options?: FindOptions) => {
        queries.push({ collection, filter, ...(options ? { options } : {}), method: String(prop) });
        return (value as (...a: unknown[]) => unknown).call(target, collection, filter, options);
      };
    },
  });
});
afterAll(async () => {
  await store.close();
});

const INSTANTS = [
  ['in the middle of December', '2026-12-22T04:00:00.000Z'],
  ['after the period', '2027-01-20T04:00:00.000Z'],
  ['on the first midnight', FROM],
] as const;

describe('countAuto equals the records it counts', () => {
  it('seeds records on both sides of every edge', () => {
    // The fixture really crosses the boundaries it claims to.
    expect(docs.orders!.filter((o) => o.place.path.communityId === 'C1' && o.resolvedAt && o.resolvedAt >= FROM && o.resolvedAt < TO).length).toBeGreaterThan(1000);
    expect(expected('C1', '2026-12-22T04:00:00.000Z').activeVolunteers).toBeGreaterThan(30);
  });

  it.each(INSTANTS)('%s, in each community, for every source', async (_name, at) => {
    for (const place of [C1, C2]) {
      const got = await countAuto(watched, place, PERIOD, AUTO_SOURCES, at);
      expect(got).toEqual(expected(place.communityId, at));
    }
  });

  it('counts only the sources asked for, each the same alone as together', async () => {
    const at = '2026-12-22T04:00:00.000Z';
    const all = expected('C1', at);
    for (const source of AUTO_SOURCES) expect(await countAuto(watched, C1, PERIOD, [source], at)).toEqual({ [source]: all[source] });
    expect(await countAuto(watched, C1, PERIOD, [], at)).toEqual({});
  });

  it('sees the volunteers whose orders lie past the first thousand rows, and the edges as the period draws them', async () => {
    const at = '2027-01-20T04:00:00.000Z';
    const { rows } = await listAuto(watched, C1, PERIOD, 'activeVolunteers', { offset: 0, limit: 1000 }, at);
    const ids = new Set(rows.map((r) => r.id));
    for (const id of ['u050', 'u051', 'u052', 'u053', 'u055', 'u057']) expect(ids).toContain(id);
    // Resolved the instant before the first midnight, at the last one, or only before the period.
    for (const id of ['u054', 'u056']) expect(ids).not.toContain(id);
  });

  it('answers zero for a community with nothing', async () => {
    expect(await countAuto(watched, { streetId: 'S', communityId: 'nowhere' }, PERIOD, AUTO_SOURCES, '2026-12-22T04:00:00.000Z')).toEqual({
      activeVolunteers: 0,
      volunteerTeams: 0,
      meetingsOnTime: 0,
      gridLeaderShare: 0,
      dutyHours: 0,
      insideGridShare: 0,
      decisionsDone: 0,
      jointMeetings: 0,
      propertySatisfaction: 0,
    });
    const surveys = await listAuto(watched, { streetId: 'S', communityId: 'nowhere' }, PERIOD, 'propertySatisfaction', { offset: 0, limit: 20 });
    expect(surveys.total).toBe(1);
    expect(surveys.rows[0]!.title).toContain('没有居民填写');
    const { rows, total } = await listAuto(watched, { streetId: 'S', communityId: 'nowhere' }, PERIOD, 'insideGridShare', { offset: 0, limit: 20 });
    expect(total).toBe(1);
    expect(rows[0]!.title).toContain('没有已办结的工单');
  });
});

describe('listAuto shows the records behind the figure', () => {
  const at = '2026-12-22T04:00:00.000Z';
  /** Every row of a source, seven at a time. */
  const everyRow = async (source: AutoSource) => {
    const rows: AutoRecordRow[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += 7) {
      const res = await listAuto(watched, C1, PERIOD, source, { offset, limit: 7 }, at);
      total = res.total;
      rows.push(...res.rows);
      if (res.rows.length === 0) break;
    }
    expect(rows.length).toBe(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    return rows;
  };

  it('lists as many volunteers, work units and done topics as the figures count', async () => {
    const figures = await countAuto(watched, C1, PERIOD, AUTO_SOURCES, at);
    for (const source of ['activeVolunteers', 'volunteerTeams', 'decisionsDone'] as const) expect((await everyRow(source)).length).toBe(figures[source]);
  });

  it('lists every meeting closed in the period, the on-time ones first and as many as the figure', async () => {
    const figures = await countAuto(watched, C1, PERIOD, ['meetingsOnTime'], at);
    const rows = await everyRow('meetingsOnTime');
    const closed = docs.meetings!.filter((m) => m.path.communityId === 'C1' && m.closedAt && m.closedAt >= FROM && m.closedAt < TO && m.closedAt <= at);
    expect(rows.length).toBe(closed.length);
    const onTime = rows.filter((r) => r.detail.includes('纪要按时形成'));
    expect(onTime.length).toBe(figures.meetingsOnTime);
    expect(rows.slice(0, onTime.length)).toEqual(onTime);
    const mediation = rows.find((r) => r.title.includes('不公开'))!;
    expect(mediation.title).not.toContain('邻里纠纷调解');
    expect(mediation.page).toBeNull();
    expect(rows.find((r) => r.page)?.page).toMatch(/^\/packages\/councils\/meeting\/index\?id=mt\d+$/);
  });

  it('lists every grid, the ones without a leader first', async () => {
    const rows = await everyRow('gridLeaderShare');
    expect(rows.map((r) => [r.id, r.detail.startsWith('网格长已配备')])).toEqual([
      ['C1-g2', false],
      ['C1-g3', false],
      ['C1-g4', false],
      ['C1-g1', true],
    ]);
    expect(rows[3]!.detail).toContain('志愿者1');
  });

  it('lists every duty of the period with hours that add up to the figure', async () => {
    const figures = await countAuto(watched, C1, PERIOD, ['dutyHours'], at);
    const rows = await everyRow('dutyHours');
    expect(rows.length).toBe(docs.duty!.filter((d) => d.communityId === 'C1' && d.checkInAt >= FROM && d.checkInAt < TO && d.checkInAt <= at).length);
    const hours = rows.reduce((n, r) => n + Number(/计 ([\d.]+) 小时/.exec(r.detail)![1]), 0);
    expect(Math.abs(hours - figures.dutyHours!)).toBeLessThan(0.05 * rows.length);
    expect(rows[0]!.page).toBe('/packages/stations/detail/index?id=C1-sta');
    expect(rows.some((r) => /\d{11}/.test(r.detail))).toBe(false);
  });

  it('lists the closed orders that left the grid after a summary row', async () => {
    const rows = await everyRow('insideGridShare');
    const left = docs.orders!.filter((o) => o.place.path.communityId === 'C1' && MONTHS.includes(o.month) && o.state === 'closed' && o.closedAt <= at && o.maxLevel !== 'grid');
    expect(rows[0]!.id).toBe('summary');
    expect(rows[0]!.title).toContain(`${expected('C1', at).insideGridShare}%`);
    expect(
      rows
        .slice(1)
        .map((r) => r.id)
        .sort(),
    ).toEqual(left.map((o) => o._id).sort());
    expect(rows[1]!.page).toBe(`/packages/orders/detail/index?id=${rows[1]!.id}`);
  });

  it('lists the 三方联席会 held in the period, as many as the figure', async () => {
    const figures = await countAuto(watched, C1, PERIOD, ['jointMeetings'], at);
    const rows = await everyRow('jointMeetings');
    expect(figures.jointMeetings).toBeGreaterThan(2);
    expect(rows.length).toBe(figures.jointMeetings);
    expect(rows.every((r) => r.detail.startsWith('三方联席会'))).toBe(true);
  });

  it('lists the answers behind 满意率 by compound after a summary row, counting people, never naming them', async () => {
    const figures = await countAuto(watched, C1, PERIOD, ['propertySatisfaction'], at);
    const rows = await everyRow('propertySatisfaction');
    const answers = docs.compound_surveys!.filter((x) => x.path.communityId === 'C1' && x.updatedAt >= FROM && x.updatedAt < TO && x.updatedAt <= at);
    expect(rows[0]!.id).toBe('summary');
    expect(rows[0]!.title).toContain(`共 ${answers.length} 份答卷（${figures.propertySatisfaction}%）`);
    const perCompound = rows.slice(1).map((r) => [r.id, Number(/答卷 (\d+) 份/.exec(r.detail)![1])]);
    expect(perCompound.map(([id]) => id).sort()).toEqual(['C1-p1', 'C1-p2']);
    expect(perCompound.reduce((n, [, c]) => n + (c as number), 0)).toBe(answers.length);
    expect(rows[1]!.page).toBe(`/packages/compounds/review/index?compoundId=${rows[1]!.id}`);
    expect(rows.some((r) => /r\d+/.test(r.title + r.detail))).toBe(false);
  });

  it('hides the title of a private topic', async () => {
    const rows = await listAuto(watched, C1, PERIOD, 'decisionsDone', { offset: 0, limit: 100 }, '2027-01-20T04:00:00.000Z');
    const dispute = rows.rows.find((r) => r.id === docs.topics!.find((t) => t.private)!._id)!;
    expect(dispute.title).not.toContain('纠纷');
    expect(dispute.page).toBeNull();
    expect(rows.rows.find((r) => !r.title.includes('不公开'))!.page).toMatch(/^\/packages\/councils\/topic\/index\?id=tp\d+$/);
  });
});

describe('every query is served by an index', () => {
  it('has a plan that uses an index and scans no collection', () => {
    expect(queries.length).toBeGreaterThan(10);
    const seen = new Set<string>();
    for (const q of queries) {
      const key = JSON.stringify([q.collection, Object.keys(q.filter), q.options?.sort ?? null]);
      if (seen.has(key)) continue;
      seen.add(key);
      const plan = store.plan(q.collection, q.filter, q.options);
      expect({ q: key, backed: plan.some((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/.test(d)) }).toEqual({ q: key, backed: true });
      expect({ q: key, scans: plan.filter((d) => new RegExp(`^SCAN ${q.collection}\\b`).test(d.replace(/"/g, ''))) }).toEqual({ q: key, scans: [] });
    }
  });
});
