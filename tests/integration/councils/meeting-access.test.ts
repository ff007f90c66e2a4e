import { encodePayload, minuteOf } from '../../../shared/stations/codes';
import { MEETING_ACTIONS, type MeetingAction } from '../../../shared/councils/councils.schema';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { call, councils, MINUTES, MORNING, newResident, OTHER_GRID_BUILDING, refusal, seedTopic, userIdOf, withAgenda, type Json } from './meeting-helpers';

/**
 * Who may see and do what with a meeting: role × relation × state × action, written out by hand
 * from the product rules and denied by default. A private 民事协调会 exists only for its invitees and
 * the leaders of its place; a draft only for its organisers; and every action a person is not
 * offered (`allowedActions`) is refused without changing anything.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

type Who = 'convener' | 'communityAdmin' | 'invitee' | 'resident' | 'volunteer' | 'otherLeader' | 'otherResident';
type State = 'draft' | 'published' | 'inSession' | 'voting' | 'closed' | 'minuted' | 'archived' | 'cancelled';
const WHO: Who[] = ['convener', 'communityAdmin', 'invitee', 'resident', 'volunteer', 'otherLeader', 'otherResident'];
const STATES: State[] = ['draft', 'published', 'inSession', 'voting', 'closed', 'minuted', 'archived', 'cancelled'];
const TYPES = ['微网格议事会', '民事协调会'] as const;

/** Who sees the meeting: organisers always; in a draft nobody else; a private one also its invitees; any other also the grid's residents and role holders. */
function sees(who: Who, state: State, privateMeeting: boolean): boolean {
  if (who === 'convener' || who === 'communityAdmin') return true;
  if (state === 'draft') return false;
  if (who === 'invitee') return true;
  if (who === 'resident' || who === 'volunteer') return !privateMeeting;
  return false;
}

/** What an organiser is offered in each state (one item on the agenda, nobody signed in). */
const ORGANISER: Record<State, MeetingAction[]> = {
  draft: ['edit', 'addItem', 'removeItem', 'moveItem', 'publish', 'cancel'],
  published: ['edit', 'addItem', 'removeItem', 'moveItem', 'cancel', 'open', 'screenCode'],
  inSession: ['screenCode', 'signIn', 'signInFor', 'openVote', 'decide', 'close'],
  voting: ['screenCode', 'signIn', 'signInFor', 'decide', 'close'],
  closed: ['writeMinutes'],
  minuted: ['writeMinutes', 'archive', 'publishDecisions'],
  archived: ['publishDecisions'],
  cancelled: [],
};
/** A participant who has not signed in may sign in while the meeting is in session; nothing else. */
const PARTICIPANT: Record<State, MeetingAction[]> = {
  draft: [],
  published: [],
  inSession: ['signIn'],
  voting: ['signIn'],
  closed: [],
  minuted: [],
  archived: [],
  cancelled: [],
};

const expectedActions = (who: Who, state: State, privateMeeting: boolean): MeetingAction[] | null => {
  if (!sees(who, state, privateMeeting)) return null;
  return who === 'convener' || who === 'communityAdmin' ? ORGANISER[state] : PARTICIPANT[state];
};

const personas: Record<Who, string> = {
  convener: PERSONAS.gridLeader,
  communityAdmin: PERSONAS.communityAdmin,
  invitee: PERSONAS.residentYoung,
  resident: PERSONAS.resident,
  volunteer: PERSONAS.volunteer,
  otherLeader: 'seed-gridleader-cm01-gd2',
  otherResident: '',
};

/** A meeting of `type` brought to `state` through the gateway. */
async function meetingIn(type: (typeof TYPES)[number], state: State): Promise<Json> {
  const leader = PERSONAS.gridLeader;
  const youngId = await userIdOf(gw, PERSONAS.residentYoung);
  const m = await withAgenda(gw, { type, inviteeIds: [youngId], inviteRoles: [], proposer: null, private: type === '民事协调会' });
  const step = (action: string, payload: Record<string, unknown> = {}) => councils(gw, leader, action, { meetingId: m.id, ...payload });
  if (state === 'draft') return m;
  await step('publish');
  if (state === 'cancelled') return (await step('cancel', { reason: '场地临时征用' })).meeting;
  if (state === 'published') return (await step('getMeeting')).meeting;
  await step('open');
  if (state === 'inSession') return (await step('getMeeting')).meeting;
  if (state === 'voting') return (await step('openVote', { itemId: 'i1' })).meeting;
  await step('close');
  if (state === 'closed') return (await step('getMeeting')).meeting;
  await step('writeMinutes', { text: MINUTES });
  if (state === 'minuted') return (await step('getMeeting')).meeting;
  return (await step('archive')).meeting;
}

/** What an action call would change: the meeting, its sign-ins, ballots, rolls and invitations, its topics, the outbox. */
async function fingerprint(m: Json, spareTopic: string): Promise<string> {
  const s = gw.store;
  const [meeting, attendance, ballots, rolls, outbox, topics] = await Promise.all([
    s.get('meetings', m.id),
    s.count('council_attendance', { meetingId: m.id }),
    s.count('council_ballots', { meetingId: m.id }),
    s.count('council_rolls', { meetingId: m.id }),
    s.count('outbox', {}),
    Promise.all([...m.agenda.map((i: Json) => i.topicId), spareTopic].map((id: string) => s.get('topics', id))),
  ]);
  return JSON.stringify({ meeting, attendance, ballots, rolls, outbox, topics });
}

/** A plausible payload of each action on meeting `m`. */
function payloadOf(action: MeetingAction, m: Json, spareTopic: string): Record<string, unknown> {
  const meetingId = m.id;
  const scene = gw.ports.qr.sign(encodePayload({ kind: 'meeting', meetingId, minute: minuteOf(MORNING) }));
  const byAction: Record<MeetingAction, Record<string, unknown>> = {
    edit: { title: '改过的会议名称' },
    addItem: { topicId: spareTopic, presenterName: '李建国', minutes: 10 },
    removeItem: { itemId: 'i1' },
    moveItem: { itemId: 'i1', direction: 'down' },
    takeDoneTopics: {},
    publish: {},
    cancel: { reason: '临时有事' },
    open: {},
    screenCode: {},
    signIn: { scene },
    signInFor: { name: '王大爷' },
    openVote: { itemId: 'i1' },
    vote: { itemId: 'i1', choice: 'agree' },
    decide: { itemId: 'i1', outcome: 'adopted' },
    close: {},
    writeMinutes: { text: `${MINUTES}（补充）` },
    archive: {},
    publishDecisions: {},
  };
  return { meetingId, ...byAction[action] };
}

const CONTRACT_NAME: Partial<Record<MeetingAction, string>> = { edit: 'editMeeting' };

describe('the authorization table of meetings', () => {
  beforeAll(async () => {
    personas.otherResident = await newResident(gw, '外网格居民', OTHER_GRID_BUILDING);
  });

  const cases = TYPES.flatMap((type) => STATES.map((state) => [type, state] as const));
  it.each(cases)(
    '%s, %s',
    async (type, state) => {
      const m = await meetingIn(type, state);
      const spareTopic = await seedTopic(gw, { proposer: null, private: type === '民事协调会' });
      for (const who of WHO) {
        const persona = personas[who];
        const expected = expectedActions(who, state, type === '民事协调会');
        const got = await call(gw, persona, 'getMeeting', { meetingId: m.id });
        if (expected === null) {
          expect([who, refusal(got)]).toEqual([who, 'MEETING.NOT_FOUND']);
        } else {
          expect([who, refusal(got)]).toEqual([who, 'ok']);
          expect([who, (got.body as Json).data.meeting.allowedActions]).toEqual([who, expected]);
        }
        // Every action not offered is refused and changes nothing; one they may not see is "not found".
        for (const action of MEETING_ACTIONS.filter((a) => !(expected ?? []).includes(a))) {
          const before = await fingerprint(m, spareTopic);
          const res = await call(gw, persona, CONTRACT_NAME[action] ?? action, payloadOf(action, m, spareTopic));
          expect([who, action, res.body.ok]).toEqual([who, action, false]);
          expect(res.status).toBeLessThan(500);
          if (expected === null) expect([who, action, refusal(res)]).toEqual([who, action, 'MEETING.NOT_FOUND']);
          expect(await fingerprint(m, spareTopic)).toBe(before);
        }
      }
    },
    60_000,
  );

  it('lists a place’s meetings to each person as they may see them', async () => {
    const pub = await meetingIn('微网格议事会', 'published');
    const priv = await meetingIn('民事协调会', 'published');
    const drafted = await meetingIn('微网格议事会', 'draft');
    const listed = async (persona: string, nodeId = 'cm01-gd1') =>
      new Set((await councils(gw, persona, 'listMeetings', { view: 'place', nodeId, limit: 50 })).meetings.map((x: Json) => x.id));
    const has = (set: Set<unknown>) => [pub.id, priv.id, drafted.id].map((id) => set.has(id));
    expect(has(await listed(PERSONAS.gridLeader))).toEqual([true, true, true]);
    expect(has(await listed(PERSONAS.communityAdmin, 'cm01'))).toEqual([true, true, true]);
    expect(has(await listed(PERSONAS.residentYoung))).toEqual([true, true, false]);
    expect(has(await listed(PERSONAS.resident))).toEqual([true, false, false]);
    expect(has(await listed(PERSONAS.volunteer))).toEqual([true, false, false]);
    expect(has(await listed('seed-gridleader-cm01-gd2'))).toEqual([false, false, false]);
    expect(has(await listed(personas.otherResident))).toEqual([false, false, false]);
    // My meetings: convened, or invited to once published.
    const mine = async (persona: string) => new Set((await councils(gw, persona, 'listMeetings', { view: 'mine', limit: 50 })).meetings.map((x: Json) => x.id));
    expect(has(await mine(PERSONAS.gridLeader))).toEqual([true, true, true]);
    expect(has(await mine(PERSONAS.residentYoung))).toEqual([true, true, false]);
    expect(has(await mine(PERSONAS.resident))).toEqual([false, false, false]);
  }, 30_000);

  it('lets only leaders of the place convene', async () => {
    const payload = (nodeId: string) => ({
      clientKey: `convene-${nodeId}-x`,
      type: '民情恳谈会',
      title: '民情恳谈会',
      nodeId,
      placeText: '社区活动室',
      startAt: '2026-11-30T10:00:00+08:00',
      lengthMinutes: 60,
    });
    expect(refusal(await call(gw, PERSONAS.gridLeader, 'createMeeting', payload('cm01-gd2')))).toBe('COMMON.FORBIDDEN');
    expect(refusal(await call(gw, PERSONAS.gridLeader, 'createMeeting', payload('cm01')))).toBe('COMMON.FORBIDDEN');
    expect(refusal(await call(gw, PERSONAS.volunteer, 'createMeeting', payload('cm01-gd1')))).toBe('COMMON.FORBIDDEN');
    expect(refusal(await call(gw, PERSONAS.resident, 'createMeeting', payload('cm01-gd1')))).toBe('COMMON.FORBIDDEN');
    expect(refusal(await call(gw, PERSONAS.gridLeader, 'createMeeting', payload('cm01-gd1-mg1')))).toBe('TERRITORY.NODE_NOT_FOUND payload.nodeId');
    expect(refusal(await call(gw, PERSONAS.communityAdmin, 'createMeeting', payload('cm01')))).toBe('ok');
    expect(refusal(await call(gw, PERSONAS.communityAdmin, 'createMeeting', { ...payload('cm01-gd1'), stationId: 'cm02-sta1' }))).toBe('CODE.NOT_FOUND payload.stationId');
    expect(refusal(await call(gw, PERSONAS.communityAdmin, 'createMeeting', { ...payload('cm01-gd1'), clientKey: 'convene-past', startAt: '2026-11-20T10:00:00+08:00' }))).toBe(
      'MEETING.START_IN_PAST payload.startAt',
    );
    expect(refusal(await call(gw, PERSONAS.communityAdmin, 'createMeeting', { ...payload('cm01-gd1'), clientKey: 'convene-nobody', inviteeIds: ['usr-nobody'] }))).toBe(
      'COMMON.NOT_FOUND payload.inviteeIds',
    );
  });
});
