import fc from 'fast-check';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

/** Malformed input for the two reveal reads, and the field the error must name. */
const MALFORMED: ReadonlyArray<readonly [action: 'myReveals' | 'revealLog', payload: unknown, field: string]> = [
  ['myReveals', { limit: 0 }, 'payload.limit'],
  ['myReveals', { limit: 500 }, 'payload.limit'],
  ['myReveals', { offset: -1 }, 'payload.offset'],
  ['myReveals', { offset: 1.5 }, 'payload.offset'],
  ['myReveals', { personId: 'usr-0001' }, 'payload'],
  ['revealLog', {}, 'payload.streetId'],
  ['revealLog', { streetId: '../st01' }, 'payload.streetId'],
  ['revealLog', { streetId: 'st01', actorId: 42 }, 'payload.actorId'],
  ['revealLog', { streetId: 'st01', kind: 'idCard' }, 'payload.kind'],
  ['revealLog', { streetId: 'st01', from: '01/12/2026' }, 'payload.from'],
  ['revealLog', { streetId: 'st01', to: '2026-12-1' }, 'payload.to'],
  ['revealLog', { streetId: 'st01', from: '2026-12-05', to: '2026-12-01' }, 'payload.from'],
  ['revealLog', { streetId: 'st01', from: '2026-13-45' }, 'payload.from'],
  ['revealLog', { streetId: 'st01', to: '2026-00-10' }, 'payload.to'],
  ['revealLog', { streetId: 'st01', limit: 51 }, 'payload.limit'],
  ['revealLog', { streetId: 'st01', personId: 'usr-0001' }, 'payload'],
];

describe('the reveal reads refuse malformed input with a field-level error and change nothing', () => {
  it.each(MALFORMED)('privacy.%s %j → %s', async (action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.streetAdmin, 'privacy', action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers both reveal reads', () => {
    expect(new Set(MALFORMED.map(([a]) => a))).toEqual(new Set(['myReveals', 'revealLog']));
  });
});

describe('random payloads (property)', () => {
  it('never crash the reveal reads and never show a street’s log to anyone but its admin', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('myReveals', 'revealLog'),
        fc.oneof(
          fc.record(
            { streetId: fc.constantFrom('st01', 'cm01', 'x'), from: fc.string({ maxLength: 12 }), to: fc.string({ maxLength: 12 }), kind: fc.string({ maxLength: 8 }) },
            { requiredKeys: ['streetId'] },
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        fc.constantFrom(PERSONAS.resident, PERSONAS.gridLeader, PERSONAS.communityAdmin, 'fuzz-x'),
        async (action, payload, persona) => {
          const res = await gw.call(persona, 'privacy', action, payload);
          expect(res.status).toBeLessThan(500);
          if (action === 'revealLog') expect(res.body.ok).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
