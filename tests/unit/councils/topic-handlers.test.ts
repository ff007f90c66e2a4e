import fc from 'fast-check';
import { councilMeasures, minutesOnTime, monthAfter, monthsBetween } from '../../../cloudfunctions/councils/actions/measures';
import { mergeTargetOk } from '../../../cloudfunctions/councils/actions/merge';
import { FILTER_STATES } from '../../../cloudfunctions/councils/actions/list-topics';
import { followSteps } from '../../../cloudfunctions/councils/topic-jobs';
import { authorizeTopic } from '../../../cloudfunctions/councils/topic-steps';
import type { TopicDoc } from '../../../cloudfunctions/councils/topic-store';
import type { Actor } from '../../../shared/accounts/accounts.policy';
import { TOPIC_ACTIONS, TOPIC_FILTERS } from '../../../shared/councils/councils.schema';
import { allowedTopicActions, topicRelation } from '../../../shared/councils/councils.policy';
import { newAction, newTopic } from '../../../shared/councils/topic.factory';
import { topicLifecycle, TOPIC_STATES, type TopicAction, type TopicEvent } from '../../../shared/councils/topic.lifecycle';
import { runLifecycle } from '../../../shared/kernel/lifecycle';
import { ACTORS, PATHS } from '../shared/actors.fixture';

/** The pure parts of the topic handlers: the measures, the follow-up job's steps, merge targets, list filters, and authorization. */

const G1 = PATHS.G1;
const NOW = '2026-11-23T02:00:00.000Z';

const base = (over: Partial<TopicDoc> = {}): TopicDoc =>
  ({
    ...newTopic({ authorId: 'p', clientKey: 'k', title: '路灯', description: '路灯坏了很久', photos: [], source: 'resident', path: G1, meetingType: null, threshold: 2, now: NOW }),
    ...over,
  }) as TopicDoc;

const action = (i: number, over: Partial<TopicAction> = {}): TopicAction => ({
  ...newAction({ actions: [] }, { text: `行动${i}`, ownerName: '李', deadline: '2026-11-30', budget: 0, category: '其他' }, NOW, i - 1),
  ...over,
});

describe('months', () => {
  it('lists the months between two, across a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-11')).toEqual(['2026-11']);
    expect(monthAfter('2026-12')).toBe('2027-01');
    expect(monthAfter('2026-09')).toBe('2026-10');
  });
});

describe('minutes on time', () => {
  it('counts minutes written within 48 hours of the end, and none without an end or minutes', () => {
    const closedAt = '2026-11-10T04:00:00.000Z';
    expect(minutesOnTime({ closedAt, minutesAt: '2026-11-12T04:00:00.000Z' })).toBe(true);
    expect(minutesOnTime({ closedAt, minutesAt: '2026-11-12T04:00:00.001Z' })).toBe(false);
    expect(minutesOnTime({ closedAt, minutesAt: null })).toBe(false);
    expect(minutesOnTime({ closedAt: null, minutesAt: closedAt })).toBe(false);
  });
});

describe('council measures', () => {
  const grids = [
    { _id: 'G1', name: '一网格' },
    { _id: 'G2', name: '二网格' },
  ];
  const meeting = fc.record({
    path: fc.constantFrom({ gridId: 'G1' }, { gridId: 'G2' }, { gridId: 'G9' }),
    month: fc.constantFrom('2026-10', '2026-11', '2026-12'),
    state: fc.constantFrom('draft', 'published', 'inSession', 'closed', 'archived', 'cancelled' as const),
    closedAt: fc.constantFrom(null, '2026-11-10T04:00:00.000Z'),
    minutesAt: fc.constantFrom(null, '2026-11-11T04:00:00.000Z', '2026-11-20T04:00:00.000Z'),
    agenda: fc.array(fc.record({ kind: fc.constantFrom('decide', 'review' as const), outcome: fc.constantFrom(null, 'adopted', 'rejected', 'deferred' as const) }), {
      maxLength: 4,
    }),
  });
  const topic = fc.record({
    path: fc.constantFrom({ gridId: 'G1' }, { gridId: 'G2' }),
    actions: fc.array(
      fc.record({
        deadline: fc.constantFrom('2026-10-31', '2026-11-15', '2026-12-01'),
        doneAt: fc.constantFrom(null, '2026-11-14T16:30:00.000Z', '2026-11-15T15:59:00.000Z', '2026-11-15T16:00:00.000Z'),
      }),
      { maxLength: 3 },
    ),
  });
  const rating = fc.record({
    path: fc.constantFrom({ gridId: 'G1' }, { gridId: 'G2' }),
    at: fc.constantFrom('2026-10-31T16:00:00.000Z', '2026-11-30T15:59:59.000Z'),
    score: fc.integer({ min: 1, max: 5 }),
  });

  it('has a row per grid and month, totals that add the rows up, and shares only where there is something to divide', () => {
    fc.assert(
      fc.property(fc.array(meeting, { maxLength: 8 }), fc.array(topic, { maxLength: 5 }), fc.array(rating, { maxLength: 6 }), (meetings, topics, ratings) => {
        const m = councilMeasures({ grids, months: ['2026-11', '2026-12'], meetings: meetings as never, topics: topics as never, ratings: ratings as never });
        expect(m.rows.map((r) => `${r.gridId}|${r.month}`)).toEqual(['G1|2026-11', 'G1|2026-12', 'G2|2026-11', 'G2|2026-12']);
        const sum = (k: 'meetingsHeld' | 'minutesOnTime' | 'actionsDue' | 'actionsDoneOnTime' | 'ratingCount' | 'ratingSum' | 'decisionsAdopted') =>
          m.rows.reduce((s, r) => s + r[k], 0);
        expect(m.totals.meetingsHeld).toBe(sum('meetingsHeld'));
        expect(m.totals.decisionsAdopted).toBe(sum('decisionsAdopted'));
        expect(m.totals.minutesOnTimeShare === null).toBe(sum('meetingsHeld') === 0);
        expect(m.totals.actionsDoneOnTimeShare === null).toBe(sum('actionsDue') === 0);
        expect(m.totals.ratingAverage === null).toBe(sum('ratingCount') === 0);
        for (const r of m.rows) {
          expect(r.minutesOnTime).toBeLessThanOrEqual(r.meetingsHeld);
          expect(r.actionsDoneOnTime).toBeLessThanOrEqual(r.actionsDue);
        }
        // Held meetings of the months and grids asked for, and nothing else.
        const held = meetings.filter((x) => ['closed', 'archived'].includes(x.state) && x.path.gridId !== 'G9' && x.month !== '2026-10');
        expect(sum('meetingsHeld')).toBe(held.length);
        if (m.totals.ratingAverage !== null) expect(m.totals.ratingAverage).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('counts an action done on its deadline day (Beijing) as on time, and the next day as late', () => {
    const topics = [
      {
        path: { gridId: 'G1' },
        actions: [
          { deadline: '2026-11-15', doneAt: '2026-11-15T15:59:00.000Z' }, // 23:59 on the 15th in Beijing
          { deadline: '2026-11-15', doneAt: '2026-11-15T16:00:00.000Z' }, // 00:00 on the 16th
          { deadline: '2026-11-15', doneAt: null },
        ],
      },
    ];
    const m = councilMeasures({ grids, months: ['2026-11'], meetings: [], topics: topics as never, ratings: [] });
    expect(m.rows[0]).toEqual(expect.objectContaining({ actionsDue: 3, actionsDoneOnTime: 1 }));
    expect(m.totals.actionsDoneOnTimeShare).toBe(0.333);
  });
});

describe('following work orders', () => {
  it('completes the actions whose orders are done, and finishes the topic after the last', () => {
    const t = base({ state: 'acting', actions: [action(1, { orderId: 'o1' }), action(2, { orderId: 'o2' }), action(3, { orderId: null })] });
    expect(followSteps(t, new Set(['o1'])).map((s) => s.type)).toEqual(['completeAction']);
    expect(followSteps(t, new Set(['o9']))).toEqual([]);
    const last = { ...t, actions: [action(1, { orderId: 'o1' }), action(2, { orderId: 'o2' })] };
    expect(followSteps(last, new Set(['o1', 'o2'])).map((s) => s.type)).toEqual(['completeAction', 'completeAction', 'finish']);
  });

  it('makes steps the lifecycle always takes: done exactly when every action is', () => {
    const item = fc.record({ order: fc.constantFrom(null, 'o1', 'o2', 'o3'), done: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), fc.subarray(['o1', 'o2', 'o3']), (items, doneOrders) => {
        const actions = items.map((x, i) => action(i + 1, { orderId: x.order, doneAt: x.done ? NOW : null }));
        if (actions.every((a) => a.doneAt)) return; // a topic with nothing open is not acting
        const t = base({ state: 'acting', actions });
        const steps = followSteps(t, new Set(doneOrders));
        const run = runLifecycle(topicLifecycle, t, steps, { now: NOW, by: null });
        expect(run.ok).toBe(true);
        if (!run.ok) return;
        const after = run.change.after;
        expect(after.state === 'done').toBe(after.actions.every((a) => a.doneAt !== null));
        for (const a of after.actions) if (a.orderId && doneOrders.includes(a.orderId)) expect(a.doneAt).not.toBeNull();
        // A second pass has nothing to do.
        expect(followSteps(after, new Set(doneOrders))).toEqual([]);
      }),
    );
  });
});

describe('merge targets and list filters', () => {
  it('merges only into an open topic of the same grid', () => {
    const from = base();
    expect(mergeTargetOk(from, base({ state: 'supported' }))).toBe(true);
    expect(mergeTargetOk(from, base({ state: 'acting' }))).toBe(true);
    for (const state of ['done', 'declined', 'rejected', 'merged'] as const) expect(mergeTargetOk(from, base({ state }))).toBe(false);
    expect(mergeTargetOk(from, base({ path: PATHS.G3 }))).toBe(false);
  });

  it('puts every state under exactly one filter besides all', () => {
    const named = TOPIC_FILTERS.filter((f) => f !== 'all').flatMap((f) => FILTER_STATES[f]!);
    expect([...named].sort()).toEqual([...TOPIC_STATES].sort());
    expect(FILTER_STATES.all).toBeNull();
  });
});

describe('authorizing topic actions', () => {
  const home = (a: Actor): Actor => ({ ...a, user: { ...a.user, home: { buildingId: 'B1', room: '1-101', path: G1 } } });
  const people: Record<string, Actor> = { ...ACTORS, 'resident@G1': home(ACTORS.resident!), 'volunteer@G1+home': home(ACTORS['volunteer@G1']!) };
  const eventOf = (a: (typeof TOPIC_ACTIONS)[number], actionId: string): TopicEvent => {
    switch (a) {
      case 'support':
        return { type: 'support', userId: 'me' };
      case 'decline':
        return { type: 'decline', answer: '答复' };
      case 'merge':
        return { type: 'merge', into: { _id: 'other', title: '另一个', version: 1, proposerId: null, supporters: [] } };
      case 'addAction':
        return { type: 'addAction', action: action(9) };
      case 'spawnOrder':
        return { type: 'spawnOrder', actionId, orderId: 'o9' };
      case 'completeAction':
        return { type: 'completeAction', actionId, note: '' };
      case 'rate':
        return { type: 'rate', userId: 'me', score: 4, comment: '' };
      default:
        return { type: a };
    }
  };

  it('lets nothing through (authorize, then the lifecycle) that allowedActions does not offer; hides what the caller may not see', () => {
    const topic = fc.record({
      state: fc.constantFrom(...TOPIC_STATES),
      private: fc.boolean(),
      proposerId: fc.constantFrom(null, 'me', 'p'),
      supporters: fc.subarray(['me', 's1']),
      raters: fc.subarray(['me', 's1']),
      actions: fc.array(fc.record({ order: fc.boolean(), done: fc.boolean() }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(topic, fc.constantFrom(...Object.keys(people)), fc.constantFrom(...TOPIC_ACTIONS), fc.constantFrom('a1', 'a2', 'a9'), (shape, who, act, actionId) => {
        const t = base({
          state: shape.state,
          private: shape.private,
          proposerId: shape.proposerId,
          createdBy: shape.proposerId ?? 'leader',
          supporters: shape.supporters.filter((s) => s !== shape.proposerId),
          raters: shape.raters,
          actions: shape.actions.map((x, i) => action(i + 1, { orderId: x.order ? `o${i}` : null, doneAt: x.done ? NOW : null })),
        });
        t.supportCount = t.supporters.length;
        const caller = people[who]!;
        const r = topicRelation(caller, t);
        const decision = authorizeTopic(act, caller, t);
        const offered = allowedTopicActions(r, t);
        if (offered.includes(act)) expect(decision).toEqual({ allow: true });
        if (!authorizeTopic('get', caller, t).allow) expect(decision).toEqual({ allow: false, code: 'TOPIC.NOT_FOUND' });
        if (!decision.allow) return;
        const run = runLifecycle(topicLifecycle, t, [eventOf(act, actionId)], { now: NOW, by: { id: 'me', name: '我' } });
        if (run.ok) expect([who, act, offered]).toEqual([who, act, expect.arrayContaining([act])]);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers the specific refusal a person can act on', () => {
    const resident = people['resident@G1']!;
    expect(authorizeTopic('support', resident, base({ private: true, proposerId: 'p' }))).toEqual({ allow: false, code: 'TOPIC.NOT_FOUND' });
    expect(authorizeTopic('support', resident, base({ state: 'adopted' }))).toEqual({ allow: false, code: 'TOPIC.NOT_ALLOWED_NOW' });
    expect(authorizeTopic('adopt', resident, base())).toEqual({ allow: false, code: 'COMMON.FORBIDDEN' });
    expect(authorizeTopic('adopt', people['gridLeader@G3']!, base())).toEqual({ allow: false, code: 'TOPIC.NOT_FOUND' });
    expect(authorizeTopic('adopt', people['communityAdmin@C1']!, base())).toEqual({ allow: true });
  });
});
