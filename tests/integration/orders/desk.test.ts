import { PERSONAS, freshGatewayEachTest, type TestGateway, data } from '../../helpers/local-gateway';
import { act, later, MORNING, post } from '../../helpers/orders';
import { uploadPhoto } from '../../helpers/photos';
import { DEFAULT_RESPONSIBILITIES } from '../../../shared/compounds/responsibility';

/**
 * 三方共治 in the request loop: in a residential compound the community's responsibility list sends
 * an order to the compound's desk first (a broken lift in the 1+3 幸福花园 to 安居物业), whose staff
 * take it, resolve it with a photo and are rated like anyone; or say "not ours", which gives it back
 * to the grid leader with the reason. In the 1+1 纺织厂宿舍, without a property company, the same
 * kind of things go to volunteers.
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING });

const GARDEN_RESIDENT = 'seed-resident-cp1-001';
const DESK = PERSONAS.property;
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const GRID2_LEADER = 'seed-gridleader-cm01-gd2';
const LIFT = { category: '公共设施', description: '3栋电梯停在5楼不动了，老人下不了楼', buildingId: 'cm01-gd2-mg1-bd1' } as const;

const view = async (persona: string, orderId: string) => data(await gw.call(persona, 'orders', 'get', { orderId }), `get by ${persona}`).order;
const deskList = async (persona: string) => data(await gw.call(persona, 'orders', 'list', { view: 'desk' }), 'desk list').orders as { id: string; contactPhone: string | null }[];
const stored = (id: string) => gw.store.get<any>('orders', id);

describe('an order in a 1+3 compound goes to its property desk first', () => {
  it('lands on the desk, masked until taken, resolved with a photo, rated, and no 双报到 hours for paid staff', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    expect(lift.state).toBe('desk');
    expect(lift.stateLabel).toBe('待物业服务中心处理');
    expect(lift.desk).toMatchObject({ name: '安居物业服务有限公司', partyLabel: '物业服务中心', refused: false });
    const order = await stored(lift.id);
    expect(order.desk).toMatchObject({ party: 'property', compoundId: 'cm01-gd2-cp1', hours: 24, refusedAt: null });
    expect(order.desk.dueAt).toBe(later(MORNING, 24 * 60));
    expect(order.offer).toBeNull();

    // The desk hears of it; its list shows it with the phone masked until someone there takes it.
    const deskUser = (await gw.store.find<any>('users', { openid: DESK }, { limit: 1 }))[0]!;
    const told = await gw.store.find<any>('outbox', { recipientId: deskUser._id }, { limit: 50 });
    expect(told.some((m) => m.page.includes(lift.id) && m.title.includes('安居物业'))).toBe(true);
    const [listed] = (await deskList(DESK)).filter((o) => o.id === lift.id);
    expect(listed!.contactPhone).toMatch(/\*{4}/);
    const seen = await view(DESK, lift.id);
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['deskAccept', 'refuse', 'comment']));
    expect(seen.allowedActions).not.toContain('handBack');

    const taken = await act(gw, DESK, 'deskAccept', { orderId: lift.id });
    expect(taken.state).toBe('accepted');
    expect(taken.assigneeName).toBe('钱晓梅');
    expect(taken.contactPhone).not.toMatch(/\*/);
    expect(taken.timeline.map((l: { text: string }) => l.text)).toEqual(
      expect.arrayContaining(['按责任清单由安居物业服务有限公司先处理（24 小时内）', '安居物业服务有限公司 钱晓梅 已接单']),
    );
    expect((await view(GARDEN_RESIDENT, lift.id)).assigneeName).toBe('钱晓梅');

    const done = await act(gw, DESK, 'resolve', { orderId: lift.id, note: '电梯已复位，维保公司检查了门机', photos: [await uploadPhoto(gw, DESK)] });
    expect(done.state).toBe('resolved');
    const rated = await act(gw, GARDEN_RESIDENT, 'rate', { orderId: lift.id, stars: 5, tags: [], comment: '物业来得很快' });
    expect(rated.state).toBe('closed');
    expect(await gw.store.find('service_records', { volunteerId: deskUser._id }, { limit: 10 })).toEqual([]);
  });

  it('"not ours" gives it back to the grid leader with the reason, and it never goes to that desk again', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, { ...LIFT, category: '环境卫生', description: '小区门口的绿化带里堆满了装修垃圾' });
    expect(lift.state).toBe('desk');
    const short = await gw.call(DESK, 'orders', 'refuse', { orderId: lift.id, reason: '' });
    expect(short.body).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT', field: 'payload.reason' } });

    const back = await act(gw, DESK, 'refuse', { orderId: lift.id, reason: '绿化带属于市政，不在物业合同范围' });
    expect(back.state).toBe('waiting');
    expect(back.allowedActions).toEqual([]);
    const leaderSees = await view(GRID2_LEADER, lift.id);
    expect(leaderSees.state).toBe('waiting');
    expect(leaderSees.dispatchReason).toContain('绿化带属于市政');
    expect(leaderSees.refusals).toEqual([{ at: expect.any(String), name: '安居物业服务有限公司', reason: '绿化带属于市政，不在物业合同范围' }]);
    expect(leaderSees.allowedActions).toEqual(expect.arrayContaining(['dispatchByHand', 'openPool', 'escalate']));
    const queue = data(await gw.call(GRID2_LEADER, 'orders', 'list', { view: 'queue', nodeId: 'cm01-gd2', filter: 'waiting' }), 'queue').orders;
    expect(queue.map((o: { id: string }) => o.id)).toContain(lift.id);
    const leader = (await gw.store.find<any>('users', { openid: GRID2_LEADER }, { limit: 1 }))[0]!;
    const told = await gw.store.find<any>('outbox', { recipientId: leader._id }, { limit: 50 });
    expect(told.some((m) => m.page.includes(lift.id) && m.title.includes('退回'))).toBe(true);

    // The desk can refuse once; a second try changes nothing.
    const again = await gw.call(DESK, 'orders', 'refuse', { orderId: lift.id, reason: '再次说明' });
    expect(again.body).toMatchObject({ ok: false });
    expect((await stored(lift.id)).refusals).toHaveLength(1);
  });

  it('the staff member who took it may still say "not ours"; nobody else at the compound may act for the desk', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    for (const who of [OWNERS, GARDEN_RESIDENT, GRID2_LEADER, PERSONAS.volunteer]) {
      const res = await gw.call(who, 'orders', 'deskAccept', { orderId: lift.id });
      expect([who, res.body.ok]).toEqual([who, false]);
    }
    // The owners' committee member does not even see it: personal data stays with those who handle it.
    expect((await gw.call(OWNERS, 'orders', 'get', { orderId: lift.id })).body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_FOUND' } });
    await act(gw, DESK, 'deskAccept', { orderId: lift.id });
    const back = await act(gw, DESK, 'refuse', { orderId: lift.id, reason: '查看后是电梯厂家的质保问题，请社区协调' });
    expect(back.state).toBe('waiting');
    expect((await stored(lift.id)).assigneeId).toBeNull();
  });

  it('a desk order left alone climbs the same ladder: after the grid’s 24 hours it goes to the community', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    await gw.tick(later(MORNING, 25 * 60));
    const order = await stored(lift.id);
    expect(order).toMatchObject({ state: 'waiting', level: 'community', breaches: 1 });
  });

  it('staff see only their compound’s desk orders: not what went to volunteers, not another compound’s', async () => {
    const errand = await post(gw, GARDEN_RESIDENT, { category: '代买代办', description: '帮忙去药店买降压药', buildingId: LIFT.buildingId });
    expect(errand.state).not.toBe('desk');
    expect((await gw.call(DESK, 'orders', 'get', { orderId: errand.id })).body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_FOUND' } });
    const elsewhere = await post(gw, PERSONAS.resident, { category: '公共设施', description: '楼下的路灯坏了一个月' });
    expect(elsewhere.state).not.toBe('desk');
    expect((await gw.call(DESK, 'orders', 'get', { orderId: elsewhere.id })).body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_FOUND' } });
    expect((await deskList(DESK)).map((o) => o.id)).toEqual([]);
    // Someone who is no desk's staff has an empty desk list.
    expect(await deskList(PERSONAS.gridLeader)).toEqual([]);
  });
});

describe('the community’s own list decides, once it has saved one', () => {
  it('a community that sends lifts in 1+3 compounds to the grid leader gets exactly that, and says why', async () => {
    const rules = DEFAULT_RESPONSIBILITIES.map((r) => (r.category === '公共设施' && r.model === '1+3' ? { ...r, owner: 'gridLeader' as const, hours: 12 } : r));
    data(await gw.call(PERSONAS.communityAdmin, 'compounds', 'saveResponsibilities', { communityId: 'cm01', baseVersion: 0, rules }), 'save');
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    expect(lift.state).toBe('waiting');
    expect((await stored(lift.id)).desk ?? null).toBeNull();
    expect((await view(GRID2_LEADER, lift.id)).dispatchReason).toBe('按责任清单：1+3 小区的公共设施由网格长先处理（12 小时）');
  });
});

describe('an order in a 1+1 compound without a property company', () => {
  it('a stairwell light goes to the volunteers; a public facility goes to volunteers too while the branch has no account, and the reason says so', async () => {
    const home = 'cm01-gd3-mg2-bd1';
    const light = await post(gw, GARDEN_RESIDENT, { category: '水电维修', description: '单元楼道的灯不亮了，晚上上楼看不见', buildingId: home });
    expect(light.state).toBe('offered');
    const lit = await stored(light.id);
    expect(lit.desk ?? null).toBeNull();
    expect(lit.dispatchReason).toMatch(/^按默认责任清单：1\+1 小区的水电维修由党员志愿者先处理（24 小时）。/);
    const bench = await post(gw, GARDEN_RESIDENT, { category: '公共设施', description: '院子里的长椅坏了一条腿', buildingId: home });
    expect(bench.state).not.toBe('desk');
    const leaderSees = await view('seed-gridleader-cm01-gd3', bench.id);
    expect(leaderSees.dispatchReason).toMatch(/^按默认责任清单：1\+1 小区的公共设施由小区党支部先处理（48 小时）；该小区尚未开通小区党支部账号，先由党员志愿者处理。/);
    expect(await gw.store.find('order_events', { orderId: bench.id, kind: 'desk' }, { limit: 5 })).toEqual([]);
  });
});

describe('a desk opens when the community grants its first account', () => {
  it('the community admin invites someone as the 1+1 compound’s desk; its public facilities then go to the party branch’s desk', async () => {
    const home = 'cm01-gd3-mg2-bd1';
    // A grid leader may not grant it; the community admin may, at the compound only.
    const byLeader = await gw.call('seed-gridleader-cm01-gd3', 'accounts', 'createInvite', { role: 'property', nodeId: 'cm01-gd3-cp1', expiresInHours: 24 });
    expect(byLeader.body).toMatchObject({ ok: false });
    const atGrid = await gw.call(PERSONAS.communityAdmin, 'accounts', 'createInvite', { role: 'property', nodeId: 'cm01-gd3', expiresInHours: 24 });
    expect(atGrid.body).toMatchObject({ ok: false, error: { code: 'ACCOUNT.ROLE_NODE_MISMATCH' } });
    const invite = data(await gw.call(PERSONAS.communityAdmin, 'accounts', 'createInvite', { role: 'property', nodeId: 'cm01-gd3-cp1', expiresInHours: 24 }), 'createInvite');
    const secretary = 'desk-test-branch-secretary';
    data(await gw.call(secretary, 'accounts', 'me', {}), 'me');
    data(await gw.call(secretary, 'accounts', 'updateProfile', { name: '周书记', buildingId: home, room: '1-101' }), 'profile');
    data(await gw.call(secretary, 'accounts', 'redeemInvite', { code: invite.invite.code }), 'redeem');

    const bench = await post(gw, GARDEN_RESIDENT, { category: '公共设施', description: '院子里的长椅坏了一条腿', buildingId: home });
    expect(bench.state).toBe('desk');
    expect(bench.desk).toMatchObject({ name: '纺织厂宿舍党支部', partyLabel: '小区党支部' });
    const taken = await act(gw, secretary, 'deskAccept', { orderId: bench.id });
    expect(taken.assigneeName).toBe('周书记');
  });
});
