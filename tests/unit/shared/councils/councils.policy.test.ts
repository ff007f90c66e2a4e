import type { Actor } from '../../../../shared/accounts/accounts.policy';
import type { Membership } from '../../../../shared/accounts/accounts.schema';
import type { GrantedRole } from '../../../../shared/accounts/roles';
import {
  allowedMeetingActions,
  allowedTopicActions,
  mayConvene,
  mayDoMeeting,
  mayDoTopic,
  mayReadMeasures,
  maySeeMeeting,
  maySeeTopic,
  maySetThreshold,
  meetingRelation,
  topicRelation,
} from '../../../../shared/councils/councils.policy';
import { MEETING_ACTIONS, TOPIC_ACTIONS, type MeetingAction, type TopicAction } from '../../../../shared/councils/councils.schema';
import type { AgendaItem, Meeting } from '../../../../shared/councils/meeting.lifecycle';
import type { MeetingType } from '../../../../shared/councils/meeting.types';
import { newMeeting, newTopic } from '../../../../shared/councils/topic.factory';
import { TOPIC_STATES, type Topic, type TopicAction as ActionItem, type TopicState } from '../../../../shared/councils/topic.lifecycle';
import type { PlacePath } from '../../../../shared/territory/territory.schema';

/**
 * The councils' authorization tables: role × relation × state × action → allowed or not, written out
 * by hand from the product rules. Everything not listed is denied.
 *
 * The place: street S; community C1 with grid G1; community C2 with grid G3. Topics and meetings are
 * in grid G1 unless said otherwise.
 */
const PATHS = {
  S: { streetId: 'S' },
  C1: { streetId: 'S', communityId: 'C1' },
  G1: { streetId: 'S', communityId: 'C1', gridId: 'G1' },
  G3: { streetId: 'S', communityId: 'C2', gridId: 'G3' },
} satisfies Record<string, PlacePath>;
const NOW = '2026-11-23T02:00:00.000Z';

const holding = (role: GrantedRole, place: keyof typeof PATHS): Membership => {
  const path: PlacePath = PATHS[place];
  const nodeKind = path.gridId ? 'grid' : path.communityId ? 'community' : 'street';
  return { _id: `${role}@${place}`, userId: 'me', role, nodeId: place, nodeKind, path, grantedBy: null, inviteId: null, grantedAt: 't', version: 1 };
};
const person = (home: keyof typeof PATHS | null, ...memberships: Membership[]): Actor => ({
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

const ROLES = {
  'resident@G1': person('G1'),
  'resident@G3': person('G3'),
  'volunteer@G1': person(null, holding('volunteer', 'G1')),
  'gridLeader@G1': person(null, holding('gridLeader', 'G1')),
  'gridLeader@G3': person(null, holding('gridLeader', 'G3')),
  'communityAdmin@C1': person(null, holding('communityAdmin', 'C1')),
  'streetAdmin@S': person(null, holding('streetAdmin', 'S')),
} satisfies Record<string, Actor>;
type Role = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as Role[];
const LEADERS: Role[] = ['gridLeader@G1', 'communityAdmin@C1', 'streetAdmin@S'];

// ---- topics -------------------------------------------------------------------------------------

const TOPIC_RELATIONS = ['none', 'proposer', 'supporter', 'rated'] as const;
type TopicRel = (typeof TOPIC_RELATIONS)[number];

const done = (id: string): ActionItem => ({ ...open(id), doneAt: NOW, doneNote: '' });
const open = (id: string): ActionItem => ({
  id,
  text: '清运',
  ownerId: null,
  ownerName: '李四',
  deadline: '2026-12-20',
  budget: 0,
  category: '公共设施',
  orderId: null,
  doneAt: null,
  doneNote: null,
  createdAt: NOW,
});

/** A topic of resident P in G1 in `state`, with the actions that state has, the caller standing in `rel` to it. */
function topic(state: TopicState, rel: TopicRel, over: Partial<Topic> = {}): Topic {
  const t = newTopic({
    authorId: 'P',
    clientKey: 'k-topic-01',
    title: '楼道堆物',
    description: '楼道杂物堆积影响通行',
    photos: [],
    source: 'resident',
    path: PATHS.G1,
    meetingType: null,
    threshold: 5,
    now: NOW,
  });
  const actions = state === 'acting' ? [open('a1'), done('a2')] : state === 'done' ? [done('a1')] : [];
  return {
    ...t,
    state,
    actions,
    proposerId: rel === 'proposer' ? 'me' : 'P',
    createdBy: rel === 'proposer' ? 'me' : 'P',
    supporters: rel === 'supporter' || rel === 'rated' ? ['u1', 'me'] : ['u1'],
    supportCount: rel === 'supporter' || rel === 'rated' ? 2 : 1,
    raters: rel === 'rated' ? ['me'] : [],
    ratingCount: rel === 'rated' ? 1 : 0,
    ratingSum: rel === 'rated' ? 4 : 0,
    ...over,
  };
}

type TopicTable = Partial<Record<TopicState, TopicAction[]>>;
/** What a leader of the topic's place may do (any relation). */
const LEAD: TopicTable = {
  proposed: ['adopt', 'decline', 'merge'],
  supported: ['adopt', 'decline', 'merge'],
  adopted: ['decline', 'merge'],
  decided: ['addAction', 'finish'],
  acting: ['addAction', 'spawnOrder', 'completeAction'],
};
const RATES: TopicTable = { done: ['rate'] };
const NOTHING: TopicTable = {};
/** Someone who raised or supported the topic and is no leader or resident of its grid: rates it when done. */
const raiserElsewhere: Record<TopicRel, TopicTable> = { none: NOTHING, proposer: RATES, supporter: RATES, rated: NOTHING };

const TOPIC_TABLE: Record<Role, Record<TopicRel, TopicTable>> = {
  'resident@G1': { none: { proposed: ['support'], supported: ['support'] }, proposer: RATES, supporter: RATES, rated: NOTHING },
  'resident@G3': raiserElsewhere,
  'volunteer@G1': raiserElsewhere,
  'gridLeader@G3': raiserElsewhere,
  'gridLeader@G1': { none: LEAD, proposer: { ...LEAD, ...RATES }, supporter: { ...LEAD, ...RATES }, rated: LEAD },
  'communityAdmin@C1': { none: LEAD, proposer: { ...LEAD, ...RATES }, supporter: { ...LEAD, ...RATES }, rated: LEAD },
  'streetAdmin@S': { none: LEAD, proposer: { ...LEAD, ...RATES }, supporter: { ...LEAD, ...RATES }, rated: LEAD },
};

describe('topics authorization table: role × relation × state × action, deny by default', () => {
  const cases = ROLE_NAMES.flatMap((role) => TOPIC_RELATIONS.flatMap((rel) => TOPIC_STATES.map((state) => [role, rel, state] as const)));
  it.each(cases)('%s who is %s, topic %s', (role, rel, state) => {
    const t = topic(state, rel);
    const r = topicRelation(ROLES[role], t);
    const expected = new Set(TOPIC_TABLE[role][rel][state] ?? []);
    for (const action of TOPIC_ACTIONS) expect([role, rel, state, action, mayDoTopic(action, r, t)]).toEqual([role, rel, state, action, expected.has(action)]);
    expect(new Set(allowedTopicActions(r, t))).toEqual(expected);
  });
});

describe('topic actions that depend on the action items', () => {
  const lead = (t: Topic) => allowedTopicActions(topicRelation(ROLES['gridLeader@G1'], t), t);
  it('offers a work order only for an action that has none and is not done, and finishing only when all are done', () => {
    expect(lead(topic('acting', 'none', { actions: [{ ...open('a1'), orderId: 'ord_1' }] }))).toEqual(['addAction', 'completeAction']);
    expect(lead(topic('acting', 'none', { actions: [done('a1'), done('a2')] }))).toEqual(['addAction', 'finish']);
    expect(lead(topic('acting', 'none', { actions: [open('a1'), done('a2')] }))).toEqual(['addAction', 'spawnOrder', 'completeAction']);
  });
});

describe('who may see a topic', () => {
  const sees = (role: Role, rel: TopicRel, priv: boolean) => maySeeTopic(topicRelation(ROLES[role], topic('proposed', rel, { private: priv })), { private: priv });

  it('an open topic: the grid’s residents and role holders, the leaders above, and whoever raised it', () => {
    const expected: Record<Role, boolean> = {
      'resident@G1': true,
      'resident@G3': false,
      'volunteer@G1': true,
      'gridLeader@G1': true,
      'gridLeader@G3': false,
      'communityAdmin@C1': true,
      'streetAdmin@S': true,
    };
    for (const role of ROLE_NAMES) {
      expect([role, sees(role, 'none', false)]).toEqual([role, expected[role]]);
      expect([role, sees(role, 'proposer', false)]).toEqual([role, true]);
      expect([role, sees(role, 'supporter', false)]).toEqual([role, true]);
    }
  });

  it('a private topic (a dispute for a 民事协调会): only the leaders of its place and whoever raised it', () => {
    for (const role of ROLE_NAMES) {
      expect([role, sees(role, 'none', true)]).toEqual([role, LEADERS.includes(role)]);
      expect([role, sees(role, 'proposer', true)]).toEqual([role, true]);
    }
  });

  it('nobody may support a private topic, and a non-seer is allowed nothing', () => {
    for (const role of ROLE_NAMES)
      for (const state of TOPIC_STATES) {
        const t = topic(state, 'none', { private: true });
        const r = topicRelation(ROLES[role], t);
        expect(mayDoTopic('support', r, t)).toBe(false);
        if (!LEADERS.includes(role)) expect([role, state, allowedTopicActions(r, t)]).toEqual([role, state, []]);
      }
  });

  it('a leader’s own topic: the author sees it even as a private one', () => {
    const t = topic('adopted', 'none', { private: true, proposerId: null, createdBy: 'me' });
    expect(maySeeTopic(topicRelation(ROLES['resident@G3'], t), t)).toBe(true);
  });
});

// ---- meetings -----------------------------------------------------------------------------------

const MEETING_RELATIONS = ['none', 'invitee', 'convener', 'signedIn'] as const;
type MeetingRel = (typeof MEETING_RELATIONS)[number];
/** The meeting's states, with closed and archived split by what the actions depend on. */
const MEETING_CASES = ['draft', 'published', 'inSession', 'closed', 'closed+minutes', 'archived', 'archived+published', 'cancelled'] as const;
type MeetingCase = (typeof MEETING_CASES)[number];

const agendaItem = (id: string, over: Partial<AgendaItem> = {}): AgendaItem => ({
  id,
  topicId: `top_${id}`,
  title: id,
  presenterId: null,
  presenterName: '张三',
  minutes: 20,
  kind: 'decide',
  voting: 'none',
  outcome: null,
  notes: '',
  tally: null,
  ...over,
});

function meeting(
  c: MeetingCase,
  rel: MeetingRel,
  type: MeetingType = '微网格议事会',
  node: { _id: string; kind: 'grid' | 'community'; path: PlacePath } = { _id: 'G1', kind: 'grid', path: PATHS.G1 },
): Meeting {
  const m = newMeeting({
    convener: rel === 'convener' ? { id: 'me', name: '我' } : { id: 'L', name: '王网格长' },
    clientKey: 'k-meeting-1',
    type,
    title: '十一月议事会',
    node,
    stationId: null,
    placeText: '红邻驿站',
    startAt: '2026-11-26T06:30:00.000Z',
    lengthMinutes: 60,
    inviteRoles: ['volunteer'],
    inviteeIds: rel === 'invitee' || rel === 'signedIn' ? ['me', 'r1'] : ['r1'],
    now: NOW,
  });
  const state = c.split('+')[0] as Meeting['state'];
  const invited = rel === 'invitee' || rel === 'signedIn';
  const planned = [agendaItem('i1')];
  const session = [agendaItem('i1', { voting: 'open' }), agendaItem('i2')];
  const after = [agendaItem('i1', { voting: 'closed', outcome: 'adopted' }), agendaItem('i2', { voting: 'closed', outcome: 'deferred' })];
  return {
    ...m,
    state,
    agenda: state === 'draft' || state === 'published' || state === 'cancelled' ? planned : state === 'inSession' ? session : after,
    invitees:
      state === 'draft'
        ? []
        : [{ userId: 'r1', name: '张三', roleLabel: '居民代表', via: 'name' }, ...(invited ? [{ userId: 'me', name: '我', roleLabel: '居民代表', via: 'name' as const }] : [])],
    minutes: c === 'closed' ? null : state === 'closed' || state === 'archived' ? '纪要' : null,
    decisionsPublishedAt: c === 'archived+published' ? NOW : null,
  };
}

type MeetingTable = Partial<Record<MeetingCase, MeetingAction[]>>;
/** What the organisers (the convener, the leaders of the place) may do, before they sign in. */
const ORGANISE: MeetingTable = {
  draft: ['edit', 'addItem', 'removeItem', 'moveItem', 'publish', 'cancel'],
  published: ['edit', 'addItem', 'removeItem', 'moveItem', 'cancel', 'open', 'screenCode'],
  inSession: ['screenCode', 'signIn', 'signInFor', 'openVote', 'decide', 'close'],
  closed: ['writeMinutes'],
  'closed+minutes': ['writeMinutes', 'archive', 'publishDecisions'],
  archived: ['publishDecisions'],
};
/** An organiser who has signed in: votes instead of signing in. */
const ORGANISE_SIGNED: MeetingTable = { ...ORGANISE, inSession: ['screenCode', 'signInFor', 'openVote', 'vote', 'decide', 'close'] };
/** Whoever sees a published meeting and is not an organiser: signs in while it is in session, then votes. */
const ATTEND: MeetingTable = { inSession: ['signIn'] };
const ATTEND_SIGNED: MeetingTable = { inSession: ['vote'] };
const NONE: MeetingTable = {};

const MEETING_TABLE: Record<Role, Record<MeetingRel, MeetingTable>> = {
  // Lives in the grid: sees its open meetings (not drafts) and may attend.
  'resident@G1': { none: ATTEND, invitee: ATTEND, convener: ORGANISE, signedIn: ATTEND_SIGNED },
  // Lives elsewhere: only as an invitee.
  'resident@G3': { none: NONE, invitee: ATTEND, convener: ORGANISE, signedIn: ATTEND_SIGNED },
  // Holds a role in the grid: sees and attends like a resident.
  'volunteer@G1': { none: ATTEND, invitee: ATTEND, convener: ORGANISE, signedIn: ATTEND_SIGNED },
  'gridLeader@G3': { none: NONE, invitee: ATTEND, convener: ORGANISE, signedIn: ATTEND_SIGNED },
  'gridLeader@G1': { none: ORGANISE, invitee: ORGANISE, convener: ORGANISE, signedIn: ORGANISE_SIGNED },
  'communityAdmin@C1': { none: ORGANISE, invitee: ORGANISE, convener: ORGANISE, signedIn: ORGANISE_SIGNED },
  'streetAdmin@S': { none: ORGANISE, invitee: ORGANISE, convener: ORGANISE, signedIn: ORGANISE_SIGNED },
};

describe('meetings authorization table: role × relation × state × action, deny by default', () => {
  const cases = ROLE_NAMES.flatMap((role) => MEETING_RELATIONS.flatMap((rel) => MEETING_CASES.map((c) => [role, rel, c] as const)));
  it.each(cases)('%s who is %s, meeting %s', (role, rel, c) => {
    const m = meeting(c, rel);
    const r = meetingRelation(ROLES[role], m, rel === 'signedIn');
    const expected = new Set(MEETING_TABLE[role][rel][c] ?? []);
    for (const action of MEETING_ACTIONS) expect([role, rel, c, action, mayDoMeeting(action, r, m)]).toEqual([role, rel, c, action, expected.has(action)]);
    expect(new Set(allowedMeetingActions(r, m))).toEqual(expected);
  });
});

describe('who may see a meeting', () => {
  const sees = (role: Role, rel: MeetingRel, c: MeetingCase, type: MeetingType = '微网格议事会') => {
    const m = meeting(c, rel, type);
    return maySeeMeeting(meetingRelation(ROLES[role], m, rel === 'signedIn'), m);
  };

  it('a draft: only its convener and the leaders of its place, not even those it will invite', () => {
    for (const role of ROLE_NAMES) {
      expect([role, sees(role, 'none', 'draft')]).toEqual([role, LEADERS.includes(role)]);
      expect([role, sees(role, 'invitee', 'draft')]).toEqual([role, LEADERS.includes(role)]);
      expect([role, sees(role, 'convener', 'draft')]).toEqual([role, true]);
      const m = meeting('draft', 'invitee');
      if (!LEADERS.includes(role)) expect(allowedMeetingActions(meetingRelation(ROLES[role], m), m)).toEqual([]);
    }
  });

  it('a 民事协调会 is private: only invited participants, the convener and the leaders of the place, in every state', () => {
    for (const role of ROLE_NAMES)
      for (const c of MEETING_CASES) {
        expect([role, c, sees(role, 'none', c, '民事协调会')]).toEqual([role, c, LEADERS.includes(role)]);
        expect([role, c, sees(role, 'invitee', c, '民事协调会')]).toEqual([role, c, LEADERS.includes(role) || c !== 'draft']);
        expect([role, c, sees(role, 'convener', c, '民事协调会')]).toEqual([role, c, true]);
        const m = meeting(c, 'none', '民事协调会');
        const r = meetingRelation(ROLES[role], m);
        if (!LEADERS.includes(role)) expect([role, c, allowedMeetingActions(r, m)]).toEqual([role, c, []]);
      }
  });

  it('an open meeting: also the residents and role holders of its grid', () => {
    const expected: Record<Role, boolean> = {
      'resident@G1': true,
      'resident@G3': false,
      'volunteer@G1': true,
      'gridLeader@G1': true,
      'gridLeader@G3': false,
      'communityAdmin@C1': true,
      'streetAdmin@S': true,
    };
    for (const role of ROLE_NAMES) for (const c of MEETING_CASES.filter((x) => x !== 'draft')) expect([role, c, sees(role, 'none', c)]).toEqual([role, c, expected[role]]);
  });

  it('a community’s meeting: the community’s residents see it; a grid leader below does not organise it', () => {
    const node = { _id: 'C1', kind: 'community' as const, path: PATHS.C1 };
    const m = meeting('published', 'none', '民情恳谈会', node);
    const rel = (role: Role) => meetingRelation(ROLES[role], m);
    expect(maySeeMeeting(rel('resident@G1'), m)).toBe(true);
    expect(maySeeMeeting(rel('resident@G3'), m)).toBe(false);
    expect(allowedMeetingActions(rel('communityAdmin@C1'), m)).toContain('open');
    expect(allowedMeetingActions(rel('gridLeader@G1'), m)).not.toContain('open');
  });
});

describe('meeting actions that depend on the type and the agenda', () => {
  const lead = (m: Meeting, signedIn = false) => allowedMeetingActions(meetingRelation(ROLES['gridLeader@G1'], m, signedIn), m);

  it('only a 民主评议会 takes the implemented topics as its agenda', () => {
    expect(lead(meeting('draft', 'none', '民主评议会'))).toContain('takeDoneTopics');
    expect(lead(meeting('published', 'none', '民主评议会'))).toContain('takeDoneTopics');
    expect(lead(meeting('inSession', 'none', '民主评议会'))).not.toContain('takeDoneTopics');
    for (const type of ['微网格议事会', '民情恳谈会', '民事协调会', '民意听证会'] as const) expect(lead(meeting('draft', 'none', type))).not.toContain('takeDoneTopics');
  });

  it('an empty agenda offers no remove or move; with every item decided there is nothing to open or decide; no item open, no vote', () => {
    const empty = { ...meeting('draft', 'none'), agenda: [] };
    expect(lead(empty)).not.toEqual(expect.arrayContaining(['removeItem']));
    expect(lead(empty)).not.toContain('moveItem');
    const decided = { ...meeting('inSession', 'none'), agenda: [agendaItem('i1', { voting: 'closed', outcome: 'adopted' })] };
    expect(lead(decided, true)).toEqual(['screenCode', 'signInFor', 'close']);
    const nothingOpen = { ...meeting('inSession', 'none'), agenda: [agendaItem('i1')] };
    const m = nothingOpen;
    expect(allowedMeetingActions(meetingRelation(ROLES['resident@G1'], m, true), m)).toEqual([]);
  });
});

// ---- who convenes, sets thresholds, reads measures ------------------------------------------------

describe('convening, thresholds and measures', () => {
  const grid = { kind: 'grid', path: PATHS.G1 };
  const community = { kind: 'community', path: PATHS.C1 };
  it('a grid leader convenes for their grid; a community or street admin for the community and its grids', () => {
    const convenes = (role: Role, node: { kind: string; path: PlacePath }) => mayConvene(ROLES[role], node);
    expect(ROLE_NAMES.filter((r) => convenes(r, grid))).toEqual(['gridLeader@G1', 'communityAdmin@C1', 'streetAdmin@S']);
    expect(ROLE_NAMES.filter((r) => convenes(r, community))).toEqual(['communityAdmin@C1', 'streetAdmin@S']);
    expect(ROLE_NAMES.filter((r) => convenes(r, { kind: 'building', path: { ...PATHS.G1, buildingId: 'B' } }))).toEqual([]);
  });

  it('the community above sets a grid’s support threshold; the leaders read the measures', () => {
    expect(ROLE_NAMES.filter((r) => maySetThreshold(ROLES[r], { path: PATHS.G1 }))).toEqual(['communityAdmin@C1', 'streetAdmin@S']);
    expect(ROLE_NAMES.filter((r) => mayReadMeasures(ROLES[r], { path: PATHS.G1 }))).toEqual(LEADERS);
    expect(ROLE_NAMES.filter((r) => mayReadMeasures(ROLES[r], { path: PATHS.C1 }))).toEqual(['communityAdmin@C1', 'streetAdmin@S']);
  });
});
