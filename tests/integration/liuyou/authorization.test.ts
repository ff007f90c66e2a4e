import type { CheckAction } from '../../../shared/liuyou/liuyou.policy';
import { PERSONAS, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { ACTION_STATES, JPEG, userIdOf, type CheckOut, type Item } from '../../helpers/liuyou';
import { later, MORNING } from '../../helpers/orders';

/**
 * Who may do what with a 六有 check, through the gateway: relation × state × action, written out by
 * hand from the product rules and denied by default. Only the community's own admin and its grid
 * leaders fill; only its admin submits; only the street above reviews; a submitted check cannot be
 * edited; someone who may not see a check is told it does not exist; a street publishes templates
 * for itself only, and a new version never changes a running check. Every refusal changes nothing.
 *
 * The checks are of long-past periods (2015 onwards, one per check) so that no demo check stands in the way.
 */

let gw: TestGateway;
const OTHER_STREET_ADMIN = 'liuyou-authz-streetadmin-st02';

beforeAll(async () => {
  // Hundreds of calls a second from one persona: the gateway's rate limit (tests/integration/gateway.test.ts) is not what this walks.
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(MORNING);
  // A second street with its own admin, beside the demo's 红星街道.
  await gw.store.insert('nodes', { _id: 'st02', kind: 'street', name: '青石街道', parentId: null, path: { streetId: 'st02' }, order: 2, version: 1, createdAt: MORNING });
  await gw.store.insert('users', { _id: 'liuyou-authz-st02', openid: OTHER_STREET_ADMIN, name: '郑青石', largeText: false, createdAt: MORNING, updatedAt: MORNING, version: 1 });
  await gw.store.insert('memberships', {
    _id: 'liuyou-authz-st02.streetAdmin.st02',
    userId: 'liuyou-authz-st02',
    role: 'streetAdmin',
    nodeId: 'st02',
    nodeKind: 'street',
    path: { streetId: 'st02' },
    grantedBy: null,
    inviteId: null,
    grantedAt: MORNING,
    version: 1,
  });
});
afterAll(async () => {
  await gw.stop();
});

// ---- who -------------------------------------------------------------------------------------

const WHO = {
  /** 陈丽华, 社区书记 of 幸福里社区 (cm01), whose checks these are. */
  admin: PERSONAS.communityAdmin,
  /** 网格长 of cm01-gd1, a grid of cm01. */
  gridLeader: PERSONAS.gridLeader,
  /** 网格长 of cm01-gd2, another grid of cm01. */
  otherGridLeader: 'seed-gridleader-cm01-gd2',
  /** 红星街道 (st01), the street above. */
  street: PERSONAS.streetAdmin,
  /** 社区书记 of 和平新村社区 (cm02), another community of the same street. */
  otherAdmin: 'demo-communityadmin-002',
  /** 书记 of 柳湾集中居住区 (ss01), a settlement of the same street. */
  settlementAdmin: PERSONAS.settlementAdmin,
  /** 网格长 of a grid of cm02. */
  gridLeaderElsewhere: 'seed-gridleader-cm02-gd1',
  /** 街道管理员 of 青石街道 (st02), another street. */
  otherStreet: OTHER_STREET_ADMIN,
  volunteer: PERSONAS.volunteer,
  resident: PERSONAS.resident,
} as const;
type Who = keyof typeof WHO;
const EVERYONE = Object.keys(WHO) as Who[];
const SEES: Who[] = ['admin', 'gridLeader', 'otherGridLeader', 'street'];

const ACTIONS: CheckAction[] = ['fill', 'addEvidence', 'removeEvidence', 'refresh', 'submit', 'resubmit', 'review', 'finishReview', 'createTask'];
type State = 'draft' | 'filling' | 'submitted' | 'returned' | 'resubmitted' | 'scored';

/** Who stands in the relation an action needs, whatever the state. */
const ROLE: Record<CheckAction, Who[]> = {
  fill: ['admin', 'gridLeader', 'otherGridLeader'],
  addEvidence: ['admin', 'gridLeader', 'otherGridLeader'],
  removeEvidence: ['admin', 'gridLeader', 'otherGridLeader'],
  refresh: ['admin', 'gridLeader', 'otherGridLeader'],
  submit: ['admin'],
  resubmit: ['admin'],
  review: ['street'],
  finishReview: ['street'],
  createTask: ['admin', 'street'],
};
/**
 * The buttons offered on the checks below (createTask only where a returned or failed item has no
 * task yet: the returned check, and the scored one with a failed item).
 */
const OFFERED_STATES: Record<CheckAction, State[]> = { ...ACTION_STATES, createTask: ['returned', 'scored'] };
const offered = (who: Who, state: State) => ACTIONS.filter((a) => ROLE[a].includes(who) && OFFERED_STATES[a].includes(state)).sort();

/**
 * What a caller in the right relation and state is refused on the checks below, by the item
 * guards: a draft has no evidence to remove, the street has not judged every item yet, no item was
 * returned or failed, the returned item is not changed yet.
 */
const GUARDED: Partial<Record<State, Partial<Record<CheckAction, string>>>> = {
  draft: { removeEvidence: 'LIUYOU.EVIDENCE_NOT_FOUND payload.evidenceId' },
  filling: { createTask: 'LIUYOU.TASK_ITEM payload.itemId' },
  submitted: { finishReview: 'LIUYOU.REVIEW_INCOMPLETE', createTask: 'LIUYOU.TASK_ITEM payload.itemId' },
  returned: { resubmit: 'LIUYOU.RETURNED_UNCHANGED' },
  resubmitted: { finishReview: 'LIUYOU.REVIEW_INCOMPLETE', createTask: 'LIUYOU.TASK_ITEM payload.itemId' },
};

/** The answer deny-by-default gives: not found to those who may not see the check, forbidden to the wrong relation, not now in the wrong state. */
function expected(who: Who, state: State, action: CheckAction): string {
  if (!SEES.includes(who)) return 'LIUYOU.CHECK_NOT_FOUND';
  if (!ROLE[action].includes(who)) return 'COMMON.FORBIDDEN';
  if (!ACTION_STATES[action].includes(state)) return 'LIUYOU.NOT_ALLOWED_NOW';
  return GUARDED[state]?.[action] ?? 'ok';
}

// ---- calls ------------------------------------------------------------------------------------

/** Every call a minute after the one before, so "changed since it was returned" is a real later time. */
async function call<T = any>(who: Who | string, action: string, payload: unknown): Promise<CallResult<T>> {
  gw.ports.clock.set(later(gw.ports.clock.now(), 1));
  return gw.call<T>(WHO[who as Who] ?? who, 'liuyou', action, payload);
}
const outcome = (res: CallResult) => (res.body.ok ? 'ok' : `${res.body.error.code}${res.body.error.field ? ` ${res.body.error.field}` : ''}`);
async function ok<T = CheckOut>(who: Who, action: string, payload: unknown): Promise<T> {
  const res = await call<T>(who, action, payload);
  if (!res.body.ok) throw new Error(`liuyou.${action} by ${who}: ${outcome(res)}`);
  return res.body.data;
}
/** The check as stored: what a refusal must leave exactly as it was. */
const stored = async (checkId: string) => JSON.stringify(await gw.store.get('liuyou_checks', checkId));
const view = (checkId: string) => ok<CheckOut>('admin', 'getCheck', { checkId });
const itemOf = (out: CheckOut, id: string) => out.check.items.find((i) => i.id === id)!;

/** The item the street returns (a yes/no item that needs evidence) and one it fails. */
const RETURNED = 'manage.partyOrg';
const FAILED = 'funds.social';
/** An ordinary yes/no item, to fill while nothing is returned. */
const PLAIN = 'funds.partyFees';

const answerOf = (i: Item) => (i.kind === 'count' ? { value: i.target ?? 1 } : { answer: true });
async function fillAll(checkId: string): Promise<void> {
  const { check } = await view(checkId);
  for (const i of check.items) {
    if (i.auto) continue;
    if (i.kind !== 'evidence') await ok('admin', 'fill', { checkId, itemId: i.id, ...answerOf(i) });
    if (i.kind === 'evidence' || i.evidenceRequired) await ok('admin', 'addEvidence', { checkId, itemId: i.id, kind: 'note', text: `${i.title}：已落实` });
  }
}
async function reviewAll(checkId: string, verdicts: Record<string, 'returned' | 'failed'> = {}): Promise<void> {
  const { check } = await ok<CheckOut>('street', 'getCheck', { checkId });
  for (const i of check.items) {
    if (i.review !== 'pending') continue;
    const verdict = verdicts[i.id] ?? 'approved';
    await ok('street', 'review', { checkId, itemId: i.id, verdict, comment: verdict === 'approved' ? '' : '材料不全，请补充' });
  }
}

let periods = 0;
/** A new past period of cm01 for each check: 2015-Q1, 2015-Q2, … */
const nextPeriod = () => {
  const n = periods++;
  return `${2015 + Math.floor(n / 4)}-Q${(n % 4) + 1}`;
};

/** A check of cm01 brought to `state` through the gateway by the people whose job it is. */
async function checkIn(state: State): Promise<string> {
  const { check } = await ok<CheckOut>('admin', 'startCheck', { communityId: 'cm01', period: nextPeriod() });
  const id = check.id;
  if (state === 'draft') return id;
  await fillAll(id);
  if (state === 'filling') return id;
  await ok('admin', 'submit', { checkId: id });
  if (state === 'submitted') return id;
  if (state === 'scored') {
    await reviewAll(id, { [FAILED]: 'failed' });
    await ok('street', 'finishReview', { checkId: id });
    return id;
  }
  await reviewAll(id, { [RETURNED]: 'returned' });
  await ok('street', 'finishReview', { checkId: id });
  if (state === 'returned') return id;
  await ok('admin', 'fill', { checkId: id, itemId: RETURNED, answer: true });
  await ok('admin', 'resubmit', { checkId: id });
  return id;
}

/** A payload for `action` on the check as it stands: the returned (or failed) item where there is one. */
async function payloadOf(action: CheckAction, checkId: string): Promise<Record<string, unknown>> {
  const { check } = await view(checkId);
  const target = check.items.find((i) => i.review === 'returned' || i.review === 'failed') ?? itemOf({ check } as CheckOut, PLAIN);
  const pending = check.items.find((i) => i.review === 'pending') ?? check.items[0]!;
  switch (action) {
    case 'fill':
      return { checkId, itemId: target.id, answer: true };
    case 'addEvidence':
      return { checkId, itemId: target.id, kind: 'note', text: '补充说明材料' };
    case 'removeEvidence':
      return { checkId, itemId: target.id, evidenceId: target.evidence[0]?.id ?? 'lyv_none' };
    case 'review':
      return { checkId, itemId: pending.id, verdict: 'approved' };
    case 'createTask':
      return { checkId, itemId: target.id, ownerId: await userIdOf(gw, PERSONAS.gridLeader), dueDate: '2026-12-31', note: '请按意见整改' };
    default:
      return { checkId };
  }
}

// ---- the table --------------------------------------------------------------------------------

const ALL_STATES: State[] = ['draft', 'filling', 'submitted', 'returned', 'resubmitted', 'scored'];

describe('六有 check authorization through the gateway: who × state × action, deny by default', () => {
  it.each(ALL_STATES)(
    'a %s check: what each person is offered, and every refusal changes nothing',
    async (state) => {
      const checkId = await checkIn(state);
      for (const who of EVERYONE) {
        const res = await call(who, 'getCheck', { checkId });
        if (!SEES.includes(who)) {
          // The same code, status and words as for a check that does not exist (not FORBIDDEN).
          const none = await call(who, 'getCheck', { checkId: 'lyc_cm01_1999-Q1' });
          const said = (r: CallResult) => (r.body.ok ? 'ok' : [r.status, r.body.error.code, r.body.error.message]);
          expect([who, said(res)]).toEqual([who, said(none)]);
          expect([who, outcome(res).split(' ')[0]]).toEqual([who, 'LIUYOU.CHECK_NOT_FOUND']);
          continue;
        }
        expect([who, outcome(res)]).toEqual([who, 'ok']);
        expect([who, state, [...(res.body.ok ? res.body.data.check.allowedActions : [])].sort()]).toEqual([who, state, offered(who, state)]);
      }
      for (const who of EVERYONE) {
        for (const action of ACTIONS) {
          const want = expected(who, state, action);
          if (want === 'ok') continue;
          const before = await stored(checkId);
          const res = await call(who, action, await payloadOf(action, checkId));
          const code = outcome(res);
          // Not-found and forbidden name no field; a refusal by state or item names its own.
          expect([who, state, action, want.includes(' ') || res.body.ok ? code : code.split(' ')[0]]).toEqual([who, state, action, want]);
          expect([who, state, action, await stored(checkId)]).toEqual([who, state, action, before]);
        }
      }
    },
    60_000,
  );

  it('a draft: each of its fillers may answer, add evidence and recount; nobody else', async () => {
    for (const who of ['admin', 'gridLeader', 'otherGridLeader'] as const) {
      const fillId = await checkIn('draft');
      expect((await ok(who, 'refresh', { checkId: fillId })).check.state).toBe('draft');
      expect((await ok(who, 'fill', await payloadOf('fill', fillId))).check.state).toBe('filling');
      const evidenceId = await checkIn('draft');
      expect((await ok(who, 'addEvidence', await payloadOf('addEvidence', evidenceId))).check.state).toBe('filling');
    }
  });

  it('a check being filled: the fillers edit it item by item, and only the admin submits it', async () => {
    const checkId = await checkIn('filling');
    for (const who of ['admin', 'gridLeader', 'otherGridLeader'] as const) {
      await ok(who, 'fill', { checkId, itemId: PLAIN, answer: true });
      const added = await ok(who, 'addEvidence', { checkId, itemId: 'place.station', kind: 'photo', file: { contentType: 'image/jpeg', dataBase64: JPEG } });
      const mine = itemOf(added, 'place.station').evidence.at(-1);
      const removed = await ok(who, 'removeEvidence', { checkId, itemId: 'place.station', evidenceId: mine.id });
      expect(itemOf(removed, 'place.station').evidence.some((e: { id: string }) => e.id === mine.id)).toBe(false);
      await ok(who, 'refresh', { checkId });
    }
    expect(outcome(await call('gridLeader', 'submit', { checkId }))).toBe('COMMON.FORBIDDEN');
    const submitted = await ok('admin', 'submit', { checkId });
    expect(submitted.check).toMatchObject({ state: 'submitted' });
    expect(submitted.check.frozenAt).not.toBeNull();
  });

  it('a submitted check cannot be edited, by its admin or its grid leaders', async () => {
    const checkId = await checkIn('submitted');
    const before = await stored(checkId);
    for (const who of ['admin', 'gridLeader', 'otherGridLeader'] as const) {
      expect([who, outcome(await call(who, 'fill', { checkId, itemId: PLAIN, answer: false }))]).toEqual([who, 'LIUYOU.NOT_ALLOWED_NOW']);
      expect([who, outcome(await call(who, 'addEvidence', { checkId, itemId: PLAIN, kind: 'note', text: '再补一份说明' }))]).toEqual([who, 'LIUYOU.NOT_ALLOWED_NOW']);
      expect([who, outcome(await call(who, 'refresh', { checkId }))]).toEqual([who, 'LIUYOU.NOT_ALLOWED_NOW']);
    }
    expect(await stored(checkId)).toBe(before);
  });

  it('only the street above reviews and finishes the review', async () => {
    const checkId = await checkIn('submitted');
    for (const who of ['admin', 'gridLeader'] as const)
      expect([who, outcome(await call(who, 'review', { checkId, itemId: PLAIN, verdict: 'approved' }))]).toEqual([who, 'COMMON.FORBIDDEN']);
    for (const who of ['otherStreet', 'otherAdmin'] as const)
      expect([who, outcome(await call(who, 'review', { checkId, itemId: PLAIN, verdict: 'approved' })).split(' ')[0]]).toEqual([who, 'LIUYOU.CHECK_NOT_FOUND']);
    expect(itemOf(await ok('street', 'review', { checkId, itemId: PLAIN, verdict: 'approved' }), PLAIN).review).toBe('approved');
    await reviewAll(checkId);
    expect(outcome(await call('admin', 'finishReview', { checkId }))).toBe('COMMON.FORBIDDEN');
    expect((await ok('street', 'finishReview', { checkId })).check.state).toBe('scored');
  });

  it('a returned check: the fillers change only the returned item, the admin or the street give it one task, the admin resubmits', async () => {
    const checkId = await checkIn('returned');
    expect(outcome(await call('gridLeader', 'fill', { checkId, itemId: PLAIN, answer: false }))).toBe('LIUYOU.ITEM_LOCKED payload.itemId');
    await ok('admin', 'fill', { checkId, itemId: RETURNED, answer: true });
    const added = await ok('gridLeader', 'addEvidence', { checkId, itemId: RETURNED, kind: 'note', text: '已补充支部成立批复' });
    const evidenceId = itemOf(added, RETURNED).evidence.at(-1).id;
    await ok('otherGridLeader', 'removeEvidence', { checkId, itemId: RETURNED, evidenceId });
    const task = await ok('street', 'createTask', await payloadOf('createTask', checkId));
    expect(task.tasks.map((t: { itemId: string }) => t.itemId)).toEqual([RETURNED]);
    expect(task.check.allowedActions).not.toContain('createTask');
    expect(outcome(await call('admin', 'createTask', await payloadOf('createTask', checkId)))).toBe('LIUYOU.TASK_EXISTS payload.itemId');
    expect(outcome(await call('gridLeader', 'resubmit', { checkId }))).toBe('COMMON.FORBIDDEN');
    expect((await ok('admin', 'resubmit', { checkId })).check.state).toBe('resubmitted');
  });

  it('a resubmitted check goes back to the street, who scores it; a scored check takes only a task for its failed item', async () => {
    const checkId = await checkIn('resubmitted');
    expect(itemOf(await view(checkId), RETURNED).review).toBe('pending');
    await ok('street', 'review', { checkId, itemId: RETURNED, verdict: 'approved' });
    expect((await ok('street', 'finishReview', { checkId })).check.state).toBe('scored');

    const scored = await checkIn('scored');
    const out = await ok('admin', 'createTask', await payloadOf('createTask', scored));
    expect(out.tasks.map((t: { itemId: string }) => t.itemId)).toEqual([FAILED]);
    expect(out.check.state).toBe('scored');
    expect(outcome(await call('street', 'createTask', await payloadOf('createTask', scored)))).toBe('LIUYOU.TASK_EXISTS payload.itemId');
  });

  it('starting a check: its admin or the street above; the others are forbidden and start nothing', async () => {
    for (const who of ['gridLeader', 'otherAdmin', 'otherStreet', 'volunteer', 'resident'] as const) {
      const period = nextPeriod();
      expect([who, outcome(await call(who, 'startCheck', { communityId: 'cm01', period }))]).toEqual([who, 'COMMON.FORBIDDEN']);
      expect([who, await gw.store.get('liuyou_checks', `lyc_cm01_${period}`)]).toEqual([who, null]);
    }
    const period = nextPeriod();
    expect((await ok('street', 'startCheck', { communityId: 'cm01', period })).check.id).toBe(`lyc_cm01_${period}`);
  });
});

// ---- templates ----------------------------------------------------------------------------------

describe('template versions and running checks', () => {
  const REMOVED = 'funds.propertyFees';
  const REWEIGHED = 'manage.partyOrg';

  it('a street admin of another street, or a community admin, cannot publish for st01, and nothing is published', async () => {
    const { current } = await ok<any>('street', 'templates', { streetId: 'st01' });
    const stored = JSON.stringify(await gw.store.find('liuyou_templates', {}, { limit: 100 }));
    const payload = await newVersionPayload();
    for (const who of ['otherStreet', 'admin', 'gridLeader', 'resident'] as const)
      expect([who, outcome(await call(who, 'publishTemplate', payload))]).toEqual([who, 'COMMON.FORBIDDEN']);
    expect((await ok<any>('street', 'templates', { streetId: 'st01' })).current.version).toBe(current.version);
    expect(JSON.stringify(await gw.store.find('liuyou_templates', {}, { limit: 100 }))).toBe(stored);
    // The other street publishes for its own street.
    const own = await ok<any>('otherStreet', 'publishTemplate', { ...payload, streetId: 'st02' });
    expect(own.current).toMatchObject({ streetId: 'st02', version: 2 });
    expect((await ok<any>('street', 'templates', { streetId: 'st01' })).current.version).toBe(current.version);
  });

  it('a new version (one item removed, a weight changed) leaves a running check as it was; a check started afterwards uses it', async () => {
    // A check in progress: filled, submitted and one item approved; and one being filled.
    const running = await checkIn('submitted');
    await ok('street', 'review', { checkId: running, itemId: REWEIGHED, verdict: 'approved' });
    const filling = await checkIn('filling');
    const before = { running: await view(running), filling: await view(filling), runningDoc: await stored(running) };

    const { current } = await ok<any>('street', 'templates', { streetId: 'st01' });
    const published = await ok<any>('street', 'publishTemplate', await newVersionPayload());
    expect(published.current.version).toBe(current.version + 1);
    expect(published.current.items.some((i: { id: string }) => i.id === REMOVED)).toBe(false);

    // Nothing of the running checks changed: not the stored document, not its items, score or version.
    expect(await stored(running)).toBe(before.runningDoc);
    for (const [id, was] of [
      [running, before.running],
      [filling, before.filling],
    ] as const) {
      const now = await view(id);
      expect(now.check.templateVersion).toBe(was.check.templateVersion);
      expect(now.check.version).toBe(was.check.version);
      expect(now.check.items.map((i) => [i.id, i.weight])).toEqual(was.check.items.map((i) => [i.id, i.weight]));
      expect([now.check.overall, now.check.mechanisms]).toEqual([was.check.overall, was.check.mechanisms]);
    }
    // The check being filled goes on with the items it copied: the removed item is still there to answer.
    const refilled = await ok('admin', 'fill', { checkId: filling, itemId: REMOVED, answer: false });
    expect(itemOf(refilled, REWEIGHED).weight).toBe(itemOf(before.filling, REWEIGHED).weight);

    // A check started afterwards takes the new version.
    const { check } = await ok<CheckOut>('admin', 'startCheck', { communityId: 'cm01', period: nextPeriod() });
    expect(check.templateVersion).toBe(published.current.version);
    expect(check.items.some((i) => i.id === REMOVED)).toBe(false);
    expect(itemOf({ check } as CheckOut, REWEIGHED).weight).toBe(itemOf(before.running, REWEIGHED).weight + 2);
    expect(check.thresholds).toEqual({ green: 90, amber: 70 });
  });

  /** The street's current items, one removed and one weighed 2 more. */
  async function newVersionPayload() {
    const { current } = await ok<any>('street', 'templates', { streetId: 'st01' });
    return {
      streetId: 'st01',
      name: '红星街道六有清单（修订）',
      periodKind: 'quarter',
      thresholds: { green: 90, amber: 70 },
      items: current.items.filter((i: { id: string }) => i.id !== REMOVED).map((i: { id: string; weight: number }) => (i.id === REWEIGHED ? { ...i, weight: i.weight + 2 } : i)),
      note: '删去物业费一项，支部建设权重加大',
    };
  }
});
