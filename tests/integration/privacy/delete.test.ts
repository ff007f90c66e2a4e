import { leftovers } from '../../helpers/store-scan';
import { PERSONAS, snapshot, freshGatewayEachTest, type TestGateway, data } from '../../helpers/local-gateway';
import { act, MORNING, offereeOf, post } from '../../helpers/orders';

/**
 * 注销账号: a resident with real history deletes their account. Afterwards no table holds their
 * phone, name, room or openid; every measure is what it was; the same WeChat user comes back as a
 * new resident who sees nothing of the old account.
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING });

const OPENID = 'test-erase-resident-001';
const NAME = '欧阳慕青';
const PHONE = '13912345678';
const ROOM = '9-909';

/** A resident with a closed and rated order, an open one with a comment, a phone, a home and a consent. */
async function residentWithHistory(): Promise<{ userId: string; closedId: string; openId: string }> {
  const me = data(await gw.call(OPENID, 'accounts', 'me', {}), 'me');
  data(await gw.call(OPENID, 'accounts', 'updateProfile', { name: NAME, phone: PHONE, phoneConsent: true, buildingId: 'cm01-gd1-mg1-bd1', room: ROOM }), 'updateProfile');
  const closed = await post(gw, OPENID, { category: '代买代办', description: '帮忙去药店买降压药' });
  const volunteer = await offereeOf(gw, closed.id);
  await act(gw, volunteer, 'accept', { orderId: closed.id });
  await act(gw, volunteer, 'resolve', { orderId: closed.id, note: '药已送到家门口' });
  await act(gw, OPENID, 'rate', { orderId: closed.id, stars: 5, comment: `谢谢，${NAME}很满意` });
  const open = await post(gw, OPENID, { category: '代买代办', description: '帮忙取一个快递包裹' });
  await act(gw, OPENID, 'comment', { orderId: open.id, text: `我是${NAME}，下午在家` });
  data(
    await gw.call(OPENID, 'councils', 'propose', {
      clientKey: `erase-topic-${Math.random().toString(36).slice(2, 8)}`,
      title: '楼下路灯不亮',
      description: `${NAME}反映：楼下路灯坏了一个月`,
    }),
    'propose',
  );
  return { userId: me.user.id, closedId: closed.id, openId: open.id };
}

const rollups = () => JSON.stringify(gw.store.db.prepare('SELECT _id, json_extract(doc, \'$.t\') AS t FROM "rollups" ORDER BY _id').all());
const measures = async () => ({
  overview: data(await gw.call(PERSONAS.gridLeader, 'dashboards', 'overview', { nodeId: 'cm01-gd1', period: '2026-11' }), 'overview'),
  stats: data(await gw.call(PERSONAS.gridLeader, 'orders', 'stats', { nodeId: 'cm01-gd1' }), 'stats'),
  rollups: rollups(),
});

describe('deleting one’s account', () => {
  it('leaves no trace of the person in any table, keeps every measure, and makes the same WeChat user a new resident', async () => {
    const { userId, closedId, openId } = await residentWithHistory();
    expect(leftovers(gw, [PHONE, NAME, ROOM, OPENID]).length).toBeGreaterThan(0);
    const before = await measures();

    const preview = data(await gw.call(OPENID, 'privacy', 'deletePreview', {}), 'deletePreview');
    expect(preview.openOrders.map((o: { id: string }) => o.id)).toEqual([openId]);
    expect(preview.blocked).toBeNull();

    const done = data(await gw.call(OPENID, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'handToLeader' }, 'erase-request-0001'), 'deleteAccount');
    expect(done).toEqual({ deleted: true, cancelled: 0, handedOver: 1, rolesReleased: 0 });

    expect(leftovers(gw, [PHONE, NAME, ROOM, OPENID])).toEqual([]);
    expect(await measures()).toEqual(before);

    // The orders stay, counted, without identity.
    const closed = await gw.store.get<any>('orders', closedId);
    expect(closed).toMatchObject({ state: 'closed', posterId: userId, contact: { name: '已注销居民', phone: null }, rating: { stars: 5, comment: '' } });
    expect(closed.place.room).toBeNull();

    // The same WeChat user is somebody new, who sees none of the old orders.
    const again = data(await gw.call(OPENID, 'accounts', 'me', {}), 'me again');
    const newId = again.user.id;
    expect(again.registered).toBe(true);
    expect(newId).not.toBe(userId);
    expect(again.user.name).toBe('居民');
    const posted = data(await gw.call(OPENID, 'orders', 'list', { view: 'posted' }), 'list');
    expect(posted.orders).toEqual([]);
    expect(data(await gw.call(OPENID, 'privacy', 'exportMine', {}), 'export').userId).toBe(newId);
  });

  it('hands an open order to the grid leader: it stays in their queue, without the name, and they are told', async () => {
    const { openId } = await residentWithHistory();
    const leader = await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.gridLeader }, { limit: 1 });
    data(await gw.call(OPENID, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'handToLeader' }), 'deleteAccount');

    const queue = data(await gw.call(PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: 'cm01-gd1' }), 'queue');
    const item = queue.orders.find((o: { id: string }) => o.id === openId);
    expect(item).toBeDefined();
    expect(JSON.stringify(item)).not.toContain(NAME);
    const order = await gw.store.get<any>('orders', openId);
    expect(['dispatching', 'offered', 'waiting', 'pool']).toContain(order.state);
    const told = await gw.store.find<{ _id: string; title: string; page: string }>('outbox', { recipientId: leader[0]!._id }, { limit: 1000 });
    expect(told.some((m) => m.page.includes(openId) && m.title.includes('注销'))).toBe(true);
  });

  it('cancels the open orders when asked to, through the order lifecycle', async () => {
    const { openId, closedId } = await residentWithHistory();
    const done = data(await gw.call(OPENID, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'cancel' }), 'deleteAccount');
    expect(done).toMatchObject({ cancelled: 1, handedOver: 0 });
    expect(await gw.store.get<any>('orders', openId)).toMatchObject({ state: 'cancelled', cancelReason: '居民注销账号' });
    expect((await gw.store.get<any>('orders', closedId)).state).toBe('closed');
    const lines = await gw.store.find<{ _id: string; kind: string; actorLabel: string }>('order_events', { orderId: openId }, { limit: 100 });
    expect(lines.find((l) => l.kind === 'cancelled')?.actorLabel).toBe('已注销居民');
    expect(leftovers(gw, [PHONE, NAME, ROOM, OPENID])).toEqual([]);
  });

  it('hands back what a volunteer had in hand, removes their dispatch record and leaves no trace of them', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买降压药' });
    const openid = await offereeOf(gw, order.id);
    await act(gw, openid, 'accept', { orderId: order.id });
    const volunteer = (await gw.store.find<{ _id: string; name: string; phone?: string }>('users', { openid }, { limit: 1 }))[0]!;
    const before = await snapshot(gw);
    expect(before).toContain(volunteer.name);

    data(await gw.call(openid, 'privacy', 'deleteAccount', { confirm: '注销' }), 'deleteAccount');

    const after = await gw.store.get<any>('orders', order.id);
    expect(after.assigneeId).toBeNull();
    expect(after.state).not.toBe('accepted');
    expect(await gw.store.get('volunteers', volunteer._id)).toBeNull();
    expect(await gw.store.find('memberships', { userId: volunteer._id }, { limit: 10 })).toEqual([]);
    expect(leftovers(gw, [openid, ...(volunteer.phone ? [volunteer.phone] : [])])).toEqual([]);
    expect(leftovers(gw, [volunteer.name])).toEqual([]);
  });

  it('changes nothing without the typed 注销, or with open orders and no choice for them', async () => {
    await residentWithHistory();
    const before = await snapshot(gw);
    for (const confirm of ['', '确定', '注 销']) {
      const res = await gw.call(OPENID, 'privacy', 'deleteAccount', { confirm, openOrders: 'cancel' });
      expect(res.body).toEqual({ ok: false, error: { code: 'PRIVACY.CONFIRM_REQUIRED', message: expect.stringMatching(/注销/), field: 'payload.confirm' } });
    }
    const noChoice = await gw.call(OPENID, 'privacy', 'deleteAccount', { confirm: '注销' });
    expect(noChoice.body).toEqual({
      ok: false,
      error: { code: 'PRIVACY.OPEN_ORDERS_CHOICE_REQUIRED', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field: 'payload.openOrders' },
    });
    expect(await snapshot(gw)).toBe(before);
  });

  it('refuses the only grid leader of a grid, and says why in the preview', async () => {
    const preview = data(await gw.call(PERSONAS.gridLeader, 'privacy', 'deletePreview', {}), 'deletePreview');
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.gridLeader, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'cancel' });
    expect(preview.blocked).toMatch(/唯一的网格长/);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'PRIVACY.LAST_ADMIN' } });
    expect(await snapshot(gw)).toBe(before);
    expect(preview.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'gridLeader', roleLabel: '网格长' })]));
  });
});
