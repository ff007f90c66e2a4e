import { type Actor as Caller, type Decision } from '../../shared/accounts/accounts.policy';
import { opensAt } from '../../shared/accounts/scopes';
import type { User } from '../../shared/accounts/accounts.schema';
import { maskPhone } from '../../shared/accounts/mask';
import { api } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/envelope';
import type { ErrorCode } from '../../shared/errors';
import { stableHash } from '../../shared/kernel/hash';
import { CATEGORY_RULES } from '../../shared/orders/categories';
import { dispatch, exclusionOf, explainCandidates, DEFAULT_DISPATCH } from '../../shared/orders/dispatch';
import { LEVEL_LABELS, levelAbove, levelBelow, levelDeadline, LEVELS, type Level } from '../../shared/orders/escalation';
import { computeMeasures } from '../../shared/orders/measures';
import { nextOrderState, type OrderEvent } from '../../shared/orders/order.machine';
import type { Order } from '../../shared/orders/orders.schema';
import { LEVEL_LEADERS, mayDo, relationOf, type OrderAction, type Relation } from '../../shared/orders/orders.policy';
import { serviceEntryFor } from '../../shared/orders/service-record';
import { beijingMonth } from '../../shared/kernel/time';
import { breadcrumb, pathKey, scopeIdOf } from '../../shared/territory/territory.domain';
import { loadNodes, type NodeDoc } from '../_core/nodes';
import { defineAction, type ActionContext, type FunctionDefinition } from '../_core/pipeline';
import type { Notification } from '../_core/ports';
import type { Doc, Patch, TxOp } from '../_core/ports/store';
import { dispatchOrderOf, loadCandidates, planDispatch, toCandidate } from './dispatcher';
import { listOrders } from './order-lists';
import { home, queueCounts } from './order-home';
import { loadOrder, notice, orderPage, timelineOp, volunteerOp, type Actor, type OrderDoc, type TimelineNote, type VolunteerRecord } from './order-store';
import { toOrderView } from './order-view';

const spec = api.orders;
type UserDoc = User & Doc;

// ---- shared steps -----------------------------------------------------------------------------

async function loadRef(ctx: ActionContext, orderId: string): Promise<Result<OrderDoc>> {
  const order = await loadOrder(ctx.ports.store, orderId);
  return order ? ok(order) : fail('ORDER.NOT_FOUND', 'payload.orderId');
}

/** Deny by default; an order the caller may not even see is "not found" (its existence is private too). */
function authorizeOn(action: OrderAction, caller: Caller, order: OrderDoc): Decision {
  const r = relationOf(caller, order);
  if (mayDo(action, r, order)) return { allow: true };
  if (!mayDo('get', r, order) && !(action === 'accept' && r.volunteerOfPlace)) return { allow: false, code: 'ORDER.NOT_FOUND' };
  if (action === 'accept' && order.assigneeId !== null && order.assigneeId !== caller.user._id) return { allow: false, code: 'ORDER.ALREADY_TAKEN' };
  return { allow: false, code: ['get', 'comment'].includes(action) ? 'COMMON.FORBIDDEN' : 'ORDER.NOT_ALLOWED_NOW' };
}

function actorOf(caller: Caller, r: Relation, order: Pick<Order, 'level'>): Actor {
  const role = r.handlingLeader ? `${LEVEL_LABELS[order.level]}负责人` : r.assignee || r.offeree || r.volunteerOfPlace ? '志愿者' : r.poster ? '居民' : r.leaderOfPlace ? '负责人' : '居民';
  return { id: caller.user._id, role, name: caller.user.name };
}

async function checkText(ctx: ActionContext, text: string, field: string): Promise<Result<void>> {
  if (!text) return ok(undefined);
  const verdict = await ctx.ports.contentCheck.checkText(text, ctx.openid);
  return verdict.safe ? ok(undefined) : fail('COMMON.CONTENT_UNSAFE', field);
}

/** Validates a chain of lifecycle events (e.g. decline → offer) and writes the final state once. */
function moveThrough(order: OrderDoc, events: readonly OrderEvent[], set: Partial<Order>, more: Omit<Patch, '$set'> = {}): TxOp | null {
  let state = order.state;
  for (const e of events) {
    const next = nextOrderState(state, e);
    if (next === null) return null;
    state = next;
  }
  return { op: 'update', collection: 'orders', id: order._id, version: order.version, patch: { ...more, $set: { ...set, state } } };
}

interface Step {
  events: OrderEvent[];
  set: Partial<Order>;
  more?: Omit<Patch, '$set'>;
  notes: TimelineNote[];
  extra?: TxOp[];
  detail?: Record<string, string | number | boolean | null>;
  /** Who is told: outbox rows written with the step, delivered after it commits. */
  notify?: Notification[];
}

/**
 * Applies one step to an order in one transaction: the guarded order update, its timeline lines,
 * any other single-document writes, and the audit entry. `build` runs again if a write other than
 * the order's own lost a race (a volunteer's counters), never if the order itself changed.
 */
async function applyStep(ctx: ActionContext, caller: Caller, order: OrderDoc, build: () => Promise<Result<Step>>, onOrderConflict: ErrorCode = 'COMMON.CONFLICT') {
  const r = relationOf(caller, order);
  const actor = actorOf(caller, r, order);
  for (let attempt = 0; attempt < 5; attempt++) {
    const step = await build();
    if (!step.ok) return step;
    const move = moveThrough(order, step.data.events, step.data.set, step.data.more);
    if (!move) return fail('ORDER.NOT_ALLOWED_NOW');
    const ops: TxOp[] = [move, ...step.data.notes.map((n) => timelineOp(ctx.ports, order._id, ctx.now, actor, n)), ...(step.data.extra ?? [])];
    const res = await ctx.transact(ops, { subjectId: order._id, detail: { event: step.data.events.map((e) => e.type).join('>'), ...(step.data.detail ?? {}) } }, step.data.notify);
    if (res.ok) {
      const fresh = (await loadOrder(ctx.ports.store, order._id))!;
      return ok({ order: await toOrderView(ctx, caller, fresh, { timeline: true }) });
    }
    if (res.index === 0 || res.reason === 'duplicate') return fail(onOrderConflict);
  }
  return fail('COMMON.CONFLICT');
}

async function volunteerOf(ctx: ActionContext, userId: string): Promise<VolunteerRecord | null> {
  return ctx.ports.store.get<VolunteerRecord>('volunteers', userId);
}

/** Leaders who handle orders of this place at this level, to be told. */
async function leadersOf(ctx: ActionContext, order: Pick<Order, 'place'>, level: Level): Promise<string[]> {
  const key = level === 'grid' ? 'gridId' : level === 'community' ? 'communityId' : 'streetId';
  const id = order.place.path[key];
  if (!id) return [];
  const rows = await ctx.ports.store.find<Doc & { userId: string; role: string; nodeId: string }>('memberships', { [`path.${key}`]: id }, { limit: 200 });
  return [...new Set(rows.filter((m) => LEVEL_LEADERS[level].includes(m.role as never) && m.nodeId === id).map((m) => m.userId))];
}

async function tellLeaders(ctx: ActionContext, order: OrderDoc, level: Level, title: string, body: string): Promise<Notification[]> {
  return (await leadersOf(ctx, order, level)).flatMap((id) => notice(id, { template: 'order.escalated', title, body, page: orderPage(order._id) }));
}

/**
 * The resident hears where their order went when a leader moves it between levels (上报, 回派),
 * unless the leader is the poster (an order a leader posted for someone without an account).
 */
function tellPoster(caller: Caller, order: OrderDoc, title: string, body: string): Notification[] {
  if (order.posterId === caller.user._id) return [];
  return notice(order.posterId, { template: 'order.escalated', title, body, page: orderPage(order._id) });
}

/** A closed order with a volunteer becomes a verified entry of their service record (双报到). */
function serviceOps(order: OrderDoc, closedAt: string, rating: Order['rating']): TxOp[] {
  const entry = serviceEntryFor({ ...order, rating }, closedAt, beijingMonth(closedAt));
  return entry ? [{ op: 'insert', collection: 'service_records', doc: entry as unknown as Doc }] : [];
}

const BASE64_BYTES = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
const MAX_PHOTO_BYTES = 700 * 1024;
const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/webp': (b) => String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
};

// ---- actions ----------------------------------------------------------------------------------

interface PostTarget {
  poster: UserDoc | null;
  building: NodeDoc | null;
}

/** 网上接单: a resident posts; a grid leader may post on behalf of a resident (代办). */
const post = defineAction(spec.post, {
  load: async (ctx, input, caller) => {
    const store = ctx.ports.store;
    let poster: UserDoc | null = caller.user as UserDoc;
    if (input.onBehalfOf) {
      poster = await store.get<UserDoc>('users', input.onBehalfOf);
      if (!poster) return fail('COMMON.NOT_FOUND', 'payload.onBehalfOf');
    } else if (input.contactName) {
      poster = null;
    }
    const buildingId = input.buildingId ?? poster?.home?.buildingId;
    if (!buildingId) return fail('ORDER.NO_HOME', 'payload.buildingId');
    const building = await store.get<NodeDoc>('nodes', buildingId);
    if (!building || building.kind !== 'building') return fail('ACCOUNT.BUILDING_NOT_FOUND', 'payload.buildingId');
    return ok<PostTarget>({ poster, building });
  },
  authorize: (caller, input, target) => {
    const forSomeoneElse = Boolean(input.onBehalfOf && input.onBehalfOf !== caller.user._id) || Boolean(input.contactName);
    if (!forSomeoneElse) return { allow: true };
    // 代办: the leader of the grid where the resident lives, or of a place above it.
    const leads = opensAt(caller, 'proxy', target.building!.path);
    if (!leads) return { allow: false, code: 'ORDER.NOT_A_RESIDENT_OF_PLACE' };
    if (input.onBehalfOf && target.poster?.home && target.poster.home.path.gridId !== target.building!.path.gridId && !opensAt(caller, 'proxy', target.poster.home.path)) {
      return { allow: false, code: 'ORDER.NOT_A_RESIDENT_OF_PLACE' };
    }
    return { allow: true };
  },
  run: async (ctx, input, caller, { poster, building }) => {
    const store = ctx.ports.store;
    const checked = await checkText(ctx, input.description, 'payload.description');
    if (!checked.ok) return checked;
    if (input.contactName && !input.contactPhone) return fail('COMMON.INVALID_INPUT', 'payload.contactPhone');
    const posterId = poster?._id ?? caller.user._id;
    const id = `ord_${stableHash(`${posterId}:${input.clientKey}`)}`;
    const existing = await loadOrder(store, id);
    if (existing && existing.posterId === posterId) return ok({ order: await toOrderView(ctx, caller, existing, { timeline: true }) });

    const b = building!;
    const nodes = await loadNodes(store, Object.values(b.path).filter((x): x is string => Boolean(x)));
    const rules = CATEGORY_RULES[input.category];
    const room = input.room ?? (poster?.home?.buildingId === b._id ? poster.home.room : null);
    const onBehalf = posterId !== caller.user._id || Boolean(input.contactName);
    const order: OrderDoc = {
      _id: id,
      version: 1,
      posterId,
      postedBy: caller.user._id,
      onBehalf,
      clientKey: input.clientKey,
      category: input.category,
      description: input.description,
      photos: input.photos,
      urgency: input.urgency,
      preferredTime: input.preferredTime ?? null,
      place: { path: b.path, buildingId: b._id, room, point: input.point ?? null, label: breadcrumb(b.path, nodes).slice(1).join(' › ') },
      contact: input.contactName ? { name: input.contactName, phone: input.contactPhone ?? null } : { name: poster!.name, phone: poster!.phone ?? null },
      private: rules.private,
      state: 'dispatching',
      level: 'grid',
      maxLevel: 'grid',
      levelSince: ctx.now,
      levelDeadline: levelDeadline('grid', ctx.now),
      breaches: 0,
      offer: null,
      excluded: [],
      failedOffers: 0,
      assigneeId: null,
      dispatchReason: null,
      postedAt: ctx.now,
      month: beijingMonth(ctx.now),
      firstOfferedAt: null,
      acceptedAt: null,
      resolvedAt: null,
      ratedAt: null,
      closedAt: null,
      cancelledAt: null,
      reopenedAt: null,
      closedAs: null,
      resolution: null,
      rating: null,
      reopenCount: 0,
      handBacks: 0,
      cancelReason: null,
      topicId: null,
    };
    const plan = await planDispatch(store, order, ctx.now);
    const state = nextOrderState('dispatching', plan.event)!;
    const doc: OrderDoc = { ...order, ...plan.set, state };
    const actor: Actor = { id: caller.user._id, role: onBehalf ? '网格长代办' : '居民', name: caller.user.name };
    const notes: TimelineNote[] = [{ kind: 'posted', text: onBehalf ? `网格长为居民代办：${input.category}` : `居民发布：${input.category}` }, ...plan.notes];
    const told = plan.offeredTo
      ? notice(plan.offeredTo, { template: 'order.offered', title: '有新的派单', body: `${input.category}：请在 30 分钟内确认`, page: orderPage(id) })
      : await tellLeaders(ctx, doc, 'grid', '有事项等待处理', `${input.category}：${plan.set.dispatchReason ?? ''}`.slice(0, 60));
    const written = await ctx.transact(
      [{ op: 'insert', collection: 'orders', doc }, ...notes.map((n, i) => timelineOp(ctx.ports, id, new Date(Date.parse(ctx.now) + i).toISOString(), i === 0 ? actor : { id: null, role: '平台', name: '' }, n))],
      { subjectId: id, detail: { event: `post>${plan.event.type}`, category: input.category } },
      told,
    );
    if (!written.ok) {
      // The same key posted twice at the same moment: the first one stands.
      const first = await loadOrder(store, id);
      if (first) return ok({ order: await toOrderView(ctx, caller, first, { timeline: true }) });
      return fail('COMMON.CONFLICT');
    }
    return ok({ order: await toOrderView(ctx, caller, doc, { timeline: true }) });
  },
});

/**
 * 代办: who a leader is about to post for — name, masked phone and registered home. The same rule as
 * the 代办 offer on a scanned personal code and in the member list: a resident whose home lies in a
 * place the caller leads. An unknown id answers the same as a resident of another place.
 */
const proxyFor = defineAction(spec.proxyFor, {
  load: async (ctx, input) => ok(await ctx.ports.store.get<UserDoc>('users', input.userId)),
  authorize: (caller, _input, user) =>
    user?.home && opensAt(caller, 'proxy', user.home.path) ? { allow: true } : { allow: false, code: 'ORDER.NOT_A_RESIDENT_OF_PLACE' },
  run: async (ctx, _input, _caller, user) => {
    const home = user!.home!;
    const nodes = await loadNodes(ctx.ports.store, Object.values(home.path).filter((x): x is string => Boolean(x)));
    return ok({
      resident: {
        userId: user!._id,
        name: user!.name,
        phoneMasked: maskPhone(user!.phone) ?? null,
        home: { buildingId: home.buildingId, label: breadcrumb(home.path, nodes).join(' › '), room: home.room },
      },
    });
  },
});

const uploadPhoto = defineAction(spec.uploadPhoto, {
  authorize: () => ({ allow: true }),
  run: async (ctx, input, caller) => {
    if (BASE64_BYTES(input.dataBase64) > MAX_PHOTO_BYTES) return fail('ORDER.PHOTO_TOO_LARGE', 'payload.dataBase64');
    const bytes = new Uint8Array(Buffer.from(input.dataBase64, 'base64'));
    if (!MAGIC[input.contentType]!(bytes)) return fail('COMMON.INVALID_INPUT', 'payload.dataBase64');
    const ext = input.contentType.split('/')[1];
    const stored = await ctx.ports.files.put(`photos/${caller.user._id}/${ctx.ports.ids.id('img')}.${ext}`, bytes, input.contentType);
    return ok(stored);
  },
});

const get = defineAction(spec.get, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('get', caller, order),
  run: async (ctx, _input, caller, order) => ok({ order: await toOrderView(ctx, caller, order, { timeline: true }) }),
});

const list = defineAction(spec.list, {
  load: async (ctx, input) => {
    if (input.view !== 'queue') return ok(null);
    if (!input.nodeId) return fail('COMMON.INVALID_INPUT', 'payload.nodeId');
    const node = await ctx.ports.store.get<NodeDoc>('nodes', input.nodeId);
    return node && ['grid', 'community', 'street'].includes(node.kind) ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', 'payload.nodeId');
  },
  authorize: (caller, input, node) => {
    if (input.view !== 'queue') return { allow: true };
    return opensAt(caller, 'queue', node!.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' };
  },
  run: async (ctx, input, caller, node) => {
    const page = await listOrders(ctx.ports.store, caller, input, node, ctx.now);
    const orders = [];
    for (const o of page.orders) orders.push(await toOrderView(ctx, caller, o));
    return ok({ orders, total: page.total, offset: input.offset, limit: input.limit });
  },
});

/** 党员接单: from an offer or the pool. Exactly one volunteer wins; the rest hear ORDER.ALREADY_TAKEN. */
const accept = defineAction(spec.accept, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('accept', caller, order),
  run: (ctx, _input, caller, order) =>
    applyStep(
      ctx,
      caller,
      order,
      async () => {
        const v = await volunteerOf(ctx, caller.user._id);
        if (!v || !v.active) return fail('ORDER.VOLUNTEER_NOT_ELIGIBLE');
        if (order.state === 'pool' && v.openLoad >= DEFAULT_DISPATCH.loadCap) return fail('ORDER.VOLUNTEER_NOT_ELIGIBLE');
        return ok({
          events: [{ type: 'accept' }],
          set: { assigneeId: caller.user._id, acceptedAt: ctx.now, offer: null },
          notes: [{ kind: 'accepted', text: `志愿者 ${caller.user.name} 已接单` }],
          extra: [volunteerOp(v, { $inc: { openLoad: 1 }, $set: { lastAssignedAt: ctx.now } })],
          notify: notice(order.posterId, { template: 'order.accepted', title: '您的事项有人接单了', body: `志愿者 ${caller.user.name} 已接单，会尽快联系您`, page: orderPage(order._id) }),
        });
      },
      'ORDER.ALREADY_TAKEN',
    ),
});

/** After a decline, a hand-back or an expired offer: the platform offers it to the next volunteer. */
async function redispatchStep(ctx: ActionContext, order: OrderDoc, first: OrderEvent, set: Partial<Order>, note: TimelineNote, extra: TxOp[] = []): Promise<Result<Step>> {
  const after = { ...order, ...set };
  const plan = order.offer?.manual && first.type === 'decline'
    ? { event: { type: 'noCandidate' } as OrderEvent, set: { offer: null }, notes: [{ kind: 'waiting', text: '人工派单被婉拒，回到负责人处理' }], offeredTo: null }
    : await planDispatch(ctx.ports.store, after, ctx.now);
  return ok({
    events: [first, plan.event],
    set: { ...set, ...plan.set },
    notes: [note, ...plan.notes],
    extra,
    notify: plan.offeredTo
      ? notice(plan.offeredTo, { template: 'order.offered', title: '有新的派单', body: `${order.category}：请在 30 分钟内确认`, page: orderPage(order._id) })
      : await tellLeaders(ctx, order, order.level, '有事项等待处理', `${order.category}：需要人工派单`),
  });
}

const decline = defineAction(spec.decline, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('decline', caller, order),
  run: (ctx, input, caller, order) =>
    applyStep(ctx, caller, order, () =>
      redispatchStep(ctx, order, { type: 'decline' }, { offer: null, excluded: [...order.excluded, caller.user._id], failedOffers: order.failedOffers + 1 }, { kind: 'declined', text: `志愿者婉拒：${input.reason}` }),
    ),
});

const handBack = defineAction(spec.handBack, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('handBack', caller, order),
  run: (ctx, input, caller, order) =>
    applyStep(ctx, caller, order, async () => {
      const v = await volunteerOf(ctx, caller.user._id);
      return redispatchStep(
        ctx,
        order,
        { type: 'handBack' },
        { assigneeId: null, acceptedAt: null, excluded: [...order.excluded, caller.user._id], handBacks: order.handBacks + 1 },
        { kind: 'handedBack', text: `志愿者退单：${input.reason}` },
        v ? [volunteerOp(v, { $inc: { openLoad: -1 } })] : [],
      );
    }),
});

const resolve = defineAction(spec.resolve, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('resolve', caller, order),
  run: async (ctx, input, caller, order) => {
    if (CATEGORY_RULES[order.category].photoOnResolve && input.photos.length === 0) return fail('ORDER.PHOTO_REQUIRED', 'payload.photos');
    const checked = await checkText(ctx, input.note, 'payload.note');
    if (!checked.ok) return checked;
    return applyStep(ctx, caller, order, async () => {
      const v = await volunteerOf(ctx, caller.user._id);
      return ok({
        events: [{ type: 'resolve' }],
        set: { resolvedAt: ctx.now, resolution: { note: input.note, photos: input.photos, by: caller.user._id, at: ctx.now } },
        notes: [{ kind: 'resolved', text: `已办结：${input.note}` }],
        extra: v ? [volunteerOp(v, { $inc: { openLoad: -1 } })] : [],
        notify: notice(order.posterId, { template: 'order.resolved', title: '您的事项已办结，请评价', body: `${order.category}已处理，请您评价`, page: orderPage(order._id) }),
      });
    });
  },
});

/** 居民评单: by the poster, once. 1–2★ reopens it for the grid leader; a second bad rating escalates. */
const rate = defineAction(spec.rate, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('rate', caller, order),
  run: async (ctx, input, caller, order) => {
    const checked = await checkText(ctx, input.comment, 'payload.comment');
    if (!checked.ok) return checked;
    const rating = { stars: input.stars, tags: input.tags, comment: input.comment, at: ctx.now };
    const bad = input.stars <= 2;
    const escalateToo = bad && order.reopenCount >= 1 && levelAbove(order.level) !== null;
    return applyStep(ctx, caller, order, async () => {
      const v = order.assigneeId ? await volunteerOf(ctx, order.assigneeId) : null;
      const extra: TxOp[] = v ? [volunteerOp(v, { $inc: { ratingSum: input.stars, ratingCount: 1 } })] : [];
      if (!bad) {
        return ok({
          events: [{ type: 'rate', stars: input.stars }],
          set: { rating, ratedAt: ctx.now, closedAt: ctx.now, closedAs: 'rated' as const },
          notes: [{ kind: 'rated', text: `居民评价 ${input.stars} 星${input.tags.length ? `：${input.tags.join('、')}` : ''}` }],
          extra: [...extra, ...serviceOps(order, ctx.now, rating)],
        });
      }
      const up = escalateToo ? levelAbove(order.level)! : order.level;
      return ok({
        events: escalateToo ? [{ type: 'rate', stars: input.stars }, { type: 'escalate' }] : [{ type: 'rate', stars: input.stars }],
        set: {
          rating,
          ratedAt: ctx.now,
          reopenedAt: ctx.now,
          reopenCount: order.reopenCount + 1,
          ...(escalateToo ? { level: up, maxLevel: maxLevel(order.maxLevel, up), levelSince: ctx.now, levelDeadline: levelDeadline(up, ctx.now), assigneeId: null, failedOffers: 0 } : {}),
        },
        notes: [
          { kind: 'reopened', text: `居民评价 ${input.stars} 星，退回复核${input.comment ? `：${input.comment}` : ''}` },
          ...(escalateToo ? [{ kind: 'escalated', text: `第二次差评，自动上报至${LEVEL_LABELS[up]}` }] : []),
        ],
        extra,
        notify: await tellLeaders(ctx, order, up, escalateToo ? '差评事项已上报' : '居民不满意，请复核', `${order.category}：${input.stars} 星`),
      });
    });
  },
});

const maxLevel = (a: Level, b: Level): Level => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

const comment = defineAction(spec.comment, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('comment', caller, order),
  run: async (ctx, input, caller, order) => {
    const checked = await checkText(ctx, input.text, 'payload.text');
    if (!checked.ok) return checked;
    const r = relationOf(caller, order);
    return applyStep(ctx, caller, order, async () =>
      ok({
        events: [{ type: 'comment' }],
        set: {},
        notes: [{ kind: 'comment', text: input.text }],
        // A resident's words reach whoever is on it: the assignee, or the volunteer it is offered to.
        notify: ((to) => (to !== caller.user._id ? notice(to, { template: 'order.comment', title: '事项有新留言', body: input.text.slice(0, 20), page: orderPage(order._id) }) : []))(
          r.poster ? (order.assigneeId ?? order.offer?.volunteerId ?? null) : order.posterId,
        ),
      }),
    );
  },
});

const cancel = defineAction(spec.cancel, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('cancel', caller, order),
  run: (ctx, input, caller, order) =>
    applyStep(ctx, caller, order, async () => ok({ events: [{ type: 'cancel' }], set: { cancelledAt: ctx.now, cancelReason: input.reason, offer: null }, notes: [{ kind: 'cancelled', text: `居民撤回：${input.reason}` }] })),
});

const candidates = defineAction(spec.candidates, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('candidates', caller, order),
  run: async (ctx, _input, _caller, order) => {
    const pool = (await loadCandidates(ctx.ports.store, order)).map(toCandidate);
    const decision = dispatch(dispatchOrderOf({ ...order, excluded: [] }), pool, ctx.now, DEFAULT_DISPATCH, 10);
    return ok({ candidates: decision.ranked.map((c) => ({ userId: c.userId, name: c.name, score: c.score, why: c.why })), explanation: explainCandidates(decision) });
  },
});

/** The leader offers the order to a volunteer of the place, by hand. */
const dispatchByHand = defineAction(spec.dispatchByHand, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('dispatchByHand', caller, order),
  run: async (ctx, input, caller, order) => {
    const v = await volunteerOf(ctx, input.volunteerId);
    if (!v) return fail('ORDER.VOLUNTEER_NOT_ELIGIBLE', 'payload.volunteerId');
    // A leader may choose someone outside their hours or who declined before; not the poster, not outside the place.
    const reason = exclusionOf(toCandidate(v), dispatchOrderOf({ ...order, excluded: [] }), ctx.now, { ...DEFAULT_DISPATCH, loadCap: Number.MAX_SAFE_INTEGER });
    if (reason && reason !== 'unavailable' && reason !== 'unskilled') return fail('ORDER.VOLUNTEER_NOT_ELIGIBLE', 'payload.volunteerId');
    const expiresAt = new Date(Date.parse(ctx.now) + 30 * 60_000).toISOString();
    return applyStep(ctx, caller, order, async () =>
      ok({
        events: [{ type: 'dispatchByHand' }],
        set: { offer: { volunteerId: v.userId, offeredAt: ctx.now, expiresAt, manual: true, score: null }, firstOfferedAt: order.firstOfferedAt ?? ctx.now, failedOffers: 0 },
        notes: [{ kind: 'offered', text: `负责人人工派单给志愿者 ${v.name}` }],
        notify: notice(v.userId, { template: 'order.offered', title: '负责人给您派了一件事', body: `${order.category}：请在 30 分钟内确认`, page: orderPage(order._id) }),
      }),
    );
  },
});

const openPool = defineAction(spec.openPool, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('openPool', caller, order),
  run: (ctx, _input, caller, order) =>
    applyStep(ctx, caller, order, async () => ok({ events: [{ type: 'openPool' }], set: { offer: null }, notes: [{ kind: 'pool', text: `已放入${LEVEL_LABELS[order.level]}抢单池，志愿者可抢单` }] })),
});

/** Releases an assignee when the order leaves their hands (escalated away). */
async function releaseAssignee(ctx: ActionContext, order: OrderDoc): Promise<TxOp[]> {
  if (!order.assigneeId || order.state !== 'accepted') return [];
  const v = await volunteerOf(ctx, order.assigneeId);
  return v ? [volunteerOp(v, { $inc: { openLoad: -1 } })] : [];
}

const escalate = defineAction(spec.escalate, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('escalate', caller, order),
  run: (ctx, input, caller, order) =>
    applyStep(ctx, caller, order, async () => {
      const up = levelAbove(order.level)!;
      return ok({
        events: [{ type: 'escalate' }],
        set: { level: up, maxLevel: maxLevel(order.maxLevel, up), levelSince: ctx.now, levelDeadline: levelDeadline(up, ctx.now), offer: null, assigneeId: null, failedOffers: 0 },
        notes: [{ kind: 'escalated', text: `上报至${LEVEL_LABELS[up]}：${input.reason}` }],
        extra: await releaseAssignee(ctx, order),
        detail: { to: up },
        notify: [
          ...(await tellLeaders(ctx, order, up, `${LEVEL_LABELS[order.level]}上报了一件事`, `${order.category}：${input.reason}`.slice(0, 60))),
          ...tellPoster(caller, order, `您的事项已上报至${LEVEL_LABELS[up]}`, `${order.category}：${input.reason}`.slice(0, 60)),
        ],
      });
    }),
});

const sendBack = defineAction(spec.sendBack, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('sendBack', caller, order),
  run: (ctx, input, caller, order) =>
    applyStep(ctx, caller, order, async () => {
      const down = levelBelow(order.level)!;
      return ok({
        events: [{ type: 'sendBack' }],
        set: { level: down, levelSince: ctx.now, levelDeadline: levelDeadline(down, ctx.now), offer: null, failedOffers: 0 },
        notes: [{ kind: 'sentBack', text: `${LEVEL_LABELS[order.level]}回派至${LEVEL_LABELS[down]}：${input.reason}` }],
        detail: { to: down },
        notify: [
          ...(await tellLeaders(ctx, order, down, `${LEVEL_LABELS[order.level]}回派了一件事`, `${order.category}：${input.reason}`.slice(0, 60))),
          ...tellPoster(caller, order, `您的事项已回派至${LEVEL_LABELS[down]}处理`, `${order.category}：${input.reason}`.slice(0, 60)),
        ],
      });
    }),
});

const closeAfterReview = defineAction(spec.closeAfterReview, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('closeAfterReview', caller, order),
  run: (ctx, input, caller, order) =>
    applyStep(ctx, caller, order, async () =>
      ok({
        events: [{ type: 'closeAfterReview' }],
        set: { closedAt: ctx.now, closedAs: 'review' as const },
        notes: [{ kind: 'closed', text: `负责人复核后办结：${input.reason}` }],
        extra: serviceOps(order, ctx.now, order.rating),
        notify: notice(order.posterId, { template: 'order.closed', title: '您的事项已复核办结', body: input.reason.slice(0, 20), page: orderPage(order._id) }),
      }),
    ),
});

/** A dispute becomes a topic for a 民事协调会 (the councils pick it up). */
const toCouncil = defineAction(spec.toCouncil, {
  load: (ctx, input) => loadRef(ctx, input.orderId),
  authorize: (caller, _input, order) => authorizeOn('toCouncil', caller, order),
  run: async (ctx, input, caller, order) => {
    const topicId = `top_${order._id.slice(4)}`;
    const topic = { _id: topicId, title: input.title, source: 'order', sourceOrderId: order._id, meetingType: '民事协调会', private: true, path: order.place.path, status: 'proposed', createdBy: caller.user._id, createdAt: ctx.now, version: 1 };
    const res = await applyStep(ctx, caller, order, async () =>
      ok({ events: [{ type: 'comment' }], set: { topicId }, notes: [{ kind: 'topic', text: `已转为民事协调会议题：${input.title}` }], extra: [{ op: 'insert', collection: 'topics', doc: topic }] }),
    );
    return res.ok ? ok({ order: res.data.order, topicId }) : res;
  },
});

/** The measures of a place, per month and per child place; for its leaders. */
const stats = defineAction(spec.stats, {
  load: async (ctx, input) => {
    const node = await ctx.ports.store.get<NodeDoc>('nodes', input.nodeId);
    return node && ['grid', 'community', 'street'].includes(node.kind) ? ok(node) : fail('TERRITORY.NODE_NOT_FOUND', 'payload.nodeId');
  },
  authorize: (caller, _input, node) => (opensAt(caller, 'stats', node.path) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, _caller, node) => {
    const key = `place.path.${pathKey(node.kind)}`;
    const filter = input.month ? { [key]: scopeIdOf(node), month: input.month } : { [key]: scopeIdOf(node) };
    const orders: OrderDoc[] = [];
    for (let skip = 0; ; skip += 1000) {
      const page = await ctx.ports.store.find<OrderDoc>('orders', filter, { sort: [[key, 1], ['month', 1]], skip, limit: 1000 });
      orders.push(...page);
      if (page.length < 1000) break;
    }
    const childKey = node.kind === 'street' ? 'communityId' : node.kind === 'community' ? 'gridId' : 'microGridId';
    const children = await ctx.ports.store.find<NodeDoc>('nodes', { parentId: node._id }, { sort: [['parentId', 1], ['order', 1]], limit: 1000 });
    const months = [...new Set(orders.map((o) => o.month))].sort();
    return ok({
      nodeId: node._id,
      nodeName: node.name,
      total: computeMeasures(orders),
      byMonth: months.map((month) => ({ month, ...computeMeasures(orders.filter((o) => o.month === month)) })),
      byChild: children
        .filter((c) => c.kind !== 'station')
        .map((c) => ({ nodeId: c._id, nodeName: c.name, ...computeMeasures(orders.filter((o) => o.place.path[childKey] === c._id)) })),
    });
  },
});

export const ordersFunction: FunctionDefinition = {
  name: 'orders',
  actions: { post, proxyFor, uploadPhoto, get, list, accept, decline, handBack, resolve, rate, comment, cancel, candidates, dispatchByHand, openPool, escalate, sendBack, closeAfterReview, toCouncil, stats, home, queueCounts },
};
