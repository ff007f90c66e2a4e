import fc from 'fast-check';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { volunteerProfileDoc } from '../../../shared/orders/volunteer';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING, post } from '../../helpers/orders';

let gw: TestGateway;
const VOLUNTEERS = 50;
const openids = Array.from({ length: VOLUNTEERS }, (_, i) => `race-volunteer-${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // Fifty volunteers of grid cm01-gd1, registered and granted the role as an invite would.
  const grid = { streetId: 'st01', communityId: 'cm01', gridId: 'cm01-gd1' };
  for (const [i, openid] of openids.entries()) {
    const id = `race-${i}`;
    const user = {
      _id: id,
      openid,
      name: `志愿者${i}`,
      largeText: false,
      createdAt: MORNING,
      updatedAt: MORNING,
      version: 1,
      volunteer: { partyMember: true, inService: false, skills: ['水电维修'] },
    };
    await gw.store.insert('users', user);
    await gw.store.insert('memberships', {
      _id: `${id}.volunteer.cm01-gd1`,
      userId: id,
      role: 'volunteer',
      nodeId: 'cm01-gd1',
      nodeKind: 'grid',
      path: grid,
      grantedBy: null,
      inviteId: null,
      grantedAt: MORNING,
      version: 1,
    });
    await gw.store.insert('volunteers', volunteerProfileDoc(user, grid, [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }]) as unknown as Doc);
  }
});
afterAll(async () => {
  await gw.stop();
});

describe('党员接单 under concurrency', () => {
  it('gives an order in the pool to exactly one of 2–50 volunteers accepting at once, 1,000 times over', async () => {
    const template = await post(gw, PERSONAS.resident);
    const base = (await gw.store.get<Doc & Record<string, unknown>>('orders', template.id))!;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 50 }), fc.nat(VOLUNTEERS - 1), async (n, offset) => {
        const id = `race-order-${++run}`;
        await gw.store.insert('orders', { ...base, _id: id, version: 1, state: 'pool', offer: null, assigneeId: null, clientKey: id });
        const racers = Array.from({ length: n }, (_, i) => openids[(offset + i) % VOLUNTEERS]!);
        const results = await Promise.all(racers.map((p) => gw.call(p, 'orders', 'accept', { orderId: id })));

        const winners = results.filter((r) => r.body.ok);
        expect(winners).toHaveLength(1);
        for (const r of results.filter((x) => !x.body.ok)) {
          expect(r.status).toBe(409);
          expect(r.body.ok || r.body.error.code).toBe('ORDER.ALREADY_TAKEN');
        }
        const stored = (await gw.store.get<Doc & { state: string; assigneeId: string; version: number }>('orders', id))!;
        expect(stored.state).toBe('accepted');
        expect(stored.version).toBe(2);
        const winner = winners[0]!.body.ok ? winners[0]!.body.data.order : null;
        expect(winner.state).toBe('accepted');
        // The winner's open load went up by exactly one; set it back for the next run.
        const v = (await gw.store.get<Doc & { openLoad: number; version: number }>('volunteers', stored.assigneeId))!;
        expect(v.openLoad).toBe(1);
        await gw.store.update('volunteers', v._id, v.version, { $set: { openLoad: 0 } });
      }),
      { numRuns: 1000 },
    );
    expect(run).toBe(1000);
  }, 600_000);
});
