import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { clientKey } from '../../helpers/orders';

/**
 * Month and time-zone edges: an order belongs to the Beijing month (quarter, year) it was posted
 * in, whatever the UTC date says, and the dashboard's periods and their previous-period comparison
 * follow. 23:59 Beijing is 15:59Z the same day; 00:00 Beijing is 16:00Z the day before.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

/** Posts an order at an instant (the local clock pinned there, as the scheduler's tick pins it). */
async function postAt(at: string, category = '政策咨询') {
  await gw.tick(at);
  const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category, description: `月末测试 ${at}`, clientKey: clientKey() });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.order as { id: string; postedAt: string };
}

type Overview = {
  period: string;
  periodKind: string;
  previousPeriod: string;
  measures: { posted: number };
  previous: { posted: number };
  trend: { month: string; posted: number }[];
};

async function overview(nodeId: string, period: string): Promise<Overview> {
  const res = await gw.call(PERSONAS.streetAdmin, 'dashboards', 'overview', { nodeId, period });
  if (!res.body.ok) throw new Error(`${period}: ${res.body.error.code}`);
  return res.body.data as Overview;
}

const posted = async (nodeId: string, period: string) => {
  const o = await overview(nodeId, period);
  return [o.periodKind, o.measures.posted, o.previousPeriod, o.previous.posted];
};

describe('dashboard periods at month, quarter and year ends (Beijing time)', () => {
  const orders: Record<string, string> = {};
  beforeAll(async () => {
    orders.lastMinuteOfNovember = (await postAt('2026-11-30T15:59:00.000Z')).id; // 2026-11-30 23:59 Beijing
    orders.firstMinuteOfDecember = (await postAt('2026-11-30T16:00:00.000Z')).id; // 2026-12-01 00:00 Beijing
    orders.lastMinuteOfYear = (await postAt('2026-12-31T15:59:00.000Z')).id; // 2026-12-31 23:59 Beijing
    orders.firstMinuteOfNextYear = (await postAt('2026-12-31T16:00:00.000Z')).id; // 2027-01-01 00:00 Beijing
  });

  it('stores each order under the Beijing month it was posted in', async () => {
    const month = async (id: string) => (await gw.store.get<{ _id: string; month: string }>('orders', id))!.month;
    expect(await month(orders.lastMinuteOfNovember!)).toBe('2026-11');
    expect(await month(orders.firstMinuteOfDecember!)).toBe('2026-12');
    expect(await month(orders.lastMinuteOfYear!)).toBe('2026-12');
    expect(await month(orders.firstMinuteOfNextYear!)).toBe('2027-01');
  });

  it('counts 23:59 on the last day in that month, and 00:00 on the 1st in the next', async () => {
    for (const nodeId of ['cm01-gd1', 'cm01', 'st01']) {
      expect([nodeId, await posted(nodeId, '2026-11')]).toEqual([nodeId, ['month', 1, '2026-10', 0]]);
      expect([nodeId, await posted(nodeId, '2026-12')]).toEqual([nodeId, ['month', 2, '2026-11', 1]]);
      expect([nodeId, await posted(nodeId, '2027-01')]).toEqual([nodeId, ['month', 1, '2026-12', 2]]);
    }
  });

  it('puts Dec 31 23:59 in 2026 and its Q4, and Jan 1 00:00 in 2027 and its Q1', async () => {
    expect(await posted('st01', '2026-Q4')).toEqual(['quarter', 3, '2026-Q3', 0]);
    expect(await posted('st01', '2027-Q1')).toEqual(['quarter', 1, '2026-Q4', 3]);
    expect(await posted('st01', '2026')).toEqual(['year', 3, '2025', 0]);
    expect(await posted('st01', '2027')).toEqual(['year', 1, '2026', 3]);
  });

  it('draws the trend by the same months, ending with the period’s last', async () => {
    const year = await overview('st01', '2027-Q1');
    expect(year.trend.map((t) => t.month)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    expect(year.trend.filter((t) => t.posted > 0).map((t) => [t.month, t.posted])).toEqual([
      ['2026-11', 1],
      ['2026-12', 2],
      ['2027-01', 1],
    ]);
  });

  it('gives orders.stats the same months', async () => {
    const res = await gw.call(PERSONAS.gridLeader, 'orders', 'stats', { nodeId: 'cm01-gd1' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.byMonth.map((m: { month: string; posted: number }) => [m.month, m.posted])).toEqual([
      ['2026-11', 1],
      ['2026-12', 2],
      ['2027-01', 1],
    ]);
    const december = await gw.call(PERSONAS.gridLeader, 'orders', 'stats', { nodeId: 'cm01-gd1', month: '2026-12' });
    expect(december.body.ok && december.body.data.total.posted).toBe(2);
  });

  it('lists the records of a month by the same edge', async () => {
    const res = await gw.call(PERSONAS.streetAdmin, 'dashboards', 'records', { nodeId: 'st01', period: '2026-Q4', figure: 'posted', month: '2026-12' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.orders.map((o: { id: string }) => o.id).sort()).toEqual([orders.firstMinuteOfDecember, orders.lastMinuteOfYear].sort());
    const refused = await gw.call(PERSONAS.streetAdmin, 'dashboards', 'records', { nodeId: 'st01', period: '2026-Q4', figure: 'posted', month: '2027-01' });
    expect(refused.body.ok || [refused.body.error.code, refused.body.error.field]).toEqual(['DASHBOARD.MONTH_OUTSIDE', 'payload.month']);
  });
});
