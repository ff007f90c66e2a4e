import type { CheckState } from '../../shared/liuyou/check.lifecycle';
import type { CheckAction } from '../../shared/liuyou/liuyou.policy';
import { DEFAULT_ITEMS } from '../../shared/liuyou/template';
import { data, PERSONAS, type TestGateway } from './local-gateway';
import { later } from './orders';

/**
 * 六有 checks through the gateway, for the liuyou tests and the idempotency test: the demo's street
 * and community, checks in each state, and one scenario per liuyou write.
 */

export const STREET = 'st01';
export const COMMUNITY = 'cm01';
export const OTHER_COMMUNITY = 'cm02';
export const SETTLEMENT = 'ss01';
/** The period of the tests' pinned morning (23 Nov 2026). */
export const PERIOD = '2026-Q4';
export const CHECK = `lyc_${COMMUNITY}_${PERIOD}`;

/** A tiny JPEG header and a PDF header: enough for the type checks of evidence. */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1]).toString('base64');
export const PDF = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n', 'latin1').toString('base64');

export { data };

/** Calls a liuyou action as `persona` and answers its data, or throws with the error code. */
export async function liuyou<T = any>(gw: TestGateway, persona: string, action: string, payload: unknown): Promise<T> {
  return data<T>(await gw.call<T>(persona, 'liuyou', action, payload), `liuyou.${action} by ${persona}`);
}

/** The error code (and field) a liuyou call answers, or 'ok'. */
export async function refused(gw: TestGateway, persona: string, action: string, payload: unknown): Promise<string> {
  const res = await gw.call(persona, 'liuyou', action, payload);
  return res.body.ok ? 'ok' : `${res.body.error.code}${res.body.error.field ? ` ${res.body.error.field}` : ''}`;
}

export async function userIdOf(gw: TestGateway, openid: string): Promise<string> {
  const [user] = await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 });
  if (!user) throw new Error(`no user ${openid}`);
  return user._id;
}

export type Item = { id: string; kind: string; auto: string | null; target: number | null; evidenceRequired: boolean; review: string; [k: string]: any };
export type CheckOut = { check: { id: string; state: string; items: Item[]; allowedActions: string[]; [k: string]: any }; timeline: any[]; tasks: any[]; owners: any[] };

export const startCheck = (gw: TestGateway, communityId = COMMUNITY, persona: string = PERSONAS.communityAdmin) =>
  liuyou<CheckOut>(gw, persona, 'startCheck', { communityId, period: PERIOD });

/** What a person answers for one item that is not automatic: 有, or the target number. */
export const answerOf = (item: Pick<Item, 'kind' | 'target'>) => (item.kind === 'count' ? { value: item.target ?? 1 } : { answer: true });

/**
 * Fills every item a person fills, as the community admin: 有 or the target, and a note where the
 * item needs evidence (an evidence item's note is its answer). `skip`: items left alone.
 */
export async function fillAll(gw: TestGateway, checkId: string, skip: readonly string[] = [], persona: string = PERSONAS.communityAdmin): Promise<CheckOut> {
  let out: CheckOut | null = null;
  for (const def of DEFAULT_ITEMS) {
    if (def.auto || skip.includes(def.id)) continue;
    if (def.kind !== 'evidence') out = await liuyou(gw, persona, 'fill', { checkId, itemId: def.id, ...answerOf(def) });
    if (def.kind === 'evidence' || def.evidenceRequired)
      out = await liuyou(gw, persona, 'addEvidence', { checkId, itemId: def.id, kind: 'note', text: `${def.title}：已落实，资料存档于社区` });
  }
  return out ?? liuyou(gw, persona, 'getCheck', { checkId });
}

/** A check every item of which is filled, not yet submitted. */
export async function filledCheck(gw: TestGateway): Promise<string> {
  const { check } = await startCheck(gw);
  await fillAll(gw, check.id);
  return check.id;
}

export async function submittedCheck(gw: TestGateway): Promise<string> {
  const id = await filledCheck(gw);
  await liuyou(gw, PERSONAS.communityAdmin, 'submit', { checkId: id });
  return id;
}

/** Every item reviewed by the street: approved, except `returned` (returned with a comment). */
export async function reviewAll(gw: TestGateway, checkId: string, returned: readonly string[] = []): Promise<CheckOut> {
  const { check } = await liuyou<CheckOut>(gw, PERSONAS.streetAdmin, 'getCheck', { checkId });
  let out: CheckOut | null = null;
  for (const item of check.items) {
    if (item.review !== 'pending') continue;
    const back = returned.includes(item.id);
    out = await liuyou(gw, PERSONAS.streetAdmin, 'review', { checkId, itemId: item.id, verdict: back ? 'returned' : 'approved', comment: back ? '材料不全，请补充公示照片' : '' });
  }
  return out ?? liuyou(gw, PERSONAS.streetAdmin, 'getCheck', { checkId });
}

/** The item the tests return: 资金使用台账公开 (an evidence item). */
export const RETURNED_ITEM = 'funds.ledger';

/** A submitted check the street reviewed whole and returned with one item. */
export async function returnedCheck(gw: TestGateway): Promise<string> {
  const id = await submittedCheck(gw);
  await reviewAll(gw, id, [RETURNED_ITEM]);
  await liuyou(gw, PERSONAS.streetAdmin, 'finishReview', { checkId: id });
  return id;
}

/** A returned check whose returned item has a 整改任务 owned by the grid leader. */
export async function checkWithTask(gw: TestGateway, dueDate = '2026-11-30'): Promise<{ checkId: string; taskId: string }> {
  const checkId = await returnedCheck(gw);
  const ownerId = await userIdOf(gw, PERSONAS.gridLeader);
  const out = await liuyou<CheckOut>(gw, PERSONAS.streetAdmin, 'createTask', { checkId, itemId: RETURNED_ITEM, ownerId, dueDate, note: '补充资金台账公示照片' });
  return { checkId, taskId: out.tasks.find((t) => t.itemId === RETURNED_ITEM).id };
}

/** A template a street can publish: the default's items, one title reworded, stricter thresholds. */
export function templatePayload(streetId = STREET, extra: Record<string, unknown> = {}) {
  return {
    streetId,
    name: '红星街道六有清单（2027版）',
    periodKind: 'quarter',
    thresholds: { green: 90, amber: 70 },
    items: DEFAULT_ITEMS.map((i) => ({ ...i, title: i.id === 'manage.plan' ? '年度共建工作计划（含任务分解）' : i.title })),
    note: '增加任务分解要求',
    ...extra,
  };
}

interface Repeat {
  persona: string;
  payload: unknown;
}

/** One scenario per liuyou write, for the idempotency test. */
export function liuyouScenarios(gwOf: () => TestGateway): Record<string, () => Promise<Repeat>> {
  const A = PERSONAS.communityAdmin;
  const S = PERSONAS.streetAdmin;
  return {
    'liuyou.publishTemplate': async () => ({ persona: S, payload: templatePayload() }),
    'liuyou.startCheck': async () => ({ persona: A, payload: { communityId: COMMUNITY, period: PERIOD } }),
    'liuyou.fill': async () => {
      const { check } = await startCheck(gwOf());
      return { persona: A, payload: { checkId: check.id, itemId: 'manage.partyOrg', answer: true } };
    },
    'liuyou.addEvidence': async () => {
      const { check } = await startCheck(gwOf());
      return { persona: A, payload: { checkId: check.id, itemId: 'place.station', kind: 'photo', file: { contentType: 'image/jpeg', dataBase64: JPEG } } };
    },
    'liuyou.removeEvidence': async () => {
      const { check } = await startCheck(gwOf());
      const out = await liuyou<CheckOut>(gwOf(), A, 'addEvidence', { checkId: check.id, itemId: 'rules.fiveCo', kind: 'note', text: '五共制度已上墙' });
      const evidenceId = out.check.items.find((i) => i.id === 'rules.fiveCo')!.evidence[0].id;
      return { persona: A, payload: { checkId: check.id, itemId: 'rules.fiveCo', evidenceId } };
    },
    'liuyou.refresh': async () => ({ persona: A, payload: { checkId: (await startCheck(gwOf())).check.id } }),
    'liuyou.submit': async () => ({ persona: A, payload: { checkId: await filledCheck(gwOf()) } }),
    'liuyou.review': async () => ({ persona: S, payload: { checkId: await submittedCheck(gwOf()), itemId: RETURNED_ITEM, verdict: 'returned', comment: '请补充公示照片' } }),
    'liuyou.finishReview': async () => {
      const id = await submittedCheck(gwOf());
      await reviewAll(gwOf(), id, [RETURNED_ITEM]);
      return { persona: S, payload: { checkId: id } };
    },
    'liuyou.resubmit': async () => {
      const id = await returnedCheck(gwOf());
      // The fix comes later than the return (the clock is pinned in tests).
      gwOf().ports.clock.set(later(gwOf().ports.clock.now(), 60));
      await liuyou(gwOf(), A, 'addEvidence', { checkId: id, itemId: RETURNED_ITEM, kind: 'photo', file: { contentType: 'image/jpeg', dataBase64: JPEG } });
      return { persona: A, payload: { checkId: id } };
    },
    'liuyou.createTask': async () => {
      const id = await returnedCheck(gwOf());
      return { persona: S, payload: { checkId: id, itemId: RETURNED_ITEM, ownerId: await userIdOf(gwOf(), PERSONAS.gridLeader), dueDate: '2026-11-30' } };
    },
    'liuyou.finishTask': async () => {
      const { taskId } = await checkWithTask(gwOf());
      return { persona: PERSONAS.gridLeader, payload: { taskId, note: '已补充台账公示照片' } };
    },
  };
}

/** The states the check lifecycle takes each action in: the product's rule, written apart from the table it tests. */
export const ACTION_STATES: Record<CheckAction, CheckState[]> = {
  fill: ['draft', 'filling', 'returned'],
  addEvidence: ['draft', 'filling', 'returned'],
  removeEvidence: ['draft', 'filling', 'returned'],
  refresh: ['draft', 'filling'],
  submit: ['filling'],
  resubmit: ['returned'],
  review: ['submitted', 'resubmitted'],
  finishReview: ['submitted', 'resubmitted'],
  createTask: ['filling', 'submitted', 'returned', 'resubmitted', 'scored'],
};
