import { newTopic } from '../../../shared/councils/topic.factory';
import type { Topic } from '../../../shared/councils/topic.lifecycle';
import { PERSONAS, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, later, MORNING } from '../../helpers/orders';

/**
 * Meetings (议事会) through the gateway, for the meeting tests and the idempotency scenarios. Topics
 * are prepared as stored state with the councils' own factory (preparation only, never an
 * assertion), so these tests stand apart from the topic actions.
 */

export const GRID = 'cm01-gd1';
export const COMMUNITY = 'cm01';
export const STATION = 'cm01-sta1';
export const BUILDING = 'cm01-gd1-mg1-bd1';
export const OTHER_GRID = 'cm01-gd2';
export const OTHER_GRID_BUILDING = 'cm01-gd2-mg1-bd1';
/** Wednesday 25 November 2026, 14:00 in Beijing: two days after the tests' MORNING. */
export const START = '2026-11-25T06:00:00.000Z';

export type Json = any;

export const data = <T = Json>(res: CallResult<T>, what: string): T => {
  if (!res.body.ok) throw new Error(`${what}: ${res.status} ${res.body.error.code} ${res.body.error.field ?? ''} ${res.body.error.message}`);
  return res.body.data;
};

export const call = <T = Json>(gw: TestGateway, persona: string, action: string, payload: unknown, requestId?: string) =>
  gw.call<T>(persona, 'councils', action, payload, requestId);

export async function councils<T = Json>(gw: TestGateway, persona: string, action: string, payload: unknown): Promise<T> {
  return data<T>(await call<T>(gw, persona, action, payload), `councils.${action} by ${persona}`);
}

/** The error code (and field) of a refused call. */
export const refusal = (res: CallResult) => (res.body.ok ? 'ok' : `${res.body.error.code}${res.body.error.field ? ` ${res.body.error.field}` : ''}`);

export async function userIdOf(gw: TestGateway, openid: string): Promise<string> {
  const [user] = await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 });
  if (!user) throw new Error(`no user ${openid}`);
  return user._id;
}

let people = 0;
/** A new resident living in `buildingId` (the first grid's by default); answers their openid. */
export async function newResident(gw: TestGateway, name = '新居民', buildingId = BUILDING): Promise<string> {
  const openid = `meeting-person-${process.pid}-${++people}`;
  data(await gw.call(openid, 'accounts', 'me', {}), 'me');
  data(await gw.call(openid, 'accounts', 'updateProfile', { name, buildingId, room: '1-101' }), 'updateProfile');
  return openid;
}

/** A person granted `role` at `nodeId` by an invite the community admin made. */
export async function withRole(gw: TestGateway, role: string, nodeId: string, name = '新成员', buildingId = BUILDING): Promise<string> {
  const openid = await newResident(gw, name, buildingId);
  const invite = data(await gw.call(PERSONAS.communityAdmin, 'accounts', 'createInvite', { role, nodeId, expiresInHours: 24 }), 'createInvite');
  data(await gw.call(openid, 'accounts', 'redeemInvite', { code: invite.invite.code }), 'redeemInvite');
  return openid;
}

let topics = 0;
/**
 * A topic in the grid as stored: adopted (a resident's proposal the leader took up) or done (its
 * actions finished), raised by `proposer` (an openid) or by the grid leader.
 */
export async function seedTopic(
  gw: TestGateway,
  options: { state?: 'adopted' | 'done' | 'proposed'; proposer?: string | null; gridId?: string; private?: boolean; title?: string } = {},
): Promise<string> {
  const gridId = options.gridId ?? GRID;
  const grid = await gw.store.get<{ _id: string; path: Topic['path'] }>('nodes', gridId);
  if (!grid) throw new Error(`no grid ${gridId}`);
  const proposerId = options.proposer === null ? null : await userIdOf(gw, options.proposer ?? PERSONAS.resident);
  const leaderId = await userIdOf(gw, PERSONAS.gridLeader);
  const at = new Date(Date.parse(MORNING) - 86_400_000 + ++topics * 1000).toISOString();
  const base = newTopic({
    authorId: proposerId ?? leaderId,
    clientKey: `seed-topic-${process.pid}-${topics}`,
    title: options.title ?? `议题${topics}：楼道堆物清理`,
    description: '多个楼道堆放杂物，存在消防隐患，需要统一清理',
    photos: [],
    source: proposerId ? 'resident' : 'leader',
    path: grid.path,
    meetingType: options.private ? '民事协调会' : null,
    threshold: 5,
    now: at,
  });
  const state = options.state ?? 'adopted';
  const topic: Topic = {
    ...base,
    state,
    adoptedAt: state === 'proposed' ? null : at,
    adoptedBy: state === 'proposed' ? null : leaderId,
    ...(state === 'done' ? { decision: { meetingId: 'mt-earlier001', outcome: 'adopted' as const, notes: '', tally: null, at }, doneAt: at } : {}),
  };
  const inserted = await gw.store.insert('topics', topic as never);
  if (!inserted.ok) throw new Error('could not seed a topic');
  return topic._id;
}

export interface MeetingOptions {
  type?: string;
  nodeId?: string;
  persona?: string;
  startAt?: string;
  lengthMinutes?: number;
  inviteRoles?: string[];
  inviteeIds?: string[];
  stationId?: string;
}

/** A draft meeting of the grid, convened by the grid leader at the station. */
export async function draft(gw: TestGateway, o: MeetingOptions = {}): Promise<Json> {
  const res = await councils<{ meeting: Json }>(gw, o.persona ?? PERSONAS.gridLeader, 'createMeeting', {
    clientKey: clientKey(),
    type: o.type ?? '微网格议事会',
    title: '十一月网格议事会',
    nodeId: o.nodeId ?? GRID,
    stationId: o.stationId ?? STATION,
    placeText: '幸福里党群服务站二楼会议室',
    startAt: o.startAt ?? START,
    lengthMinutes: o.lengthMinutes ?? 60,
    inviteRoles: o.inviteRoles ?? ['police', 'volunteer'],
    inviteeIds: o.inviteeIds ?? [],
  });
  return res.meeting;
}

/** A draft with one adopted topic on its agenda (`topicIds` of the items in order). */
export async function withAgenda(gw: TestGateway, o: MeetingOptions & { topics?: number; proposer?: string | null; private?: boolean } = {}): Promise<Json> {
  const m = await draft(gw, o);
  let meeting = m;
  for (let i = 0; i < (o.topics ?? 1); i++) {
    const topicId = await seedTopic(gw, { proposer: o.proposer === undefined ? PERSONAS.resident : o.proposer, private: o.private ?? false });
    meeting = (await councils(gw, o.persona ?? PERSONAS.gridLeader, 'addItem', { meetingId: m.id, topicId, presenterName: '李建国', minutes: 15 })).meeting;
  }
  return meeting;
}

export async function published(gw: TestGateway, o: Parameters<typeof withAgenda>[1] = {}): Promise<Json> {
  const m = await withAgenda(gw, o);
  return (await councils(gw, o.persona ?? PERSONAS.gridLeader, 'publish', { meetingId: m.id })).meeting;
}

export async function inSession(gw: TestGateway, o: Parameters<typeof withAgenda>[1] = {}): Promise<Json> {
  const m = await published(gw, o);
  return (await councils(gw, o.persona ?? PERSONAS.gridLeader, 'open', { meetingId: m.id })).meeting;
}

/** The station screen's current code of the meeting. */
export async function screenScene(gw: TestGateway, meetingId: string, persona: string = PERSONAS.gridLeader): Promise<string> {
  return (await councils<{ scene: string }>(gw, persona, 'screenCode', { meetingId })).scene;
}

/** Signs `persona` in by the screen's code. */
export async function signIn(gw: TestGateway, meetingId: string, persona: string): Promise<Json> {
  return councils(gw, persona, 'signIn', { meetingId, scene: await screenScene(gw, meetingId) });
}

/** A meeting in session with its first item open for votes. */
export async function voting(gw: TestGateway, o: Parameters<typeof withAgenda>[1] = {}): Promise<Json> {
  const m = await inSession(gw, o);
  return (await councils(gw, o.persona ?? PERSONAS.gridLeader, 'openVote', { meetingId: m.id, itemId: m.agenda[0].id })).meeting;
}

/** A closed meeting (its first item adopted). */
export async function closed(gw: TestGateway, o: Parameters<typeof withAgenda>[1] = {}): Promise<Json> {
  const m = await inSession(gw, o);
  const leader = o.persona ?? PERSONAS.gridLeader;
  await councils(gw, leader, 'decide', { meetingId: m.id, itemId: m.agenda[0].id, outcome: 'adopted', notes: '一致同意' });
  return (await councils(gw, leader, 'close', { meetingId: m.id })).meeting;
}

export const MINUTES = '会议讨论了楼道堆物清理的办法，决定由网格员牵头、志愿者配合，一周内清理完毕。';

/** A closed meeting with its minutes written. */
export async function minuted(gw: TestGateway, o: Parameters<typeof withAgenda>[1] = {}): Promise<Json> {
  const m = await closed(gw, o);
  return (await councils(gw, o.persona ?? PERSONAS.gridLeader, 'writeMinutes', { meetingId: m.id, text: `${m.minutesDraft ?? ''}\n${MINUTES}` })).meeting;
}

export { clientKey, later, MORNING };
