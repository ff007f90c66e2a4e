import { council, EVENING_AFTER, proposeTopic } from '../../helpers/councils';
import { PERSONAS, freshGatewayEachTest, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, MORNING } from '../../helpers/orders';

/**
 * 三方联席会 (三方共治): the grid leader of 幸福花园's grid convenes the residents' committee side, the
 * owners' committee and the property company, invited by role; the property company's service
 * commitment is decided as an action item with an owner and a deadline, tracked like any other.
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING });

const LEADER = 'seed-gridleader-cm01-gd2';
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const GARDEN_RESIDENT = 'seed-resident-cp1-001';

describe('三方联席会', () => {
  it('invites the property desk and the owners’ committee of the grid’s compounds by role, and records the desk’s commitment as a dated action', async () => {
    const topic = await proposeTopic(gw, GARDEN_RESIDENT, '电梯经常停运');
    await council(gw, LEADER, 'adopt', { topicId: topic });
    const created = await council(gw, LEADER, 'createMeeting', {
      clientKey: clientKey(),
      type: '三方联席会',
      title: '幸福花园三方联席会',
      nodeId: 'cm01-gd2',
      placeText: '幸福里党群服务站',
      startAt: EVENING_AFTER,
      lengthMinutes: 60,
      inviteRoles: ['property', 'owners'],
      inviteeIds: [],
    });
    const meetingId = created.meeting.id as string;
    await council(gw, LEADER, 'addItem', { meetingId, topicId: topic, presenterName: '钱晓梅', minutes: 30 });
    await council(gw, LEADER, 'publish', { meetingId });

    const invited = await gw.store.find<{ _id: string; userId: string }>('meeting_invitations', { meetingId }, { limit: 50 });
    const desk = (await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.property }, { limit: 1 }))[0]!;
    const owners = (await gw.store.find<{ _id: string }>('users', { openid: OWNERS }, { limit: 1 }))[0]!;
    expect(invited.map((i) => i.userId)).toEqual(expect.arrayContaining([desk._id, owners._id]));
    const seen = await council(gw, PERSONAS.property, 'getMeeting', { meetingId });
    expect(seen.meeting.type).toBe('三方联席会');

    await council(gw, LEADER, 'open', { meetingId });
    const code = await council(gw, LEADER, 'screenCode', { meetingId });
    await council(gw, PERSONAS.property, 'signIn', { meetingId, scene: code.scene });
    await council(gw, OWNERS, 'signIn', { meetingId, scene: code.scene });
    await council(gw, LEADER, 'openVote', { meetingId, itemId: 'i1' });
    await council(gw, PERSONAS.property, 'vote', { meetingId, itemId: 'i1', choice: 'agree' });
    await council(gw, OWNERS, 'vote', { meetingId, itemId: 'i1', choice: 'agree' });
    await council(gw, LEADER, 'decide', {
      meetingId,
      itemId: 'i1',
      outcome: 'adopted',
      notes: '物业承诺电梯每月维保并公示记录',
      actions: [{ text: '电梯每月维保，记录在小区公示栏公示', ownerName: '安居物业服务有限公司', deadline: '2026-12-31', budget: 0 }],
    });
    const decided = await gw.store.get<{ _id: string; actions: { text: string; ownerName: string; deadline: string }[] }>('topics', topic);
    expect(decided!.actions).toEqual([expect.objectContaining({ text: '电梯每月维保，记录在小区公示栏公示', ownerName: '安居物业服务有限公司', deadline: '2026-12-31' })]);
  });
});
