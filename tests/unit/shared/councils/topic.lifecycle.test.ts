import fc from 'fast-check';
import { EMPTY_TALLY, tally } from '../../../../shared/councils/agenda';
import { newAction, newTopic } from '../../../../shared/councils/topic.factory';
import {
  actionOverdue,
  completeSteps,
  FINAL_TOPIC_STATES,
  nextTopicState,
  raisersOf,
  supportSteps,
  topicLifecycle,
  TOPIC_STATES,
  wayReached,
  type Topic,
  type TopicAction,
  type TopicContext,
  type TopicEvent,
} from '../../../../shared/councils/topic.lifecycle';
import { allowedPairs, NOT_ALLOWED_NOW, runLifecycle, type Change, type SideWrite } from '../../../../shared/kernel/lifecycle';

/**
 * The topic lifecycle (议题) without a store: the table, what each step does, the guards, and
 * invariants over any chain of steps residents, a grid leader and the platform could take.
 */
const NOW = '2026-11-23T02:00:00.000Z';
const LATER = '2026-11-24T02:00:00.000Z';
const PATH = { streetId: 'S', communityId: 'C', gridId: 'G', microGridId: 'M', buildingId: 'B' };
const LEADER: TopicContext = { now: NOW, by: { id: 'L', name: '王网格长' } };
const RESIDENT = (id: string): TopicContext => ({ now: NOW, by: { id, name: id } });
const PLATFORM: TopicContext = { now: NOW, by: null };

/** Resident P's proposal in grid G, gathering support towards a threshold of 3. */
const proposal = (over: Partial<Topic> = {}): Topic => ({
  ...newTopic({
    authorId: 'P',
    clientKey: 'k-topic-01',
    title: '楼道堆物清理',
    description: '3 栋楼道杂物堆积，影响通行',
    photos: [],
    source: 'resident',
    path: PATH,
    meetingType: null,
    threshold: 3,
    now: NOW,
  }),
  ...over,
});

const action = (id: string, over: Partial<TopicAction> = {}): TopicAction => ({
  id,
  text: `行动${id}`,
  ownerId: 'O',
  ownerName: '李四',
  deadline: '2026-12-20',
  budget: 300,
  category: '公共设施',
  orderId: null,
  doneAt: null,
  doneNote: null,
  createdAt: NOW,
  ...over,
});

function changeOf(t: Topic, events: TopicEvent[], x: TopicContext = LEADER): Change<Topic> {
  const run = runLifecycle(topicLifecycle, t, events, x);
  if (!run.ok) throw new Error(`${run.event}: ${run.refusal.code}`);
  return run.change;
}
const refusalOf = (t: Topic, events: TopicEvent[], x: TopicContext = LEADER) => {
  const run = runLifecycle(topicLifecycle, t, events, x);
  return run.ok ? null : run.refusal;
};
const recipients = (c: Change<Topic>) => c.notify.map((n) => ('userId' in n.to ? n.to.userId : 'leadersOf' in n.to ? `leaders:${n.to.leadersOf.level}` : 'residents'));

// ---- the table --------------------------------------------------------------------------------

const A1 = action('a1');
const SAMPLES: TopicEvent[] = [
  { type: 'support', userId: 'u1' },
  { type: 'reach' },
  { type: 'adopt' },
  { type: 'decline', answer: '已由物业处理' },
  { type: 'merge', into: { _id: 'T2', title: '楼道清理', version: 1, proposerId: 'Q', supporters: [] } },
  { type: 'schedule', meetingId: 'm1', meetingTitle: '十一月议事会' },
  { type: 'unschedule', reason: '时间不够' },
  { type: 'decide', meetingId: 'm1', outcome: 'adopted', notes: '', tally: null, actions: [A1] },
  { type: 'decide', meetingId: 'm1', outcome: 'adopted', notes: '', tally: null, actions: [] },
  { type: 'decide', meetingId: 'm1', outcome: 'rejected', notes: '', tally: null, actions: [] },
  { type: 'decide', meetingId: 'm1', outcome: 'deferred', notes: '', tally: null, actions: [] },
  { type: 'addAction', action: A1 },
  { type: 'spawnOrder', actionId: 'a1', orderId: 'ord_1' },
  { type: 'completeAction', actionId: 'a1', note: '' },
  { type: 'finish' },
  { type: 'rate', userId: 'P', score: 5, comment: '' },
  { type: 'review', meetingId: 'm9' },
];

describe('topic lifecycle table', () => {
  it('allows exactly these (state, event, next state) triples', () => {
    expect(allowedPairs(topicLifecycle, SAMPLES)).toEqual([
      ['proposed', 'support', 'proposed'],
      ['proposed', 'reach', 'supported'],
      ['proposed', 'adopt', 'adopted'],
      ['proposed', 'decline', 'declined'],
      ['proposed', 'merge', 'merged'],
      ['supported', 'support', 'supported'],
      ['supported', 'adopt', 'adopted'],
      ['supported', 'decline', 'declined'],
      ['supported', 'merge', 'merged'],
      ['adopted', 'decline', 'declined'],
      ['adopted', 'merge', 'merged'],
      ['adopted', 'schedule', 'scheduled'],
      ['scheduled', 'unschedule', 'adopted'],
      ['scheduled', 'decide', 'acting'],
      ['scheduled', 'decide', 'decided'],
      ['scheduled', 'decide', 'rejected'],
      ['scheduled', 'decide', 'adopted'],
      ['decided', 'addAction', 'acting'],
      ['decided', 'finish', 'done'],
      ['acting', 'addAction', 'acting'],
      ['acting', 'spawnOrder', 'acting'],
      ['acting', 'completeAction', 'acting'],
      ['acting', 'finish', 'done'],
      ['done', 'rate', 'done'],
      ['done', 'review', 'done'],
    ]);
  });

  it('lets nothing out of a final state', () => {
    for (const state of FINAL_TOPIC_STATES) for (const e of SAMPLES) expect(nextTopicState(state, e)).toBeNull();
  });
});

// ---- one example per effect -----------------------------------------------------------------------

describe('topic effects', () => {
  it('support: adds the supporter, counts them, and says how many on the timeline', () => {
    const c = changeOf(proposal(), [{ type: 'support', userId: 'u1' }], RESIDENT('u1'));
    expect(c.after).toMatchObject({ state: 'proposed', supporters: ['u1'], supportCount: 1, updatedAt: NOW });
    expect(c.inc).toEqual({ supportCount: 1 });
    expect(c.timeline).toEqual([{ kind: 'support', text: '居民附议（共 1 人）' }]);
    expect(c.notify).toEqual([]);
  });

  it('the support that reaches the threshold hands the topic to the grid’s leaders', () => {
    const t = proposal({ supporters: ['u1', 'u2'], supportCount: 2 });
    const steps = supportSteps(t, 'u3');
    expect(steps).toEqual([{ type: 'support', userId: 'u3' }, { type: 'reach' }]);
    const c = changeOf(t, steps, RESIDENT('u3'));
    expect(c.after).toMatchObject({ state: 'supported', supportCount: 3, supporters: ['u1', 'u2', 'u3'] });
    expect(c.set.supportCount).toBeUndefined();
    expect(c.inc).toEqual({ supportCount: 1 });
    expect(c.timeline.map((l) => l.text)).toEqual(['居民附议（共 3 人）', '附议达到 3 人，已提交网格长']);
    expect(c.notify).toEqual([
      {
        to: { leadersOf: { path: PATH, level: 'grid' } },
        template: 'topic.supported',
        title: '居民议题附议已达标',
        body: '「楼道堆物清理」已有 3 位居民附议，请决定是否采纳',
        page: `/packages/councils/topic/index?id=${t._id}`,
        facts: { subject: '楼道堆物清理' },
      },
    ]);
    // One short of the threshold, or already handed on: no reach.
    expect(supportSteps(proposal({ supportCount: 1 }), 'u2')).toEqual([{ type: 'support', userId: 'u2' }]);
    expect(supportSteps({ ...t, state: 'supported', supportCount: 4 }, 'u9')).toEqual([{ type: 'support', userId: 'u9' }]);
  });

  it('adopt: records who and when, and tells the proposer and each supporter', () => {
    const c = changeOf(proposal({ supporters: ['u1', 'u2'], supportCount: 2 }), [{ type: 'adopt' }]);
    expect(c.set).toEqual({ state: 'adopted', adoptedAt: NOW, adoptedBy: 'L', updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'adopt', text: '网格长采纳为议题' }]);
    expect(recipients(c)).toEqual(['P', 'u1', 'u2']);
    expect(c.notify[0]).toMatchObject({ template: 'topic.adopted', title: '您提出的议题已被采纳' });
    expect(c.audit).toMatchObject({ event: 'topic.adopt' });
  });

  it('decline: keeps the written answer and sends it to the proposer and supporters', () => {
    const c = changeOf(proposal({ supporters: ['u1'], supportCount: 1 }), [{ type: 'decline', answer: '已由物业统一清理' }]);
    expect(c.set).toEqual({ state: 'declined', answer: '已由物业统一清理', updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'decline', text: '未采纳。答复：已由物业统一清理' }]);
    expect(recipients(c)).toEqual(['P', 'u1']);
    expect(c.notify[0]).toMatchObject({ template: 'topic.answered', body: '「楼道堆物清理」：已由物业统一清理' });
  });

  it('merge: points at the other topic and carries its raisers over as that topic’s supporters, once each', () => {
    const into = { _id: 'T2', title: '楼道清理', version: 4, proposerId: 'Q', supporters: ['u2', 'u3'] };
    const c = changeOf(proposal({ supporters: ['u1', 'u2', 'Q'], supportCount: 3 }), [{ type: 'merge', into }]);
    expect(c.set).toEqual({ state: 'merged', mergedInto: 'T2', updatedAt: NOW });
    // u2 once, P (this topic's proposer) now a supporter, Q not a supporter of their own topic.
    expect(c.writes).toEqual([
      { op: 'update', collection: 'topics', id: 'T2', version: 4, patch: { $set: { supporters: ['u2', 'u3', 'P', 'u1'], supportCount: 4, updatedAt: NOW } } },
    ]);
    expect(c.timeline).toEqual([{ kind: 'merge', text: '与议题「楼道清理」合并，附议人一并转入' }]);
    expect(recipients(c)).toEqual(['P', 'u1', 'u2', 'Q']);
    expect(c.audit).toMatchObject({ event: 'topic.merge', into: 'T2', carried: 4 });
  });

  it('schedule and unschedule: the meeting is set, then cleared with the reason on the timeline', () => {
    const adopted = proposal({ state: 'adopted' });
    const s = changeOf(adopted, [{ type: 'schedule', meetingId: 'm1', meetingTitle: '十一月议事会' }]);
    expect(s.set).toEqual({ state: 'scheduled', meetingId: 'm1', updatedAt: NOW });
    expect(s.timeline).toEqual([{ kind: 'schedule', text: '列入会议议程：十一月议事会' }]);
    const u = changeOf(s.after, [{ type: 'unschedule', reason: '时间不够' }]);
    expect(u.set).toEqual({ state: 'adopted', meetingId: null, updatedAt: NOW });
    expect(u.timeline).toEqual([{ kind: 'unschedule', text: '移出议程：时间不够' }]);
  });

  it('decide: keeps the decision and its actions, and tells the raisers the outcome', () => {
    const scheduled = proposal({ state: 'scheduled', meetingId: 'm1', supporters: ['u1'], supportCount: 1 });
    const t = tally([{ choice: 'agree' }, { choice: 'agree' }, { choice: 'oppose' }]);
    const c = changeOf(scheduled, [{ type: 'decide', meetingId: 'm1', outcome: 'adopted', notes: '周六清理', tally: t, actions: [A1] }]);
    expect(c.after).toMatchObject({ state: 'acting', meetingId: 'm1', actions: [A1], decision: { meetingId: 'm1', outcome: 'adopted', notes: '周六清理', tally: t, at: NOW } });
    expect(c.timeline).toEqual([{ kind: 'decide', text: '议事会表决：通过。周六清理。行动：行动a1（李四，2026-12-20 前）' }]);
    expect(recipients(c)).toEqual(['P', 'u1']);
    expect(c.notify[0]).toMatchObject({ template: 'topic.decided', body: '「楼道堆物清理」议事会表决：通过' });
    expect(c.audit).toMatchObject({ event: 'topic.decide', outcome: 'adopted', actions: 1 });
    // Without actions it is decided; rejected is final; deferred goes back to adopted, off the meeting.
    expect(changeOf(scheduled, [{ type: 'decide', meetingId: 'm1', outcome: 'adopted', notes: '', tally: null, actions: [] }]).after.state).toBe('decided');
    expect(changeOf(scheduled, [{ type: 'decide', meetingId: 'm1', outcome: 'rejected', notes: '', tally: EMPTY_TALLY, actions: [] }]).after.state).toBe('rejected');
    const deferred = changeOf(scheduled, [{ type: 'decide', meetingId: 'm1', outcome: 'deferred', notes: '下次再议', tally: null, actions: [] }]);
    expect(deferred.after).toMatchObject({ state: 'adopted', meetingId: null, decision: expect.objectContaining({ outcome: 'deferred' }) });
    expect(deferred.timeline[0]!.text).toBe('议事会表决：暂缓。下次再议');
  });

  it('addAction: appends the action item and names its owner and deadline', () => {
    const decided = proposal({ state: 'decided' });
    const a = newAction(decided, { text: '联系物业清运', ownerName: '李四', deadline: '2026-12-20', budget: 300, category: '公共设施' }, NOW);
    expect(a).toEqual(action('a1', { text: '联系物业清运', ownerId: null }));
    const c = changeOf(decided, [{ type: 'addAction', action: a }]);
    expect(c.set).toEqual({ state: 'acting', actions: [a], updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'action', text: '新增行动：联系物业清运（负责人 李四，2026-12-20 前）' }]);
    expect(c.audit).toMatchObject({ event: 'topic.addAction', budget: 300 });
  });

  it('spawnOrder: ties the action to its work order', () => {
    const acting = proposal({ state: 'acting', actions: [action('a1'), action('a2')] });
    const c = changeOf(acting, [{ type: 'spawnOrder', actionId: 'a2', orderId: 'ord_9' }]);
    expect(c.after.actions).toEqual([action('a1'), action('a2', { orderId: 'ord_9' })]);
    expect(c.timeline).toEqual([{ kind: 'order', text: '行动已派发为工单：行动a2' }]);
    expect(c.audit).toMatchObject({ event: 'topic.spawnOrder', orderId: 'ord_9' });
  });

  it('completeAction: marks one action done; the last one finishes the topic and asks the raisers to rate', () => {
    const acting = proposal({ state: 'acting', supporters: ['u1'], supportCount: 1, actions: [action('a1'), action('a2', { doneAt: NOW, doneNote: '' })] });
    expect(completeSteps(acting, 'a1', '已清运')).toEqual([{ type: 'completeAction', actionId: 'a1', note: '已清运' }, { type: 'finish' }]);
    expect(completeSteps({ actions: [action('a1'), action('a2')] }, 'a1', '')).toEqual([{ type: 'completeAction', actionId: 'a1', note: '' }]);
    const c = changeOf(acting, completeSteps(acting, 'a1', '已清运'), { ...PLATFORM, now: LATER });
    expect(c.after).toMatchObject({ state: 'done', doneAt: LATER });
    expect(c.after.actions[0]).toEqual(action('a1', { doneAt: LATER, doneNote: '已清运' }));
    expect(c.timeline).toEqual([
      { kind: 'actionDone', text: '行动完成：行动a1。已清运' },
      { kind: 'done', text: '议题办结，请提出和附议的居民评价落实效果' },
    ]);
    expect(recipients(c)).toEqual(['P', 'u1']);
    expect(c.notify[0]).toMatchObject({ template: 'topic.rate', title: '请评价议题落实效果' });
  });

  it('finish: a decided topic with nothing left to do is done', () => {
    const c = changeOf(proposal({ state: 'decided' }), [{ type: 'finish' }]);
    expect(c.set).toEqual({ state: 'done', doneAt: NOW, updatedAt: NOW });
  });

  it('rate: counts the score, remembers the rater and writes one rating document', () => {
    const done = proposal({ state: 'done', supporters: ['u1'], supportCount: 1, doneAt: NOW });
    const c = changeOf(done, [{ type: 'rate', userId: 'u1', score: 4, comment: '干净多了' }], RESIDENT('u1'));
    expect(c.after).toMatchObject({ state: 'done', raters: ['u1'], ratingCount: 1, ratingSum: 4 });
    expect(c.inc).toEqual({ ratingCount: 1, ratingSum: 4 });
    expect(c.writes).toEqual([
      { op: 'insert', collection: 'topic_ratings', doc: { _id: `${done._id}.u1`, topicId: done._id, userId: 'u1', score: 4, comment: '干净多了', path: PATH, at: NOW } },
    ]);
    expect(c.timeline).toEqual([{ kind: 'rate', text: '居民评价落实效果：★★★★「干净多了」' }]);
    expect(c.audit).toMatchObject({ event: 'topic.rate', score: 4 });
  });

  it('review: a 民主评议会 takes it up', () => {
    const c = changeOf(proposal({ state: 'done' }), [{ type: 'review', meetingId: 'm9' }]);
    expect(c.set).toEqual({ state: 'done', reviewedIn: 'm9', updatedAt: NOW });
    expect(c.timeline).toEqual([{ kind: 'review', text: '列入民主评议会议程，接受居民评议' }]);
  });
});

// ---- guards ---------------------------------------------------------------------------------------

describe('topic guards', () => {
  it('refuses a proposer supporting their own topic, and a second support by anyone', () => {
    expect(refusalOf(proposal(), [{ type: 'support', userId: 'P' }])).toEqual({ code: 'TOPIC.OWN_TOPIC', field: 'payload.topicId' });
    expect(refusalOf(proposal({ supporters: ['u1'], supportCount: 1 }), [{ type: 'support', userId: 'u1' }])).toEqual({
      code: 'TOPIC.ALREADY_SUPPORTED',
      field: 'payload.topicId',
    });
  });

  it('refuses to hand on a topic below its threshold, or to merge a topic into itself', () => {
    expect(refusalOf(proposal({ supportCount: 2 }), [{ type: 'reach' }])).toEqual({ code: 'TOPIC.BELOW_THRESHOLD' });
    const t = proposal();
    expect(refusalOf(t, [{ type: 'merge', into: { _id: t._id, title: t.title, version: 1, proposerId: 'P', supporters: [] } }])).toEqual({
      code: 'TOPIC.MERGE_INTO_ITSELF',
      field: 'payload.intoId',
    });
  });

  it('refuses a decision from a meeting whose agenda does not hold the topic', () => {
    expect(refusalOf(proposal({ state: 'scheduled', meetingId: 'm1' }), [{ type: 'decide', meetingId: 'm2', outcome: 'adopted', notes: '', tally: null, actions: [] }])).toEqual({
      code: 'TOPIC.NOT_ON_AGENDA',
      field: 'payload.itemId',
    });
  });

  it('spawns an action’s work order once, and none for an action that is done or unknown', () => {
    const acting = proposal({ state: 'acting', actions: [action('a1', { orderId: 'ord_1' }), action('a2', { doneAt: NOW }), action('a3')] });
    expect(refusalOf(acting, [{ type: 'spawnOrder', actionId: 'a1', orderId: 'ord_2' }])).toEqual({ code: 'TOPIC.ORDER_ALREADY_SPAWNED', field: 'payload.actionId' });
    expect(refusalOf(acting, [{ type: 'spawnOrder', actionId: 'a2', orderId: 'ord_2' }])).toEqual({ code: 'TOPIC.ORDER_ALREADY_SPAWNED', field: 'payload.actionId' });
    expect(refusalOf(acting, [{ type: 'spawnOrder', actionId: 'a9', orderId: 'ord_2' }])).toEqual({ code: 'TOPIC.ACTION_NOT_FOUND', field: 'payload.actionId' });
    // Pressed twice in one chain: the second is refused.
    expect(
      refusalOf(acting, [
        { type: 'spawnOrder', actionId: 'a3', orderId: 'ord_3' },
        { type: 'spawnOrder', actionId: 'a3', orderId: 'ord_4' },
      ]),
    ).toEqual({ code: 'TOPIC.ORDER_ALREADY_SPAWNED', field: 'payload.actionId' });
  });

  it('completes an action once, and finishes only when every action is done', () => {
    const acting = proposal({ state: 'acting', actions: [action('a1', { doneAt: NOW }), action('a2')] });
    expect(refusalOf(acting, [{ type: 'completeAction', actionId: 'a1', note: '' }])).toEqual({ code: 'TOPIC.ACTION_ALREADY_DONE', field: 'payload.actionId' });
    expect(refusalOf(acting, [{ type: 'completeAction', actionId: 'a7', note: '' }])).toEqual({ code: 'TOPIC.ACTION_NOT_FOUND', field: 'payload.actionId' });
    expect(refusalOf(acting, [{ type: 'finish' }])).toEqual({ code: 'TOPIC.ACTIONS_OPEN' });
  });

  it('lets only those who raised or supported the topic rate it, once each, and only when done', () => {
    const done = proposal({ state: 'done', supporters: ['u1'], supportCount: 1, raters: ['P'], ratingCount: 1, ratingSum: 5 });
    expect(refusalOf(done, [{ type: 'rate', userId: 'X', score: 5, comment: '' }])).toEqual({ code: 'TOPIC.NOT_A_RAISER', field: 'payload.topicId' });
    expect(refusalOf(done, [{ type: 'rate', userId: 'P', score: 1, comment: '' }])).toEqual({ code: 'TOPIC.ALREADY_RATED', field: 'payload.topicId' });
    expect(refusalOf(done, [{ type: 'rate', userId: 'u1', score: 3, comment: '' }])).toBeNull();
    expect(refusalOf({ ...done, state: 'acting' }, [{ type: 'rate', userId: 'u1', score: 3, comment: '' }])).toEqual({ code: NOT_ALLOWED_NOW });
  });
});

describe('helpers', () => {
  it('raisers are the proposer then the supporters, once each; a leader’s topic has only supporters', () => {
    expect(raisersOf({ proposerId: 'P', supporters: ['u1', 'P', 'u2'] })).toEqual(['P', 'u1', 'u2']);
    expect(raisersOf({ proposerId: null, supporters: ['u1'] })).toEqual(['u1']);
  });

  it('an action is overdue after its deadline day, unless done', () => {
    expect(actionOverdue({ deadline: '2026-11-22', doneAt: null }, '2026-11-23')).toBe(true);
    expect(actionOverdue({ deadline: '2026-11-23', doneAt: null }, '2026-11-23')).toBe(false);
    expect(actionOverdue({ deadline: '2026-11-22', doneAt: NOW }, '2026-11-23')).toBe(false);
  });

  it('the way: how far a topic has come', () => {
    const t = proposal();
    expect(wayReached(t)).toBe('proposed');
    expect(wayReached({ ...t, supportCount: 3 })).toBe('supported');
    expect(wayReached({ ...t, state: 'adopted', adoptedAt: NOW })).toBe('adopted');
    expect(wayReached({ ...t, state: 'scheduled', adoptedAt: NOW, meetingId: 'm1' })).toBe('scheduled');
    expect(wayReached({ ...t, state: 'decided', decision: { meetingId: 'm1', outcome: 'adopted', notes: '', tally: null, at: NOW } })).toBe('decided');
    expect(wayReached({ ...t, state: 'acting', actions: [A1] })).toBe('acting');
    expect(wayReached({ ...t, state: 'done', doneAt: NOW })).toBe('done');
    expect(wayReached({ ...t, state: 'done', doneAt: NOW, ratingCount: 1 })).toBe('rated');
  });
});

// ---- properties over random chains ----------------------------------------------------------------

/** What someone may try next; turned into events against the topic as it stands, as the handlers do. */
type Step =
  | { kind: 'support'; user: string }
  | { kind: 'adopt' | 'decline' | 'merge' | 'unschedule' | 'finish' | 'review' | 'addAction' }
  | { kind: 'schedule' | 'decide'; meeting: 'm1' | 'm2'; outcome: 'adopted' | 'rejected' | 'deferred'; actions: number }
  | { kind: 'spawnOrder' | 'completeAction'; actionId: string }
  | { kind: 'rate'; user: string; score: number };

const USERS = ['P', 'Q', 'u1', 'u2', 'u3', 'u4', 'X'];
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...USERS).map((user) => ({ kind: 'support' as const, user })) },
  { weight: 2, arbitrary: fc.constantFrom('adopt' as const, 'unschedule' as const, 'finish' as const, 'review' as const, 'addAction' as const).map((kind) => ({ kind })) },
  { weight: 1, arbitrary: fc.constantFrom('decline' as const, 'merge' as const).map((kind) => ({ kind })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('schedule' as const, 'decide' as const),
      meeting: fc.constantFrom('m1' as const, 'm2' as const),
      outcome: fc.constantFrom('adopted' as const, 'rejected' as const, 'deferred' as const),
      actions: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('spawnOrder' as const, 'completeAction' as const), actionId: fc.constantFrom('a1', 'a2', 'a3', 'a4') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rate' as const), user: fc.constantFrom(...USERS), score: fc.integer({ min: 1, max: 5 }) }) },
);
/**
 * Random chains seldom walk a topic all the way; each chain starts with the usual way up to a
 * random stage (supported, adopted, on an agenda, acting, done), then goes on at random.
 */
const WAY: Step[] = [
  { kind: 'support', user: 'u1' },
  { kind: 'support', user: 'u2' },
  { kind: 'support', user: 'u3' },
  { kind: 'adopt' },
  { kind: 'schedule', meeting: 'm1', outcome: 'adopted', actions: 0 },
  { kind: 'decide', meeting: 'm1', outcome: 'adopted', actions: 2 },
  { kind: 'spawnOrder', actionId: 'a1' },
  { kind: 'completeAction', actionId: 'a1' },
  { kind: 'completeAction', actionId: 'a2' },
];
const start = fc.record({ threshold: fc.integer({ min: 1, max: 4 }), way: fc.integer({ min: 0, max: WAY.length }) });

/** The topic T2 that duplicates are merged into, kept as the mover would from the side writes. */
interface Target {
  _id: string;
  version: number;
  proposerId: string;
  supporters: string[];
  supportCount: number;
}

interface Played {
  topics: Topic[];
  moves: { before: Topic; events: TopicEvent[]; after: Topic | null; refusal: string | null; writes: readonly SideWrite[] }[];
  target: Target;
  ratings: Record<string, number>;
  spawned: Record<string, string[]>;
}

let orders = 0;
function eventsFor(t: Topic, s: Step, target: Target, now: string): { events: TopicEvent[]; x: TopicContext } {
  const x: TopicContext = { now, by: { id: 'L', name: '王网格长' } };
  switch (s.kind) {
    case 'support':
      return { events: supportSteps(t, s.user), x: { now, by: { id: s.user, name: s.user } } };
    case 'adopt':
    case 'finish':
      return { events: [{ type: s.kind }], x };
    case 'decline':
      return { events: [{ type: 'decline', answer: '已由物业处理' }], x };
    case 'merge':
      return {
        events: [{ type: 'merge', into: { _id: target._id, title: '楼道清理', version: target.version, proposerId: target.proposerId, supporters: target.supporters } }],
        x,
      };
    case 'unschedule':
      return { events: [{ type: 'unschedule', reason: '改期' }], x };
    case 'review':
      return { events: [{ type: 'review', meetingId: 'm9' }], x };
    case 'addAction':
      return { events: [{ type: 'addAction', action: newAction(t, { text: '补充行动', ownerName: '李四', deadline: '2026-12-20', budget: 100, category: '公共设施' }, now) }], x };
    case 'schedule':
      return { events: [{ type: 'schedule', meetingId: s.meeting, meetingTitle: s.meeting }], x };
    case 'decide': {
      // The meeting's handler gives actions to an adopted item only.
      const n = s.outcome === 'adopted' ? s.actions : 0;
      const actions = Array.from({ length: n }, (_, i) => newAction(t, { text: `行动${i}`, ownerName: '李四', deadline: '2026-12-20', budget: 0, category: '公共设施' }, now, i));
      return { events: [{ type: 'decide', meetingId: s.meeting, outcome: s.outcome, notes: '', tally: null, actions }], x };
    }
    case 'spawnOrder':
      return { events: [{ type: 'spawnOrder', actionId: s.actionId, orderId: `ord_${++orders}` }], x };
    case 'completeAction':
      return { events: completeSteps(t, s.actionId, ''), x: { now, by: null } };
    case 'rate':
      return { events: [{ type: 'rate', userId: s.user, score: s.score, comment: '' }], x: { now, by: { id: s.user, name: s.user } } };
  }
}

/** Each step as its own move, as the handlers make them: a refused one changes nothing. */
function play(threshold: number, steps: readonly Step[]): Played {
  let t = proposal({ threshold });
  const played: Played = { topics: [t], moves: [], target: { _id: 'T2', version: 1, proposerId: 'Q', supporters: [], supportCount: 0 }, ratings: {}, spawned: {} };
  steps.forEach((s, i) => {
    const now = new Date(Date.parse(NOW) + i * 60_000).toISOString();
    const { events, x } = eventsFor(t, s, played.target, now);
    const run = runLifecycle(topicLifecycle, t, events, x);
    if (!run.ok) {
      played.moves.push({ before: t, events, after: null, refusal: run.refusal.code, writes: [] });
      return;
    }
    for (const w of run.change.writes) {
      if (w.op === 'insert') played.ratings[w.doc.userId as string] = (played.ratings[w.doc.userId as string] ?? 0) + 1;
      else {
        expect(w.version).toBe(played.target.version);
        played.target = { ...played.target, ...(w.patch.$set as Partial<Target>), version: played.target.version + 1 };
      }
    }
    for (const e of events) if (e.type === 'spawnOrder') (played.spawned[e.actionId] ??= []).push(e.orderId);
    played.moves.push({ before: t, events, after: run.change.after, refusal: null, writes: run.change.writes });
    t = run.change.after;
    played.topics.push(t);
  });
  return played;
}

const chains = fc.tuple(start, fc.array(step, { maxLength: 40 })).map(([{ threshold, way }, steps]) => [{ threshold }, [...WAY.slice(0, way), ...steps]] as const);

describe('topic lifecycle (property over random chains)', () => {
  it('a declined, rejected or merged topic stays so and takes no further step', () => {
    fc.assert(
      fc.property(chains, ([{ threshold }, steps]) => {
        const { moves } = play(threshold, steps);
        for (const m of moves) if (FINAL_TOPIC_STATES.includes(m.before.state)) expect([m.refusal, m.after]).toEqual([NOT_ALLOWED_NOW, null]);
      }),
    );
  });

  it('every move lands where the table says, and every state is one of the topic’s', () => {
    fc.assert(
      fc.property(chains, ([{ threshold }, steps]) => {
        for (const m of play(threshold, steps).moves) {
          if (!m.after) continue;
          const last = m.events.reduce<Topic['state'] | null>((s, e) => (s === null ? null : nextTopicState(s, e)), m.before.state);
          expect(m.after.state).toBe(last);
          expect(TOPIC_STATES).toContain(m.after.state);
        }
      }),
    );
  });

  it('counters never go below zero, and the support count is always the number of supporters', () => {
    fc.assert(
      fc.property(chains, ([{ threshold }, steps]) => {
        const { topics, target } = play(threshold, steps);
        for (const t of topics) {
          expect(t.supportCount).toBe(t.supporters.length);
          expect(new Set(t.supporters).size).toBe(t.supporters.length);
          expect(t.supporters).not.toContain(t.proposerId);
          expect(t.ratingCount).toBe(t.raters.length);
          expect(t.ratingCount).toBeGreaterThanOrEqual(0);
          expect(t.ratingSum).toBeGreaterThanOrEqual(t.ratingCount);
          expect(t.ratingSum).toBeLessThanOrEqual(5 * t.ratingCount);
          // A topic past the threshold stage without a leader has at least its threshold of supporters.
          if (t.state === 'supported') expect(t.supportCount).toBeGreaterThanOrEqual(t.threshold);
        }
        // The topic merged into: its carried-over supporters are counted the same way.
        expect(target.supportCount).toBe(target.supporters.length);
        expect(new Set(target.supporters).size).toBe(target.supporters.length);
        expect(target.supporters).not.toContain(target.proposerId);
      }),
    );
  });

  it('a rating is written once per rater, only by those who raised the topic, only when it is done', () => {
    fc.assert(
      fc.property(chains, ([{ threshold }, steps]) => {
        const { topics, ratings, moves } = play(threshold, steps);
        const last = topics.at(-1)!;
        for (const [user, n] of Object.entries(ratings)) {
          expect(n).toBe(1);
          expect(last.raters).toContain(user);
          expect(user === last.proposerId || last.supporters.includes(user)).toBe(true);
        }
        expect(Object.keys(ratings).length).toBe(last.ratingCount);
        for (const m of moves) if (m.after && m.events.some((e) => e.type === 'rate')) expect(m.before.state).toBe('done');
      }),
    );
  });

  it('an action spawns its work order at most once, and its order never changes after', () => {
    fc.assert(
      fc.property(chains, ([{ threshold }, steps]) => {
        const { spawned, topics } = play(threshold, steps);
        for (const ids of Object.values(spawned)) expect(ids).toHaveLength(1);
        const seen: Record<string, string> = {};
        for (const t of topics)
          for (const a of t.actions) {
            if (seen[a.id] !== undefined) expect(a.orderId).toBe(seen[a.id]);
            if (a.orderId) seen[a.id] = a.orderId;
          }
      }),
    );
  });

  it('a done topic has every action done; an acting one has some; action ids stay distinct', () => {
    fc.assert(
      fc.property(chains, ([{ threshold }, steps]) => {
        for (const t of play(threshold, steps).topics) {
          if (t.state === 'done') expect(t.actions.every((a) => a.doneAt !== null)).toBe(true);
          if (t.state === 'done') expect(t.doneAt).not.toBeNull();
          if (t.state === 'acting') expect(t.actions.length).toBeGreaterThan(0);
          expect(new Set(t.actions.map((a) => a.id)).size).toBe(t.actions.length);
          if (t.state === 'scheduled') expect(t.meetingId).not.toBeNull();
        }
      }),
    );
  });
});
