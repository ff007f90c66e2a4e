import fc from 'fast-check';
import { nextOrderState, ORDER_STATES, type OrderEvent, type OrderState } from '../../../shared/orders/order.machine';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, later, MORNING, openidOf } from '../../helpers/orders';

/**
 * Model-based test of the order lifecycle through the real handlers: random sequences of actions by
 * random people (and the clock) on one order. After every step the order still exists, its state is
 * one the table allows from the state before, a refused call changed nothing, and nobody ever did
 * something their allowedActions did not offer them.
 */

type Who = 'poster' | 'offeree' | 'assignee' | 'otherVolunteer' | 'gridLeader' | 'communityAdmin' | 'streetAdmin' | 'stranger';
/** Mostly a person taps one of the buttons they are offered; sometimes they try anything at all. */
type Step = { kind: 'act'; who: Who; action: string; offeredPick: number | null; stars: number } | { kind: 'tick'; minutes: number };

const ACTIONS = ['accept', 'decline', 'handBack', 'resolve', 'rate', 'comment', 'cancel', 'dispatchByHand', 'openPool', 'escalate', 'sendBack', 'closeAfterReview'];
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      // Those who move an order forward are picked more often than bystanders.
      who: fc.constantFrom<Who>(
        'poster',
        'poster',
        'offeree',
        'offeree',
        'offeree',
        'assignee',
        'assignee',
        'assignee',
        'otherVolunteer',
        'gridLeader',
        'gridLeader',
        'communityAdmin',
        'streetAdmin',
        'stranger',
      ),
      action: fc.constantFrom(...ACTIONS),
      offeredPick: fc.option(fc.nat(20), { freq: 3, nil: null }),
      stars: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.constantFrom(10, 31, 31, 600, 1500, 5000, 11000) }) },
);

const EVENT_OF: Record<string, (stars: number) => OrderEvent> = {
  accept: () => ({ type: 'accept' }),
  decline: () => ({ type: 'decline' }),
  handBack: () => ({ type: 'handBack' }),
  resolve: () => ({ type: 'resolve' }),
  rate: (stars) => ({ type: 'rate', stars }),
  comment: () => ({ type: 'comment' }),
  cancel: () => ({ type: 'cancel' }),
  dispatchByHand: () => ({ type: 'dispatchByHand' }),
  openPool: () => ({ type: 'openPool' }),
  escalate: () => ({ type: 'escalate' }),
  sendBack: () => ({ type: 'sendBack' }),
  closeAfterReview: () => ({ type: 'closeAfterReview' }),
};

/** States a successful action may lead to: the table's next state, then where the platform takes it. */
function expectedStates(from: OrderState, action: string, stars: number): OrderState[] {
  const next = nextOrderState(from, EVENT_OF[action]!(stars));
  if (next === null) return [];
  if (next === 'dispatching') return ['offered', 'waiting'];
  if (action === 'rate' && next === 'reopened') return ['reopened', 'waiting']; // a second bad rating escalates
  return [next];
}

let gw: TestGateway;
beforeAll(async () => {
  // Hundreds of calls a second from one persona: the gateway's rate limit (tests/integration/gateway.test.ts) is not what this walks.
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
});
afterAll(async () => {
  await gw.stop();
});

type Stored = { _id: string; state: OrderState; version: number; posterId: string; assigneeId: string | null; offer: { volunteerId: string } | null };

describe('order lifecycle model', () => {
  it('never reaches a state the table forbids, never loses an order, never lets anyone past allowedActions', async () => {
    const strangerId = 'model-stranger';
    await gw.call(strangerId, 'accounts', 'me', {});
    let clock = MORNING;
    let runs = 0;
    const transitions = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), fc.constantFrom('水电维修', '代买代办', '邻里纠纷', '政策咨询'), async (steps, category) => {
        runs++;
        clock = later(clock, 60 * 24 * 30);
        await gw.tick(clock);
        const posted = await gw.call(PERSONAS.resident, 'orders', 'post', { category, description: `模型测试第 ${runs} 件事`, clientKey: clientKey() });
        if (!posted.body.ok) throw new Error(posted.body.error.code);
        const id = posted.body.data.order.id as string;
        const ordersBefore = await gw.store.count('orders', {});
        const photo = await gw.call(PERSONAS.resident, 'orders', 'uploadPhoto', {
          contentType: 'image/png',
          dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]).toString('base64'),
        });
        if (!photo.body.ok) throw new Error(`photo upload failed: ${photo.body.error.code}`);
        const photoId = photo.body.data.fileId as string;

        for (const s of steps) {
          const before = (await gw.store.get<Stored>('orders', id))!;
          if (s.kind === 'tick') {
            clock = later(clock, s.minutes);
            await gw.tick(clock);
            const after = (await gw.store.get<Stored>('orders', id))!;
            expect(ORDER_STATES).toContain(after.state);
            continue;
          }
          const persona = await personaFor(s.who, before);
          if (!persona) continue;
          const view = await gw.call(persona, 'orders', 'get', { orderId: id });
          const offered: string[] = view.body.ok ? view.body.data.order.allowedActions.filter((a: string) => ACTIONS.includes(a)) : [];
          // A button that moves the order on (not a comment, not withdrawing it), when there is one.
          const forward = offered.filter((a) => a !== 'comment' && a !== 'cancel');
          const choices = forward.length > 0 ? forward : offered;
          const action = s.offeredPick !== null && choices.length > 0 ? choices[s.offeredPick % choices.length]! : s.action;
          // A photo is attached by whoever uploaded it (its file id names their folder): the one who resolves uploads their own.
          const payload = payloadFor(action, id, s.stars, action === 'resolve' && persona !== PERSONAS.resident ? await photoOf(persona) : photoId);
          if (action === 'dispatchByHand') {
            const c = await gw.call(persona, 'orders', 'candidates', { orderId: id });
            if (c.body.ok && c.body.data.candidates[0]) payload.volunteerId = c.body.data.candidates[0].userId;
          }
          const res = await gw.call(persona, 'orders', action, payload);
          const after = (await gw.store.get<Stored>('orders', id))!;
          expect(after).toBeTruthy();
          expect(ORDER_STATES).toContain(after.state);
          expect(res.status).toBeLessThan(500);
          if (res.body.ok) {
            // Deny by default: nothing succeeds that the server did not offer.
            transitions.set(action, (transitions.get(action) ?? 0) + 1);
            expect([s.who, action, offered]).toEqual([s.who, action, expect.arrayContaining([action])]);
            expect([before.state, action, expectedStates(before.state, action, s.stars)]).toEqual([before.state, action, expect.arrayContaining([after.state])]);
          } else {
            expect([s.who, action, after.version]).toEqual([s.who, action, before.version]);
          }
        }
        expect(await gw.store.count('orders', {})).toBe(ordersBefore);
      }),
      // 400 walks: the loop's far end (resolve, rate) comes up a few times per 150, too few to count on.
      { numRuns: 400 },
    );
    expect(runs).toBeGreaterThanOrEqual(150);
    // The walk really went round the loop, not just into refusals.
    expect(transitions.get('accept') ?? 0).toBeGreaterThanOrEqual(5);
    expect(transitions.get('resolve') ?? 0).toBeGreaterThanOrEqual(2);
    expect(transitions.get('escalate') ?? 0).toBeGreaterThanOrEqual(5);

    async function photoOf(persona: string): Promise<string> {
      const photo = await gw.call(persona, 'orders', 'uploadPhoto', {
        contentType: 'image/png',
        dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]).toString('base64'),
      });
      if (!photo.body.ok) throw new Error(`photo upload failed: ${photo.body.error.code}`);
      return photo.body.data.fileId as string;
    }

    async function personaFor(who: Who, order: Stored): Promise<string | null> {
      switch (who) {
        case 'poster':
          return PERSONAS.resident;
        case 'offeree':
          return order.offer ? openidOf(gw, order.offer.volunteerId) : null;
        case 'assignee':
          return order.assigneeId ? openidOf(gw, order.assigneeId) : null;
        case 'otherVolunteer':
          return PERSONAS.inService;
        case 'gridLeader':
          return PERSONAS.gridLeader;
        case 'communityAdmin':
          return PERSONAS.communityAdmin;
        case 'streetAdmin':
          return PERSONAS.streetAdmin;
        case 'stranger':
          return strangerId;
      }
    }
  }, 480_000);
});

function payloadFor(action: string, orderId: string, stars: number, photo: string): Record<string, unknown> {
  switch (action) {
    case 'decline':
    case 'handBack':
    case 'cancel':
    case 'escalate':
    case 'sendBack':
    case 'closeAfterReview':
      return { orderId, reason: '模型测试的原因' };
    case 'resolve':
      return { orderId, note: '模型测试办结', photos: [photo] };
    case 'rate':
      return { orderId, stars };
    case 'comment':
      return { orderId, text: '模型测试留言' };
    default:
      return { orderId };
  }
}
