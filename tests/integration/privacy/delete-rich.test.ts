import { leftovers } from '../../helpers/store-scan';
import { councilFixtures } from '../../helpers/councils';
import { checkWithTask, userIdOf } from '../../helpers/liuyou';
import { PERSONAS, freshGatewayEachTest, type TestGateway, data } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, openidOf, post } from '../../helpers/orders';
import { uploadPhoto } from '../../helpers/photos';
import { withRole } from '../councils/meeting-helpers';

/**
 * 注销账号 for people with a long history in office: a grid leader who convened and ran councils,
 * owned a 整改任务, dispatched by hand, revealed a phone and posted for a resident; a volunteer who
 * declined one offer, let another run out, signed in and voted. Afterwards no table holds their
 * name, phone or openid, and the measures are unchanged.
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING });

const measures = async () => ({
  overview: data(await gw.call(PERSONAS.communityAdmin, 'dashboards', 'overview', { nodeId: 'cm01', period: '2026-11' }), 'overview'),
  stats: data(await gw.call(PERSONAS.communityAdmin, 'orders', 'stats', { nodeId: 'cm01' }), 'stats'),
  rollups: JSON.stringify(gw.store.db.prepare('SELECT _id, json_extract(doc, \'$.t\') AS t FROM "rollups" ORDER BY _id').all()),
});

const personOf = async (openid: string) => (await gw.store.find<{ _id: string; name: string; phone?: string }>('users', { openid }, { limit: 1 }))[0]!;

describe('deleting the account of someone with a long history', () => {
  it('a grid leader who ran councils, owned a task, dispatched, revealed and posted for others leaves no name, phone or openid', async () => {
    // A second grid leader, so the grid is not left without one.
    await withRole(gw, 'gridLeader', 'cm01-gd1', '赵卫东');
    const leader = await personOf(PERSONAS.gridLeader);
    const resident = await personOf(PERSONAS.resident);

    await councilFixtures(gw);
    await checkWithTask(gw);
    // A problem dispatched by hand, a comment, the resident's phone revealed, an order posted for her.
    const order = await post(gw, PERSONAS.residentYoung, { category: '代买代办', description: '帮忙去超市买一袋大米' });
    const first = await offereeOf(gw, order.id);
    await act(gw, first, 'decline', { orderId: order.id, reason: '今天不在家' });
    const volunteerId = await userIdOf(gw, PERSONAS.inService);
    const byHand = await gw.call(PERSONAS.gridLeader, 'orders', 'dispatchByHand', { orderId: order.id, volunteerId });
    const taken = await gw.store.get<any>('orders', order.id);
    expect(byHand.body.ok || taken.state !== 'waiting').toBe(true);
    await act(gw, PERSONAS.gridLeader, 'comment', { orderId: order.id, text: `我是网格长${leader.name}，有事找我` });
    data(await gw.call(PERSONAS.gridLeader, 'accounts', 'revealContact', { userId: resident._id, reason: '上门前电话确认' }), 'revealContact');
    data(await gw.call(PERSONAS.gridLeader, 'orders', 'proxyFor', { userId: resident._id }), 'proxyFor');
    await post(gw, PERSONAS.gridLeader, { category: '代买代办', description: '帮张阿姨取药', onBehalfOf: resident._id });

    const needles = [leader.name, PERSONAS.gridLeader, ...(leader.phone ? [leader.phone] : [])];
    expect(leftovers(gw, needles).length).toBeGreaterThan(10);
    const before = await measures();

    data(await gw.call(PERSONAS.gridLeader, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'handToLeader' }), 'deleteAccount');

    expect(leftovers(gw, needles)).toEqual([]);
    expect(await measures()).toEqual(before);
  });

  it('a volunteer who declined one offer, let one run out, finished one and sat in councils leaves no name, phone or openid', async () => {
    await councilFixtures(gw);
    const volunteer = await personOf(PERSONAS.volunteer);
    // Offers to this volunteer: the first declined, the next left to run out, the third done.
    const offered = async (description: string) => {
      for (let i = 0; i < 6; i++) {
        const o = await post(gw, PERSONAS.residentYoung, { category: '水电维修', description: `${description}（${i + 1}）` });
        if ((await offereeOf(gw, o.id)) === PERSONAS.volunteer) return o.id as string;
      }
      throw new Error('the volunteer was never offered an order');
    };
    const declined = await offered('厨房水龙头一直滴水');
    await act(gw, PERSONAS.volunteer, 'decline', { orderId: declined, reason: '今天不在家' });
    await offered('卫生间灯不亮了');
    await gw.tick(later(MORNING, 60));
    const done = await offered('客厅插座没有电');
    await act(gw, PERSONAS.volunteer, 'accept', { orderId: done });
    await act(gw, PERSONAS.volunteer, 'resolve', { orderId: done, note: '已经修好了', photos: [await uploadPhoto(gw, PERSONAS.volunteer)] });
    await act(gw, PERSONAS.residentYoung, 'rate', { orderId: done, stars: 5, comment: `谢谢${volunteer.name}师傅` });

    const needles = [volunteer.name, PERSONAS.volunteer, ...(volunteer.phone ? [volunteer.phone] : [])];
    expect(leftovers(gw, needles).length).toBeGreaterThan(5);
    const before = await measures();

    data(await gw.call(PERSONAS.volunteer, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'handToLeader' }), 'deleteAccount');

    expect(leftovers(gw, needles)).toEqual([]);
    expect(await measures()).toEqual(before);
    expect(await openidOf(gw, volunteer._id)).toMatch(/^deleted:/);
  });
});
