import fc from 'fast-check';
import { api } from '../../../shared/api/contract';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { inSession, MORNING, type Json } from './meeting-helpers';

/**
 * Hostile input for every meeting action: a malformed payload answers a field-level error in
 * Chinese, changes nothing, and never a 500. Refused on the schema, before any read.
 */

let gw: TestGateway;
let m: Json;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  m = await inSession(gw);
});
afterAll(async () => {
  await gw.stop();
});

const meeting = {
  clientKey: 'hostile-meeting-0001',
  type: '微网格议事会',
  title: '十一月网格议事会',
  nodeId: 'cm01-gd1',
  placeText: '服务站会议室',
  startAt: '2026-11-25T14:00:00+08:00',
  lengthMinutes: 60,
};
const id = () => m.id as string;

/** Malformed input for every meeting action, and the field the error must name. */
const MALFORMED: ReadonlyArray<readonly [action: string, field: string, payload: () => unknown]> = [
  ['createMeeting', 'payload.type', () => ({ ...meeting, type: '茶话会' })],
  ['createMeeting', 'payload.lengthMinutes', () => ({ ...meeting, lengthMinutes: 5 })],
  ['createMeeting', 'payload.startAt', () => ({ ...meeting, startAt: '明天下午两点' })],
  ['createMeeting', 'payload.inviteRoles.0', () => ({ ...meeting, inviteRoles: ['gridLeader'] })],
  ['createMeeting', 'payload.inviteeIds', () => ({ ...meeting, inviteeIds: Array.from({ length: 51 }, (_, i) => `usr-${i}`) })],
  ['createMeeting', 'payload.title', () => ({ ...meeting, title: '会' })],
  ['createMeeting', 'payload.nodeId', () => ({ ...meeting, nodeId: '../cm01' })],
  ['editMeeting', 'payload', () => ({ meetingId: id() })],
  ['editMeeting', 'payload.lengthMinutes', () => ({ meetingId: id(), lengthMinutes: 481 })],
  ['editMeeting', 'payload', () => ({ meetingId: id(), convenerId: 'usr-0001' })],
  ['getMeeting', 'payload.meetingId', () => ({ meetingId: { $ne: null } })],
  ['listMeetings', 'payload.view', () => ({ view: 'everything' })],
  ['listMeetings', 'payload.limit', () => ({ view: 'mine', limit: 500 })],
  ['addItem', 'payload.minutes', () => ({ meetingId: id(), topicId: 'top_1', presenterName: '李建国', minutes: 0 })],
  ['addItem', 'payload.presenterName', () => ({ meetingId: id(), topicId: 'top_1', presenterName: '', minutes: 10 })],
  ['addItem', 'payload.minutes', () => ({ meetingId: id(), topicId: 'top_1', presenterName: '李建国', minutes: 10.5 })],
  ['removeItem', 'payload.itemId', () => ({ meetingId: id(), itemId: 'item-1' })],
  ['moveItem', 'payload.direction', () => ({ meetingId: id(), itemId: 'i1', direction: 'left' })],
  ['takeDoneTopics', 'payload', () => ({ meetingId: id(), all: true })],
  ['publish', 'payload.meetingId', () => ({})],
  ['cancel', 'payload.reason', () => ({ meetingId: id(), reason: '' })],
  ['open', 'payload.meetingId', () => ({ meetingId: 42 })],
  ['screenCode', 'payload.meetingId', () => ({ meetingId: 'x'.repeat(65) })],
  ['signIn', 'payload.scene', () => ({ meetingId: id(), scene: 'x'.repeat(65) })],
  ['signIn', 'payload.scene', () => ({ meetingId: id() })],
  ['signInFor', 'payload.name', () => ({ meetingId: id() })],
  ['signInFor', 'payload.name', () => ({ meetingId: id(), userId: 'usr-0001', name: '王大爷' })],
  ['openVote', 'payload.itemId', () => ({ meetingId: id(), itemId: 'i1000' })],
  ['vote', 'payload.choice', () => ({ meetingId: id(), itemId: 'i1', choice: 'yes' })],
  ['vote', 'payload', () => ({ meetingId: id(), itemId: 'i1', choice: 'agree', voterId: 'usr-0001' })],
  ['decide', 'payload.outcome', () => ({ meetingId: id(), itemId: 'i1', outcome: 'passed' })],
  [
    'decide',
    'payload.actions.0.deadline',
    () => ({ meetingId: id(), itemId: 'i1', outcome: 'adopted', actions: [{ text: '清理楼道堆物', ownerName: '孙磊', deadline: '2026/12/05' }] }),
  ],
  [
    'decide',
    'payload.actions.0.budget',
    () => ({ meetingId: id(), itemId: 'i1', outcome: 'adopted', actions: [{ text: '清理楼道堆物', ownerName: '孙磊', deadline: '2026-12-05', budget: -1 }] }),
  ],
  ['close', 'payload.meetingId', () => ({ meetingId: '' })],
  ['writeMinutes', 'payload.text', () => ({ meetingId: id(), text: '太短' })],
  ['archive', 'payload.meetingId', () => ({ meetingId: null })],
  ['publishDecisions', 'payload.meetingId', () => ({ meetingId: ['a'] })],
];

const MEETING_ACTIONS = Object.keys(api.councils).filter((a) =>
  [
    'createMeeting',
    'editMeeting',
    'getMeeting',
    'listMeetings',
    'addItem',
    'removeItem',
    'moveItem',
    'takeDoneTopics',
    'publish',
    'cancel',
    'open',
    'screenCode',
    'signIn',
    'signInFor',
    'openVote',
    'vote',
    'decide',
    'close',
    'writeMinutes',
    'archive',
    'publishDecisions',
  ].includes(a),
);

describe('every meeting action refuses malformed input with a field-level error and changes nothing', () => {
  it.each(MALFORMED)('councils.%s → %s', async (action, field, payload) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.gridLeader, 'councils', action, payload());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers every meeting action of the contract', () => {
    expect(MEETING_ACTIONS).toHaveLength(21);
    expect(new Set(MALFORMED.map(([a]) => a))).toEqual(new Set(MEETING_ACTIONS));
  });

  it('never answers 500 to random payloads of any meeting action (property)', async () => {
    const junk = fc.oneof(
      fc.jsonValue(),
      fc.record({ meetingId: fc.oneof(fc.string(), fc.constant(m.id), fc.integer()), itemId: fc.string(), choice: fc.string(), scene: fc.string() }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MEETING_ACTIONS), junk, fc.constantFrom(PERSONAS.gridLeader, PERSONAS.resident, PERSONAS.volunteer), async (action, payload, persona) => {
        const res = await gw.call(persona, 'councils', action, payload);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
