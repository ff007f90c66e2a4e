import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { call, councils, data, draft, GRID, later, MINUTES, MORNING, published, refusal, screenScene, seedTopic, START, userIdOf, type Json } from './meeting-helpers';

/**
 * A grid micro-council (微网格议事会) from the leader's draft to the 公示 of its decisions, through
 * the real gateway over SQLite: the agenda and its time, invitations, the two reminders, the three
 * ways of signing in, the live quorum, votes, a decision that becomes work, closing, the 48-hour
 * minutes reminder (once), minutes prefilled from what happened, archive and publication.
 */

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterEach(async () => {
  await gw.stop();
});

type Row = { recipientId: string; template: string; title: string; body: string };
const outbox = (template: string) => gw.store.find<Row & { _id: string }>('outbox', { template }, { limit: 1000 });
const recipients = async (template: string) => (await outbox(template)).map((r) => r.recipientId).sort();
const topicDoc = (id: string) => gw.store.get<Json>('topics', id);
const hoursAfter = (at: string, h: number) => new Date(Date.parse(at) + h * 3_600_000).toISOString();

describe('a grid micro-council, whole', () => {
  it('goes from the agenda to the decisions published, every person told what concerns them', async () => {
    const leader = PERSONAS.gridLeader;
    const [residentId, youngId, volunteerId, policeId, leaderId] = await Promise.all([
      userIdOf(gw, PERSONAS.resident),
      userIdOf(gw, PERSONAS.residentYoung),
      userIdOf(gw, PERSONAS.volunteer),
      userIdOf(gw, PERSONAS.police),
      userIdOf(gw, leader),
    ]);

    // 召集: a draft for the grid at the station, the police and volunteers invited by role, a 居民代表 by name.
    let m = await draft(gw, { inviteRoles: ['police', 'volunteer'], inviteeIds: [youngId] });
    expect(m).toEqual(expect.objectContaining({ state: 'draft', mine: true, placeLabel: '幸福里社区 › 幸福里第一网格', agenda: [], agendaTotal: 0 }));
    expect(m.allowedActions).toEqual(expect.arrayContaining(['edit', 'addItem', 'publish', 'cancel']));
    // Nobody else sees a draft.
    expect(refusal(await call(gw, PERSONAS.residentYoung, 'getMeeting', { meetingId: m.id }))).toBe('MEETING.NOT_FOUND');
    // Hidden and missing answer alike, field included, so the answer never tells that a meeting exists.
    expect(await call(gw, PERSONAS.residentYoung, 'getMeeting', { meetingId: m.id })).toEqual(await call(gw, PERSONAS.residentYoung, 'getMeeting', { meetingId: 'mt0000000000' }));

    // 议程: three adopted topics (one raised by 张桂英); the third would run 10 minutes over the hour.
    const t1 = await seedTopic(gw, { proposer: PERSONAS.resident });
    const t2 = await seedTopic(gw, { proposer: null });
    const t3 = await seedTopic(gw, { proposer: null });
    const add = (topicId: string, minutes: number) => call(gw, leader, 'addItem', { meetingId: m.id, topicId, presenterName: '李建国', minutes });
    m = data(await add(t1, 20), 'add t1').meeting;
    m = data(await add(t2, 20), 'add t2').meeting;
    const over = await add(t3, 30);
    expect(over.status).toBe(400);
    expect(over.body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'MEETING.AGENDA_OVERRUN', field: 'payload.minutes', message: expect.stringContaining('10 分钟') }),
    });
    expect((await topicDoc(t3)).state).toBe('adopted');
    m = data(await add(t3, 20), 'add t3').meeting;
    expect([m.agendaTotal, (await topicDoc(t1)).state, (await topicDoc(t1)).meetingId]).toEqual([60, 'scheduled', m.id]);
    // The same topic cannot go on twice.
    expect(refusal(await add(t1, 5))).toBe('MEETING.TOPIC_NOT_READY payload.topicId');

    // Up and down, large targets: i3 up one place; the first item up stays where it is.
    const order = (x: Json) => x.agenda.map((i: Json) => i.id);
    m = (await councils(gw, leader, 'moveItem', { meetingId: m.id, itemId: 'i3', direction: 'up' })).meeting;
    expect(order(m)).toEqual(['i1', 'i3', 'i2']);
    m = (await councils(gw, leader, 'moveItem', { meetingId: m.id, itemId: 'i1', direction: 'up' })).meeting;
    expect(order(m)).toEqual(['i1', 'i3', 'i2']);
    m = (await councils(gw, leader, 'moveItem', { meetingId: m.id, itemId: 'i1', direction: 'down' })).meeting;
    expect(order(m)).toEqual(['i3', 'i1', 'i2']);
    // Taken off again: its topic is free for another meeting.
    m = (await councils(gw, leader, 'removeItem', { meetingId: m.id, itemId: 'i3' })).meeting;
    expect(order(m)).toEqual(['i1', 'i2']);
    expect(await topicDoc(t3)).toEqual(expect.objectContaining({ state: 'adopted', meetingId: null }));

    // 发布: invitations to the role holders of the grid, the 居民代表 and the proposer; never to the convener.
    m = (await councils(gw, leader, 'publish', { meetingId: m.id })).meeting;
    expect(m.state).toBe('published');
    const invitedIds = m.invitees.map((i: Json) => i.userId).sort();
    expect(invitedIds).toEqual(expect.arrayContaining([residentId, youngId, volunteerId, policeId]));
    expect(invitedIds).not.toContain(leaderId);
    expect(m.invitees.find((i: Json) => i.userId === youngId)).toEqual(expect.objectContaining({ via: 'name', roleLabel: '居民代表' }));
    expect(m.invitees.find((i: Json) => i.userId === residentId)).toEqual(expect.objectContaining({ via: 'proposer' }));
    expect(m.invitees.find((i: Json) => i.userId === policeId)).toEqual(expect.objectContaining({ via: 'role', roleLabel: '社区民警/辅警' }));
    expect(await recipients('meeting.invited')).toEqual(invitedIds);
    // My invitations.
    const mine = await councils(gw, PERSONAS.residentYoung, 'listMeetings', { view: 'mine' });
    expect(mine.meetings.map((x: Json) => [x.id, x.invited])).toEqual([[m.id, true]]);

    // 提醒: the day before and an hour before, each once, however often the scheduler runs.
    await gw.tick(later(hoursAfter(START, -24), -1));
    expect(await outbox('meeting.reminder')).toHaveLength(0);
    await gw.tick(hoursAfter(START, -24));
    await gw.tick(later(hoursAfter(START, -24), 30));
    expect(await recipients('meeting.reminder')).toEqual(invitedIds);
    await gw.tick(later(START, -61));
    expect(await outbox('meeting.reminder')).toHaveLength(invitedIds.length);
    await gw.tick(later(START, -60));
    await gw.tick(later(START, -30));
    expect(await recipients('meeting.reminder')).toEqual([...invitedIds, ...invitedIds].sort());
    expect((await outbox('meeting.reminder')).map((r) => r.body)).toEqual(expect.arrayContaining([expect.stringContaining('明天'), expect.stringContaining('一小时后')]));

    // 开会.
    await gw.tick(START);
    m = (await councils(gw, leader, 'open', { meetingId: m.id })).meeting;
    expect(m.state).toBe('inSession');

    // 签到 by the screen's code; a photo of an old code is refused.
    const old = await screenScene(gw, m.id);
    expect(old.length).toBeLessThanOrEqual(32);
    const scan = data(await gw.call(PERSONAS.volunteer, 'stations', 'scan', { scene: old }), 'scan');
    expect(scan).toEqual(expect.objectContaining({ kind: 'meeting', offers: ['signInMeeting'], meetingId: m.id }));
    await gw.tick(later(START, 3));
    const stale = await call(gw, PERSONAS.volunteer, 'signIn', { meetingId: m.id, scene: old });
    expect([stale.status, refusal(stale)]).toEqual([409, 'CODE.EXPIRED payload.scene']);
    expect(refusal(await gw.call(PERSONAS.volunteer, 'stations', 'scan', { scene: old }))).toBe('CODE.EXPIRED payload.scene');
    const first = await councils(gw, PERSONAS.volunteer, 'signIn', { meetingId: m.id, scene: await screenScene(gw, m.id) });
    expect(first).toEqual(expect.objectContaining({ name: '王志强', already: false }));
    const again = await councils(gw, PERSONAS.volunteer, 'signIn', { meetingId: m.id, scene: await screenScene(gw, m.id) });
    expect(again.already).toBe(true);
    // By the leader scanning the police officer's personal code, by picking the 居民代表, by hand for 王大爷.
    const personal = data(await gw.call(PERSONAS.police, 'stations', 'myCode', {}), 'myCode').scene;
    expect(await councils(gw, leader, 'signInFor', { meetingId: m.id, scene: personal })).toEqual(expect.objectContaining({ name: '孙磊', already: false }));
    expect(refusal(await call(gw, leader, 'signInFor', { meetingId: m.id, scene: await screenScene(gw, m.id) }))).toBe('CODE.WRONG_KIND payload.scene');
    await councils(gw, leader, 'signInFor', { meetingId: m.id, userId: youngId });
    expect(refusal(await call(gw, leader, 'signInFor', { meetingId: m.id, userId: leaderId }))).toBe('COMMON.NOT_FOUND payload.userId');
    const byHand = await councils(gw, leader, 'signInFor', { meetingId: m.id, name: '王大爷' });
    expect(byHand.quorum).toEqual(expect.objectContaining({ invited: invitedIds.length, present: 3 }));

    // The quorum, live: invitees present against more than half of those invited.
    m = (await councils(gw, leader, 'getMeeting', { meetingId: m.id })).meeting;
    expect(m.quorum).toEqual({ invited: invitedIds.length, present: 3, needed: Math.floor(invitedIds.length / 2) + 1, reached: 3 > invitedIds.length / 2 });
    expect(m.attendees.map((a: Json) => [a.name, a.via, a.invited])).toEqual([
      ['王志强', 'code', true],
      ['孙磊', 'scan', true],
      ['刘子涵', 'pick', true],
      ['王大爷', 'hand', false],
    ]);
    expect(
      m.invitees
        .filter((i: Json) => i.present)
        .map((i: Json) => i.userId)
        .sort(),
    ).toEqual([volunteerId, policeId, youngId].sort());

    // 表决 on the first item.
    expect(refusal(await call(gw, PERSONAS.volunteer, 'vote', { meetingId: m.id, itemId: 'i1', choice: 'agree' }))).toBe('MEETING.VOTE_NOT_OPEN payload.itemId');
    await councils(gw, leader, 'openVote', { meetingId: m.id, itemId: 'i1' });
    await councils(gw, PERSONAS.volunteer, 'vote', { meetingId: m.id, itemId: 'i1', choice: 'agree' });
    await councils(gw, PERSONAS.police, 'vote', { meetingId: m.id, itemId: 'i1', choice: 'agree' });
    await councils(gw, PERSONAS.residentYoung, 'vote', { meetingId: m.id, itemId: 'i1', choice: 'oppose' });
    expect(refusal(await call(gw, PERSONAS.resident, 'vote', { meetingId: m.id, itemId: 'i1', choice: 'agree' }))).toBe('MEETING.NOT_SIGNED_IN payload.meetingId');
    const seen = (await councils(gw, PERSONAS.volunteer, 'getMeeting', { meetingId: m.id })).meeting;
    expect(seen.agenda[0]).toEqual(expect.objectContaining({ voting: 'open', tally: { agree: 2, oppose: 1, abstain: 0, total: 3 }, myChoice: 'agree', voted: true }));
    expect(seen.allowedActions).toEqual(['vote']);

    // 结果 with an action item: the topic is under way (落实中) with its action.
    const action = { text: '清理三号楼楼道堆物', ownerName: '孙磊', deadline: '2026-12-05', budget: 200, category: '环境卫生' };
    m = (await councils(gw, leader, 'decide', { meetingId: m.id, itemId: 'i1', outcome: 'adopted', notes: '同意集中清理', actions: [action] })).meeting;
    expect(m.agenda[0]).toEqual(expect.objectContaining({ outcome: 'adopted', voting: 'closed', tally: { agree: 2, oppose: 1, abstain: 0, total: 3 } }));
    const decidedTopic = await topicDoc(t1);
    expect(decidedTopic).toEqual(expect.objectContaining({ state: 'acting', meetingId: m.id }));
    expect(decidedTopic.decision).toEqual(expect.objectContaining({ meetingId: m.id, outcome: 'adopted', tally: { agree: 2, oppose: 1, abstain: 0, total: 3 } }));
    expect(decidedTopic.actions).toEqual([expect.objectContaining({ id: 'a1', text: action.text, budget: 200, orderId: null })]);
    expect(refusal(await call(gw, leader, 'decide', { meetingId: m.id, itemId: 'i1', outcome: 'rejected' }))).toBe('MEETING.ITEM_DECIDED payload.itemId');

    // 结束: the second item, never voted, is deferred and its topic back to adopted.
    const closedAt = later(START, 90);
    await gw.tick(closedAt);
    m = (await councils(gw, leader, 'close', { meetingId: m.id })).meeting;
    expect([m.state, m.agenda[1].outcome]).toEqual(['closed', 'deferred']);
    expect(await topicDoc(t2)).toEqual(expect.objectContaining({ state: 'adopted', meetingId: null }));

    // Not archived without minutes.
    expect(refusal(await call(gw, leader, 'archive', { meetingId: m.id }))).toBe('MEETING.MINUTES_REQUIRED payload.meetingId');

    // The convener is reminded once, 48 hours after the close, however often the scheduler runs.
    await gw.tick(hoursAfter(closedAt, 47));
    expect(await outbox('meeting.minutesDue')).toHaveLength(0);
    for (const h of [48, 48.5, 60, 96]) await gw.tick(hoursAfter(closedAt, h));
    expect(await recipients('meeting.minutesDue')).toEqual([leaderId]);

    // 纪要: prefilled with the attendance, the items, the votes and the outcomes.
    m = (await councils(gw, leader, 'getMeeting', { meetingId: m.id })).meeting;
    const draftText: string = m.minutesDraft;
    for (const part of [
      '应到',
      '实到 3 人',
      '列席 1 人',
      '王大爷（列席）',
      '1. 议题',
      '同意 2，反对 1，弃权 0',
      '结果：通过。同意集中清理',
      '行动：清理三号楼楼道堆物（负责人 孙磊，2026-12-05 前，预算 200 元）',
      '结果：暂缓',
      '讨论情况：',
    ]) {
      expect(draftText).toContain(part);
    }
    // Only the organisers see the draft.
    expect((await councils(gw, PERSONAS.volunteer, 'getMeeting', { meetingId: m.id })).meeting.minutesDraft).toBeNull();
    m = (await councils(gw, leader, 'writeMinutes', { meetingId: m.id, text: `${draftText}\n${MINUTES}` })).meeting;
    expect([m.minutes, m.minutesDraft]).toEqual([`${draftText}\n${MINUTES}`, null]);

    // 归档 and 公示: the invitees get the minutes, every resident of the grid the notice.
    m = (await councils(gw, leader, 'archive', { meetingId: m.id })).meeting;
    expect(m.state).toBe('archived');
    m = (await councils(gw, leader, 'publishDecisions', { meetingId: m.id })).meeting;
    expect(m.decisionsPublishedAt).not.toBeNull();
    expect(await recipients('meeting.minutes')).toEqual(invitedIds);
    const residents = (await gw.store.find<{ _id: string }>('users', { 'home.path.gridId': GRID }, { limit: 1000 })).map((u) => u._id).sort();
    expect(await recipients('council.decision')).toEqual(residents);
    expect(refusal(await call(gw, leader, 'publishDecisions', { meetingId: m.id }))).not.toBe('ok');
    const board = await councils(gw, PERSONAS.residentYoung, 'decisions', { gridId: GRID });
    expect(board.decisions.map((d: Json) => d.meetingId)).toEqual([m.id]);
    // The minutes reminder never came again.
    await gw.tick(hoursAfter(closedAt, 200));
    expect(await outbox('meeting.minutesDue')).toHaveLength(1);
  }, 60_000);

  it('tells the invitees of a new time and of a cancellation with its reason, and frees its topics', async () => {
    const leader = PERSONAS.gridLeader;
    const youngId = await userIdOf(gw, PERSONAS.residentYoung);
    const m = await published(gw, { inviteeIds: [youngId] });
    const invited = m.invitees.map((i: Json) => i.userId).sort();
    const topicId = m.agenda[0].topicId;
    expect((await topicDoc(topicId)).state).toBe('scheduled');

    // A published meeting's invitations stay as they went out; its time may change, and they are told.
    const widen = await call(gw, leader, 'editMeeting', { meetingId: m.id, inviteeIds: [] });
    expect(widen.body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'MEETING.NOT_ALLOWED_NOW', field: 'payload.inviteeIds', message: expect.stringContaining('邀请名单') }),
    });
    expect(refusal(await call(gw, leader, 'editMeeting', { meetingId: m.id, startAt: '2026-11-20T06:00:00+00:00' }))).toBe('MEETING.START_IN_PAST payload.startAt');
    const moved = (await councils(gw, leader, 'editMeeting', { meetingId: m.id, startAt: '2026-11-26T14:00:00+08:00' })).meeting;
    expect(moved.startAt).toBe('2026-11-26T06:00:00.000Z');
    const told = (await outbox('meeting.invited')).filter((r) => r.title === '会议时间有变');
    expect(told.map((r) => r.recipientId).sort()).toEqual(invited);

    const cancelled = (await councils(gw, leader, 'cancel', { meetingId: m.id, reason: '会议室临时检修' })).meeting;
    expect([cancelled.state, cancelled.cancelReason, cancelled.allowedActions]).toEqual(['cancelled', '会议室临时检修', []]);
    const rows = await outbox('meeting.cancelled');
    expect(rows.map((r) => r.recipientId).sort()).toEqual(invited);
    expect(rows.every((r) => r.body.includes('会议室临时检修'))).toBe(true);
    expect(await topicDoc(topicId)).toEqual(expect.objectContaining({ state: 'adopted', meetingId: null }));
    // Nothing more to remind of.
    await gw.tick(later(START, -60));
    expect(await outbox('meeting.reminder')).toHaveLength(0);
  }, 30_000);

  it('sends one reminder when the scheduler wakes after both were due, and none once the meeting began', async () => {
    const m = await published(gw);
    const invited = m.invitees.length;
    // The scheduler was down until half an hour before the start: one reminder, not two.
    await gw.tick(later(START, -30));
    expect(await outbox('meeting.reminder')).toHaveLength(invited);
    expect((await outbox('meeting.reminder'))[0]!.body).toContain('一小时后');
    await gw.tick(later(START, -29));
    await gw.tick(later(START, 120));
    expect(await outbox('meeting.reminder')).toHaveLength(invited);
    expect((await gw.store.get<Json>('meetings', m.id))!.remindAt).toBeNull();
  });

  it('says by how many minutes a shorter meeting would leave its agenda over', async () => {
    const m = await draft(gw, { lengthMinutes: 60 });
    const topicId = await seedTopic(gw);
    await councils(gw, PERSONAS.gridLeader, 'addItem', { meetingId: m.id, topicId, presenterName: '李建国', minutes: 40 });
    const res = await call(gw, PERSONAS.gridLeader, 'editMeeting', { meetingId: m.id, lengthMinutes: 30 });
    expect(res.body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'MEETING.AGENDA_OVERRUN', field: 'payload.lengthMinutes', message: expect.stringContaining('10 分钟') }),
    });
  });

  it('lets a 民主评议会 take its grid’s done topics in one step, each marked reviewed', async () => {
    const done = [await seedTopic(gw, { state: 'done' }), await seedTopic(gw, { state: 'done' })];
    await seedTopic(gw, { state: 'done', gridId: 'cm01-gd2' });
    const other = await draft(gw);
    expect(refusal(await call(gw, PERSONAS.gridLeader, 'takeDoneTopics', { meetingId: other.id }))).toBe('MEETING.NOT_ALLOWED_NOW payload.meetingId');
    const m = await draft(gw, { type: '民主评议会', lengthMinutes: 15 });
    expect(m.anonymous).toBe(true);
    const taken = (await councils(gw, PERSONAS.gridLeader, 'takeDoneTopics', { meetingId: m.id })).meeting;
    // Two topics in 15 minutes: 7 minutes each rather than 10.
    expect(taken.agenda.map((i: Json) => [i.topicId, i.kind, i.minutes]).sort()).toEqual(done.map((id) => [id, 'review', 7]).sort());
    for (const id of done) expect((await topicDoc(id)).reviewedIn).toBe(m.id);
    expect(refusal(await call(gw, PERSONAS.gridLeader, 'takeDoneTopics', { meetingId: m.id }))).toBe('MEETING.NO_REVIEW_TOPICS payload.meetingId');
  });
});
