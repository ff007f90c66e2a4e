import { PERSONAS, type TestGateway } from './local-gateway';
import { clientKey } from './orders';

/** Calls a councils action as `persona` and answers its data, or throws with the error code. */
export async function council<T = any>(gw: TestGateway, persona: string, action: string, payload: unknown): Promise<T> {
  const res = await gw.call<T>(persona, 'councils', action, payload);
  if (!res.body.ok) throw new Error(`councils.${action} by ${persona} failed: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
}

/** The first grid of the demo, where the personas live and the grid leader leads. */
export const GRID = 'cm01-gd1';

/** Tuesday 24 Nov 2026, 19:00 in Beijing: the day after the tests' pinned morning. */
export const EVENING_AFTER = '2026-11-24T19:00:00+08:00';

export async function proposeTopic(gw: TestGateway, persona: string, title: string, description = `${title}，希望邻居们一起商量怎么解决`): Promise<string> {
  const data = await council(gw, persona, 'propose', { clientKey: clientKey(), title, description });
  return data.topic.id as string;
}

export async function createMeeting(gw: TestGateway, payload: Record<string, unknown> = {}): Promise<string> {
  const data = await council(gw, PERSONAS.gridLeader, 'createMeeting', {
    clientKey: clientKey(),
    type: '微网格议事会',
    title: '十一月微网格议事会',
    nodeId: GRID,
    placeText: '幸福里党群服务站',
    startAt: EVENING_AFTER,
    lengthMinutes: 60,
    inviteRoles: ['volunteer'],
    inviteeIds: [],
    ...payload,
  });
  return data.meeting.id as string;
}

export interface CouncilIds {
  /** A resident's topic collecting support (proposed by the resident persona). */
  topic: string;
  /** A topic decided with one action item, its work order not yet spawned. */
  actingTopic: string;
  /** A draft meeting with one agenda item: the agenda builder. */
  draftMeeting: string;
  /** A meeting in session, one item's vote open, the volunteer signed in and not yet voted. */
  liveMeeting: string;
  /** A closed meeting without minutes: the minutes editor. */
  closedMeeting: string;
}

/** Topics and meetings in the states the id-taking council pages show, made through the gateway. */
export async function councilFixtures(gw: TestGateway): Promise<CouncilIds> {
  const L = PERSONAS.gridLeader;
  const topic = await proposeTopic(gw, PERSONAS.resident, '小区北门晚上太黑');
  await council(gw, PERSONAS.residentYoung, 'support', { topicId: topic });

  // Decided in a meeting that is then closed (no minutes yet): the acting topic and the closed meeting.
  const actingTopic = await proposeTopic(gw, PERSONAS.residentYoung, '3号楼前路灯坏了');
  await council(gw, L, 'adopt', { topicId: actingTopic });
  const closedMeeting = await createMeeting(gw, { title: '十一月第一次议事会' });
  await council(gw, L, 'addItem', { meetingId: closedMeeting, topicId: actingTopic, presenterName: '刘子涵', minutes: 20 });
  await council(gw, L, 'publish', { meetingId: closedMeeting });
  await council(gw, L, 'open', { meetingId: closedMeeting });
  const code = await council(gw, L, 'screenCode', { meetingId: closedMeeting });
  await council(gw, PERSONAS.volunteer, 'signIn', { meetingId: closedMeeting, scene: code.scene });
  await council(gw, L, 'openVote', { meetingId: closedMeeting, itemId: 'i1' });
  await council(gw, PERSONAS.volunteer, 'vote', { meetingId: closedMeeting, itemId: 'i1', choice: 'agree' });
  await council(gw, L, 'decide', {
    meetingId: closedMeeting,
    itemId: 'i1',
    outcome: 'adopted',
    notes: '同意更换路灯',
    actions: [{ text: '更换3号楼前路灯', ownerName: '李建国', deadline: '2026-12-10', budget: 300 }],
  });
  await council(gw, L, 'close', { meetingId: closedMeeting });

  // In session, a vote open.
  const liveTopic = await proposeTopic(gw, PERSONAS.resident, '楼道堆放杂物清理');
  await council(gw, L, 'adopt', { topicId: liveTopic });
  const liveMeeting = await createMeeting(gw, { title: '十一月第二次议事会' });
  await council(gw, L, 'addItem', { meetingId: liveMeeting, topicId: liveTopic, presenterName: '张桂英', minutes: 15 });
  await council(gw, L, 'publish', { meetingId: liveMeeting });
  await council(gw, L, 'open', { meetingId: liveMeeting });
  const live = await council(gw, L, 'screenCode', { meetingId: liveMeeting });
  await council(gw, PERSONAS.volunteer, 'signIn', { meetingId: liveMeeting, scene: live.scene });
  await council(gw, L, 'openVote', { meetingId: liveMeeting, itemId: 'i1' });

  // A draft with one item.
  const draftTopic = await proposeTopic(gw, PERSONAS.resident, '健身器材需要维修');
  await council(gw, L, 'adopt', { topicId: draftTopic });
  const draftMeeting = await createMeeting(gw, { title: '十二月议事会' });
  await council(gw, L, 'addItem', { meetingId: draftMeeting, topicId: draftTopic, presenterName: '张桂英', minutes: 20 });

  return { topic, actingTopic, draftMeeting, liveMeeting, closedMeeting };
}
