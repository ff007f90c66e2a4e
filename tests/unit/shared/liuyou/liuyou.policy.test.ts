import type { Actor } from '../../../../shared/accounts/accounts.policy';
import type { Membership } from '../../../../shared/accounts/accounts.schema';
import type { GrantedRole } from '../../../../shared/accounts/roles';
import { newCheck, newTask } from '../../../../shared/liuyou/check.factory';
import type { Check, CheckItem, CheckState } from '../../../../shared/liuyou/check.lifecycle';
import {
  allowedCheckActions,
  allowedTaskActions,
  CHECK_ACTIONS,
  checkRelation,
  mayDoCheck,
  mayRunStreet,
  maySeeCheck,
  maySeeTask,
  mayStartCheck,
  taskRelation,
  type CheckAction,
} from '../../../../shared/liuyou/liuyou.policy';
import type { Review } from '../../../../shared/liuyou/score';
import type { Task } from '../../../../shared/liuyou/task.lifecycle';
import { DEFAULT_TEMPLATE } from '../../../../shared/liuyou/template';
import type { PlacePath } from '../../../../shared/territory/territory.schema';

/**
 * The 六有 authorization tables: relation × state × action → allowed or not, written out by hand
 * from the product rules. Everything not listed is denied.
 *
 * The place: street S with community C1 (grid G1) and community C2 (grid G3); another street S2
 * with community C9. The check is C1's.
 */
const PATHS = {
  S: { streetId: 'S' },
  S2: { streetId: 'S2' },
  C1: { streetId: 'S', communityId: 'C1' },
  C2: { streetId: 'S', communityId: 'C2' },
  C9: { streetId: 'S2', communityId: 'C9' },
  G1: { streetId: 'S', communityId: 'C1', gridId: 'G1' },
  G3: { streetId: 'S', communityId: 'C2', gridId: 'G3' },
} satisfies Record<string, PlacePath>;
type Place = keyof typeof PATHS;

const holding = (role: GrantedRole, place: Place): Membership => {
  const path: PlacePath = PATHS[place];
  const nodeKind = path.gridId ? 'grid' : path.communityId ? 'community' : 'street';
  return { _id: `${role}@${place}`, userId: 'me', role, nodeId: place, nodeKind, path, grantedBy: null, inviteId: null, grantedAt: 't', version: 1 };
};
const person = (home: Place | null, ...memberships: Membership[]): Actor => ({
  user: {
    _id: 'me',
    openid: 'o',
    name: '我',
    largeText: false,
    createdAt: 't',
    updatedAt: 't',
    version: 1,
    ...(home ? { home: { buildingId: `${home}-B1`, room: '101', path: { ...PATHS[home], buildingId: `${home}-B1` } } } : {}),
  },
  memberships,
});

const WHO = {
  /** 社区书记 of the check's community. */
  'communityAdmin@C1': person(null, holding('communityAdmin', 'C1')),
  /** 社区书记 of another community of the same street. */
  'communityAdmin@C2': person(null, holding('communityAdmin', 'C2')),
  /** 网格长 of a grid of the check's community. */
  'gridLeader@G1': person(null, holding('gridLeader', 'G1')),
  /** 网格长 of a grid of another community. */
  'gridLeader@G3': person(null, holding('gridLeader', 'G3')),
  /** 街道管理员 of the street above. */
  'streetAdmin@S': person(null, holding('streetAdmin', 'S')),
  /** 街道管理员 of another street. */
  'streetAdmin@S2': person(null, holding('streetAdmin', 'S2')),
  /** Other roles of the check's community: none of them takes part in the check. */
  'gridMember@G1': person(null, holding('gridMember', 'G1')),
  'volunteer@G1': person('G1', holding('volunteer', 'G1')),
  'resident@G1': person('G1'),
  /** Admin of a community of another street and leader of a grid elsewhere: still nothing here. */
  'communityAdmin@C9+gridLeader@G3': person(null, holding('communityAdmin', 'C9'), holding('gridLeader', 'G3')),
} satisfies Record<string, Actor>;
type Who = keyof typeof WHO;
const EVERYONE = Object.keys(WHO) as Who[];

// ---- checks -----------------------------------------------------------------------------------

/** The states of a check, with the verdicts that matter for tasks (createTask needs a returned or failed item without a task). */
const SITUATIONS = ['draft', 'filling', 'submitted', 'submittedMidReview', 'returned', 'returnedTasked', 'resubmitted', 'scoredFailed', 'scoredClean'] as const;
type Situation = (typeof SITUATIONS)[number];

const NOW = '2026-11-23T02:00:00.000Z';
const base = newCheck({
  template: DEFAULT_TEMPLATE,
  community: { _id: 'C1', name: '幸福里社区', kind: 'community', path: PATHS.C1 },
  period: '2026-Q4',
  figures: {},
  by: { id: 'A' },
  now: NOW,
});
const withReviews = (reviews: Record<string, Review>, taskIds: Record<string, string> = {}, rest: Review = 'approved'): CheckItem[] =>
  base.items.map((i) => ({ ...i, review: reviews[i.id] ?? rest, taskId: taskIds[i.id] ?? null }));

function checkIn(s: Situation): Check {
  const at = (state: CheckState, items: CheckItem[] = base.items) => ({ ...base, state, items });
  switch (s) {
    case 'draft':
    case 'filling':
    case 'submitted':
      return at(s);
    case 'submittedMidReview':
      // The street has marked one item 退回 and not finished the review.
      return at('submitted', withReviews({ 'manage.partyOrg': 'returned' }, {}, 'pending'));
    case 'returned':
      return at('returned', withReviews({ 'manage.partyOrg': 'returned' }));
    case 'returnedTasked':
      return at('returned', withReviews({ 'manage.partyOrg': 'returned' }, { 'manage.partyOrg': 'lyk_1' }));
    case 'resubmitted':
      return at('resubmitted', withReviews({ 'manage.partyOrg': 'pending' }));
    case 'scoredFailed':
      return at('scored', withReviews({ 'funds.social': 'failed' }));
    case 'scoredClean':
      return at('scored', withReviews({}));
  }
}

type Table = Partial<Record<Situation, CheckAction[]>>;
const EDIT: CheckAction[] = ['fill', 'addEvidence', 'removeEvidence'];
/** 社区书记 of the community: fills, submits, resubmits, and may give a returned or failed item a task. */
const ADMIN: Table = {
  draft: [...EDIT, 'refresh'],
  filling: [...EDIT, 'refresh', 'submit'],
  submittedMidReview: ['createTask'],
  returned: [...EDIT, 'resubmit', 'createTask'],
  returnedTasked: [...EDIT, 'resubmit'],
  scoredFailed: ['createTask'],
};
/** 网格长 of one of its grids: fills item by item, never submits and creates no task. */
const GRID_LEADER: Table = {
  draft: [...EDIT, 'refresh'],
  filling: [...EDIT, 'refresh'],
  returned: EDIT,
  returnedTasked: EDIT,
};
/** 街道 above: reviews and finishes the review, and may give a returned or failed item a task. */
const STREET: Table = {
  submitted: ['review', 'finishReview'],
  submittedMidReview: ['review', 'finishReview', 'createTask'],
  returned: ['createTask'],
  resubmitted: ['review', 'finishReview'],
  scoredFailed: ['createTask'],
};
const NOTHING: Table = {};

const CHECK_TABLE: Record<Who, Table> = {
  'communityAdmin@C1': ADMIN,
  'communityAdmin@C2': NOTHING,
  'gridLeader@G1': GRID_LEADER,
  'gridLeader@G3': NOTHING,
  'streetAdmin@S': STREET,
  'streetAdmin@S2': NOTHING,
  'gridMember@G1': NOTHING,
  'volunteer@G1': NOTHING,
  'resident@G1': NOTHING,
  'communityAdmin@C9+gridLeader@G3': NOTHING,
};
const SEES: Who[] = ['communityAdmin@C1', 'gridLeader@G1', 'streetAdmin@S'];

describe('六有 check authorization table: relation × state × action, deny by default', () => {
  const cases = EVERYONE.flatMap((who) => SITUATIONS.map((s) => [who, s] as const));
  it.each(cases)('%s, check %s', (who, s) => {
    const c = checkIn(s);
    const r = checkRelation(WHO[who], c);
    const expected = new Set(CHECK_TABLE[who][s] ?? []);
    expect(allowedCheckActions(r, c).sort()).toEqual([...expected].sort());
    for (const action of CHECK_ACTIONS) expect([who, s, action, mayDoCheck(action, r, c)]).toEqual([who, s, action, expected.has(action)]);
  });

  it.each(EVERYONE)('%s sees the check only as its admin, one of its grid leaders or the street above', (who) => {
    expect(maySeeCheck(checkRelation(WHO[who], base))).toBe(SEES.includes(who));
  });

  it('names the relations exactly', () => {
    expect(checkRelation(WHO['communityAdmin@C1'], base)).toEqual({ admin: true, gridLeader: false, reviewer: false });
    expect(checkRelation(WHO['gridLeader@G1'], base)).toEqual({ admin: false, gridLeader: true, reviewer: false });
    expect(checkRelation(WHO['streetAdmin@S'], base)).toEqual({ admin: false, gridLeader: false, reviewer: true });
    for (const who of EVERYONE.filter((w) => !SEES.includes(w))) expect([who, checkRelation(WHO[who], base)]).toEqual([who, { admin: false, gridLeader: false, reviewer: false }]);
  });

  it('a street admin is no filler: the street never fills or submits a check, even in draft', () => {
    for (const s of SITUATIONS)
      for (const a of [...EDIT, 'refresh', 'submit', 'resubmit'] as const) expect(mayDoCheck(a, checkRelation(WHO['streetAdmin@S'], checkIn(s)), checkIn(s))).toBe(false);
  });

  it("a 集中居住区's check is authorized the same way, by its own admin and grid leaders", () => {
    const settlement: Check = { ...base, communityId: 'SS1', nodeKind: 'settlement', path: { streetId: 'S', communityId: 'SS1' } };
    const admin = person(null, { ...holding('communityAdmin', 'C1'), nodeId: 'SS1', nodeKind: 'settlement', path: { streetId: 'S', communityId: 'SS1' } });
    const leader = person(null, { ...holding('gridLeader', 'G1'), nodeId: 'SS1-G1', path: { streetId: 'S', communityId: 'SS1', gridId: 'SS1-G1' } });
    expect(checkRelation(admin, settlement)).toEqual({ admin: true, gridLeader: false, reviewer: false });
    expect(checkRelation(leader, settlement)).toEqual({ admin: false, gridLeader: true, reviewer: false });
    expect(checkRelation(WHO['streetAdmin@S'], settlement).reviewer).toBe(true);
    expect(checkRelation(WHO['communityAdmin@C1'], settlement).admin).toBe(false);
  });
});

describe('starting checks and running a street', () => {
  const START: Who[] = ['communityAdmin@C1', 'streetAdmin@S'];
  it.each(EVERYONE)('%s may start C1’s check only as its admin or the street above', (who) => {
    expect(mayStartCheck(WHO[who], { path: PATHS.C1 })).toBe(START.includes(who));
  });

  it.each(EVERYONE)('%s may publish templates for street S, open its matrix and its CSV only as its street admin', (who) => {
    expect(mayRunStreet(WHO[who], { path: PATHS.S })).toBe(who === 'streetAdmin@S');
  });

  it('the admin of street S2 runs S2 and nothing of S', () => {
    expect(mayRunStreet(WHO['streetAdmin@S2'], { path: PATHS.S2 })).toBe(true);
    expect(mayRunStreet(WHO['streetAdmin@S'], { path: PATHS.S2 })).toBe(false);
    expect(mayStartCheck(WHO['streetAdmin@S2'], { path: PATHS.C9 })).toBe(true);
    expect(mayStartCheck(WHO['streetAdmin@S2'], { path: PATHS.C1 })).toBe(false);
  });
});

// ---- tasks ------------------------------------------------------------------------------------

const TASK_WHO = [
  'owner (grid leader of G1)',
  'gridLeader@G1 (not the owner)',
  'communityAdmin@C1',
  'communityAdmin@C2',
  'streetAdmin@S',
  'streetAdmin@S2',
  'resident@G1',
] as const;
type TaskWho = (typeof TASK_WHO)[number];
const taskActor: Record<TaskWho, Actor> = {
  'owner (grid leader of G1)': WHO['gridLeader@G1'],
  'gridLeader@G1 (not the owner)': WHO['gridLeader@G1'],
  'communityAdmin@C1': WHO['communityAdmin@C1'],
  'communityAdmin@C2': WHO['communityAdmin@C2'],
  'streetAdmin@S': WHO['streetAdmin@S'],
  'streetAdmin@S2': WHO['streetAdmin@S2'],
  'resident@G1': WHO['resident@G1'],
};

function taskFor(who: TaskWho, state: Task['state']): Task {
  const c = checkIn('returned');
  const t = newTask({
    check: c,
    item: c.items[0]!,
    owner: { id: who.startsWith('owner') ? 'me' : 'someone', name: '李建国' },
    dueDate: '2026-12-10',
    note: '',
    by: { id: 'A', name: '陈丽华' },
    now: NOW,
  });
  return { ...t, state };
}

/** Who may finish an open task: its owner and the community's admin. The street follows it but does not finish it. */
const FINISHES: TaskWho[] = ['owner (grid leader of G1)', 'communityAdmin@C1'];
const SEES_TASK: TaskWho[] = ['owner (grid leader of G1)', 'communityAdmin@C1', 'streetAdmin@S'];

describe('整改任务 authorization table, deny by default', () => {
  it.each(TASK_WHO.flatMap((who) => (['open', 'done'] as const).map((state) => [who, state] as const)))('%s, task %s', (who, state) => {
    const t = taskFor(who, state);
    const r = taskRelation(taskActor[who], t);
    expect(allowedTaskActions(r, t)).toEqual(state === 'open' && FINISHES.includes(who) ? ['finishTask'] : []);
    expect(maySeeTask(r)).toBe(SEES_TASK.includes(who));
  });
});
