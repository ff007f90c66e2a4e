import { clockOutcome, LEVEL_LABELS, LEVELS, type Level } from '../../shared/orders/escalation';
import { CLOCK_STATES, nextOrderState, type OrderEvent } from '../../shared/orders/order.machine';
import type { Order } from '../../shared/orders/orders.schema';
import { serviceEntryFor } from '../../shared/orders/service-record';
import { beijingMonth } from '../../shared/kernel/time';
import { transactWithOutbox } from '../_core/outbox';
import type { Notification, Ports } from '../_core/ports';
import type { Doc, TxOp } from '../_core/ports/store';
import { planDispatch } from './dispatcher';
import { AUTO_CLOSE_DAYS, notice, orderPage, PLATFORM, timelineOp, volunteerOp, type OrderDoc, type TimelineNote, type VolunteerRecord } from './order-store';

/**
 * The platform's own steps, run by the scheduler tick at instant `at`. Each finds what is due by an
 * indexed query and moves it with a version-guarded write, so a second tick at the same instant
 * finds nothing left to do.
 */

function systemAudit(ports: Ports, at: string, orderId: string, event: string): TxOp {
  return {
    op: 'insert',
    collection: 'audit',
    doc: { _id: ports.ids.id('aud'), at, requestId: `tick:${at}`, function: 'scheduler', action: 'tick', actorId: null, subjectId: orderId, outcome: 'ok', detail: { event } },
  };
}

/** Moves one order, with its timeline, audit entry and the outbox rows of `told`, in one transaction. */
async function apply(
  ports: Ports,
  order: OrderDoc,
  at: string,
  events: OrderEvent[],
  set: Partial<Order>,
  notes: TimelineNote[],
  extra: (order: OrderDoc) => Promise<TxOp[]> = async () => [],
  told: Notification[] = [],
): Promise<boolean> {
  let state = order.state;
  for (const e of events) {
    const next = nextOrderState(state, e);
    if (next === null) return false;
    state = next;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const ops: TxOp[] = [
      { op: 'update', collection: 'orders', id: order._id, version: order.version, patch: { $set: { ...set, state } } },
      ...notes.map((n, i) => timelineOp(ports, order._id, new Date(Date.parse(at) + i).toISOString(), PLATFORM, n)),
      ...(await extra(order)),
      systemAudit(ports, at, order._id, events.map((e) => e.type).join('>')),
    ];
    const res = await transactWithOutbox(ports, ops, told, at);
    if (res.ok) return true;
    if (res.index === 0) return false; // someone acted on the order meanwhile: it is no longer due
  }
  return false;
}

async function due(ports: Ports, filter: Record<string, unknown>, sort: [string, 1 | -1][]): Promise<OrderDoc[]> {
  return ports.store.find<OrderDoc>('orders', filter as never, { sort, limit: 1000 });
}

/** An offer nobody answered within its time moves on to the next volunteer (or to the leader). */
export async function expireOffers(ports: Ports, at: string): Promise<number> {
  let moved = 0;
  for (const order of await due(ports, { state: 'offered', 'offer.expiresAt': { $lte: at } }, [['state', 1], ['offer.expiresAt', 1]])) {
    const offeree = order.offer!.volunteerId;
    const after = { ...order, offer: null, excluded: [...order.excluded, offeree], failedOffers: order.failedOffers + 1 };
    const plan = order.offer!.manual
      ? { event: { type: 'noCandidate' } as OrderEvent, set: {}, notes: [{ kind: 'waiting', text: '人工派单超时未确认，回到负责人处理' }], offeredTo: null }
      : await planDispatch(ports.store, after, at);
    const done = await apply(
      ports,
      order,
      at,
      [{ type: 'expireOffer' }, plan.event],
      { offer: null, excluded: after.excluded, failedOffers: after.failedOffers, ...plan.set },
      [{ kind: 'offerExpired', text: '派单超时未确认' }, ...plan.notes],
      undefined,
      notice(plan.offeredTo, { template: 'order.offered', title: '有新的派单', body: `${order.category}：请在 30 分钟内确认`, page: orderPage(order._id) }),
    );
    if (done) moved++;
  }
  return moved;
}

const maxLevel = (a: Level, b: Level): Level => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/**
 * A level whose clock ran out hands the order up; at the street the breach is recorded per period.
 * However far `at` is past the deadline, the order lands in one write where the clocks put it at
 * `at` (`clockOutcome`), so nothing of it is due at `at` afterwards. The resident is told where
 * it went.
 */
export async function clockEscalations(ports: Ports, at: string): Promise<number> {
  let moved = 0;
  for (const order of await due(ports, { state: { $in: [...CLOCK_STATES] }, levelDeadline: { $lte: at } }, [['state', 1], ['levelDeadline', 1]])) {
    const outcome = clockOutcome(order, at);
    if (!outcome) continue;
    const escalated = outcome.escalatedTo.length > 0;
    const streetBreaches = outcome.breaches - outcome.escalatedTo.length;
    const releases = async (o: OrderDoc): Promise<TxOp[]> => {
      if (!escalated || o.state !== 'accepted' || !o.assigneeId) return [];
      const v = await ports.store.get<VolunteerRecord>('volunteers', o.assigneeId);
      return v ? [volunteerOp(v, { $inc: { openLoad: -1 } })] : [];
    };
    const notes: TimelineNote[] = outcome.escalatedTo.map((to, i) => ({
      kind: 'escalated',
      text: `${LEVEL_LABELS[i === 0 ? order.level : outcome.escalatedTo[i - 1]!]}超过处理时限，自动上报至${LEVEL_LABELS[to]}`,
    }));
    if (streetBreaches > 0) notes.push({ kind: 'breach', text: streetBreaches === 1 ? '街道处理超过时限，已记录超时' : `街道处理超过时限，已记录超时 ${streetBreaches} 次` });
    // One message however many clocks ran out: where it is now, and whose time ran out.
    const lapsed = [order.level, ...outcome.escalatedTo.slice(0, -1)].map((l) => LEVEL_LABELS[l]).join('、');
    const told = escalated
      ? notice(order.posterId, {
          template: 'order.escalated',
          title: `您的事项已上报至${LEVEL_LABELS[outcome.level]}`,
          body: `${order.category}：${lapsed}超过处理时限，已自动上报`,
          page: orderPage(order._id),
        })
      : [];
    const done = await apply(
      ports,
      order,
      at,
      escalated ? outcome.escalatedTo.map((): OrderEvent => ({ type: 'escalate' })) : [{ type: 'comment' }],
      {
        level: outcome.level,
        maxLevel: maxLevel(order.maxLevel, outcome.level),
        levelSince: outcome.levelSince,
        levelDeadline: outcome.levelDeadline,
        breaches: order.breaches + outcome.breaches,
        ...(escalated ? { offer: null, assigneeId: null, failedOffers: 0 } : {}),
      },
      notes,
      releases,
      told,
    );
    if (done) moved++;
  }
  return moved;
}

/** Unrated orders close themselves after 7 days as 未评价: never counted as satisfied. */
export async function autoClose(ports: Ports, at: string): Promise<number> {
  const cutoff = new Date(Date.parse(at) - AUTO_CLOSE_DAYS * 86_400_000).toISOString();
  let moved = 0;
  for (const order of await due(ports, { state: 'resolved', resolvedAt: { $lte: cutoff } }, [['state', 1], ['resolvedAt', 1]])) {
    const closedAt = new Date(Date.parse(order.resolvedAt!) + AUTO_CLOSE_DAYS * 86_400_000).toISOString();
    const entry = serviceEntryFor(order, closedAt, beijingMonth(closedAt));
    const done = await apply(ports, order, at, [{ type: 'autoClose' }], { closedAt, closedAs: 'unrated' }, [{ kind: 'closed', text: '7 天未评价，自动办结（未评价）' }], async () =>
      entry ? [{ op: 'insert', collection: 'service_records', doc: entry as unknown as Doc }] : [],
    );
    if (done) moved++;
  }
  return moved;
}
