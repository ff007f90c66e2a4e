import fc from 'fast-check';
import { MEETING_ACTIONS, type MeetingAction } from '../../../shared/councils/councils.schema';
import { MEETING_STATES, nextMeetingState, type MeetingEvent, type MeetingState } from '../../../shared/councils/meeting.lifecycle';
import { encodePayload, minuteOf } from '../../../shared/stations/codes';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { call, later, MINUTES, MORNING, seedTopic, userIdOf, withAgenda, type Json } from './meeting-helpers';

/**
 * Model-based walk of the meeting lifecycle through the real handlers: random people press random
 * buttons (mostly the ones they are offered) and the clock moves on. After every step the meeting
 * is in one of MEETING_STATES, a successful action was one the caller's allowedActions offered just
 * before (a repeated sign-in answers `already` and writes nothing), the state moved as the table
 * says, a refused call changed nothing, and a meeting is never archived without minutes.
 */

type Who = 'convener' | 'communityAdmin' | 'invitee' | 'volunteer' | 'resident' | 'otherLeader';
const PERSONA: Record<Who, string> = {
  convener: PERSONAS.gridLeader,
  communityAdmin: PERSONAS.communityAdmin,
  invitee: PERSONAS.residentYoung,
  volunteer: PERSONAS.volunteer,
  resident: PERSONAS.resident,
  otherLeader: 'seed-gridleader-cm01-gd2',
};

type Step =
  | {
      kind: 'act';
      who: Who;
      action: MeetingAction;
      offeredPick: number | null;
      item: number;
      topic: number;
      choice: 'agree' | 'oppose' | 'abstain';
      up: boolean;
      outcome: 'adopted' | 'rejected' | 'deferred';
    }
  | { kind: 'tick'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      who: fc.constantFrom<Who>('convener', 'convener', 'convener', 'communityAdmin', 'invitee', 'invitee', 'volunteer', 'volunteer', 'resident', 'otherLeader'),
      action: fc.constantFrom(...MEETING_ACTIONS),
      offeredPick: fc.option(fc.nat(20), { freq: 4, nil: null }),
      item: fc.nat(3),
      topic: fc.nat(3),
      choice: fc.constantFrom('agree' as const, 'oppose' as const, 'abstain' as const),
      up: fc.boolean(),
      outcome: fc.constantFrom('adopted' as const, 'rejected' as const, 'deferred' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.constantFrom(1, 5, 30, 600, 1500, 3000) }) },
);

/** The lifecycle event an action moves the meeting by; null for the actions that write beside it (sign-in, vote) or read. */
const EVENT_OF: Partial<Record<MeetingAction, (s: Extract<Step, { kind: 'act' }>) => MeetingEvent>> = {
  edit: () => ({ type: 'edit', patch: {} }),
  addItem: () => ({ type: 'setAgenda', agenda: [], nextItem: 0, change: '' }),
  removeItem: () => ({ type: 'setAgenda', agenda: [], nextItem: 0, change: '' }),
  moveItem: () => ({ type: 'setAgenda', agenda: [], nextItem: 0, change: '' }),
  takeDoneTopics: () => ({ type: 'setAgenda', agenda: [], nextItem: 0, change: '' }),
  publish: () => ({ type: 'publish', invitees: [] }),
  cancel: () => ({ type: 'cancel', reason: '' }),
  open: () => ({ type: 'open' }),
  openVote: () => ({ type: 'openVote', itemId: '' }),
  decide: (s) => ({ type: 'decide', itemId: '', outcome: s.outcome, notes: '', tally: null }),
  close: () => ({ type: 'close' }),
  writeMinutes: () => ({ type: 'writeMinutes', text: '' }),
  archive: () => ({ type: 'archive' }),
  publishDecisions: () => ({ type: 'publishDecisions' }),
};
const CONTRACT_NAME: Partial<Record<MeetingAction, string>> = { edit: 'editMeeting' };
/** The buttons that take a meeting forward (a person at a meeting presses these far more than cancel). */
const FORWARD: readonly MeetingAction[] = ['publish', 'open', 'signIn', 'openVote', 'vote', 'decide', 'close', 'writeMinutes', 'archive', 'publishDecisions'];

const act = (who: Who, action: MeetingAction, extra: Partial<Extract<Step, { kind: 'act' }>> = {}): Step => ({
  kind: 'act',
  who,
  action,
  offeredPick: null,
  item: 0,
  topic: 0,
  choice: 'agree',
  up: false,
  outcome: 'adopted',
  ...extra,
});
/** One walk the whole way, always among the runs. */
const WHOLE_WAY: Step[] = [
  act('convener', 'publish'),
  { kind: 'tick', minutes: 30 },
  act('convener', 'open'),
  act('volunteer', 'signIn'),
  act('invitee', 'signIn'),
  act('volunteer', 'signIn'),
  act('convener', 'openVote'),
  act('volunteer', 'vote'),
  act('invitee', 'vote', { choice: 'oppose' }),
  act('resident', 'vote'),
  act('convener', 'decide'),
  act('convener', 'close'),
  act('communityAdmin', 'archive'),
  act('convener', 'writeMinutes'),
  act('convener', 'archive'),
  act('convener', 'publishDecisions'),
];

let gw: TestGateway;
let now = MORNING;
beforeAll(async () => {
  // Hundreds of calls a second from one persona: the gateway's rate limit (tests/integration/gateway.test.ts) is not what this walks.
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(now);
});
afterAll(async () => {
  await gw.stop();
});

type Stored = { _id: string; state: MeetingState; version: number; minutes: string | null; agenda: { id: string }[] };

function payloadOf(s: Extract<Step, { kind: 'act' }>, m: Stored, topics: readonly string[]): Record<string, unknown> {
  const meetingId = m._id;
  const itemId = m.agenda[s.item % Math.max(1, m.agenda.length)]?.id ?? `i${s.item + 1}`;
  switch (s.action) {
    case 'edit':
      return { meetingId, title: `改过的会议名称${s.item}` };
    case 'addItem':
      return { meetingId, topicId: topics[s.topic % topics.length], presenterName: '李建国', minutes: 10 };
    case 'removeItem':
    case 'openVote':
      return { meetingId, itemId };
    case 'moveItem':
      return { meetingId, itemId, direction: s.up ? 'up' : 'down' };
    case 'cancel':
      return { meetingId, reason: '临时有事' };
    case 'signIn':
      return { meetingId, scene: gw.ports.qr.sign(encodePayload({ kind: 'meeting', meetingId, minute: minuteOf(now) })) };
    case 'signInFor':
      return { meetingId, name: `手工登记${s.item}` };
    case 'vote':
      return { meetingId, itemId, choice: s.choice };
    case 'decide':
      return { meetingId, itemId, outcome: s.outcome, notes: '表决结果' };
    case 'writeMinutes':
      return { meetingId, text: MINUTES };
    default:
      return { meetingId };
  }
}

describe('the meeting lifecycle, walked through the gateway', () => {
  it('never offers less than it allows, never leaves its states, never archives without minutes', async () => {
    const youngId = await userIdOf(gw, PERSONAS.residentYoung);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 30 }), async (steps) => {
        const startAt = later(now, 2 * 24 * 60);
        const made = await withAgenda(gw, { startAt, inviteeIds: [youngId], inviteRoles: ['volunteer'], proposer: null });
        const topics = [made.agenda[0].topicId, await seedTopic(gw, { proposer: null }), await seedTopic(gw, { proposer: null }), await seedTopic(gw, { proposer: null })];
        const load = async () => (await gw.store.get<Stored & Json>('meetings', made.id))!;
        for (const s of steps) {
          if (s.kind === 'tick') {
            now = later(now, s.minutes);
            await gw.tick(now);
            const after = await load();
            expect(MEETING_STATES).toContain(after.state);
            continue;
          }
          const persona = PERSONA[s.who];
          const view = await call(gw, persona, 'getMeeting', { meetingId: made.id });
          const offered: MeetingAction[] = view.body.ok ? view.body.data.meeting.allowedActions : [];
          // Tapping an offered button, mostly one that takes the meeting forward.
          const forward = offered.filter((x) => FORWARD.includes(x));
          const pickFrom = s.offeredPick !== null && s.offeredPick % 3 !== 0 && forward.length > 0 ? forward : offered;
          const action = s.offeredPick !== null && pickFrom.length > 0 ? pickFrom[s.offeredPick % pickFrom.length]! : s.action;
          const before = await load();
          const res = await call(gw, persona, CONTRACT_NAME[action] ?? action, payloadOf({ ...s, action }, before, topics));
          const after = await load();
          expect(res.status).toBeLessThan(500);
          expect(MEETING_STATES).toContain(after.state);
          if (after.state === 'archived') expect(after.minutes).toBeTruthy();
          if (!res.body.ok) {
            expect([action, after.version]).toEqual([action, before.version]);
            continue;
          }
          seen.add(`${before.state}:${action}`);
          const repeatSignIn = action === 'signIn' && res.body.data.already === true;
          if (!repeatSignIn) expect([s.who, before.state, action, offered]).toEqual([s.who, before.state, action, expect.arrayContaining([action])]);
          const event = EVENT_OF[action];
          if (event) expect([action, after.state]).toEqual([action, nextMeetingState(before.state, event({ ...s, action }))]);
          else expect([action, after.version]).toEqual([action, before.version]);
        }
      }),
      { numRuns: 30, examples: [[WHOLE_WAY]] },
    );
    // The walk went through the whole lifecycle, not only its first steps.
    for (const reached of [
      'draft:publish',
      'published:open',
      'inSession:signIn',
      'inSession:vote',
      'inSession:decide',
      'inSession:close',
      'closed:writeMinutes',
      'closed:archive',
      'archived:publishDecisions',
    ])
      expect(seen).toContain(reached);
  }, 90_000);
});
