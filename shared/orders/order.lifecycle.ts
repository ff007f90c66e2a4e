// Registers the messages of the codes this module refuses with, in every bundle that runs it.
import './orders.errors';
import { tell, type Effect, type Lifecycle, type Notice, type Refusal, type SideWrite, type TimelineLine } from '../kernel/lifecycle';
import { beijingMonth } from '../kernel/time';
import type { NoticeFacts } from '../notices/templates';
import { CATEGORY_RULES } from './categories';
import { DEFAULT_DISPATCH } from './dispatch';
import { LEVEL_LABELS, LEVELS, levelAbove, levelBelow, levelDeadline, type ClockOutcome, type Level } from './escalation';
import { CLOCK_STATES, isBadRating, nextOrderState, ORDER_STATES, type OrderEvent, type OrderState } from './order.machine';
import type { DeskOwner, Order, VolunteerDoc } from './orders.schema';
import { serviceEntryFor } from './service-record';
import { heldByDesk } from './desk';
import { householdsOf, isPrivateOrder, livesNear } from './similar';
// Orders feed the orders rollups: the rule goes wherever orders are written.
import './order.rollup';

/**
 * The order lifecycle as data: the table of `order.machine.ts` with what each transition does.
 * Every effect is a pure function of the order as it stands, the step and its context; the mover
 * (`cloudfunctions/_core/mover.ts`) writes the result. Actions and scheduler jobs only choose steps.
 */

/** An offer waits this long for the volunteer's answer. */
export const OFFER_MINUTES = 30;
/** After this many offers that came to nothing, the order goes to the leader. */
export const MAX_FAILED_OFFERS = 3;
/** A resolved order nobody rated closes itself as 未评价 after this many days. */
export const AUTO_CLOSE_DAYS = 7;

export { isBadRating };

/** A second bad rating hands the order up a level, if there is one. */
export const badRatingEscalates = (order: Pick<Order, 'reopenCount' | 'level'>, stars: number): boolean =>
  isBadRating(stars) && order.reopenCount >= 1 && levelAbove(order.level) !== null;

/** A step of an order: an event of the table with the data its effect needs. */
export type OrderStep =
  | { type: 'offer'; volunteerId: string; score: number; reason: string }
  /** To the leader of the level; `text` is the timeline line when it differs from the reason. */
  | { type: 'noCandidate'; reason: string; text?: string; keepReason?: boolean }
  | { type: 'accept' }
  | { type: 'decline'; reason: string }
  | { type: 'expireOffer' }
  | { type: 'dispatchByHand'; volunteerId: string; volunteerName: string }
  | { type: 'openPool' }
  | { type: 'handBack'; reason: string }
  | { type: 'resolve'; note: string; photos: string[] }
  | { type: 'rate'; stars: number; tags: string[]; comment: string }
  | { type: 'autoClose' }
  | { type: 'closeAfterReview'; reason: string }
  /** By a leader with a reason, or after a second bad rating. */
  | { type: 'escalate'; reason: string; cause: 'leader' | 'badRating'; stars?: number }
  | { type: 'sendBack'; reason: string }
  | { type: 'cancel'; reason: string }
  | { type: 'comment'; text: string }
  /** A dispute becomes a council topic; the order stays where it is. */
  | { type: 'toCouncil'; title: string; topic: { _id: string } }
  /** Where the clocks put an order left alone (`clockOutcome`): escalations and street breaches. */
  | { type: 'clock'; outcome: ClockOutcome }
  /** 我也遇到了: a neighbour living at `home` reports the same problem; the order stays where it is. */
  | { type: 'affect'; userId: string; home: { gridId?: string; microGridId?: string } | null }
  /** An affected neighbour rates the result; the poster's rating alone moves the order. */
  | { type: 'rateAsNeighbour'; stars: number; tags: string[]; comment: string }
  /** 三方共治: the responsibility list sends it to the compound's desk first; its staff hear of it. */
  | { type: 'toDesk'; desk: DeskOwner; why: string; staffIds: readonly string[] }
  /** A desk's staff member takes it, for themselves or for a colleague of the same desk. */
  | { type: 'deskAccept'; staffId: string; staffName: string }
  /** "Not ours" (不归我们管): the desk gives it back to the leader of its level, with the reason. */
  | { type: 'refuse'; reason: string };

export type OrderStepType = OrderStep['type'];

/** A volunteer's dispatch record, with the version its counters are guarded by. */
export type VolunteerRecord = VolunteerDoc & { _id: string; version: number };

/** What the effects need besides the order. */
export interface OrderContext {
  now: string;
  /** The person acting; null for the platform (dispatcher, scheduler). */
  by: { id: string; name: string } | null;
  /** Dispatch records the step adjusts, by user id: the caller's, or the assignee's. */
  volunteers: Readonly<Record<string, VolunteerRecord | null | undefined>>;
  /**
   * 双报到: the in-service work unit of the volunteer a closing step credits, by user id (null or
   * missing: none). Loaded by the actions and jobs that close an order.
   */
  workUnits?: Readonly<Record<string, string | null | undefined>>;
}

/** The table's event for a step (the clock is one escalation per level it climbs, or none). */
function tableEvent(step: OrderStep): OrderEvent {
  switch (step.type) {
    case 'toCouncil':
    case 'comment':
    case 'affect':
    case 'rateAsNeighbour':
      return { type: 'comment' };
    case 'clock':
      return step.outcome.escalatedTo.length > 0 ? { type: 'escalate' } : { type: 'comment' };
    case 'rate':
      return { type: 'rate', stars: step.stars };
    default:
      return { type: step.type };
  }
}

const page = (orderId: string) => `/packages/orders/detail/index?id=${orderId}`;
const offerExpiry = (now: string) => new Date(Date.parse(now) + OFFER_MINUTES * 60_000).toISOString();
const maxLevel = (a: Level, b: Level): Level => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);
const line = (kind: string, text: string, leadersOnly = false): TimelineLine => (leadersOnly ? { kind, text, leadersOnly } : { kind, text });
/** What an order's messages name: its category and, for whoever goes there, the building (never the room). */
const facts = (order: Order, more: NoticeFacts = {}): NoticeFacts => ({ subject: order.category, place: order.place.label.split(' › ').at(-1), ...more });
const leaders = (order: Order, level: Level, title: string, body: string, state: string): Notice[] => [
  { to: { leadersOf: { path: order.place.path, level } }, template: 'order.escalated', title, body: body.slice(0, 60), page: page(order._id), facts: facts(order, { state }) },
];
/** The volunteer an order is offered to hears what, where and until when to confirm. */
const offered = (order: Order, volunteerId: string, title: string, now: string): Notice[] =>
  tell(volunteerId, {
    template: 'order.offered',
    title,
    body: `${order.category}：请在 ${OFFER_MINUTES} 分钟内确认`,
    page: page(order._id),
    facts: facts(order, { when: offerExpiry(now) }),
  });
/** The residents an order speaks for: its poster and every neighbour who said 我也遇到了. */
export const residentsOf = (order: Pick<Order, 'posterId' | 'affected'>): string[] => [order.posterId, ...(order.affected ?? [])];
/** One notice to each of the order's residents (the poster and the affected neighbours), but never to who acted. */
export const tellResidents = (order: Order, x: Pick<OrderContext, 'by'>, n: Omit<Notice, 'to'>): Notice[] =>
  residentsOf(order).flatMap((id) => (id === x.by?.id ? [] : tell(id, n)));
/** The residents hear where their order went, unless they moved it themselves (a leader who posted it). */
const toPoster = (order: Order, x: OrderContext, title: string, body: string, state: string): Notice[] =>
  tellResidents(order, x, { template: 'order.escalated', title, body: body.slice(0, 60), page: page(order._id), facts: facts(order, { state }) });
/** A dispatch reason says how many households wait for it, when more than one. */
const withHouseholds = (order: Order, reason: string): string => (householdsOf(order) > 1 ? `${reason}（${householdsOf(order)} 户受影响）` : reason);

/** A change of a volunteer's dispatch record, guarded by the version that was read; none without one. */
function volunteerWrite(v: VolunteerRecord | null | undefined, patch: { $inc?: Record<string, number>; $set?: Record<string, unknown> }): SideWrite[] {
  return v ? [{ op: 'update', collection: 'volunteers', id: v._id, version: v.version, patch }] : [];
}

/** The assignee's load drops when the order leaves their hands while they work on it. */
const releaseAssignee = (order: Order, x: OrderContext): SideWrite[] =>
  order.state === 'accepted' && order.assigneeId ? volunteerWrite(x.volunteers[order.assigneeId], { $inc: { openLoad: -1 } }) : [];

/** A closed order with a volunteer becomes a verified entry of their service record (双报到), at the order's place; a desk's staff are paid for it. */
function serviceRecord(order: Order, closedAt: string, x: OrderContext): SideWrite[] {
  if (heldByDesk(order)) return [];
  const entry = serviceEntryFor(order, closedAt, beijingMonth(closedAt), (order.assigneeId && x.workUnits?.[order.assigneeId]) || null);
  return entry ? [{ op: 'insert', collection: 'service_records', doc: entry as unknown as { _id: string } }] : [];
}

/** To a new level: its clock starts now; whoever had it lets go. */
const toLevel = (order: Order, level: Level, now: string): Partial<Order> => ({
  level,
  maxLevel: maxLevel(order.maxLevel, level),
  levelSince: now,
  levelDeadline: levelDeadline(level, now),
});

type Effects = { [K in OrderStepType]: (order: Order, step: Extract<OrderStep, { type: K }>, x: OrderContext) => Effect<Order> };

export const ORDER_EFFECTS: Effects = {
  offer: (order, s, x) => ({
    set: {
      offer: { volunteerId: s.volunteerId, offeredAt: x.now, expiresAt: offerExpiry(x.now), manual: false, score: s.score },
      firstOfferedAt: order.firstOfferedAt ?? x.now,
      dispatchReason: withHouseholds(order, s.reason),
    },
    timeline: [line('offered', `平台已派单给志愿者，${OFFER_MINUTES} 分钟内确认`), line('dispatchReason', withHouseholds(order, s.reason), true)],
    notify: offered(order, s.volunteerId, '有新的派单', x.now),
  }),
  noCandidate: (order, s) => ({
    set: s.keepReason ? { offer: null } : { offer: null, dispatchReason: s.reason },
    timeline: [line('waiting', s.text ?? s.reason)],
    notify: leaders(order, order.level, '有事项等待处理', `${order.category}：${s.reason}`, '待派单'),
  }),
  accept: (order, _s, x) => ({
    set: { assigneeId: x.by!.id, acceptedAt: x.now, offer: null },
    timeline: [line('accepted', `志愿者 ${x.by!.name} 已接单`)],
    writes: volunteerWrite(x.volunteers[x.by!.id], { $inc: { openLoad: 1 }, $set: { lastAssignedAt: x.now } }),
    notify: tellResidents(order, x, {
      template: 'order.accepted',
      title: '您的事项有人接单了',
      body: `志愿者 ${x.by!.name} 已接单，会尽快联系您`,
      page: page(order._id),
      facts: facts(order, { who: x.by!.name }),
    }),
  }),
  decline: (order, s, x) => ({
    set: { offer: null, excluded: [...order.excluded, x.by!.id], failedOffers: order.failedOffers + 1 },
    timeline: [line('declined', `志愿者婉拒：${s.reason}`)],
  }),
  expireOffer: (order) => ({
    set: { offer: null, excluded: order.offer ? [...order.excluded, order.offer.volunteerId] : order.excluded, failedOffers: order.failedOffers + 1 },
    timeline: [line('offerExpired', '派单超时未确认')],
  }),
  dispatchByHand: (order, s, x) => ({
    set: {
      offer: { volunteerId: s.volunteerId, offeredAt: x.now, expiresAt: offerExpiry(x.now), manual: true, score: null },
      firstOfferedAt: order.firstOfferedAt ?? x.now,
      failedOffers: 0,
    },
    timeline: [line('offered', `负责人人工派单给志愿者 ${s.volunteerName}`)],
    notify: offered(order, s.volunteerId, '负责人给您派了一件事', x.now),
  }),
  openPool: (order) => ({ set: { offer: null }, timeline: [line('pool', `已放入${LEVEL_LABELS[order.level]}抢单池，志愿者可抢单`)] }),
  handBack: (order, s, x) => ({
    set: { assigneeId: null, acceptedAt: null, excluded: [...order.excluded, x.by!.id], handBacks: order.handBacks + 1 },
    timeline: [line('handedBack', `志愿者退单：${s.reason}`)],
    writes: volunteerWrite(x.volunteers[x.by!.id], { $inc: { openLoad: -1 } }),
  }),
  resolve: (order, s, x) => ({
    set: { resolvedAt: x.now, resolution: { note: s.note, photos: s.photos, by: x.by!.id, at: x.now } },
    timeline: [line('resolved', `已办结：${s.note}`)],
    writes: volunteerWrite(x.volunteers[x.by!.id], { $inc: { openLoad: -1 } }),
    notify: tellResidents(order, x, {
      template: 'order.resolved',
      title: '您的事项已办结，请评价',
      body: `${order.category}已处理，请您评价`,
      page: page(order._id),
      facts: facts(order),
    }),
  }),
  rate: (order, s, x) => {
    const rating = { stars: s.stars, tags: s.tags, comment: s.comment, at: x.now };
    const counted = order.assigneeId ? volunteerWrite(x.volunteers[order.assigneeId], { $inc: { ratingSum: s.stars, ratingCount: 1 } }) : [];
    if (!isBadRating(s.stars)) {
      return {
        set: { rating, ratedAt: x.now, closedAt: x.now, closedAs: 'rated' },
        timeline: [line('rated', `居民评价 ${s.stars} 星${s.tags.length ? `：${s.tags.join('、')}` : ''}`)],
        writes: [...counted, ...serviceRecord({ ...order, rating }, x.now, x)],
      };
    }
    return {
      set: { rating, ratedAt: x.now, reopenedAt: x.now, reopenCount: order.reopenCount + 1 },
      timeline: [line('reopened', `居民评价 ${s.stars} 星，退回复核${s.comment ? `：${s.comment}` : ''}`)],
      writes: counted,
      // A second bad rating is told by the escalation that follows it.
      notify: badRatingEscalates(order, s.stars) ? [] : leaders(order, order.level, '居民不满意，请复核', `${order.category}：${s.stars} 星`, '待复核'),
    };
  },
  autoClose: (order, _s, x) => {
    const closedAt = new Date(Date.parse(order.resolvedAt!) + AUTO_CLOSE_DAYS * 86_400_000).toISOString();
    return { set: { closedAt, closedAs: 'unrated' }, timeline: [line('closed', `${AUTO_CLOSE_DAYS} 天未评价，自动办结（未评价）`)], writes: serviceRecord(order, closedAt, x) };
  },
  closeAfterReview: (order, s, x) => ({
    set: { closedAt: x.now, closedAs: 'review' },
    timeline: [line('closed', `负责人复核后办结：${s.reason}`)],
    writes: serviceRecord(order, x.now, x),
    notify: tellResidents(order, x, { template: 'order.closed', title: '您的事项已复核办结', body: s.reason.slice(0, 20), page: page(order._id), facts: facts(order) }),
  }),
  escalate: (order, s, x) => {
    const up = levelAbove(order.level)!;
    if (s.cause === 'badRating') {
      return {
        set: { ...toLevel(order, up, x.now), assigneeId: null, failedOffers: 0 },
        timeline: [line('escalated', `第二次差评，自动上报至${LEVEL_LABELS[up]}`)],
        notify: leaders(order, up, '差评事项已上报', `${order.category}：${s.stars ?? order.rating?.stars ?? ''} 星`, '已上报'),
      };
    }
    return {
      set: { ...toLevel(order, up, x.now), offer: null, assigneeId: null, failedOffers: 0 },
      timeline: [line('escalated', `上报至${LEVEL_LABELS[up]}：${s.reason}`)],
      audit: { to: up },
      writes: releaseAssignee(order, x),
      notify: [
        ...leaders(order, up, `${LEVEL_LABELS[order.level]}上报了一件事`, `${order.category}：${s.reason}`, '已上报'),
        ...toPoster(order, x, `您的事项已上报至${LEVEL_LABELS[up]}`, `${order.category}：${s.reason}`, '已上报'),
      ],
    };
  },
  sendBack: (order, s, x) => {
    const down = levelBelow(order.level)!;
    return {
      set: { ...toLevel(order, down, x.now), maxLevel: order.maxLevel, offer: null, failedOffers: 0 },
      timeline: [line('sentBack', `${LEVEL_LABELS[order.level]}回派至${LEVEL_LABELS[down]}：${s.reason}`)],
      audit: { to: down },
      notify: [
        ...leaders(order, down, `${LEVEL_LABELS[order.level]}回派了一件事`, `${order.category}：${s.reason}`, '已回派'),
        ...toPoster(order, x, `您的事项已回派至${LEVEL_LABELS[down]}处理`, `${order.category}：${s.reason}`, '已回派'),
      ],
    };
  },
  cancel: (_order, s, x) => ({ set: { cancelledAt: x.now, cancelReason: s.reason, offer: null }, timeline: [line('cancelled', `居民撤回：${s.reason}`)] }),
  comment: (order, s, x) => {
    // A resident's words reach whoever is on it (the assignee, or the volunteer it is offered to); anyone else's reach the resident.
    const to = x.by?.id === order.posterId ? (order.assigneeId ?? order.offer?.volunteerId ?? null) : order.posterId;
    return {
      timeline: [line('comment', s.text)],
      notify: to !== x.by?.id ? tell(to, { template: 'order.comment', title: '事项有新留言', body: s.text.slice(0, 20), page: page(order._id), facts: facts(order) }) : [],
    };
  },
  toCouncil: (_order, s) => ({
    set: { topicId: s.topic._id },
    timeline: [line('topic', `已转为民事协调会议题：${s.title}`)],
    writes: [{ op: 'insert', collection: 'topics', doc: s.topic }],
  }),
  clock: (order, s, x) => {
    const { outcome } = s;
    const escalated = outcome.escalatedTo.length > 0;
    const streetBreaches = outcome.breaches - outcome.escalatedTo.length;
    const timeline = outcome.escalatedTo.map((to, i) =>
      line('escalated', `${LEVEL_LABELS[i === 0 ? order.level : outcome.escalatedTo[i - 1]!]}超过处理时限，自动上报至${LEVEL_LABELS[to]}`),
    );
    if (streetBreaches > 0) timeline.push(line('breach', streetBreaches === 1 ? '街道处理超过时限，已记录超时' : `街道处理超过时限，已记录超时 ${streetBreaches} 次`));
    // One message however many clocks ran out: where it is now, and whose time ran out.
    const lapsed = [order.level, ...outcome.escalatedTo.slice(0, -1)].map((l) => LEVEL_LABELS[l]).join('、');
    return {
      set: {
        level: outcome.level,
        maxLevel: maxLevel(order.maxLevel, outcome.level),
        levelSince: outcome.levelSince,
        levelDeadline: outcome.levelDeadline,
        ...(escalated ? { offer: null, assigneeId: null, failedOffers: 0 } : {}),
      },
      inc: { breaches: outcome.breaches },
      timeline,
      writes: escalated ? releaseAssignee(order, x) : [],
      notify: escalated
        ? [
            ...tellResidents(order, x, {
              template: 'order.escalated',
              title: `您的事项已上报至${LEVEL_LABELS[outcome.level]}`,
              body: `${order.category}：${lapsed}超过处理时限，已自动上报`,
              page: page(order._id),
              facts: facts(order, { state: '已上报' }),
            }),
            ...leaders(order, outcome.level, '超时事项已上报', `${order.category}：${lapsed}超过处理时限`, '已上报'),
          ]
        : [],
    };
  },
  affect: (order, s, x) => {
    const affected = [...(order.affected ?? []), s.userId];
    const households = householdsOf({ affected });
    return {
      set: { affected },
      timeline: [line('affected', `又有一户居民反映了同样的问题（共 ${households} 户）`)],
      audit: { households },
      // "我的事项" of the neighbour: one row per order and neighbour, found by its index.
      writes: [{ op: 'insert', collection: 'order_followers', doc: { _id: `${order._id}.${s.userId}`, orderId: order._id, userId: s.userId, at: x.now } }],
    };
  },
  toDesk: (order, s, x) => ({
    set: { desk: s.desk, dispatchReason: s.why, offer: null },
    timeline: [line('desk', `按责任清单由${s.desk.name}先处理${s.desk.hours ? `（${s.desk.hours} 小时内）` : ''}`), line('dispatchReason', s.why, true)],
    notify: s.staffIds.flatMap((id) =>
      tell(id, {
        template: 'order.offered',
        title: `${s.desk.name}有新的报事`,
        body: `${order.category}：请尽快接单处理`,
        page: page(order._id),
        facts: facts(order, { when: s.desk.dueAt ?? x.now }),
      }),
    ),
  }),
  deskAccept: (order, s, x) => ({
    set: { assigneeId: s.staffId, acceptedAt: x.now, offer: null },
    timeline: [line('accepted', s.staffId === x.by?.id ? `${order.desk?.name ?? '物业'} ${s.staffName} 已接单` : `${order.desk?.name ?? '物业'}已派 ${s.staffName} 处理`)],
    notify: [
      ...tellResidents(order, x, {
        template: 'order.accepted',
        title: '您的事项有人接单了',
        body: `${order.desk?.name ?? '物业'} ${s.staffName} 已接单，会尽快处理`,
        page: page(order._id),
        facts: facts(order, { who: s.staffName }),
      }),
      ...(s.staffId !== x.by?.id
        ? tell(s.staffId, {
            template: 'order.offered',
            title: '同事给您派了一件事',
            body: `${order.category}：请尽快处理`,
            page: page(order._id),
            facts: facts(order, { when: order.desk?.dueAt ?? x.now }),
          })
        : []),
    ],
  }),
  refuse: (order, s, x) => {
    const desk = order.desk!;
    return {
      set: {
        desk: { ...desk, refusedAt: x.now },
        refusals: [...(order.refusals ?? []), { at: x.now, by: x.by!.id, name: desk.name, reason: s.reason }],
        assigneeId: null,
        acceptedAt: null,
        offer: null,
        failedOffers: 0,
        dispatchReason: `${desk.name}说明不属于其职责：${s.reason}`,
      },
      timeline: [line('refused', `${desk.name}：不属于我们的职责——${s.reason}，已退回${LEVEL_LABELS[order.level]}负责人`)],
      audit: { reason: s.reason },
      notify: leaders(order, order.level, `${desk.name}退回了一件事`, `${order.category}：${s.reason}`, '已退回'),
    };
  },
  rateAsNeighbour: (order, s, x) => ({
    set: { neighbourRatings: [...(order.neighbourRatings ?? []), { userId: x.by!.id, stars: s.stars, tags: s.tags, comment: s.comment, at: x.now }] },
    timeline: [line('neighbourRated', `受影响的居民评价 ${s.stars} 星${s.tags.length ? `：${s.tags.join('、')}` : ''}`)],
  }),
};

/** Guards beyond the table: who may take it, what a resolution must carry. */
function guard(order: Order, step: OrderStep, x: OrderContext): Refusal | null {
  switch (step.type) {
    case 'accept': {
      const v = x.by ? x.volunteers[x.by.id] : null;
      if (!v || !v.active) return { code: 'ORDER.VOLUNTEER_NOT_ELIGIBLE' };
      // From the pool a volunteer takes no more than the load cap; an offer made to them stands.
      if (order.state === 'pool' && v.openLoad >= DEFAULT_DISPATCH.loadCap) return { code: 'ORDER.VOLUNTEER_NOT_ELIGIBLE' };
      return null;
    }
    case 'resolve':
      return CATEGORY_RULES[order.category].photoOnResolve && step.photos.length === 0 ? { code: 'ORDER.PHOTO_REQUIRED', field: 'payload.photos' } : null;
    case 'deskAccept':
      return heldByDesk(order) ? null : { code: 'ORDER.NOT_ALLOWED_NOW' };
    case 'refuse':
      // Only the desk that holds it, before anyone else took it on (or by the staff member who did).
      return heldByDesk(order) && (order.state === 'desk' || order.assigneeId === x.by?.id) ? null : { code: 'ORDER.NOT_ALLOWED_NOW' };
    case 'escalate':
      return levelAbove(order.level) === null ? { code: 'ORDER.NOT_ALLOWED_NOW' } : null;
    case 'clock':
      // Clocks run only while someone has to act: never on a resolved, closed or withdrawn order.
      return CLOCK_STATES.includes(order.state) ? null : { code: 'ORDER.NOT_ALLOWED_NOW' };
    case 'sendBack':
      return levelBelow(order.level) === null ? { code: 'ORDER.NOT_ALLOWED_NOW' } : null;
    case 'affect':
      if (order.state === 'closed' || order.state === 'cancelled') return { code: 'ORDER.NOT_ALLOWED_NOW' };
      if (isPrivateOrder(order)) return { code: 'ORDER.METOO_PRIVATE' };
      if (step.userId === order.posterId) return { code: 'ORDER.METOO_OWN_ORDER' };
      // Joining twice: the action answers the order as it stands before it gets here.
      if (order.affected?.includes(step.userId)) return { code: 'ORDER.NOT_ALLOWED_NOW' };
      return livesNear(step.home, order.place.path) ? null : { code: 'ORDER.METOO_NOT_NEIGHBOUR' };
    case 'rateAsNeighbour':
      if (order.state !== 'resolved' && order.state !== 'closed') return { code: 'ORDER.NOT_ALLOWED_NOW' };
      if (!x.by || !order.affected?.includes(x.by.id)) return { code: 'ORDER.NOT_ALLOWED_NOW' };
      return order.neighbourRatings?.some((r) => r.userId === x.by!.id) ? { code: 'ORDER.ALREADY_RATED' } : null;
    default:
      return null;
  }
}

export const orderLifecycle: Lifecycle<OrderState, OrderStep, Order, OrderContext> = {
  name: 'order',
  states: ORDER_STATES,
  next: (state, step) => nextOrderState(state, tableEvent(step)),
  guard,
  effect: (order, step, x) => (ORDER_EFFECTS[step.type] as (o: Order, s: OrderStep, x: OrderContext) => Effect<Order>)(order, step, x),
};
