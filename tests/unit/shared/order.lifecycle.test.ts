import fc from 'fast-check';
import { runLifecycle } from '../../../shared/kernel/lifecycle';
import { LEVELS } from '../../../shared/orders/escalation';
import { AUTO_CLOSE_DAYS, badRatingEscalates, orderLifecycle, type OrderContext, type OrderStep, type VolunteerRecord } from '../../../shared/orders/order.lifecycle';
import { nextOrderState } from '../../../shared/orders/order.machine';
import type { Order } from '../../../shared/orders/orders.schema';
import { fixtureOrder, FIXTURE_PATH } from '../../helpers/order-fixtures';

/**
 * The order lifecycle's effects, without a store: what each step does, and invariants that hold for
 * any sequence of steps a volunteer `V` and the platform could take.
 */
const NOW = '2026-11-23T02:00:00.000Z';
const path = FIXTURE_PATH;
const fresh = (): Order => fixtureOrder(NOW);
const volunteer = (openLoad = 0): VolunteerRecord =>
  ({
    _id: 'V',
    version: 3,
    userId: 'V',
    name: '小李',
    active: true,
    skills: [],
    availability: [],
    openLoad,
    lastAssignedAt: null,
    ratingSum: 0,
    ratingCount: 0,
    gridId: 'G',
    communityId: 'C',
  }) as unknown as VolunteerRecord;
const by = (id: string, name = id): OrderContext => ({ now: NOW, by: { id, name }, volunteers: { V: volunteer() } });
const platform: OrderContext = { now: NOW, by: null, volunteers: { V: volunteer() } };

describe('order effects', () => {
  it('accept: the volunteer takes it, their load rises, the resident hears who', () => {
    const offered = { ...fresh(), state: 'offered' as const, offer: { volunteerId: 'V', offeredAt: NOW, expiresAt: NOW, manual: false, score: 80 } };
    const run = runLifecycle(orderLifecycle, offered, [{ type: 'accept' }], by('V', '小李'));
    if (!run.ok) throw new Error(run.refusal.code);
    expect(run.change.set).toEqual({ state: 'accepted', assigneeId: 'V', acceptedAt: NOW, offer: null });
    expect(run.change.writes).toEqual([{ op: 'update', collection: 'volunteers', id: 'V', version: 3, patch: { $inc: { openLoad: 1 }, $set: { lastAssignedAt: NOW } } }]);
    expect(run.change.notify).toEqual([expect.objectContaining({ to: { userId: 'R' }, template: 'order.accepted' })]);
    expect(run.change.timeline).toEqual([{ kind: 'accepted', text: '志愿者 小李 已接单' }]);
  });

  it('accept from the pool is refused at the load cap, an offer is not', () => {
    const full: OrderContext = { ...by('V'), volunteers: { V: volunteer(3) } };
    expect(runLifecycle(orderLifecycle, { ...fresh(), state: 'pool' }, [{ type: 'accept' }], full)).toMatchObject({ ok: false, refusal: { code: 'ORDER.VOLUNTEER_NOT_ELIGIBLE' } });
    expect(runLifecycle(orderLifecycle, { ...fresh(), state: 'offered' }, [{ type: 'accept' }], full).ok).toBe(true);
  });

  it('resolve asks for a photo where the category does', () => {
    const repair = { ...fresh(), category: '水电维修' as const, state: 'accepted' as const, assigneeId: 'V' };
    expect(runLifecycle(orderLifecycle, repair, [{ type: 'resolve', note: '修好了', photos: [] }], by('V'))).toMatchObject({
      ok: false,
      refusal: { code: 'ORDER.PHOTO_REQUIRED', field: 'payload.photos' },
    });
  });

  it('a second bad rating hands it up and tells the leaders above once, with the stars', () => {
    const order = { ...fresh(), state: 'resolved' as const, assigneeId: 'V', reopenCount: 1 };
    expect(badRatingEscalates(order, 2)).toBe(true);
    const run = runLifecycle(
      orderLifecycle,
      order,
      [
        { type: 'rate', stars: 2, tags: [], comment: '' },
        { type: 'escalate', cause: 'badRating', reason: '第二次差评', stars: 2 },
      ],
      by('R'),
    );
    if (!run.ok) throw new Error(run.refusal.code);
    expect(run.change.after).toMatchObject({ state: 'waiting', level: 'community', maxLevel: 'community', reopenCount: 2, assigneeId: null });
    expect(run.change.notify).toEqual([expect.objectContaining({ to: { leadersOf: { path, level: 'community' } }, title: '差评事项已上报', body: '代买代办：2 星' })]);
  });

  it("a good rating closes it and writes the volunteer's service record", () => {
    const order = { ...fresh(), state: 'resolved' as const, assigneeId: 'V', acceptedAt: NOW, resolvedAt: '2026-11-23T03:00:00.000Z' };
    const run = runLifecycle(orderLifecycle, order, [{ type: 'rate', stars: 5, tags: ['及时'], comment: '' }], by('R'));
    if (!run.ok) throw new Error(run.refusal.code);
    expect(run.change.after).toMatchObject({ state: 'closed', closedAs: 'rated' });
    expect(run.change.writes.map((w) => w.collection)).toEqual(['volunteers', 'service_records']);
  });

  it('auto-close dates the closing to the end of the rating window, not to when the tick ran', () => {
    const order = { ...fresh(), state: 'resolved' as const, resolvedAt: NOW };
    const run = runLifecycle(orderLifecycle, order, [{ type: 'autoClose' }], platform);
    expect(run.ok && run.change.set.closedAt).toBe(new Date(Date.parse(NOW) + AUTO_CLOSE_DAYS * 86_400_000).toISOString());
  });

  it("the clock adds its breaches to those already counted and tells the new level's leaders", () => {
    const order = { ...fresh(), state: 'waiting' as const, breaches: 2 };
    const outcome = { escalatedTo: ['community' as const], breaches: 1, level: 'community' as const, levelSince: NOW, levelDeadline: '2026-11-26T02:00:00.000Z' };
    const run = runLifecycle(orderLifecycle, order, [{ type: 'clock', outcome }], platform);
    if (!run.ok) throw new Error(run.refusal.code);
    expect(run.change.after.breaches).toBe(3);
    expect(run.change.inc).toEqual({ breaches: 1 });
    expect(run.change.notify.map((n) => ('userId' in n.to ? n.to.userId : 'leadersOf' in n.to ? n.to.leadersOf.level : 'residents'))).toEqual(['R', 'community']);
  });
});

/** Steps of a volunteer V, the poster R, a leader L and the platform, with plausible data. */
const STEPS: { step: OrderStep; who: 'V' | 'R' | 'L' | 'platform' }[] = [
  { step: { type: 'offer', volunteerId: 'V', score: 70, reason: '技能匹配' }, who: 'platform' },
  { step: { type: 'noCandidate', reason: '没有合适人选' }, who: 'platform' },
  { step: { type: 'accept' }, who: 'V' },
  { step: { type: 'decline', reason: '没空' }, who: 'V' },
  { step: { type: 'expireOffer' }, who: 'platform' },
  { step: { type: 'dispatchByHand', volunteerId: 'V', volunteerName: '小李' }, who: 'L' },
  { step: { type: 'openPool' }, who: 'L' },
  { step: { type: 'handBack', reason: '临时有事' }, who: 'V' },
  { step: { type: 'resolve', note: '已送到', photos: [] }, who: 'V' },
  { step: { type: 'rate', stars: 5, tags: [], comment: '' }, who: 'R' },
  { step: { type: 'rate', stars: 1, tags: [], comment: '没修好' }, who: 'R' },
  { step: { type: 'autoClose' }, who: 'platform' },
  { step: { type: 'closeAfterReview', reason: '已复核' }, who: 'L' },
  { step: { type: 'escalate', cause: 'leader', reason: '需要社区协调' }, who: 'L' },
  { step: { type: 'sendBack', reason: '网格可以处理' }, who: 'L' },
  { step: { type: 'cancel', reason: '不需要了' }, who: 'R' },
  { step: { type: 'comment', text: '下午在家' }, who: 'R' },
  { step: { type: 'clock', outcome: { escalatedTo: [], breaches: 1, level: 'street', levelSince: NOW, levelDeadline: '2026-12-01T02:00:00.000Z' } }, who: 'platform' },
];

/** Plays the steps one at a time, skipping those refused, and keeps the volunteer's counters. */
function play(indexes: number[]) {
  let order: Order = { ...fresh(), resolvedAt: NOW };
  let load = 0;
  const played: string[] = [];
  const states: string[] = [];
  for (const i of indexes) {
    const { step, who } = STEPS[i]!;
    const x: OrderContext = who === 'platform' ? platform : by(who);
    const run = runLifecycle(orderLifecycle, order, [step], x);
    if (!run.ok) continue;
    expect(run.change.after.state).toBe(
      nextOrderState(
        order.state,
        step.type === 'rate' ? { type: 'rate', stars: step.stars } : ({ type: step.type === 'toCouncil' || step.type === 'clock' ? 'comment' : step.type } as never),
      ),
    );
    for (const w of run.change.writes) if (w.op === 'update' && w.collection === 'volunteers') load += w.patch.$inc?.openLoad ?? 0;
    order = run.change.after;
    played.push(step.type);
    states.push(order.state);
  }
  return { order, load, played, states };
}

describe('order lifecycle invariants (property)', () => {
  const sequences = fc.array(fc.integer({ min: 0, max: STEPS.length - 1 }), { maxLength: 40 });

  it("a volunteer's open load rises once per order they work on and falls when it leaves their hands", () => {
    fc.assert(fc.property(sequences, (idx) => play(idx).load === (play(idx).order.state === 'accepted' ? 1 : 0)));
  });

  it('the level stays on the tree, never above the highest it reached, and its clock runs from a moment it was set', () => {
    fc.assert(
      fc.property(sequences, (idx) => {
        const { order } = play(idx);
        return LEVELS.includes(order.level) && LEVELS.indexOf(order.maxLevel) >= LEVELS.indexOf(order.level) && order.levelDeadline > order.levelSince;
      }),
    );
  });

  it('an order someone is working on has an assignee, and only an offered order carries an offer', () => {
    fc.assert(
      fc.property(sequences, (idx) => {
        const { order } = play(idx);
        if (order.state === 'accepted' && !order.assigneeId) return false;
        return order.state === 'offered' ? order.offer?.volunteerId === 'V' : order.offer === null;
      }),
    );
  });

  it('a closed or withdrawn order stays so, and takes nothing but words after', () => {
    fc.assert(
      fc.property(sequences, (idx) => {
        const { played, states } = play(idx);
        const end = states.findIndex((s) => s === 'closed' || s === 'cancelled');
        if (end === -1) return true;
        return states.slice(end).every((s) => s === states[end]) && played.slice(end + 1).every((t) => t === 'comment');
      }),
    );
  });
});
