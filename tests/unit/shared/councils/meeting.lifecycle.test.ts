import fc from 'fast-check';
import { agendaTotal, MAX_AGENDA_ITEMS, moveItem, tally, type Outcome } from '../../../../shared/councils/agenda';
import { newMeeting } from '../../../../shared/councils/topic.factory';
import {
  meetingLifecycle,
  MEETING_STATES,
  MINUTES_DUE_HOURS,
  nextMeetingState,
  nextReminder,
  plannedEnd,
  type AgendaItem,
  type Invitee,
  type Meeting,
  type MeetingContext,
  type MeetingEvent,
} from '../../../../shared/councils/meeting.lifecycle';
import { allowedPairs, NOT_ALLOWED_NOW, runLifecycle, type Change } from '../../../../shared/kernel/lifecycle';

/**
 * The meeting lifecycle (议事会) without a store: the table, what each step does, the guards, the
 * reminders, and invariants over any chain of steps a convener and the scheduler could take.
 */
const NOW = '2026-11-23T02:00:00.000Z';
const START = '2026-11-26T06:30:00.000Z'; // Thursday 14:30 in Beijing
const PATH = { streetId: 'S', communityId: 'C', gridId: 'G' };
const BY: MeetingContext = { now: NOW, by: { id: 'L', name: '王网格长' } };
const at = (iso: string, by: MeetingContext['by'] = BY.by): MeetingContext => ({ now: iso, by });
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3600_000).toISOString();

const draft = (over: Partial<Meeting> = {}): Meeting => ({
  ...newMeeting({
    convener: { id: 'L', name: '王网格长' },
    clientKey: 'k-meeting-1',
    type: '微网格议事会',
    title: '十一月微网格议事会',
    node: { _id: 'G', kind: 'grid', path: PATH },
    stationId: 'st1',
    placeText: '红邻驿站',
    startAt: START,
    lengthMinutes: 60,
    inviteRoles: ['gridMember', 'volunteer'],
    inviteeIds: ['r1'],
    now: NOW,
  }),
  ...over,
});

const item = (id: string, over: Partial<AgendaItem> = {}): AgendaItem => ({
  id,
  topicId: `top_${id}`,
  title: `议题${id}`,
  presenterId: 'P',
  presenterName: '张三',
  minutes: 20,
  kind: 'decide',
  voting: 'none',
  outcome: null,
  notes: '',
  tally: null,
  ...over,
});
const INVITEES: Invitee[] = [
  { userId: 'r1', name: '张三', roleLabel: '居民代表', via: 'name' },
  { userId: 'g1', name: '李四', roleLabel: '网格员', via: 'role' },
  { userId: 'v1', name: '王五', roleLabel: '党员志愿者', via: 'role' },
];
const published = (over: Partial<Meeting> = {}) =>
  draft({
    state: 'published',
    agenda: [item('i1'), item('i2')],
    nextItem: 3,
    invitees: INVITEES,
    publishedAt: NOW,
    remindAt: hours(START, -24),
    ...over,
  });
const inSession = (over: Partial<Meeting> = {}) => published({ state: 'inSession', openedAt: START, remindAt: null, ...over });
const closed = (over: Partial<Meeting> = {}) =>
  inSession({
    state: 'closed',
    agenda: [item('i1', { voting: 'closed', outcome: 'adopted' }), item('i2', { voting: 'closed', outcome: 'rejected' })],
    closedAt: hours(START, 1),
    minutesRemindAt: hours(START, 49),
    ...over,
  });

function changeOf(m: Meeting, events: MeetingEvent[], x: MeetingContext = BY): Change<Meeting> {
  const run = runLifecycle(meetingLifecycle, m, events, x);
  if (!run.ok) throw new Error(`${run.event}: ${run.refusal.code}`);
  return run.change;
}
const refusalOf = (m: Meeting, events: MeetingEvent[], x: MeetingContext = BY) => {
  const run = runLifecycle(meetingLifecycle, m, events, x);
  return run.ok ? null : run.refusal;
};
const recipients = (c: Change<Meeting>) =>
  c.notify.map((n) =>
    'userId' in n.to
      ? n.to.userId
      : 'leadersOf' in n.to
        ? 'leaders'
        : 'gridId' in n.to.residentsOf
          ? `residents:${n.to.residentsOf.gridId}`
          : `residents:${n.to.residentsOf.communityId}`,
  );

// ---- the table --------------------------------------------------------------------------------

const SAMPLES: MeetingEvent[] = [
  { type: 'edit', patch: {} },
  { type: 'setAgenda', agenda: [], nextItem: 1, change: '' },
  { type: 'publish', invitees: [] },
  { type: 'cancel', reason: '台风' },
  { type: 'remind' },
  { type: 'open' },
  { type: 'openVote', itemId: 'i1' },
  { type: 'decide', itemId: 'i1', outcome: 'adopted', notes: '', tally: null },
  { type: 'close' },
  { type: 'writeMinutes', text: '纪要' },
  { type: 'remindMinutes' },
  { type: 'archive' },
  { type: 'publishDecisions' },
];

describe('meeting lifecycle table', () => {
  it('allows exactly these (state, event, next state) triples', () => {
    expect(allowedPairs(meetingLifecycle, SAMPLES)).toEqual([
      ['draft', 'edit', 'draft'],
      ['draft', 'setAgenda', 'draft'],
      ['draft', 'publish', 'published'],
      ['draft', 'cancel', 'cancelled'],
      ['published', 'edit', 'published'],
      ['published', 'setAgenda', 'published'],
      ['published', 'cancel', 'cancelled'],
      ['published', 'remind', 'published'],
      ['published', 'open', 'inSession'],
      ['inSession', 'openVote', 'inSession'],
      ['inSession', 'decide', 'inSession'],
      ['inSession', 'close', 'closed'],
      ['closed', 'writeMinutes', 'closed'],
      ['closed', 'remindMinutes', 'closed'],
      ['closed', 'archive', 'archived'],
      ['closed', 'publishDecisions', 'closed'],
      ['archived', 'publishDecisions', 'archived'],
    ]);
  });

  it('lets nothing out of a cancelled meeting, and an archived one only publish its decisions', () => {
    for (const e of SAMPLES) {
      expect(nextMeetingState('cancelled', e)).toBeNull();
      expect(nextMeetingState('archived', e)).toBe(e.type === 'publishDecisions' ? 'archived' : null);
    }
  });
});

// ---- reminders --------------------------------------------------------------------------------

describe('reminders', () => {
  it('the day before, then an hour before, then none', () => {
    expect(nextReminder(START, NOW)).toBe(hours(START, -24));
    expect(nextReminder(START, hours(START, -24))).toBe(hours(START, -1));
    expect(nextReminder(START, hours(START, -5))).toBe(hours(START, -1));
    expect(nextReminder(START, hours(START, -1))).toBeNull();
    expect(nextReminder(START, hours(START, 2))).toBeNull();
  });

  it('never answers a time at or before `after`, never one after the start, and skips no reminder still ahead', () => {
    const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instant, fc.integer({ min: -72 * 60, max: 72 * 60 }), (start, offsetMinutes) => {
        const after = new Date(Date.parse(start) + offsetMinutes * 60_000).toISOString();
        const r = nextReminder(start, after);
        const ahead = [hours(start, -24), hours(start, -1)].filter((t) => t > after);
        expect(r).toBe(ahead[0] ?? null);
        if (r !== null) {
          expect(r > after).toBe(true);
          expect(r < start).toBe(true);
        }
      }),
    );
  });

  it('the planned end is the start plus the length', () => {
    expect(plannedEnd({ startAt: START, lengthMinutes: 90 })).toBe(hours(START, 1.5));
  });
});

// ---- one example per effect -----------------------------------------------------------------------

describe('meeting effects', () => {
  it('a new meeting is a draft, grid-level, open and not anonymous for a 微网格议事会', () => {
    expect(draft()).toMatchObject({
      state: 'draft',
      level: 'grid',
      nodeId: 'G',
      private: false,
      anonymous: false,
      quorumShare: 0.5,
      month: '2026-11',
      agenda: [],
      nextItem: 1,
    });
    expect(draft({})._id).toMatch(/^mt[0-9a-z]{10}$/i);
    const hearing = newMeeting({
      convener: { id: 'L', name: 'L' },
      clientKey: 'k-2',
      type: '民意听证会',
      title: '听证',
      node: { _id: 'G', kind: 'grid', path: PATH },
      stationId: null,
      placeText: '驿站',
      startAt: START,
      lengthMinutes: 60,
      inviteRoles: [],
      inviteeIds: [],
      now: NOW,
    });
    expect([hearing.anonymous, hearing.private]).toEqual([true, false]);
    const dispute = newMeeting({
      convener: { id: 'L', name: 'L' },
      clientKey: 'k-3',
      type: '民事协调会',
      title: '协调',
      node: { _id: 'G', kind: 'grid', path: PATH },
      stationId: null,
      placeText: '驿站',
      startAt: START,
      lengthMinutes: 60,
      inviteRoles: [],
      inviteeIds: [],
      now: NOW,
    });
    expect([dispute.anonymous, dispute.private]).toEqual([false, true]);
  });

  it('edit: a draft’s invitees by name are its invitee ids; nobody is told', () => {
    const c = changeOf(draft(), [{ type: 'edit', patch: { title: '十一月议事会（改）', inviteeIds: ['r1', 'r2'] } }]);
    expect(c.set).toEqual({ state: 'draft', title: '十一月议事会（改）', inviteeIds: ['r1', 'r2'], updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'edit', text: '修改了会议信息' }]);
    expect(c.notify).toEqual([]);
  });

  it('edit: moving a published meeting tells every invitee and sets the reminders again', () => {
    const later = hours(START, 48);
    const c = changeOf(published(), [{ type: 'edit', patch: { startAt: later, month: '2026-11' } }]);
    expect(c.set).toMatchObject({ startAt: later, remindAt: hours(later, -24) });
    expect(recipients(c)).toEqual(['r1', 'g1', 'v1']);
    expect(c.notify[0]).toMatchObject({ template: 'meeting.invited', title: '会议时间有变' });
  });

  it('setAgenda: the new agenda and its change on the timeline', () => {
    const agenda = [item('i1'), item('i2', { minutes: 30 })];
    const c = changeOf(draft(), [{ type: 'setAgenda', agenda, nextItem: 3, change: '加入议程：议题i2' }]);
    expect(c.set).toEqual({ state: 'draft', agenda, nextItem: 3, updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'agenda', text: '加入议程：议题i2' }]);
  });

  it('publish: invites everyone resolved, sets the first reminder and tells each invitee', () => {
    const m = draft({ agenda: [item('i1')] });
    const c = changeOf(m, [{ type: 'publish', invitees: INVITEES }]);
    expect(c.set).toEqual({ state: 'published', invitees: INVITEES, publishedAt: NOW, remindAt: hours(START, -24), updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'publish', text: '发布会议，邀请 3 人' }]);
    expect(recipients(c)).toEqual(['r1', 'g1', 'v1']);
    expect(c.notify[0]).toEqual({
      to: { userId: 'r1' },
      template: 'meeting.invited',
      title: '微网格议事会邀请',
      body: '「十一月微网格议事会」，红邻驿站',
      page: `/packages/councils/meeting/index?id=${m._id}`,
      // The subscribe message's 会议名称, 会议时间 and 会议地点.
      facts: { subject: '十一月微网格议事会', when: START, place: '红邻驿站' },
    });
    expect(c.audit).toMatchObject({ event: 'meeting.publish', invitees: 3 });
  });

  it('cancel: with the reason, no reminder left, every invitee told why', () => {
    const c = changeOf(published(), [{ type: 'cancel', reason: '台风预警，改期举行' }]);
    expect(c.set).toEqual({ state: 'cancelled', cancelledAt: NOW, cancelReason: '台风预警，改期举行', remindAt: null, updatedAt: NOW });
    expect(recipients(c)).toEqual(['r1', 'g1', 'v1']);
    expect(c.notify[0]).toMatchObject({ template: 'meeting.cancelled', body: '「十一月微网格议事会」已取消：台风预警，改期举行' });
    // A draft was sent to nobody: nobody to tell.
    expect(changeOf(draft(), [{ type: 'cancel', reason: '不开了' }]).notify).toEqual([]);
  });

  it('remind: the day before says tomorrow and sets the hour-before; the hour before says so and sets none', () => {
    const dayBefore = changeOf(published(), [{ type: 'remind' }], at(hours(START, -24), null));
    expect(dayBefore.set).toEqual({ state: 'published', remindAt: hours(START, -1) });
    expect(recipients(dayBefore)).toEqual(['r1', 'g1', 'v1']);
    expect(dayBefore.notify[0]).toMatchObject({ template: 'meeting.reminder', body: '「十一月微网格议事会」明天召开，地点：红邻驿站' });
    const hourBefore = changeOf(dayBefore.after, [{ type: 'remind' }], at(hours(START, -1), null));
    expect(hourBefore.set).toEqual({ state: 'published', remindAt: null });
    expect(hourBefore.notify[0]!.body).toBe('「十一月微网格议事会」一小时后召开，地点：红邻驿站');
  });

  it('open: in session, no reminder left', () => {
    const c = changeOf(published(), [{ type: 'open' }], at(START));
    expect(c.set).toEqual({ state: 'inSession', openedAt: START, remindAt: null, updatedAt: START });
    expect(c.timeline).toEqual([{ kind: 'open', text: '会议开始，开放签到' }]);
  });

  it('openVote and decide: one item opens, then closes with its outcome and tally', () => {
    const open = changeOf(inSession(), [{ type: 'openVote', itemId: 'i2' }]);
    expect(open.after.agenda.map((i) => i.voting)).toEqual(['none', 'open']);
    expect(open.timeline).toEqual([{ kind: 'vote', text: '开始表决：议题i2' }]);
    const t = tally([{ choice: 'agree' }, { choice: 'agree' }, { choice: 'abstain' }]);
    const decided = changeOf(open.after, [{ type: 'decide', itemId: 'i2', outcome: 'adopted', notes: '下周实施', tally: t }]);
    expect(decided.after.agenda[1]).toEqual(item('i2', { voting: 'closed', outcome: 'adopted', notes: '下周实施', tally: t }));
    expect(decided.after.agenda[0]).toEqual(item('i1'));
    expect(decided.timeline).toEqual([{ kind: 'decide', text: '议题i2：通过' }]);
    expect(decided.audit).toMatchObject({ event: 'meeting.decide', outcome: 'adopted', votes: 3 });
  });

  it('close: undecided items are deferred, and the minutes fall due in 48 hours', () => {
    const m = inSession({ agenda: [item('i1', { voting: 'closed', outcome: 'adopted' }), item('i2', { voting: 'open' }), item('i3', { kind: 'review' })] });
    const end = hours(START, 1);
    const c = changeOf(m, [{ type: 'close' }], at(end));
    expect(c.after.agenda.map((i) => [i.voting, i.outcome])).toEqual([
      ['closed', 'adopted'],
      ['closed', 'deferred'],
      ['closed', 'deferred'],
    ]);
    expect(c.set).toMatchObject({ state: 'closed', closedAt: end, minutesRemindAt: hours(end, MINUTES_DUE_HOURS) });
    expect(c.timeline).toEqual([{ kind: 'close', text: '会议结束，2 项未表决的议程暂缓' }]);
    expect(changeOf(inSession({ agenda: [item('i1', { outcome: 'adopted', voting: 'closed' })] }), [{ type: 'close' }]).timeline[0]!.text).toBe('会议结束');
  });

  it('writeMinutes: keeps the text and who wrote it, and no reminder is due after', () => {
    const c = changeOf(closed(), [{ type: 'writeMinutes', text: '纪要正文' }]);
    expect(c.set).toEqual({ state: 'closed', minutes: '纪要正文', minutesAt: NOW, minutesBy: 'L', minutesRemindAt: null, updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'minutes', text: '填写了会议纪要' }]);
    expect(changeOf(c.after, [{ type: 'writeMinutes', text: '纪要正文（修订）' }]).timeline).toEqual([{ kind: 'minutes', text: '修改了会议纪要' }]);
  });

  it('remindMinutes: tells the convener once, 48 hours after the end', () => {
    const due = hours(START, 49);
    const c = changeOf(closed(), [{ type: 'remindMinutes' }], at(due, null));
    expect(c.set).toEqual({ state: 'closed', minutesReminded: true, minutesRemindAt: null });
    expect(recipients(c)).toEqual(['L']);
    expect(c.notify[0]).toMatchObject({ template: 'meeting.minutesDue', title: '请填写会议纪要' });
    expect(c.timeline).toEqual([{ kind: 'remindMinutes', text: '会议结束已满 48 小时，已提醒召集人填写纪要' }]);
  });

  it('archive: with minutes', () => {
    const c = changeOf(closed({ minutes: '纪要' }), [{ type: 'archive' }]);
    expect(c.set).toEqual({ state: 'archived', archivedAt: NOW, updatedAt: NOW });
  });

  it('publishDecisions: the invitees hear the minutes are out, the grid’s residents get the 公示 of what was decided', () => {
    const m = closed({
      minutes: '纪要',
      agenda: [
        item('i1', { outcome: 'adopted', voting: 'closed' }),
        item('i2', { outcome: 'deferred', voting: 'closed' }),
        item('i3', { outcome: 'rejected', voting: 'closed' }),
        item('i4', { kind: 'review', outcome: 'adopted' }),
      ],
    });
    const c = changeOf(m, [{ type: 'publishDecisions' }]);
    expect(c.set).toEqual({ state: 'closed', decisionsPublishedAt: NOW, updatedAt: NOW });
    expect(recipients(c)).toEqual(['r1', 'g1', 'v1', 'residents:G']);
    expect(c.notify[3]).toEqual({
      to: { residentsOf: { gridId: 'G' } },
      template: 'council.decision',
      title: '微网格议事会决议公示',
      body: '议题i1：通过；议题i3：不通过',
      page: '/packages/councils/decisions/index?gridId=G',
      facts: { subject: '十一月微网格议事会' },
    });
    expect(c.audit).toMatchObject({ event: 'meeting.publishDecisions', items: 2 });
    // A community's meeting tells the community's residents.
    const community = changeOf({ ...m, level: 'community', path: { streetId: 'S', communityId: 'C' } }, [{ type: 'publishDecisions' }]);
    expect(community.notify.at(-1)!.to).toEqual({ residentsOf: { communityId: 'C' } });
    // Nothing decided: it says so.
    expect(changeOf(closed({ minutes: '纪要', agenda: [item('i1', { outcome: 'deferred' })] }), [{ type: 'publishDecisions' }]).notify.at(-1)!.body).toBe('本次会议无表决事项');
  });
});

// ---- guards ---------------------------------------------------------------------------------------

describe('meeting guards', () => {
  it('refuses an agenda that runs past the length, on the field at fault', () => {
    const m = draft({ agenda: [item('i1', { minutes: 40 }), item('i2', { minutes: 20 })] });
    expect(refusalOf(m, [{ type: 'setAgenda', agenda: [...m.agenda, item('i3', { minutes: 5 })], nextItem: 4, change: '' }])).toEqual({
      code: 'MEETING.AGENDA_OVERRUN',
      field: 'payload.minutes',
    });
    expect(refusalOf(m, [{ type: 'edit', patch: { lengthMinutes: 45 } }])).toEqual({ code: 'MEETING.AGENDA_OVERRUN', field: 'payload.lengthMinutes' });
    expect(refusalOf(m, [{ type: 'edit', patch: { lengthMinutes: 60 } }])).toBeNull();
    const full = Array.from({ length: MAX_AGENDA_ITEMS + 1 }, (_, i) => item(`i${i + 1}`, { minutes: 1 }));
    expect(refusalOf(m, [{ type: 'setAgenda', agenda: full, nextItem: 22, change: '' }])).toEqual({ code: 'MEETING.AGENDA_FULL', field: 'payload.topicId' });
  });

  it('refuses to publish an empty agenda', () => {
    expect(refusalOf(draft(), [{ type: 'publish', invitees: INVITEES }])).toEqual({ code: 'MEETING.AGENDA_EMPTY', field: 'payload.meetingId' });
  });

  it('refuses a reminder when none is due', () => {
    expect(refusalOf(published(), [{ type: 'remind' }], at(hours(START, -30)))).toEqual({ code: 'MEETING.NOTHING_DUE' });
    expect(refusalOf(published({ remindAt: null }), [{ type: 'remind' }], at(hours(START, -0.5)))).toEqual({ code: 'MEETING.NOTHING_DUE' });
  });

  it('refuses to vote on or decide an unknown or decided item', () => {
    const m = inSession({ agenda: [item('i1', { outcome: 'adopted', voting: 'closed' }), item('i2')] });
    expect(refusalOf(m, [{ type: 'openVote', itemId: 'i9' }])).toEqual({ code: 'MEETING.ITEM_NOT_FOUND', field: 'payload.itemId' });
    expect(refusalOf(m, [{ type: 'openVote', itemId: 'i1' }])).toEqual({ code: 'MEETING.ITEM_DECIDED', field: 'payload.itemId' });
    expect(refusalOf(m, [{ type: 'decide', itemId: 'i1', outcome: 'rejected', notes: '', tally: null }])).toEqual({ code: 'MEETING.ITEM_DECIDED', field: 'payload.itemId' });
  });

  it('refuses to archive a closed meeting without minutes', () => {
    expect(refusalOf(closed(), [{ type: 'archive' }])).toEqual({ code: 'MEETING.MINUTES_REQUIRED', field: 'payload.meetingId' });
    expect(refusalOf(closed({ minutes: '' }), [{ type: 'archive' }])).toEqual({ code: 'MEETING.MINUTES_REQUIRED', field: 'payload.meetingId' });
  });

  it('sends the minutes reminder once, only when due and the minutes are missing', () => {
    const due = at(hours(START, 49), null);
    expect(refusalOf(closed(), [{ type: 'remindMinutes' }], at(hours(START, 48), null))).toEqual({ code: 'MEETING.NOTHING_DUE' });
    expect(refusalOf(closed({ minutes: '纪要' }), [{ type: 'remindMinutes' }], due)).toEqual({ code: 'MEETING.NOTHING_DUE' });
    const once = changeOf(closed(), [{ type: 'remindMinutes' }], due);
    expect(refusalOf(once.after, [{ type: 'remindMinutes' }], at(hours(START, 100), null))).toEqual({ code: 'MEETING.NOTHING_DUE' });
    expect(refusalOf(closed({ minutesReminded: true }), [{ type: 'remindMinutes' }], due)).toEqual({ code: 'MEETING.NOTHING_DUE' });
  });

  it('publishes decisions once, and only with minutes', () => {
    expect(refusalOf(closed(), [{ type: 'publishDecisions' }])).toEqual({ code: 'MEETING.MINUTES_REQUIRED', field: 'payload.meetingId' });
    expect(refusalOf(closed({ minutes: '纪要', decisionsPublishedAt: NOW }), [{ type: 'publishDecisions' }])).toEqual({
      code: 'MEETING.ALREADY_PUBLISHED',
      field: 'payload.meetingId',
    });
    expect(refusalOf({ ...closed({ minutes: '纪要' }), state: 'archived' }, [{ type: 'publishDecisions' }])).toBeNull();
  });

  it('refuses minutes before the meeting is closed', () => {
    expect(refusalOf(inSession(), [{ type: 'writeMinutes', text: '纪要' }])).toEqual({ code: NOT_ALLOWED_NOW });
  });
});

// ---- properties over random chains ----------------------------------------------------------------

/** What the convener or the scheduler may try next, turned into events against the meeting as it stands. */
type Step =
  | { kind: 'add'; minutes: number; review: boolean }
  | { kind: 'remove' | 'up' | 'down' | 'openVote' | 'decide'; pick: number; outcome: Outcome }
  | { kind: 'length'; minutes: number }
  | { kind: 'moveStart'; hours: number }
  | { kind: 'publish' | 'cancel' | 'remind' | 'open' | 'close' | 'writeMinutes' | 'remindMinutes' | 'archive' | 'publishDecisions' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), minutes: fc.integer({ min: 1, max: 60 }), review: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('remove' as const, 'up' as const, 'down' as const, 'openVote' as const, 'decide' as const),
      pick: fc.nat(10),
      outcome: fc.constantFrom('adopted' as const, 'rejected' as const, 'deferred' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('length' as const), minutes: fc.integer({ min: 15, max: 180 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveStart' as const), hours: fc.integer({ min: -48, max: 72 }) }) },
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(
        'publish' as const,
        'cancel' as const,
        'remind' as const,
        'open' as const,
        'close' as const,
        'writeMinutes' as const,
        'remindMinutes' as const,
        'archive' as const,
        'publishDecisions' as const,
      )
      .map((kind) => ({ kind })),
  },
);

/** The usual way, up to a random point: an agenda, published, reminded, open, voted, closed, minutes, archived. */
const WAY: Step[] = [
  { kind: 'add', minutes: 20, review: false },
  { kind: 'add', minutes: 15, review: false },
  { kind: 'publish' },
  { kind: 'remind' },
  { kind: 'open' },
  { kind: 'openVote', pick: 0, outcome: 'adopted' },
  { kind: 'decide', pick: 0, outcome: 'adopted' },
  { kind: 'close' },
  { kind: 'remindMinutes' },
  { kind: 'writeMinutes' },
  { kind: 'archive' },
];

const chains = fc
  .tuple(fc.integer({ min: 0, max: WAY.length }), fc.array(fc.tuple(step, fc.integer({ min: 0, max: 26 * 60 })), { maxLength: 40 }))
  .map(([way, steps]) => [...WAY.slice(0, way).map((s) => [s, 12 * 60] as const), ...steps]);

interface Move {
  before: Meeting;
  event: MeetingEvent;
  now: string;
  after: Meeting | null;
  refusal: string | null;
  notices: number;
}

function eventFor(m: Meeting, s: Step): MeetingEvent {
  const pick = 'pick' in s ? m.agenda[s.pick % Math.max(1, m.agenda.length)] : undefined;
  const id = pick?.id ?? 'i99';
  switch (s.kind) {
    case 'add':
      return {
        type: 'setAgenda',
        agenda: [...m.agenda, { ...ITEM, id: `i${m.nextItem}`, topicId: `top_${m.nextItem}`, minutes: s.minutes, kind: s.review ? 'review' : 'decide' }],
        nextItem: m.nextItem + 1,
        change: '加入议程',
      };
    case 'remove':
      return { type: 'setAgenda', agenda: m.agenda.filter((i) => i.id !== id), nextItem: m.nextItem, change: '移出议程' };
    case 'up':
    case 'down':
      return { type: 'setAgenda', agenda: moveItem(m.agenda, id, s.kind), nextItem: m.nextItem, change: '调整顺序' };
    case 'openVote':
      return { type: 'openVote', itemId: id };
    case 'decide':
      return { type: 'decide', itemId: id, outcome: s.outcome, notes: '', tally: null };
    case 'length':
      return { type: 'edit', patch: { lengthMinutes: s.minutes } };
    case 'moveStart':
      return { type: 'edit', patch: { startAt: hours(m.startAt, s.hours) } };
    case 'publish':
      return { type: 'publish', invitees: INVITEES };
    case 'cancel':
      return { type: 'cancel', reason: '改期' };
    case 'writeMinutes':
      return { type: 'writeMinutes', text: '纪要' };
    default:
      return { type: s.kind };
  }
}
const ITEM = item('i0');

/** Each step as its own move at a clock that only goes forward. */
function play(steps: readonly (readonly [Step, number])[]): Move[] {
  let m = draft();
  let clock = Date.parse(NOW);
  const moves: Move[] = [];
  for (const [s, wait] of steps) {
    clock += wait * 60_000;
    const now = new Date(clock).toISOString();
    const event = eventFor(m, s);
    const run = runLifecycle(meetingLifecycle, m, [event], { now, by: event.type === 'remind' || event.type === 'remindMinutes' ? null : BY.by });
    if (!run.ok) {
      moves.push({ before: m, event, now, after: null, refusal: run.refusal.code, notices: 0 });
      continue;
    }
    moves.push({ before: m, event, now, after: run.change.after, refusal: null, notices: run.change.notify.length });
    m = run.change.after;
  }
  return moves;
}

describe('meeting lifecycle (property over random chains)', () => {
  it('a cancelled meeting stays cancelled; an archived one stays archived and takes only the 公示', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (mv.before.state === 'cancelled') expect(mv.refusal).toBe(NOT_ALLOWED_NOW);
          if (mv.before.state === 'archived') {
            if (mv.event.type !== 'publishDecisions') expect(mv.refusal).toBe(NOT_ALLOWED_NOW);
            if (mv.after) expect(mv.after.state).toBe('archived');
          }
          if (mv.after) expect(MEETING_STATES).toContain(mv.after.state);
        }
      }),
    );
  });

  it('the agenda never runs past the length, holds no item twice, and an item’s outcome is set once', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (!mv.after) continue;
          expect(agendaTotal(mv.after.agenda)).toBeLessThanOrEqual(mv.after.lengthMinutes);
          expect(new Set(mv.after.agenda.map((i) => i.id)).size).toBe(mv.after.agenda.length);
          for (const before of mv.before.agenda) {
            const after = mv.after.agenda.find((i) => i.id === before.id);
            if (before.outcome !== null && after) expect(after.outcome).toBe(before.outcome);
          }
        }
      }),
    );
  });

  it('a reminder moves the next one past now and before the start, so the job never finds it due again at once', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (!mv.after) continue;
          const r = mv.after.remindAt;
          // An edit that keeps the start keeps a reminder already due: the job sends it next.
          const moved = mv.event.type === 'edit' && mv.after.state === 'published' && mv.after.startAt !== mv.before.startAt;
          if (mv.event.type === 'remind' || mv.event.type === 'publish' || moved) {
            if (r !== null) {
              expect(r > mv.now).toBe(true);
              expect(r < mv.after.startAt).toBe(true);
            }
          }
          if (mv.after.state !== 'published') expect(mv.after.remindAt === null || mv.after.state === 'draft').toBe(true);
        }
      }),
    );
  });

  it('the minutes reminder is sent at most once, never when minutes exist, and the 公示 at most once', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        const moves = play(steps);
        const done = (type: string) => moves.filter((mv) => mv.after && mv.event.type === type);
        expect(done('remindMinutes').length).toBeLessThanOrEqual(1);
        for (const mv of done('remindMinutes')) expect(mv.before.minutes).toBeNull();
        expect(done('publishDecisions').length).toBeLessThanOrEqual(1);
        for (const mv of [...done('archive'), ...done('publishDecisions')]) expect(mv.before.minutes).toBeTruthy();
        for (const mv of moves) if (mv.after?.state === 'archived') expect(mv.after.minutes).toBeTruthy();
      }),
    );
  });

  it('a meeting in session or later was published with an agenda and invitees told', () => {
    fc.assert(
      fc.property(chains, (steps) => {
        for (const mv of play(steps)) {
          if (!mv.after || mv.after.state === 'draft' || mv.after.state === 'cancelled') continue;
          expect(mv.after.publishedAt).not.toBeNull();
          expect(mv.after.invitees).toEqual(INVITEES);
          if (['closed', 'archived'].includes(mv.after.state)) expect(mv.after.agenda.every((i) => i.outcome !== null && i.voting === 'closed')).toBe(true);
        }
      }),
    );
  });
});
