import { PERSONAS, snapshot, freshGatewayEachTest, type TestGateway, data } from '../../helpers/local-gateway';
import { act, MORNING, post } from '../../helpers/orders';

/**
 * 派给同事: a desk's staff member (物业客服) lists the staff of the order's desk (orders.deskStaff) —
 * names and how many of the desk's orders each has in hand, never a phone — and takes the order for
 * one of them (deskAccept with staffId), who then handles it and sees the resident's phone. Only who
 * may take the order may list; everyone else learns nothing (not even that the order exists).
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING });

const GARDEN_RESIDENT = 'seed-resident-cp1-001';
const DESK = PERSONAS.property;
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const GRID2_LEADER = 'seed-gridleader-cm01-gd2';
const GARDEN = 'cm01-gd2-cp1';
const GARDEN_HOME = 'cm01-gd2-mg1-bd1';
const LIFT = { category: '公共设施', description: '3栋电梯停在5楼不动了，老人下不了楼', buildingId: GARDEN_HOME } as const;
const PHONE = /1[3-9]\d{9}/;

type Staff = { id: string; name: string; holding: number; isMe: boolean };

const staffOf = async (persona: string, orderId: string) => data(await gw.call(persona, 'orders', 'deskStaff', { orderId }), `deskStaff by ${persona}`).items as Staff[];
const userIdOf = async (openid: string) => (await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 }))[0]!._id;

let people = 0;
/** A person the community admin grants 物业客服 at `compoundId` by an invite code, with a name and a phone. */
async function grantDesk(name: string, compoundId = GARDEN, buildingId = GARDEN_HOME): Promise<string> {
  const openid = `desk-staff-test-${++people}`;
  data(await gw.call(openid, 'accounts', 'me', {}), 'me');
  data(await gw.call(openid, 'accounts', 'updateProfile', { name, buildingId, room: '2-301', phone: `1390000${String(1000 + people)}`, phoneConsent: true }), 'profile');
  const invite = data(await gw.call(PERSONAS.communityAdmin, 'accounts', 'createInvite', { role: 'property', nodeId: compoundId, expiresInHours: 24 }), 'createInvite');
  data(await gw.call(openid, 'accounts', 'redeemInvite', { code: invite.invite.code }), 'redeem');
  return openid;
}

describe('orders.deskStaff lists the desk for one who may take the order', () => {
  it('names the desk’s staff, the caller first, with what each has in hand and no phone', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    expect(lift.state).toBe('desk');
    // Alone at the desk: only the caller.
    const deskId = await userIdOf(DESK);
    expect(await staffOf(DESK, lift.id)).toEqual([{ id: deskId, name: '钱晓梅', holding: 0, isMe: true }]);

    const colleague = await grantDesk('张三');
    const colleagueId = await userIdOf(colleague);
    const res = await gw.call(DESK, 'orders', 'deskStaff', { orderId: lift.id });
    expect(res.status).toBe(200);
    expect(data(res, 'deskStaff').items).toEqual([
      { id: deskId, name: '钱晓梅', holding: 0, isMe: true },
      { id: colleagueId, name: '张三', holding: 0, isMe: false },
    ]);
    // Names only: no phone, room or openid of a colleague in the answer.
    expect(JSON.stringify(res.body)).not.toMatch(PHONE);
    expect(JSON.stringify(res.body)).not.toMatch(/2-301|desk-staff-test|openid|phone/);

    // The colleague sees the same desk with themselves first.
    expect(await staffOf(colleague, lift.id)).toEqual([
      { id: colleagueId, name: '张三', holding: 0, isMe: true },
      { id: deskId, name: '钱晓梅', holding: 0, isMe: false },
    ]);

    // What each has in hand: the desk's orders in 处理中, the least busy first after the caller.
    await act(gw, DESK, 'deskAccept', { orderId: lift.id });
    const gate = await post(gw, GARDEN_RESIDENT, { ...LIFT, description: '小区东门的门禁坏了，刷卡进不去' });
    expect(gate.state).toBe('desk');
    expect(await staffOf(colleague, gate.id)).toEqual([
      { id: colleagueId, name: '张三', holding: 0, isMe: true },
      { id: deskId, name: '钱晓梅', holding: 1, isMe: false },
    ]);
    await grantDesk('李四');
    expect((await staffOf(DESK, gate.id)).map((s) => [s.name, s.holding, s.isMe])).toEqual([
      ['钱晓梅', 1, true],
      ['李四', 0, false],
      ['张三', 0, false],
    ]);
  });

  it('deskAccept for a colleague makes them the assignee: they are told, see the phone and hold it; the one who sent it does not', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    const colleague = await grantDesk('张三');
    const colleagueId = await userIdOf(colleague);
    const [picked] = (await staffOf(DESK, lift.id)).filter((s) => !s.isMe);
    expect(picked).toMatchObject({ id: colleagueId, name: '张三' });

    const sent = await act(gw, DESK, 'deskAccept', { orderId: lift.id, staffId: picked!.id });
    expect(sent.state).toBe('accepted');
    expect(sent.assigneeName).toBe('张三');
    // The sender is no assignee: the phone stays masked for them.
    expect(sent.contactPhone).toMatch(/\*{4}/);
    expect((await gw.store.get<any>('orders', lift.id)).assigneeId).toBe(colleagueId);
    expect(sent.timeline.map((l: { text: string }) => l.text)).toContain('安居物业服务有限公司已派 张三 处理');

    const theirs = data(await gw.call(colleague, 'orders', 'get', { orderId: lift.id }), 'get by colleague').order;
    expect(theirs.contactPhone).toMatch(PHONE);
    expect(theirs.contactPhone).not.toMatch(/\*/);
    expect(theirs.allowedActions).toEqual(expect.arrayContaining(['resolve', 'refuse']));
    const told = await gw.store.find<any>('outbox', { recipientId: colleagueId }, { limit: 20 });
    expect(told.some((m) => m.page.includes(lift.id) && m.title === '同事给您派了一件事')).toBe(true);

    // Once taken, nobody lists the desk for it any more (there is nothing left to take).
    for (const who of [DESK, colleague]) {
      expect((await gw.call(who, 'orders', 'deskStaff', { orderId: lift.id })).body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_ALLOWED_NOW' } });
    }
    // The colleague now holds it.
    const gate = await post(gw, GARDEN_RESIDENT, { ...LIFT, description: '小区东门的门禁坏了，刷卡进不去' });
    expect((await staffOf(DESK, gate.id)).find((s) => s.id === colleagueId)!.holding).toBe(1);
  });

  it('refuses a staffId of another compound’s desk, naming the field, and moves nothing', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    const elsewhere = await grantDesk('周书记', 'cm01-gd3-cp1', 'cm01-gd3-mg2-bd1');
    const before = (await gw.store.get<any>('orders', lift.id)).version;
    const res = await gw.call(DESK, 'orders', 'deskAccept', { orderId: lift.id, staffId: await userIdOf(elsewhere) });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_DESK_STAFF', field: 'payload.staffId' } });
    const stored = await gw.store.get<any>('orders', lift.id);
    expect([stored.version, stored.state, stored.assigneeId]).toEqual([before, 'desk', null]);
  });
});

describe('everyone else learns nothing of the desk', () => {
  it('a stranger, a volunteer, another compound’s staff and the owners’ committee get “not found”; those who may see the order get “not now”', async () => {
    const lift = await post(gw, GARDEN_RESIDENT, LIFT);
    await grantDesk('张三');
    const otherDesk = await grantDesk('周书记', 'cm01-gd3-cp1', 'cm01-gd3-mg2-bd1');
    const newcomer = 'desk-staff-test-newcomer';
    data(await gw.call(newcomer, 'accounts', 'me', {}), 'me');
    const missing = await gw.call(DESK, 'orders', 'deskStaff', { orderId: 'ord_nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_FOUND', field: 'payload.orderId' } });

    const OUTCOMES: ReadonlyArray<readonly [who: string, persona: string, code: string]> = [
      ['another resident', PERSONAS.resident, 'ORDER.NOT_FOUND'],
      ['a volunteer', PERSONAS.volunteer, 'ORDER.NOT_FOUND'],
      ['another grid’s leader', PERSONAS.gridLeader, 'ORDER.NOT_FOUND'],
      ['another compound’s desk', otherDesk, 'ORDER.NOT_FOUND'],
      ['the owners’ committee', OWNERS, 'ORDER.NOT_FOUND'],
      ['a newcomer without a role', newcomer, 'ORDER.NOT_FOUND'],
      ['a caller who never signed in', 'desk-staff-test-unknown', 'ACCOUNT.NOT_REGISTERED'],
      // These may see the order, so its existence is no secret to them; the desk's people still are.
      ['the resident who posted it', GARDEN_RESIDENT, 'ORDER.NOT_ALLOWED_NOW'],
      ['the grid’s leader', GRID2_LEADER, 'ORDER.NOT_ALLOWED_NOW'],
      ['the community admin', PERSONAS.communityAdmin, 'ORDER.NOT_ALLOWED_NOW'],
    ];
    for (const [who, persona, code] of OUTCOMES) {
      const res = await gw.call(persona, 'orders', 'deskStaff', { orderId: lift.id });
      expect([who, res.body.ok, res.body.ok ? null : res.body.error.code]).toEqual([who, false, code]);
      expect(JSON.stringify(res.body)).not.toMatch(/张三|钱晓梅/);
    }
  });

  it('an order that went to volunteers has no desk to list, even for a desk’s staff', async () => {
    const errand = await post(gw, GARDEN_RESIDENT, { category: '代买代办', description: '帮忙去药店买降压药', buildingId: GARDEN_HOME });
    expect(errand.state).not.toBe('desk');
    expect((await gw.call(DESK, 'orders', 'deskStaff', { orderId: errand.id })).body).toMatchObject({ ok: false, error: { code: 'ORDER.NOT_FOUND' } });
  });
});

describe('hostile input', () => {
  it.each([
    [{}, 'payload.orderId'],
    [{ orderId: '' }, 'payload.orderId'],
    [{ orderId: 42 }, 'payload.orderId'],
    [{ orderId: ['ord_x'] }, 'payload.orderId'],
    [{ orderId: { $ne: null } }, 'payload.orderId'],
    [{ orderId: '../etc/passwd' }, 'payload.orderId'],
    [{ orderId: 'ord_x', staffId: 'usr-0001' }, 'payload'],
    [{ orderId: 'ord_x', compoundId: GARDEN }, 'payload'],
  ] as const)('%j → COMMON.INVALID_INPUT on %s, and changes nothing', async (payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(DESK, 'orders', 'deskStaff', payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });
});
