import { PERSONAS, snapshot, freshGatewayEachTest, type TestGateway, data } from '../../helpers/local-gateway';
import { act, later, MORNING, post } from '../../helpers/orders';
import { uploadPhoto } from '../../helpers/photos';
import { DEFAULT_RESPONSIBILITIES } from '../../../shared/compounds/responsibility';

/**
 * 评议监督 through the gateway: in 幸福花园 (cm01-gd2-cp1, 1+3) three lift and litter orders reach 安居物业's
 * desk — one taken and fixed the same day and rated 5★, one answered "not ours", one taken and fixed
 * five hours later, past its 4 hours — and the month's review shows exactly that, to the owners'
 * committee as to the community's admin, with the desk's reason and no resident in it.
 *
 * The community gives its 1+3 desks 4 hours for public facilities (the street's default is 24, the
 * grid's own clock too: a desk order past 24 hours has climbed to the community and left the desk).
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING, ratePerSecond: 1_000_000 });

const GARDEN = 'cm01-gd2-cp1';
const GARDEN_RESIDENT = 'seed-resident-cp1-001';
const DESK = PERSONAS.property;
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const LIFT = { category: '公共设施', description: '3栋电梯停在5楼不动了，老人下不了楼', buildingId: 'cm01-gd2-mg1-bd1' } as const;
const REASON = '绿化带属于市政，不在物业合同范围';

const review = async (persona: string, payload: Record<string, unknown> = { compoundId: GARDEN }) =>
  data(await gw.call(persona, 'compounds', 'review', payload), `review by ${persona}`);

/** The month's three desk orders: on time and 5★, refused, late. */
async function aMonthAtTheDesk() {
  const rules = DEFAULT_RESPONSIBILITIES.map((r) => (r.category === '公共设施' && r.model === '1+3' ? { ...r, hours: 4 } : r));
  data(await gw.call(PERSONAS.communityAdmin, 'compounds', 'saveResponsibilities', { communityId: 'cm01', baseVersion: 0, rules }), 'save the list');
  const quick = await post(gw, GARDEN_RESIDENT, LIFT);
  await act(gw, DESK, 'deskAccept', { orderId: quick.id });
  await gw.tick(later(MORNING, 3 * 60));
  await act(gw, DESK, 'resolve', { orderId: quick.id, note: '电梯已复位，维保公司检查了门机', photos: [await uploadPhoto(gw, DESK)] });
  await act(gw, GARDEN_RESIDENT, 'rate', { orderId: quick.id, stars: 5, tags: [], comment: '物业来得很快' });

  const litter = await post(gw, GARDEN_RESIDENT, { ...LIFT, category: '环境卫生', description: '小区门口的绿化带里堆满了装修垃圾' });
  await act(gw, DESK, 'refuse', { orderId: litter.id, reason: REASON });

  const slow = await post(gw, GARDEN_RESIDENT, { ...LIFT, description: '2栋电梯按钮失灵，按了没反应' });
  await act(gw, DESK, 'deskAccept', { orderId: slow.id });
  // Posted three hours in, due four hours later: fixed five hours after it came in.
  await gw.tick(later(MORNING, 8 * 60));
  await act(gw, DESK, 'resolve', { orderId: slow.id, note: '更换了按钮面板', photos: [await uploadPhoto(gw, DESK)] });
  return { quick, litter, slow };
}

describe('compounds.review', () => {
  it('shows the month exactly: 3 sent, 2 taken and resolved, 1 on time, 5★, 1 refused with its reason, none open', async () => {
    await aMonthAtTheDesk();
    const seen = await review(OWNERS);
    expect(seen.compound).toEqual({ id: GARDEN, name: '幸福花园', model: '1+3', modelLabel: '1+3 居委会·业委会·物业', deskName: '安居物业服务有限公司' });
    expect(seen.month).toBe('2026-11');
    expect(seen.measures).toEqual({
      orders: 3,
      sent: 3,
      taken: 2,
      resolved: 2,
      onTime: 1,
      onTimeRate: 0.5,
      rated: 1,
      averageStars: 5,
      satisfiedRate: 1,
      refused: 1,
      refusedOrders: 1,
      refusals: [{ at: expect.any(String), category: '环境卫生', deskName: '安居物业服务有限公司', reason: REASON }],
      open: 0,
      byCategory: [
        { category: '环境卫生', orders: 1, sent: 1, taken: 0, resolved: 0, onTime: 0, refused: 1, open: 0 },
        { category: '公共设施', orders: 2, sent: 2, taken: 2, resolved: 2, onTime: 1, refused: 0, open: 0 },
      ],
    });
    // The community's admin reads the same numbers.
    expect((await review(PERSONAS.communityAdmin)).measures).toEqual(seen.measures);
  });

  it('charts the six months up to the one asked for, oldest first, the earlier ones empty', async () => {
    await aMonthAtTheDesk();
    const { months } = await review(DESK);
    expect(months.map((m: { month: string }) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months[5]).toEqual({ month: '2026-11', orders: 3, sent: 3, resolved: 2, onTimeRate: 0.5, averageStars: 5, satisfiedRate: 1, refused: 1, open: 0 });
    for (const m of months.slice(0, 5)) expect(m).toMatchObject({ orders: 0, sent: 0, onTimeRate: null, averageStars: null });
    // A month asked for by name: the next one has nothing yet, and November is its fifth bar.
    const december = await review(DESK, { compoundId: GARDEN, month: '2026-12' });
    expect(december.measures).toMatchObject({ orders: 0, sent: 0, onTimeRate: null, refusals: [] });
    expect(december.months.map((m: { month: string; sent: number }) => [m.month, m.sent]).slice(-2)).toEqual([
      ['2026-11', 3],
      ['2026-12', 0],
    ]);
  });

  it('counts what the desk still holds as open, and leaves out the compound next door', async () => {
    const waiting = await post(gw, GARDEN_RESIDENT, LIFT);
    const taken = await post(gw, GARDEN_RESIDENT, { ...LIFT, description: '地下车库的灯坏了一排' });
    await act(gw, DESK, 'deskAccept', { orderId: taken.id });
    // 纺织厂宿舍 (cm01-gd3-cp1) is another grid's compound: none of its orders is 幸福花园's.
    await post(gw, GARDEN_RESIDENT, { category: '水电维修', description: '单元楼道的灯不亮了', buildingId: 'cm01-gd3-mg2-bd1' });
    const { measures } = await review(PERSONAS.streetAdmin);
    expect(measures).toMatchObject({ orders: 2, sent: 2, taken: 1, resolved: 0, open: 2, onTimeRate: null });
    expect(waiting.state).toBe('desk');
  });

  it('names no resident, no phone, no room and no staff member', async () => {
    await aMonthAtTheDesk();
    const text = JSON.stringify(await review(PERSONAS.communityAdmin));
    const resident = (await gw.store.find<any>('users', { openid: GARDEN_RESIDENT }, { limit: 1 }))[0]!;
    const staff = (await gw.store.find<any>('users', { openid: DESK }, { limit: 1 }))[0]!;
    for (const secret of [resident.name, resident._id, resident.phone, resident.home?.room, staff.name, staff._id].filter(Boolean)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });

  it('changes nothing: it is a read', async () => {
    await aMonthAtTheDesk();
    const before = await snapshot(gw);
    await review(OWNERS);
    expect(await snapshot(gw)).toBe(before);
  });
});

describe('compounds.review refuses', () => {
  it('a place that is not a compound, as not found', async () => {
    for (const compoundId of ['cm01', 'cm01-gd2', 'cm01-gd2-mg1-bd1', 'cp-none']) {
      const res = await gw.call(PERSONAS.streetAdmin, 'compounds', 'review', { compoundId });
      expect([compoundId, res.body]).toEqual([compoundId, { ok: false, error: { code: 'TERRITORY.NODE_NOT_FOUND', message: expect.any(String), field: 'payload.compoundId' } }]);
    }
  });
});
