import { PERSONAS, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, closed, councils, draft, inSession, MINUTES, minuted, published, screenScene, seedTopic, START, userIdOf, voting, withAgenda } from './meeting-helpers';

interface Repeat {
  persona: string;
  payload: unknown;
}

/**
 * One scenario per meeting write of the contract (every `councils` write that is not a topic's):
 * the meeting it needs, brought there through the gateway (topics prepared as stored state), and
 * the call the idempotency test repeats with one requestId.
 */
export function meetingScenarios(gw: () => TestGateway): Record<string, () => Promise<Repeat>> {
  const leader = PERSONAS.gridLeader;
  return {
    'councils.createMeeting': async () => ({
      persona: leader,
      payload: {
        clientKey: clientKey(),
        type: '微网格议事会',
        title: '十二月网格议事会',
        nodeId: 'cm01-gd1',
        stationId: 'cm01-sta1',
        placeText: '幸福里党群服务站',
        startAt: START,
        lengthMinutes: 60,
        inviteRoles: ['volunteer'],
      },
    }),
    'councils.editMeeting': async () => ({ persona: leader, payload: { meetingId: (await published(gw())).id, startAt: '2026-11-26T14:00:00+08:00' } }),
    'councils.addItem': async () => {
      const m = await draft(gw());
      return { persona: leader, payload: { meetingId: m.id, topicId: await seedTopic(gw()), presenterName: '李建国', minutes: 20 } };
    },
    'councils.removeItem': async () => ({ persona: leader, payload: { meetingId: (await withAgenda(gw(), { topics: 2 })).id, itemId: 'i1' } }),
    'councils.moveItem': async () => ({ persona: leader, payload: { meetingId: (await withAgenda(gw(), { topics: 2 })).id, itemId: 'i1', direction: 'down' } }),
    'councils.takeDoneTopics': async () => {
      await seedTopic(gw(), { state: 'done' });
      return { persona: leader, payload: { meetingId: (await draft(gw(), { type: '民主评议会' })).id } };
    },
    'councils.publish': async () => ({ persona: leader, payload: { meetingId: (await withAgenda(gw())).id } }),
    'councils.cancel': async () => ({ persona: leader, payload: { meetingId: (await published(gw())).id, reason: '会议室临时检修' } }),
    'councils.open': async () => ({ persona: leader, payload: { meetingId: (await published(gw())).id } }),
    'councils.signIn': async () => {
      const m = await inSession(gw());
      return { persona: PERSONAS.volunteer, payload: { meetingId: m.id, scene: await screenScene(gw(), m.id) } };
    },
    'councils.signInFor': async () => {
      const m = await inSession(gw());
      return { persona: leader, payload: { meetingId: m.id, userId: await userIdOf(gw(), PERSONAS.police) } };
    },
    'councils.openVote': async () => ({ persona: leader, payload: { meetingId: (await inSession(gw())).id, itemId: 'i1' } }),
    'councils.vote': async () => {
      const m = await voting(gw());
      await councils(gw(), PERSONAS.volunteer, 'signIn', { meetingId: m.id, scene: await screenScene(gw(), m.id) });
      return { persona: PERSONAS.volunteer, payload: { meetingId: m.id, itemId: 'i1', choice: 'agree' } };
    },
    'councils.decide': async () => ({
      persona: leader,
      payload: {
        meetingId: (await voting(gw())).id,
        itemId: 'i1',
        outcome: 'adopted',
        notes: '一致同意',
        actions: [{ text: '清理三号楼楼道堆物', ownerName: '孙磊', deadline: '2026-12-05', budget: 200 }],
      },
    }),
    'councils.close': async () => ({ persona: leader, payload: { meetingId: (await inSession(gw())).id } }),
    'councils.writeMinutes': async () => ({ persona: leader, payload: { meetingId: (await closed(gw())).id, text: MINUTES } }),
    'councils.archive': async () => ({ persona: leader, payload: { meetingId: (await minuted(gw())).id } }),
    'councils.publishDecisions': async () => ({ persona: leader, payload: { meetingId: (await minuted(gw())).id } }),
  };
}
