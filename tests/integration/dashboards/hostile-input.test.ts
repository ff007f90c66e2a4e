import fc from 'fast-check';
import { dashboardsActions } from '../../../cloudfunctions/dashboards/dashboards.function';
import type { Store } from '../../../cloudfunctions/_core/ports/store';
import { countingStore } from '../../../scripts/bench-store';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING, post } from '../../helpers/orders';

/**
 * Hostile input to every dashboards action: malformed periods, pages and filters, operators where an
 * id belongs, objects where a string belongs. Each is answered with a stable code on the field at
 * fault, never a 500, changes nothing, and costs a bounded number of index-backed store calls — no
 * call ever reads a collection without a place in its filter.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  // Some orders in the street, so a query that scanned would have something to find.
  for (const category of ['政策咨询', '代买代办', '水电维修']) await post(gw, PERSONAS.resident, { category, description: `看板输入测试：${category}` });
});
afterAll(async () => {
  await gw.stop();
});

const S = PERSONAS.streetAdmin;
const ok = { nodeId: 'st01', period: '2026-11' };

/** Malformed input for every dashboards action, and the field the error must name. */
const MALFORMED: ReadonlyArray<readonly [action: string, payload: unknown, field: string]> = [
  ['overview', { ...ok, period: '2026-13' }, 'payload.period'],
  ['overview', { ...ok, period: '2026-Q5' }, 'payload.period'],
  ['overview', { ...ok, period: '1999' }, 'payload.period'],
  ['overview', { ...ok, period: '2026-11; drop' }, 'payload.period'],
  ['overview', { ...ok, period: { $gt: '' } }, 'payload.period'],
  ['overview', { ...ok, period: ['2026-11'] }, 'payload.period'],
  ['overview', { ...ok, nodeId: { $gt: '' } }, 'payload.nodeId'],
  ['overview', { ...ok, nodeId: { $ne: null } }, 'payload.nodeId'],
  ['overview', { period: '2026-11' }, 'payload.nodeId'],
  ['overview', { ...ok, extra: 1 }, 'payload'],
  ['records', { ...ok, figure: 'posted', period: '2026-Q5' }, 'payload.period'],
  ['records', { ...ok, figure: 'posted', period: '2026-11; drop' }, 'payload.period'],
  ['records', { ...ok, figure: 'everything' }, 'payload.figure'],
  ['records', { ...ok, figure: { $ne: 'posted' } }, 'payload.figure'],
  ['records', { ...ok, figure: 'category', category: '外星人' }, 'payload.category'],
  ['records', { ...ok, figure: 'posted', offset: 1e9 }, 'payload.offset'],
  ['records', { ...ok, figure: 'posted', offset: -1 }, 'payload.offset'],
  ['records', { ...ok, figure: 'posted', limit: 1e6 }, 'payload.limit'],
  ['records', { ...ok, figure: 'posted', limit: 0 }, 'payload.limit'],
  ['records', { ...ok, figure: 'posted', limit: 2.5 }, 'payload.limit'],
  ['records', { ...ok, figure: 'posted', month: '2026-13' }, 'payload.month'],
  ['records', { ...ok, figure: 'posted', childId: { $gt: '' } }, 'payload.childId'],
  ['records', { ...ok, figure: 'posted', nodeId: { $gt: '' } }, 'payload.nodeId'],
  ['records', { ...ok, figure: 'hours', unitKey: '../../x' }, 'payload.unitKey'],
  ['records', { ...ok, figure: 'hours', source: 'bribe' }, 'payload.source'],
  ['exportData', { ...ok, dataset: 'orders', period: '2026-Q5' }, 'payload.period'],
  ['exportData', { ...ok, dataset: 'everything' }, 'payload.dataset'],
  ['exportData', { ...ok, dataset: 'orders', format: 'exe' }, 'payload.format'],
  ['exportData', { ...ok, dataset: 'orders', withContacts: 'yes' }, 'payload.withContacts'],
  ['exportData', { ...ok, dataset: 'orders', nodeId: { $gt: '' } }, 'payload.nodeId'],
];

/** Well-formed calls that cannot be answered: the code and field each gets. */
const REFUSED: ReadonlyArray<readonly [action: string, payload: unknown, expected: string]> = [
  ['records', { ...ok, period: '2026-Q4', figure: 'posted', month: '2027-01' }, 'DASHBOARD.MONTH_OUTSIDE payload.month'],
  ['records', { ...ok, period: '2026', figure: 'posted', month: '2025-12' }, 'DASHBOARD.MONTH_OUTSIDE payload.month'],
  ['records', { ...ok, figure: 'category' }, 'DASHBOARD.CATEGORY_REQUIRED payload.category'],
  ['records', { ...ok, figure: 'posted', childId: 'cm01-gd1' }, 'DASHBOARD.CHILD_NOT_FOUND payload.childId'],
  ['records', { ...ok, nodeId: 'nowhere', figure: 'posted' }, 'TERRITORY.NODE_NOT_FOUND payload.nodeId'],
  ['overview', { ...ok, nodeId: 'nowhere' }, 'TERRITORY.NODE_NOT_FOUND payload.nodeId'],
  ['overview', { ...ok, nodeId: 'usr-0001' }, 'TERRITORY.NODE_NOT_FOUND payload.nodeId'],
  ['exportData', { ...ok, nodeId: 'nowhere', dataset: 'orders' }, 'TERRITORY.NODE_NOT_FOUND payload.nodeId'],
];

/** The store as the gateway's calls see it, counted (and every call's collection and filter kept). */
function counted() {
  const seen: { method: string; collection: string; filter: Record<string, unknown> | undefined; options: { limit?: number } | undefined }[] = [];
  const counter = countingStore(gw.store as Store, (method, args) => {
    if (method === 'find' || method === 'count')
      seen.push({ method, collection: String(args[0]), filter: args[1] as Record<string, unknown>, options: args[2] as { limit?: number } | undefined });
  });
  const ports = gw.ports as { store: Store };
  const real = ports.store;
  ports.store = counter.store;
  return {
    counts: counter.counts,
    seen,
    restore() {
      ports.store = real;
    },
  };
}

/** No read without a place (or an id) in its filter, and none without a bound. */
function expectNoScan(seen: ReturnType<typeof counted>['seen'], what: unknown) {
  for (const s of seen) {
    const keys = Object.keys(s.filter ?? {});
    const placed = keys.some(
      (k) => ['_id', 'openid', 'userId', 'nodeId', 'parentId', 'streetId', 'communityId'].includes(k) || k.startsWith('place.path.') || k.startsWith('path.'),
    );
    expect([what, s.collection, keys, placed]).toEqual([what, s.collection, keys, true]);
    if (s.method === 'find') expect([what, s.collection, (s.options?.limit ?? Infinity) <= 1000]).toEqual([what, s.collection, true]);
  }
}

describe('every dashboards action refuses malformed input with a field-level error', () => {
  it('covers every dashboards action', () => {
    expect(new Set(MALFORMED.map(([a]) => a))).toEqual(new Set(Object.keys(dashboardsActions)));
  });

  it('answers each with COMMON.INVALID_INPUT on its field, in Chinese, before any store call but the caller’s', async () => {
    for (const [action, payload, field] of MALFORMED) {
      const before = await snapshot(gw);
      const c = counted();
      const res = await gw.call(S, 'dashboards', action, payload).finally(() => c.restore());
      expect([action, field, res.status]).toEqual([action, field, 400]);
      expect([action, res.body]).toEqual([action, { ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } }]);
      // The schema refuses it before anything is loaded: no read of places, rollups or orders.
      expect([action, field, c.seen.filter((s) => ['orders', 'rollups', 'nodes'].includes(s.collection))]).toEqual([action, field, []]);
      expect([action, await snapshot(gw)]).toEqual([action, before]);
    }
  });

  it('answers well-formed calls that cannot be done with a stable code on the field, never 500, and writes nothing', async () => {
    for (const [action, payload, expected] of REFUSED) {
      const before = await snapshot(gw);
      const c = counted();
      const res = await gw.call(S, 'dashboards', action, payload).finally(() => c.restore());
      const got = res.body.ok ? 'ok' : `${res.body.error.code}${res.body.error.field ? ` ${res.body.error.field}` : ''}`;
      expect([action, got]).toEqual([action, expected]);
      expect(res.body.ok || /[\u4e00-\u9fa5]/.test(res.body.error.message)).toBe(true);
      expect(res.status).toBeLessThan(500);
      expect([action, c.counts.rounds <= 5]).toEqual([action, true]);
      expectNoScan(c.seen, [action, payload]);
      expect([action, await snapshot(gw)]).toEqual([action, before]);
    }
  });
});

describe('the cost of an answer does not grow with the store', () => {
  it('answers the overview of each period kind in at most 5 round trips, each read bounded and by place', async () => {
    for (const period of ['2026-11', '2026-Q4', '2026']) {
      for (const nodeId of ['st01', 'cm01', 'cm01-gd1']) {
        const c = counted();
        const res = await gw.call(S, 'dashboards', 'overview', { nodeId, period }).finally(() => c.restore());
        expect([nodeId, period, res.status]).toEqual([nodeId, period, 200]);
        expect([nodeId, period, c.counts.rounds]).toEqual([nodeId, period, expect.any(Number)]);
        expect([nodeId, period, c.counts.rounds <= 5]).toEqual([nodeId, period, true]);
        expectNoScan(c.seen, [nodeId, period]);
        // Rollups, never the orders themselves.
        expect([nodeId, period, c.seen.filter((s) => s.collection === 'orders')]).toEqual([nodeId, period, []]);
      }
    }
  });

  it('pages records with the page asked for, at most 50 rows, never all of them', async () => {
    const c = counted();
    const res = await gw.call(S, 'dashboards', 'records', { ...ok, figure: 'posted', offset: 10_000, limit: 50 }).finally(() => c.restore());
    expect(res.body.ok && res.body.data.orders).toEqual([]);
    expectNoScan(c.seen, 'records');
    for (const s of c.seen.filter((x) => x.collection === 'orders' && x.method === 'find')) expect(s.options?.limit).toBe(50);
  });

  it('answers orders.stats from the rollups, in a bounded number of round trips', async () => {
    const c = counted();
    const res = await gw.call(S, 'orders', 'stats', { nodeId: 'st01' }).finally(() => c.restore());
    expect(res.status).toBe(200);
    expect(c.counts.rounds).toBeLessThanOrEqual(5);
    expect(c.seen.filter((s) => s.collection === 'orders')).toEqual([]);
    expectNoScan(c.seen, 'stats');
  });
});

describe('random payloads (property)', () => {
  it('never crash a dashboards action and never write anything', async () => {
    const actions = Object.keys(dashboardsActions);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.oneof(
          fc.record(
            {
              nodeId: fc.oneof(fc.constantFrom('st01', 'cm01', 'cm01-gd1', 'cm01-gd1-mg1', 'st02', ''), fc.constant({ $gt: '' })),
              period: fc.oneof(fc.constantFrom('2026-11', '2026-Q4', '2026', '2026-13', '2026-Q5', '1999', '2026-11; drop'), fc.string({ maxLength: 8 })),
              figure: fc.constantFrom('posted', 'category', 'hours', 'x'),
              month: fc.constantFrom('2026-11', '2026-12', '2027-01', 'x'),
              childId: fc.constantFrom('cm01', 'cm01-gd1', 'st02', 'x'),
              category: fc.constantFrom('水电维修', 'x'),
              offset: fc.oneof(fc.nat(20_000), fc.integer()),
              limit: fc.oneof(fc.nat(100), fc.double()),
              dataset: fc.constantFrom('orders', 'service', 'x'),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        fc.constantFrom(S, PERSONAS.communityAdmin, PERSONAS.gridLeader, PERSONAS.resident, 'fuzz-dashboards'),
        async (action, payload, persona) => {
          const before = await snapshot(gw);
          const res = await gw.call(persona, 'dashboards', action, payload);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.ok).toBe('boolean');
          expect(await snapshot(gw)).toBe(before);
        },
      ),
      { numRuns: 120 },
    );
  });
});
