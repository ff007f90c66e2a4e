import { holdsOver, type Actor } from '../../shared/accounts/accounts.policy';
import { PLACE_ADMIN_ROLES } from '../../shared/accounts/roles';
import { opensAt } from '../../shared/accounts/scopes';
import type { User } from '../../shared/accounts/accounts.schema';
import { maskName } from '../../shared/accounts/mask';
import { api } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/envelope';
import { beijingDate, beijingInstant, beijingMonth } from '../../shared/kernel/time';
import { checkinFresh, decodePayload, encodePayload, makeToken, minuteOf, nextRotation, type CodePayload } from '../../shared/stations/codes';
import { autoClosePlan, autoCloseWords, confirmedCredit, dutyCredit, isOpen, judgeCheckIn, plannedSlots, shiftOn, type OpeningHours, type RosterSlot } from '../../shared/stations/duty';
import { scanOffers } from '../../shared/stations/scan.policy';
import type { StationView } from '../../shared/stations/stations.schema';
import { breadcrumb } from '../../shared/territory/territory.domain';
import { loadNodes, type NodeDoc } from '../_core/nodes';
import { defineAction, type ActionContext, type FunctionDefinition } from '../_core/pipeline';
import type { Ports } from '../_core/ports';
import type { Doc } from '../_core/ports/store';
import { confirmedServicePatch, dutyServiceOp, type DutyDoc } from './duty-store';

const spec = api.stations;
type UserDoc = User & Doc & { personalToken?: string };

/** A station is a node of the tree (kind `station`) with its hours, point, photo and roster. */
export type StationDoc = NodeDoc & { hours?: OpeningHours; point?: { lat: number; lng: number }; photo?: string; roster?: RosterSlot[] };

const PAGES = { station: '/packages/stations/scan/index', person: '/packages/stations/scan/index' };

async function loadStation(ctx: ActionContext, id: string): Promise<Result<StationDoc>> {
  const node = await ctx.ports.store.get<StationDoc>('nodes', id);
  return node && node.kind === 'station' ? ok(node) : fail('CODE.NOT_FOUND', 'payload.stationId');
}

/** Admins of the station's community (or street) manage it and print its codes. */
const managesStation = (actor: Actor, s: StationDoc) => holdsOver(actor, PLACE_ADMIN_ROLES, s.path);
/** The screen at the station is run by its community's admins or the leaders of the grids it serves. */
const runsScreen = (actor: Actor, s: StationDoc) => managesStation(actor, s) || actor.memberships.some((m) => m.role === 'gridLeader' && m.path.gridId !== undefined && (s.servesGridIds ?? []).includes(m.path.gridId));
/** The leaders who run the station confirm others' unplanned hours; nobody confirms their own. */
const confirmsDuty = (actor: Actor, s: StationDoc, d: Pick<DutyDoc, 'userId'>) => d.userId !== actor.user._id && runsScreen(actor, s);

function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

async function stationView(ctx: ActionContext, actor: Actor, s: StationDoc, from?: { lat: number; lng: number }): Promise<StationView> {
  const roster = s.roster ?? [];
  const nodes = await loadNodes(ctx.ports.store, [s.path.communityId ?? '', ...(s.servesGridIds ?? [])]);
  const people = roster.length
    ? await ctx.ports.store.find<UserDoc>('users', { _id: { $in: [...new Set(roster.map((r) => r.userId))] } }, { limit: 200 })
    : [];
  const names = new Map(people.map((u) => [u._id, u.name]));
  const onDuty = await ctx.ports.store.find<DutyDoc>('duty', { stationId: s._id, checkInAt: { $gte: new Date(Date.parse(ctx.now) - 86_400_000).toISOString() } }, { sort: [['stationId', 1], ['checkInAt', 1]], limit: 100 });
  const onDutyIds = [...new Set(onDuty.filter((d) => d.status === 'open').map((d) => d.userId))];
  const dutyNames = onDutyIds.length ? await ctx.ports.store.find<UserDoc>('users', { _id: { $in: onDutyIds } }, { limit: 100 }) : [];
  return {
    id: s._id,
    name: s.name,
    communityId: s.path.communityId ?? '',
    communityName: nodes.get(s.path.communityId ?? '')?.name ?? '',
    address: s.address ?? '',
    openingHours: s.openingHours ?? '',
    hours: s.hours ? { days: [...s.hours.days], open: s.hours.open, close: s.hours.close } : null,
    openNow: s.hours ? isOpen(s.hours, ctx.now) : false,
    point: s.point ?? null,
    distanceMeters: from && s.point ? distanceMeters(from, s.point) : null,
    photoUrl: s.photo ? await ctx.ports.files.url(s.photo) : null,
    servesGrids: (s.servesGridIds ?? []).map((id) => ({ id, name: nodes.get(id)?.name ?? '' })),
    // A duty roster is posted at the station: names are shown, as on the wall.
    roster: roster.map((r) => ({ ...r, days: [...r.days], name: names.get(r.userId) ?? '' })),
    onDutyNow: dutyNames.map((u) => u.name),
    version: s.version,
    allowedActions: [...(managesStation(actor, s) ? (['save', 'permanentCode'] as const) : []), ...(runsScreen(actor, s) ? (['screenCode'] as const) : [])],
  };
}

async function codeImage(ctx: ActionContext, payload: CodePayload, page: string, expiresAt: string | null) {
  const scene = ctx.ports.qr.sign(encodePayload(payload));
  const image = await ctx.ports.qr.image(scene, page);
  return { scene, imageDataUrl: `data:${image.contentType};base64,${Buffer.from(image.bytes).toString('base64')}`, page, issuedAt: ctx.now, expiresAt };
}

/** Verifies a scanned scene: signature first, then what it says. Nothing a client sends is trusted unsigned. */
function readScene(ports: Ports, scene: string, now: string): Result<CodePayload> {
  const verified = ports.qr.verify(scene);
  if (!verified.ok) return fail('CODE.INVALID', 'payload.scene');
  const payload = decodePayload(verified.payload);
  if (!payload) return fail('CODE.INVALID', 'payload.scene');
  if (payload.kind === 'checkin' && !checkinFresh(payload.minute, now)) return fail('CODE.EXPIRED', 'payload.scene');
  return ok(payload);
}

async function openDutyOf(ctx: ActionContext, userId: string): Promise<DutyDoc | null> {
  const [open] = await ctx.ports.store.find<DutyDoc>('duty', { userId, status: 'open' }, { sort: [['userId', 1], ['status', 1], ['checkInAt', -1]], limit: 1 });
  return open ?? null;
}

/** Older duties kept no credit: they credited their whole span, verified. */
const confirmationOf = (d: DutyDoc) => d.confirmation ?? 'none';
const creditedOf = (d: DutyDoc) => d.creditedMinutes ?? (d.status === 'open' ? 0 : d.minutes);

function dutyView(d: DutyDoc, stationName: string) {
  return {
    id: d._id,
    stationId: d.stationId,
    stationName,
    checkInAt: d.checkInAt,
    checkOutAt: d.checkOutAt,
    status: d.status,
    planned: d.planned,
    late: d.late,
    minutes: d.minutes,
    creditedMinutes: creditedOf(d),
    confirmation: confirmationOf(d),
    autoCloseNote: d.status === 'autoClosed' ? autoCloseWords({ reason: d.closeReason ?? null, planned: d.planned, confirmation: confirmationOf(d), closedAt: d.checkOutAt, shiftEnd: d.shiftEndAt ?? null }) : null,
  };
}

interface CheckinTarget {
  station: StationDoc;
  payload: CodePayload & { kind: 'checkin' };
}

async function loadCheckin(ctx: ActionContext, scene: string): Promise<Result<CheckinTarget>> {
  const read = readScene(ctx.ports, scene, ctx.now);
  if (!read.ok) return read;
  if (read.data.kind !== 'checkin') return fail('CODE.WRONG_KIND', 'payload.scene');
  const station = await loadStation(ctx, read.data.stationId);
  if (!station.ok) return fail('CODE.NOT_FOUND', 'payload.scene');
  return ok({ station: station.data, payload: read.data });
}

const staffOf = (actor: Actor, station: StationDoc) =>
  scanOffers(actor, { kind: 'checkin', stationPath: station.path, servesGridIds: station.servesGridIds ?? [], onDuty: false }).length > 0;

// ---- actions ----------------------------------------------------------------------------------

const list = defineAction(spec.list, {
  authorize: () => ({ allow: true }),
  run: async (ctx, input, actor) => {
    const stations = await ctx.ports.store.find<StationDoc>('nodes', { kind: 'station' }, { sort: [['kind', 1], ['order', 1]], limit: 1000 });
    const views = await Promise.all(stations.map((s) => stationView(ctx, actor, s, input.point)));
    // Nearest first when we know where the person is; otherwise their own community first.
    const home = actor.user.home?.path.communityId;
    views.sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) || Number(b.communityId === home) - Number(a.communityId === home));
    return ok({ stations: views });
  },
});

const get = defineAction(spec.get, {
  load: (ctx, input) => loadStation(ctx, input.stationId),
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor, station) => ok({ station: await stationView(ctx, actor, station) }),
});

/** Admins of the community create or update a station and its duty roster. */
const save = defineAction(spec.save, {
  load: async (ctx, input) => {
    const community = await ctx.ports.store.get<NodeDoc>('nodes', input.communityId);
    if (!community || community.kind !== 'community') return fail('TERRITORY.NODE_NOT_FOUND', 'payload.communityId');
    const grids = await ctx.ports.store.find<NodeDoc>('nodes', { _id: { $in: input.servesGridIds } }, { limit: 20 });
    const bad = input.servesGridIds.findIndex((id) => !grids.some((g) => g._id === id && g.kind === 'grid' && g.path.communityId === community._id));
    if (bad >= 0) return fail('TERRITORY.NODE_NOT_FOUND', `payload.servesGridIds.${bad}`);
    const existing = input.stationId ? await ctx.ports.store.get<StationDoc>('nodes', input.stationId) : null;
    if (existing && (existing.kind !== 'station' || existing.path.communityId !== community._id)) return fail('COMMON.FORBIDDEN', 'payload.stationId');
    return ok({ community, existing });
  },
  authorize: (actor, _input, { community }) => (holdsOver(actor, PLACE_ADMIN_ROLES, community.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, actor, { community, existing }) => {
    const fields = {
      name: input.name,
      address: input.address,
      openingHours: input.openingHours,
      hours: input.hours,
      servesGridIds: input.servesGridIds,
      roster: input.roster,
      ...(input.point ? { point: input.point } : {}),
      ...(input.photo ? { photo: input.photo } : {}),
    };
    let id: string;
    if (existing) {
      if (input.version !== undefined && input.version !== existing.version) return fail('COMMON.CONFLICT', 'payload.version');
      const written = await ctx.commit([{ op: 'update', collection: 'nodes', id: existing._id, version: existing.version, patch: { $set: fields } }], { subjectId: existing._id, detail: { event: 'station.update' } });
      if (!written.ok) return written;
      id = existing._id;
    } else {
      id = input.stationId ?? `st${ctx.ports.ids.randomInts(6).map((n) => (Math.abs(n) % 36).toString(36)).join('')}`;
      const doc = { _id: id, kind: 'station', parentId: community._id, path: community.path, order: 100, version: 1, createdAt: ctx.now, ...fields };
      const written = await ctx.commit([{ op: 'insert', collection: 'nodes', doc }], { subjectId: id, detail: { event: 'station.create' } });
      if (!written.ok) return written;
    }
    const fresh = (await ctx.ports.store.get<StationDoc>('nodes', id))!;
    return ok({ station: await stationView(ctx, actor, fresh) });
  },
});

/** The rotating check-in code for the screen at the station: signed with the minute it was made. */
const screenCode = defineAction(spec.screenCode, {
  load: (ctx, input) => loadStation(ctx, input.stationId),
  authorize: (actor, _input, station) => (runsScreen(actor, station) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, _input, _actor, station) => ok(await codeImage(ctx, { kind: 'checkin', stationId: station._id, minute: minuteOf(ctx.now) }, PAGES.station, nextRotation(ctx.now))),
});

/** The station's permanent code, printed on its door: residents scan it to ask for help. */
const permanentCode = defineAction(spec.permanentCode, {
  load: (ctx, input) => loadStation(ctx, input.stationId),
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, _actor, station) => ok(await codeImage(ctx, { kind: 'station', stationId: station._id }, PAGES.station, null)),
});

/** 我的个人码: a leader scans it to post on my behalf. The token says nothing about who I am. */
const myCode = defineAction(spec.myCode, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor) => {
    let token = (actor.user as UserDoc).personalToken;
    if (!token) {
      token = makeToken(ctx.ports.ids.randomInts(10));
      const written = await ctx.commit([{ op: 'update', collection: 'users', id: actor.user._id, version: actor.user.version, patch: { $set: { personalToken: token } } }], { subjectId: actor.user._id, detail: { event: 'personalCode' } });
      if (!written.ok) return written;
    }
    return ok(await codeImage(ctx, { kind: 'person', token }, PAGES.person, null));
  },
});

/** 扫一扫: any Honglin code, and what the scanner's roles allow with it. */
const scan = defineAction(spec.scan, {
  load: async (ctx, input) => readScene(ctx.ports, input.scene, ctx.now),
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor, payload) => {
    const store = ctx.ports.store;
    if (payload.kind === 'station' || payload.kind === 'checkin') {
      const station = await store.get<StationDoc>('nodes', payload.stationId);
      if (!station || station.kind !== 'station') return fail('CODE.NOT_FOUND', 'payload.scene');
      const onDuty = payload.kind === 'checkin' ? (await openDutyOf(ctx, actor.user._id))?.stationId === station._id : false;
      const offers = scanOffers(actor, { kind: payload.kind, stationPath: station.path, servesGridIds: station.servesGridIds ?? [], onDuty });
      // The grid to fill in: the resident's own, when this station serves it; else the station's first.
      const homeGrid = actor.user.home?.path.gridId;
      const gridId = homeGrid && (station.servesGridIds ?? []).includes(homeGrid) ? homeGrid : (station.servesGridIds?.[0] ?? null);
      const buildingId = homeGrid && gridId === homeGrid ? (actor.user.home?.buildingId ?? null) : null;
      return ok({
        kind: payload.kind,
        offers,
        note: offers.length ? null : '这是服务站的值班签到码，仅本站服务网格的网格长和志愿者可以签到',
        station: { id: station._id, name: station.name, gridId, buildingId },
        person: null,
      });
    }
    if (payload.kind === 'person') {
      const [person] = await store.find<UserDoc>('users', { personalToken: payload.token }, { limit: 1 });
      if (!person) return fail('CODE.NOT_FOUND', 'payload.scene');
      const offers = scanOffers(actor, { kind: 'person', ...(person.home ? { personHome: person.home.path } : {}) });
      const nodes = person.home ? await loadNodes(store, Object.values(person.home.path).filter((x): x is string => Boolean(x))) : new Map();
      return ok({
        kind: 'person' as const,
        offers,
        note: offers.length ? null : '这是居民的个人码，本网格的网格长可以扫码为其代办',
        station: null,
        // Only someone who may act for the person learns who they are.
        person: offers.length ? { userId: person._id, name: person.name, placeLabel: person.home ? breadcrumb(person.home.path, nodes).slice(1).join(' › ') : '' } : { userId: '', name: maskName(person.name), placeLabel: '' },
      });
    }
    return ok({ kind: 'meeting' as const, offers: scanOffers(actor, { kind: 'meeting' }), note: '会议签到将在议事功能中开放', station: null, person: null });
  },
});

/** Check in for duty by scanning the station's current code. Scanning again while on duty counts once. */
const checkIn = defineAction(spec.checkIn, {
  load: (ctx, input) => loadCheckin(ctx, input.scene),
  authorize: (actor, _input, { station }) => (staffOf(actor, station) ? { allow: true } : { allow: false, code: 'DUTY.NOT_STAFF' }),
  run: async (ctx, _input, actor, { station }) => {
    const open = await openDutyOf(ctx, actor.user._id);
    if (open && open.stationId !== station._id) return fail('DUTY.ON_DUTY_ELSEWHERE');
    if (open) return ok({ duty: dutyView(open, station.name), repeated: true });
    const verdict = judgeCheckIn(station.roster ?? [], actor.user._id, ctx.now);
    // A forgotten check-out is closed at closing time, or at the end of a closed day; what that
    // credits is the duty rule's: the shift at most, or nothing until a leader confirms it.
    const plan = autoClosePlan(station.hours, ctx.now);
    const shift = verdict.slot ? shiftOn(verdict.slot, ctx.now) : null;
    // One open duty per person: the id is theirs while it is open, so two scans at once make one.
    const duty: DutyDoc = {
      _id: `${actor.user._id}.${minuteOf(ctx.now)}`,
      stationId: station._id,
      communityId: station.path.communityId ?? '',
      userId: actor.user._id,
      checkInAt: ctx.now,
      checkOutAt: null,
      closesAt: plan.closesAt,
      closeReason: plan.reason,
      shiftStartAt: shift?.startAt ?? null,
      shiftEndAt: shift?.endAt ?? null,
      status: 'open',
      planned: verdict.planned,
      late: verdict.late,
      minutes: 0,
      month: beijingMonth(ctx.now),
      version: 1,
    };
    const written = await ctx.transact([{ op: 'insert', collection: 'duty', doc: duty }], { subjectId: duty._id, detail: { event: 'checkIn', stationId: station._id, planned: verdict.planned, late: verdict.late } });
    if (!written.ok) {
      const again = await openDutyOf(ctx, actor.user._id);
      if (again) return ok({ duty: dutyView(again, station.name), repeated: true });
      return fail('COMMON.CONFLICT');
    }
    return ok({ duty: dutyView(duty, station.name), repeated: false });
  },
});

/** Check out by scanning the current code again; the duty's hours enter the service record. */
const checkOut = defineAction(spec.checkOut, {
  load: (ctx, input) => loadCheckin(ctx, input.scene),
  authorize: (actor, _input, { station }) => (staffOf(actor, station) ? { allow: true } : { allow: false, code: 'DUTY.NOT_STAFF' }),
  run: async (ctx, _input, actor, { station }) => {
    const open = await openDutyOf(ctx, actor.user._id);
    if (!open || open.stationId !== station._id) return fail('DUTY.NOT_ON_DUTY');
    const credit = dutyCredit({ checkInAt: open.checkInAt, checkOutAt: ctx.now, shift: null, closedBy: 'checkOut' });
    const { minutes } = credit;
    const closed: DutyDoc = { ...open, status: 'closed', checkOutAt: ctx.now, minutes, creditedMinutes: credit.creditedMinutes, confirmation: 'none' };
    const written = await ctx.transact(
      [
        { op: 'update', collection: 'duty', id: open._id, version: open.version, patch: { $set: { status: 'closed', checkOutAt: ctx.now, minutes, creditedMinutes: credit.creditedMinutes, confirmation: 'none' } } },
        dutyServiceOp(closed, ctx.now, open.communityId, credit),
      ],
      { subjectId: open._id, detail: { event: 'checkOut', minutes } },
    );
    if (!written.ok) return fail('COMMON.CONFLICT');
    return ok({ duty: dutyView({ ...closed, version: open.version + 1 }, station.name), repeated: false });
  },
});

const myDuty = defineAction(spec.myDuty, {
  authorize: () => ({ allow: true }),
  run: async (ctx, _input, actor) => {
    const recent = await ctx.ports.store.find<DutyDoc>('duty', { userId: actor.user._id }, { sort: [['userId', 1], ['status', 1], ['checkInAt', -1]], limit: 30 });
    recent.sort((a, b) => b.checkInAt.localeCompare(a.checkInAt));
    const names = await loadNodes(ctx.ports.store, recent.map((d) => d.stationId));
    const view = (d: DutyDoc) => dutyView(d, names.get(d.stationId)?.name ?? '');
    const open = recent.find((d) => d.status === 'open') ?? null;
    return ok({ open: open ? view(open) : null, recent: recent.filter((d) => d.status !== 'open').slice(0, 20).map(view) });
  },
});

/** The community sees its stations' duty against the roster: on time, late, missed, unplanned, auto-closed. */
const dutyOverview = defineAction(spec.dutyOverview, {
  load: async (ctx, input) => {
    const node = await ctx.ports.store.get<NodeDoc>('nodes', input.communityId);
    return node && node.kind === 'community' ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', 'payload.communityId');
  },
  authorize: (actor, _input, community) => (opensAt(actor, 'dutyOverview', community.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, actor, community) => {
    const store = ctx.ports.store;
    const stations = await store.find<StationDoc>('nodes', { parentId: community._id, kind: 'station' }, { sort: [['parentId', 1], ['order', 1]], limit: 100 });
    const from = beijingInstant(input.fromDate);
    const to = new Date(Date.parse(from) + input.days * 86_400_000).toISOString();
    const duties = await store.find<DutyDoc>('duty', { communityId: community._id, checkInAt: { $gte: from, $lt: to } }, { sort: [['communityId', 1], ['checkInAt', 1]], limit: 1000 });
    const people = [...new Set([...duties.map((d) => d.userId), ...stations.flatMap((s) => (s.roster ?? []).map((r) => r.userId))])];
    const users = people.length ? await store.find<UserDoc>('users', { _id: { $in: people } }, { limit: 1000 }) : [];
    const names = new Map(users.map((u) => [u._id, u.name]));
    /** What a row says about its duty: the hours credited, the 自动签退 words, a confirmation to make. */
    const dutyOf = (s: StationDoc, d: DutyDoc | undefined) =>
      d
        ? {
            dutyId: d._id,
            creditedMinutes: creditedOf(d),
            confirmation: confirmationOf(d),
            note: d.status === 'autoClosed' ? autoCloseWords({ reason: d.closeReason ?? null, planned: d.planned, confirmation: confirmationOf(d), closedAt: d.checkOutAt, shiftEnd: d.shiftEndAt ?? null }) : null,
            allowedActions: confirmationOf(d) === 'awaiting' && confirmsDuty(actor, s, d) ? ['confirmDuty' as const] : [],
          }
        : { dutyId: null, creditedMinutes: 0, confirmation: 'none' as const, note: null, allowedActions: [] as 'confirmDuty'[] };
    return ok({
      stations: stations.map((s) => {
        const mine = duties.filter((d) => d.stationId === s._id);
        const used = new Set<string>();
        const rows = plannedSlots(s.roster ?? [], input.fromDate, input.days).map(({ date, slot }) => {
          const d = mine.find((x) => !used.has(x._id) && x.userId === slot.userId && beijingDate(x.checkInAt) === date && x.planned);
          if (d) used.add(d._id);
          const slotEnd = beijingInstant(date, slot.to);
          const kind = d ? (d.status === 'autoClosed' ? 'autoClosed' : d.late ? 'late' : 'onTime') : slotEnd > ctx.now ? 'upcoming' : 'missed';
          return { date, userId: slot.userId, name: names.get(slot.userId) ?? '', kind: kind as 'onTime', slot: { from: slot.from, to: slot.to } as { from: number; to: number } | null, minutes: d?.minutes ?? 0, ...dutyOf(s, d) };
        });
        for (const d of mine.filter((x) => !used.has(x._id))) {
          rows.push({ date: beijingDate(d.checkInAt), userId: d.userId, name: names.get(d.userId) ?? '', kind: (d.status === 'autoClosed' ? 'autoClosed' : 'unplanned') as 'onTime', slot: null, minutes: d.minutes, ...dutyOf(s, d) });
        }
        rows.sort((a, b) => a.date.localeCompare(b.date) || (a.slot?.from ?? 0) - (b.slot?.from ?? 0));
        return { stationId: s._id, stationName: s.name, rows };
      }),
    });
  },
});

/**
 * 确认时长: a leader confirms the hours of an unplanned duty the scheduler closed (计划外, a closed
 * day, after hours) — what the person really served, never more than the recorded span, 0 to
 * credit nothing. Once only; never one's own duty; audited with the span and the reason.
 */
const confirmDuty = defineAction(spec.confirmDuty, {
  load: async (ctx, input) => {
    const duty = await ctx.ports.store.get<DutyDoc>('duty', input.dutyId);
    if (!duty) return fail('COMMON.NOT_FOUND', 'payload.dutyId');
    const station = await loadStation(ctx, duty.stationId);
    return station.ok ? ok({ duty, station: station.data }) : fail('COMMON.NOT_FOUND', 'payload.dutyId');
  },
  authorize: (actor, _input, { duty, station }) =>
    duty.userId === actor.user._id ? { allow: false, code: 'DUTY.OWN_DUTY' } : confirmsDuty(actor, station, duty) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' },
  run: async (ctx, input, actor, { duty, station }) => {
    if (duty.status !== 'autoClosed' || confirmationOf(duty) !== 'awaiting') return fail('DUTY.NOTHING_TO_CONFIRM', 'payload.dutyId');
    const credited = confirmedCredit(duty.minutes, input.minutes);
    const entry = await ctx.ports.store.get<Doc & { version: number }>('service_records', `duty.${duty._id}`);
    if (!entry) return fail('DUTY.NOTHING_TO_CONFIRM', 'payload.dutyId');
    const confirmed = { creditedMinutes: credited, confirmation: 'confirmed' as const, confirmedBy: actor.user._id, confirmedAt: ctx.now, confirmNote: input.note };
    const written = await ctx.commit(
      [
        { op: 'update', collection: 'duty', id: duty._id, version: duty.version, patch: { $set: confirmed } },
        { op: 'update', collection: 'service_records', id: entry._id, version: entry.version, patch: { $set: { ...confirmedServicePatch(credited), confirmedAt: ctx.now, confirmNote: input.note } } },
      ],
      { subjectId: duty._id, detail: { event: 'duty.confirm', spanMinutes: duty.minutes, requestedMinutes: input.minutes, creditedMinutes: credited, note: input.note } },
    );
    // Two leaders confirming at once: the second finds it confirmed.
    if (!written.ok) return fail('DUTY.NOTHING_TO_CONFIRM', 'payload.dutyId');
    return ok({ duty: dutyView({ ...duty, ...confirmed, version: duty.version + 1 }, station.name) });
  },
});

export const stationsFunction: FunctionDefinition = {
  name: 'stations',
  actions: { list, get, save, screenCode, permanentCode, myCode, scan, checkIn, checkOut, myDuty, dutyOverview, confirmDuty },
};
