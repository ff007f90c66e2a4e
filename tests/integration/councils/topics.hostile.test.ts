import fc from 'fast-check';
import { topicActions } from '../../../cloudfunctions/councils/topics.actions';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';
import { ACTION, acting, GRID, proposed } from './topic.scenarios';

let gw: TestGateway;
let topicId = 'top_missing';
let openId = 'top_missing';
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // A real topic under way, so a malformed call has something it could have changed.
  topicId = (await acting(gw)).id;
  openId = (await proposed(gw)).id;
});
afterAll(async () => {
  await gw.stop();
});

const text = { title: '小区路灯不亮了', description: '三号楼到五号楼之间的路灯坏了一个多月' };
/** Malformed input for every topic action, the persona who sends it, and the field the error must name. */
const MALFORMED = (): ReadonlyArray<readonly [action: string, persona: string, payload: unknown, field: string]> => [
  ['propose', PERSONAS.resident, { ...text, clientKey: 'k' }, 'payload.clientKey'],
  ['propose', PERSONAS.resident, { ...text, clientKey: 'key-00000001', title: '灯' }, 'payload.title'],
  ['propose', PERSONAS.resident, { ...text, clientKey: 'key-00000002', photos: ['https://evil.example/x.png'] }, 'payload.photos.0'],
  ['propose', PERSONAS.resident, { ...text, clientKey: 'key-00000003', gridId: { $ne: null } }, 'payload.gridId'],
  ['raise', PERSONAS.gridLeader, { ...text, clientKey: 'key-00000004', gridId: GRID, meetingType: '茶话会' }, 'payload.meetingType'],
  ['raise', PERSONAS.gridLeader, { ...text, clientKey: 'key-00000005' }, 'payload.gridId'],
  ['getTopic', PERSONAS.resident, { topicId: '../../etc/passwd' }, 'payload.topicId'],
  ['listTopics', PERSONAS.resident, { filter: 'everything' }, 'payload.filter'],
  ['listTopics', PERSONAS.resident, { limit: 500 }, 'payload.limit'],
  ['support', PERSONAS.residentYoung, { topicId, extra: true }, 'payload'],
  ['support', PERSONAS.residentYoung, {}, 'payload.topicId'],
  ['adopt', PERSONAS.gridLeader, { topicId: 42 }, 'payload.topicId'],
  ['decline', PERSONAS.gridLeader, { topicId, answer: '   ' }, 'payload.answer'],
  ['decline', PERSONAS.gridLeader, { topicId, answer: '很'.repeat(301) }, 'payload.answer'],
  ['merge', PERSONAS.gridLeader, { topicId }, 'payload.intoId'],
  ['addAction', PERSONAS.gridLeader, { topicId, action: { ...ACTION, deadline: '2026-13-01' } }, 'payload.action.deadline'],
  ['addAction', PERSONAS.gridLeader, { topicId, action: { ...ACTION, budget: -5 } }, 'payload.action.budget'],
  ['addAction', PERSONAS.gridLeader, { topicId, action: { ...ACTION, budget: 12.5 } }, 'payload.action.budget'],
  ['addAction', PERSONAS.gridLeader, { topicId, action: { ...ACTION, category: '火灾' } }, 'payload.action.category'],
  ['spawnOrder', PERSONAS.gridLeader, { topicId, actionId: 'x1' }, 'payload.actionId'],
  ['spawnOrder', PERSONAS.gridLeader, { topicId, actionId: 'a1', buildingId: '' }, 'payload.buildingId'],
  ['completeAction', PERSONAS.gridLeader, { topicId, actionId: 'a1', note: '说'.repeat(201) }, 'payload.note'],
  ['finish', PERSONAS.gridLeader, { topicId: null }, 'payload.topicId'],
  ['rate', PERSONAS.resident, { topicId, score: 6 }, 'payload.score'],
  ['rate', PERSONAS.resident, { topicId, score: 4.5 }, 'payload.score'],
  ['rate', PERSONAS.resident, { topicId, score: 5, comment: '好'.repeat(301) }, 'payload.comment'],
  ['setThreshold', PERSONAS.communityAdmin, { gridId: GRID, threshold: 0 }, 'payload.threshold'],
  ['setThreshold', PERSONAS.communityAdmin, { gridId: GRID, threshold: '5' }, 'payload.threshold'],
  ['decisions', PERSONAS.resident, { offset: -1 }, 'payload.offset'],
  ['measures', PERSONAS.communityAdmin, { nodeId: 'cm01', from: '2026-11', to: '2026-9' }, 'payload.to'],
  ['measures', PERSONAS.communityAdmin, { nodeId: 'cm01', from: '2026-12', to: '2026-11' }, 'payload.from'],
];

describe('every topic action refuses malformed input with a field-level error and changes nothing', () => {
  it('covers every topic action', () => {
    expect(new Set(MALFORMED().map(([a]) => a))).toEqual(new Set(Object.keys(topicActions)));
  });

  it('answers each with COMMON.INVALID_INPUT on its field, in Chinese, and writes nothing', async () => {
    for (const [action, persona, payload, field] of MALFORMED()) {
      const before = await snapshot(gw);
      const res = await gw.call(persona, 'councils', action, payload);
      expect([action, field, res.status]).toEqual([action, field, 400]);
      expect([action, res.body]).toEqual([action, { ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } }]);
      expect([action, await snapshot(gw)]).toEqual([action, before]);
    }
  });

  it('answers well-formed calls about things that are not there with a stable code, never 500', async () => {
    const cases: [string, string, unknown, string][] = [
      ['getTopic', PERSONAS.resident, { topicId: 'top_nothere' }, 'TOPIC.NOT_FOUND'],
      ['merge', PERSONAS.gridLeader, { topicId, intoId: 'top_nothere' }, 'TOPIC.NOT_ALLOWED_NOW'],
      ['merge', PERSONAS.gridLeader, { topicId: openId, intoId: 'top_nothere' }, 'TOPIC.MERGE_TARGET'],
      ['spawnOrder', PERSONAS.gridLeader, { topicId, actionId: 'a1', buildingId: 'nowhere' }, 'ACCOUNT.BUILDING_NOT_FOUND'],
      ['spawnOrder', PERSONAS.gridLeader, { topicId, actionId: 'a7', buildingId: 'cm01-gd1-mg1-bd1' }, 'TOPIC.ACTION_NOT_FOUND'],
      ['setThreshold', PERSONAS.communityAdmin, { gridId: 'cm01', threshold: 3 }, 'TERRITORY.NODE_NOT_FOUND'],
      ['measures', PERSONAS.communityAdmin, { nodeId: 'cm01-gd1-mg1-bd1', from: '2026-11', to: '2026-11' }, 'TERRITORY.NODE_NOT_FOUND'],
      ['measures', PERSONAS.communityAdmin, { nodeId: 'cm01', from: '2000-01', to: '2026-11' }, 'COMMON.INVALID_INPUT'],
      ['listTopics', PERSONAS.resident, { gridId: 'nowhere' }, 'TERRITORY.NODE_NOT_FOUND'],
    ];
    for (const [action, persona, payload, code] of cases) {
      const before = await snapshot(gw);
      const res = await gw.call(persona, 'councils', action, payload);
      expect([action, res.body.ok ? null : res.body.error.code]).toEqual([action, code]);
      expect(res.status).toBeLessThan(500);
      expect(await snapshot(gw)).toBe(before);
    }
  });
});

describe('random payloads (property)', () => {
  it('never crash a topic action and never write anything refused', async () => {
    const actions = Object.keys(topicActions);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.oneof(
          fc.record(
            { topicId: fc.constantFrom(topicId, 'top_x', ''), actionId: fc.string({ maxLength: 6 }), score: fc.integer(), answer: fc.string({ maxLength: 3 }) },
            { requiredKeys: [] },
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        fc.constantFrom(PERSONAS.resident, PERSONAS.gridLeader, PERSONAS.volunteer, 'fuzz-council'),
        async (action, payload, persona) => {
          const before = await snapshot(gw);
          const res = await gw.call(persona, 'councils', action, payload);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.ok).toBe('boolean');
          if (!res.body.ok) expect(await snapshot(gw)).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
