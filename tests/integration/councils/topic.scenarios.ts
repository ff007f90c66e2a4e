import { PERSONAS, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { clientKey } from '../../helpers/orders';

/**
 * Topics (议题) through the gateway, for the councils' tests and the idempotency test: people,
 * topics in each state, and one scenario per topic write. Only a decided topic needs a meeting's
 * decision; to stay clear of the meeting actions, `decided` writes that one step as stored state
 * (preparation only, never an assertion).
 */

export const GRID = 'cm01-gd1';
/** Buildings of the demo's first grid (幸福里第一网格), and one of another grid. */
export const BUILDING = 'cm01-gd1-mg1-bd1';
export const OTHER_GRID_BUILDING = 'cm01-gd2-mg1-bd1';

export const data = <T = any>(res: CallResult<T>, what: string): T => {
  if (!res.body.ok) throw new Error(`${what}: ${res.status} ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
};

export async function councils<T = any>(gw: TestGateway, persona: string, action: string, payload: unknown): Promise<T> {
  return data<T>(await gw.call<T>(persona, 'councils', action, payload), `councils.${action} by ${persona}`);
}

let people = 0;
/** A new resident living in `buildingId` (the first grid's by default); answers their openid. */
export async function newResident(gw: TestGateway, buildingId = BUILDING, name = '新居民'): Promise<string> {
  const openid = `council-resident-${process.pid}-${++people}`;
  data(await gw.call(openid, 'accounts', 'me', {}), 'me');
  data(await gw.call(openid, 'accounts', 'updateProfile', { name, buildingId, room: '1-101' }), 'updateProfile');
  return openid;
}

export async function userIdOf(gw: TestGateway, openid: string): Promise<string> {
  const [user] = await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 });
  if (!user) throw new Error(`no user ${openid}`);
  return user._id;
}

type Topic = { id: string; state: string; allowedActions: string[]; actions: { id: string; orderId: string | null; [k: string]: any }[]; [k: string]: any };

/** A resident's proposal in their home grid. */
export async function proposed(gw: TestGateway, persona: string = PERSONAS.resident, extra: Record<string, unknown> = {}): Promise<Topic> {
  const res = await councils<{ topic: Topic }>(gw, persona, 'propose', {
    clientKey: clientKey(),
    title: '小区路灯不亮了',
    description: '三号楼到五号楼之间的路灯坏了一个多月，晚上出行不方便',
    ...extra,
  });
  return res.topic;
}

/** A topic the grid leader raised: adopted at once. */
export async function raised(gw: TestGateway, extra: Record<string, unknown> = {}): Promise<Topic> {
  const res = await councils<{ topic: Topic }>(gw, PERSONAS.gridLeader, 'raise', {
    clientKey: clientKey(),
    title: '楼道堆物清理',
    description: '多个楼道堆放杂物，存在消防隐患，需要统一清理',
    gridId: GRID,
    ...extra,
  });
  return res.topic;
}

/** A resident's proposal the grid leader adopted. */
export async function adopted(gw: TestGateway, persona: string = PERSONAS.resident): Promise<Topic> {
  const t = await proposed(gw, persona);
  return (await councils<{ topic: Topic }>(gw, PERSONAS.gridLeader, 'adopt', { topicId: t.id })).topic;
}

/**
 * The council's decision (通过, no actions yet) as stored state: what a meeting's `decide` leaves on
 * an adopted topic. Preparation only.
 */
export async function decide(gw: TestGateway, topicId: string): Promise<void> {
  const t = await gw.store.get<{ _id: string; version: number; state: string; updatedAt: string }>('topics', topicId);
  if (!t || t.state !== 'adopted') throw new Error(`topic ${topicId} is not adopted`);
  const decision = { meetingId: 'mt-fixture01', outcome: 'adopted', notes: '与会人员一致同意', tally: { agree: 5, oppose: 0, abstain: 0, total: 5 }, at: t.updatedAt };
  const done = await gw.store.update('topics', topicId, t.version, { $set: { state: 'decided', meetingId: 'mt-fixture01', decision } });
  if (!done) throw new Error(`could not decide ${topicId}`);
}

/** A decided topic (raised by a resident unless `leader`). */
export async function decided(gw: TestGateway, persona: string = PERSONAS.resident): Promise<Topic> {
  const t = await adopted(gw, persona);
  await decide(gw, t.id);
  return (await councils<{ topic: Topic }>(gw, persona, 'getTopic', { topicId: t.id })).topic;
}

export const ACTION = { text: '更换三号楼前的路灯灯泡', ownerName: '李建国', deadline: '2026-12-20', budget: 300, category: '其他' };

/** A topic under way with one action item. */
export async function acting(gw: TestGateway, persona: string = PERSONAS.resident, action: Record<string, unknown> = ACTION): Promise<Topic> {
  const t = await decided(gw, persona);
  return (await councils<{ topic: Topic }>(gw, PERSONAS.gridLeader, 'addAction', { topicId: t.id, action })).topic;
}

/** A done topic: its one action completed by hand. */
export async function done(gw: TestGateway, persona: string = PERSONAS.resident): Promise<Topic> {
  const t = await acting(gw, persona);
  return (await councils<{ topic: Topic }>(gw, PERSONAS.gridLeader, 'completeAction', { topicId: t.id, actionId: t.actions[0]!.id, note: '已更换' })).topic;
}

interface Repeat {
  persona: string;
  payload: unknown;
}

/** One scenario per topic write: the state it needs, built through the gateway, and the call to repeat. */
export function topicScenarios(gw: () => TestGateway): Record<string, () => Promise<Repeat>> {
  return {
    'councils.propose': async () => ({
      persona: PERSONAS.resident,
      payload: { clientKey: clientKey(), title: '健身器材损坏', description: '小广场的健身器材有两个坏了，老人使用有危险' },
    }),
    'councils.raise': async () => ({
      persona: PERSONAS.gridLeader,
      payload: { clientKey: clientKey(), title: '电动车充电棚', description: '居民电动车无处充电，飞线充电现象多，建议建设充电棚', gridId: GRID },
    }),
    'councils.support': async () => ({ persona: PERSONAS.residentYoung, payload: { topicId: (await proposed(gw())).id } }),
    'councils.adopt': async () => ({ persona: PERSONAS.gridLeader, payload: { topicId: (await proposed(gw())).id } }),
    'councils.decline': async () => ({ persona: PERSONAS.gridLeader, payload: { topicId: (await proposed(gw())).id, answer: '已由物业列入本月维修计划' } }),
    'councils.merge': async () => {
      const [a, b] = [await proposed(gw()), await proposed(gw(), PERSONAS.residentYoung)];
      return { persona: PERSONAS.gridLeader, payload: { topicId: a.id, intoId: b.id } };
    },
    'councils.addAction': async () => ({ persona: PERSONAS.gridLeader, payload: { topicId: (await decided(gw())).id, action: ACTION } }),
    'councils.spawnOrder': async () => {
      const t = await acting(gw());
      return { persona: PERSONAS.gridLeader, payload: { topicId: t.id, actionId: t.actions[0]!.id, buildingId: BUILDING } };
    },
    'councils.completeAction': async () => {
      const t = await acting(gw());
      return { persona: PERSONAS.gridLeader, payload: { topicId: t.id, actionId: t.actions[0]!.id, note: '已完成' } };
    },
    'councils.finish': async () => ({ persona: PERSONAS.gridLeader, payload: { topicId: (await decided(gw())).id } }),
    'councils.rate': async () => ({ persona: PERSONAS.resident, payload: { topicId: (await done(gw())).id, score: 5, comment: '路灯亮了，谢谢' } }),
    'councils.setThreshold': async () => ({ persona: PERSONAS.communityAdmin, payload: { gridId: GRID, threshold: 3 } }),
  };
}
