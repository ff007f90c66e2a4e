import fc from 'fast-check';
import { TOPIC_ACTIONS } from '../../../shared/councils/councils.schema';
import { nextTopicState, TOPIC_STATES, type TopicEvent, type TopicState } from '../../../shared/councils/topic.lifecycle';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';
import { ACTION, BUILDING, councils, decide, GRID, newResident, OTHER_GRID_BUILDING, proposed, raised } from './topic.scenarios';

/**
 * Model-based test of the topic lifecycle through the real handlers: random sequences of topic
 * actions by random people on one topic (and, now and then, a council's decision, written as stored
 * state where a meeting would decide it). After every step the topic's state is one of TOPIC_STATES
 * and one the table allows from the state before; nothing succeeds that the caller's
 * `allowedActions` did not offer just before; everything offered succeeds; a refusal changes nothing.
 */

type Who = 'proposer' | 'neighbour' | 'fresh' | 'volunteer' | 'gridLeader' | 'communityAdmin' | 'outsider';
type Step = { kind: 'act'; who: Who; action: (typeof TOPIC_ACTIONS)[number]; offeredPick: number | null; score: number } | { kind: 'council' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      who: fc.constantFrom<Who>(
        'proposer',
        'proposer',
        'proposer',
        'neighbour',
        'fresh',
        'fresh',
        'volunteer',
        'gridLeader',
        'gridLeader',
        'gridLeader',
        'gridLeader',
        'communityAdmin',
        'outsider',
      ),
      action: fc.constantFrom(...TOPIC_ACTIONS),
      offeredPick: fc.option(fc.nat(20), { freq: 3, nil: null }),
      score: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'council' as const }) },
);

type Stored = {
  _id: string;
  state: TopicState;
  version: number;
  supportCount: number;
  threshold: number;
  actions: { id: string; orderId: string | null; doneAt: string | null }[];
};

/** The sample event of an action, for the table. */
const EVENT: Record<(typeof TOPIC_ACTIONS)[number], TopicEvent> = {
  support: { type: 'support', userId: '' },
  adopt: { type: 'adopt' },
  decline: { type: 'decline', answer: '' },
  merge: { type: 'merge', into: { _id: '', title: '', version: 0, proposerId: null, supporters: [] } },
  addAction: { type: 'addAction', action: null as never },
  spawnOrder: { type: 'spawnOrder', actionId: '', orderId: '' },
  completeAction: { type: 'completeAction', actionId: '', note: '' },
  finish: { type: 'finish' },
  rate: { type: 'rate', userId: '', score: 5, comment: '' },
};

/** States a successful action may lead to: the table's next state, and the step chained after it (reach, finish). */
function expectedStates(from: TopicState, action: (typeof TOPIC_ACTIONS)[number]): TopicState[] {
  const next = nextTopicState(from, EVENT[action]);
  if (next === null) return [];
  if (action === 'support') return from === 'proposed' ? ['proposed', 'supported'] : [next];
  if (action === 'completeAction') return ['acting', 'done'];
  return [next];
}

let gw: TestGateway;
beforeAll(async () => {
  // Hundreds of calls a second from one persona: the gateway's rate limit (tests/integration/gateway.test.ts) is not what this walks.
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(MORNING);
  // A low threshold, so walks reach 附议达标 with the residents they have.
  await councils(gw, PERSONAS.communityAdmin, 'setThreshold', { gridId: GRID, threshold: 2 });
});
afterAll(async () => {
  await gw.stop();
});

describe('topic lifecycle model', () => {
  it('never reaches a state the table forbids, never lets anyone past allowedActions, and every offered action succeeds', async () => {
    const outsider = await newResident(gw, OTHER_GRID_BUILDING);
    const successes = new Map<string, number>();
    const reached = new Set<TopicState>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 20 }), fc.integer({ min: 0, max: 3 }), async (steps, source) => {
        runs++;
        // One walk in four on a leader's own topic (adopted at once, nobody to rate it).
        const t = source === 0 ? await raised(gw) : await proposed(gw);
        const target = await proposed(gw, PERSONAS.residentYoung);
        const fresh = await newResident(gw);
        const persona: Record<Who, string> = {
          proposer: PERSONAS.resident,
          neighbour: PERSONAS.residentYoung,
          fresh,
          volunteer: PERSONAS.volunteer,
          gridLeader: PERSONAS.gridLeader,
          communityAdmin: PERSONAS.communityAdmin,
          outsider,
        };
        for (const s of steps) {
          const before = (await gw.store.get<Stored>('topics', t.id))!;
          if (s.kind === 'council') {
            // A meeting decides an adopted topic (通过): stored state, as the meeting's decide leaves it.
            if (before.state === 'adopted') await decide(gw, t.id);
            continue;
          }
          const who = persona[s.who];
          const view = await gw.call(who, 'councils', 'getTopic', { topicId: t.id });
          const offered: string[] = view.body.ok ? view.body.data.topic.allowedActions : [];
          if (!view.body.ok) expect([s.who, view.body.error.code]).toEqual([s.who, 'TOPIC.NOT_FOUND']);
          // A button that moves the topic on (not turning it down or merging it away), when there is one.
          const forward = offered.filter((a) => a !== 'decline' && a !== 'merge');
          const choices = forward.length > 0 ? forward : offered;
          const action = s.offeredPick !== null && choices.length > 0 ? (choices[s.offeredPick % choices.length] as (typeof TOPIC_ACTIONS)[number]) : s.action;
          const res = await gw.call(who, 'councils', action, payloadFor(action, before, target.id, s.score));
          const after = (await gw.store.get<Stored>('topics', t.id))!;
          expect(res.status).toBeLessThan(500);
          expect(TOPIC_STATES).toContain(after.state);
          if (res.body.ok) {
            successes.set(action, (successes.get(action) ?? 0) + 1);
            reached.add(after.state);
            // Deny by default: nothing succeeds that the server did not offer.
            expect([s.who, action, offered]).toEqual([s.who, action, expect.arrayContaining([action])]);
            expect([before.state, action, expectedStates(before.state, action)]).toEqual([before.state, action, expect.arrayContaining([after.state])]);
            expect(res.body.data.topic.state).toBe(after.state);
          } else {
            // What was offered succeeds (nothing else races it here); a refusal changes nothing.
            expect([s.who, action, offered.includes(action), res.body.error.code]).toEqual([s.who, action, false, res.body.error.code]);
            expect([s.who, action, after.version]).toEqual([s.who, action, before.version]);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(runs).toBeGreaterThanOrEqual(300);
    // The walks went the whole way, not only into refusals.
    for (const a of ['support', 'adopt', 'addAction', 'spawnOrder', 'completeAction', 'rate']) expect([a, (successes.get(a) ?? 0) > 0]).toEqual([a, true]);
    for (const s of ['supported', 'adopted', 'acting', 'done', 'declined', 'merged'] as const) expect([s, reached.has(s)]).toEqual([s, true]);
  }, 120_000);
});

function payloadFor(action: string, t: Stored, intoId: string, score: number): Record<string, unknown> {
  const topicId = t._id;
  switch (action) {
    case 'decline':
      return { topicId, answer: '模型测试的答复' };
    case 'merge':
      return { topicId, intoId };
    case 'addAction':
      return { topicId, action: ACTION };
    case 'spawnOrder':
      return { topicId, actionId: t.actions.find((a) => a.orderId === null && a.doneAt === null)?.id ?? 'a1', buildingId: BUILDING };
    case 'completeAction':
      return { topicId, actionId: t.actions.find((a) => a.doneAt === null)?.id ?? 'a1', note: '模型测试完成' };
    case 'rate':
      return { topicId, score };
    default:
      return { topicId };
  }
}
