import { CLOCK_STATES } from '../../../shared/orders/order.machine';
import { JOBS, runTick, TickDidNotSettle, type Job } from '../../../cloudfunctions/scheduler/scheduler.jobs';
import { playDemoStory } from '../../../scripts/demo-story';
import { snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { later, MORNING } from '../../helpers/orders';

/** The demo as `npm start` loads it: the people and places, and ten days of the loop played through the handlers. */
async function demo(): Promise<TestGateway> {
  const gw = await startTestGateway();
  await playDemoStory(gw.ports, Date.parse(MORNING));
  await gw.tick(MORNING);
  return gw;
}

const DAY = 24 * 60;

type Stored = {
  _id: string;
  state: string;
  level: string;
  maxLevel: string;
  breaches: number;
  levelSince: string;
  levelDeadline: string;
  closedAt: string | null;
  closedAs: string | null;
};
const orders = async (gw: TestGateway) => (await gw.store.find<Stored>('orders', {}, { sort: [['_id', 1]], limit: 1000 })).sort((a, b) => a._id.localeCompare(b._id));

/** Everything a job would find due at `at`, by the jobs' own queries. */
async function dueAt(gw: TestGateway, at: string) {
  const cutoff = new Date(Date.parse(at) - 7 * 86_400_000).toISOString();
  return {
    offers: await gw.store.count('orders', { state: 'offered', 'offer.expiresAt': { $lte: at } }),
    clocks: await gw.store.count('orders', { state: { $in: [...CLOCK_STATES] }, levelDeadline: { $lte: at } }),
    unrated: await gw.store.count('orders', { state: 'resolved', resolvedAt: { $lte: cutoff } }),
    duty: await gw.store.count('duty', { status: 'open', closesAt: { $lte: at } }),
    invites: await gw.store.count('invites', { status: 'active', expiresAt: { $lte: at } }),
    liuyouTasks: await gw.store.count('liuyou_tasks', { state: 'open', remindAt: { $lte: at } }),
    // The retention jobs at their default periods: replays a day past expiry, messages delivered 30 days ago.
    replays: await gw.store.count('idempotency', { expiresAt: { $lte: new Date(Date.parse(at) - 86_400_000).toISOString() } }),
    delivered: await gw.store.count('outbox', { status: 'sent', sentAt: { $lte: new Date(Date.parse(at) - 30 * 86_400_000).toISOString() } }),
  };
}

describe('scheduler tick: every job to its fixed point at any instant', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.stop();
  });

  it('leaves nothing due after one tick 100 days ahead on the demo, and a second tick at that instant changes nothing', async () => {
    gw = await demo();
    const open = (await orders(gw)).filter((o) => CLOCK_STATES.includes(o.state as never));
    expect(open.length).toBeGreaterThan(0);

    const at = later(MORNING, 100 * DAY);
    const first = await gw.tick(at);
    if (!first.body.ok) throw new Error(first.body.error.code);
    expect(first.body.data.jobs.clockEscalations).toBe(open.length);
    // The demo's messages of ten days, delivered more than 30 days before the instant, are removed by the same tick.
    expect(first.body.data.jobs.retentionOutbox).toBeGreaterThan(0);
    expect(await dueAt(gw, at)).toEqual({ offers: 0, clocks: 0, unrated: 0, duty: 0, invites: 0, liuyouTasks: 0, replays: 0, delivered: 0 });
    // Every order still open is at the street, its clock running past the instant.
    for (const o of (await orders(gw)).filter((x) => CLOCK_STATES.includes(x.state as never))) {
      expect([o.level, o.levelDeadline > at]).toEqual(['street', true]);
    }

    const before = await snapshot(gw);
    const audits = await gw.store.count('audit', {});
    const second = await gw.tick(at);
    // Every job of the tick (orders, duty, invites, councils) found nothing.
    expect(second.body).toEqual({ ok: true, data: { at, jobs: Object.fromEntries(Object.keys(JOBS).map((name) => [name, 0])) } });
    expect(await snapshot(gw)).toBe(before);
    expect(await gw.store.count('audit', {})).toBe(audits);
  });

  it('ends where a tick every day for 100 days ends: levels, breaches, clocks and closings alike', async () => {
    gw = await demo();
    const daily = await demo();
    try {
      await gw.tick(later(MORNING, 100 * DAY));
      for (let d = 1; d <= 100; d++) await daily.tick(later(MORNING, d * DAY));
      const pick = (o: Stored) => ({
        id: o._id,
        state: o.state,
        level: o.level,
        maxLevel: o.maxLevel,
        breaches: o.breaches,
        levelSince: o.levelSince,
        levelDeadline: o.levelDeadline,
        closedAt: o.closedAt,
        closedAs: o.closedAs,
      });
      expect((await orders(gw)).map(pick)).toEqual((await orders(daily)).map(pick));
    } finally {
      await daily.stop();
    }
  }, 60_000);

  it('tells the resident when the clock hands their order up, once per tick, naming where it went', async () => {
    gw = await demo();
    const open = (await orders(gw)).filter((o) => CLOCK_STATES.includes(o.state as never));
    const at = later(MORNING, 100 * DAY);
    await gw.tick(at);
    const told = await gw.store.find<{ _id: string; recipientId: string; title: string; page: string; createdAt: string }>(
      'outbox',
      { template: 'order.escalated' },
      { limit: 1000 },
    );
    const toPosters = told.filter((m) => m.createdAt === at && /^您的事项已上报至/.test(m.title));
    const escalated = open.filter((o) => o.level !== 'street');
    expect(escalated.length).toBeGreaterThan(0);
    expect(toPosters.map((m) => [m.recipientId, m.page]).sort()).toEqual(
      escalated.map((o) => [(o as Stored & { posterId: string }).posterId, `/packages/orders/detail/index?id=${o._id}`]).sort(),
    );
    expect(new Set(toPosters.map((m) => m.title))).toEqual(new Set(['您的事项已上报至街道']));
  });

  it('fails loudly instead of stopping silently when a job never settles', async () => {
    gw = await startTestGateway();
    let calls = 0;
    const restless: Job = async () => {
      calls++;
      return 1;
    };
    await expect(runTick(gw.ports, MORNING, { jobs: { restless }, maxPasses: 7 })).rejects.toThrow(TickDidNotSettle);
    expect(calls).toBe(7);
    let left = 3;
    const settles: Job = async () => (left-- > 0 ? 1 : 0);
    expect(await runTick(gw.ports, MORNING, { jobs: { settles }, maxPasses: 7 })).toEqual({ at: MORNING, jobs: { settles: 3 } });
  });
});
