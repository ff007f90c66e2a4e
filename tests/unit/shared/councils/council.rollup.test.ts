import fc from 'fast-check';
import { councilMeasures } from '../../../../cloudfunctions/councils/actions/measures';
import { meetingContributions, ratingContributions, topicContributions, type RolledMeeting, type RolledRating, type RolledTopic } from '../../../../shared/councils/council.rollup';
import { MEETING_STATES, type AgendaItem } from '../../../../shared/councils/meeting.lifecycle';
import { TOPIC_STATES } from '../../../../shared/councils/topic.lifecycle';
import { rollupTotals, type Contribution } from '../../../../shared/kernel/rollup';
import { beijingMonth } from '../../../../shared/kernel/time';

const PATH = { streetId: 's1', communityId: 'c1', gridId: 'g1' };
const item = (outcome: AgendaItem['outcome'], kind: AgendaItem['kind'] = 'decide') => ({ kind, outcome }) as AgendaItem;
const meeting = (m: Partial<RolledMeeting>): RolledMeeting => ({
  path: PATH,
  month: '2026-11',
  state: 'closed',
  closedAt: '2026-11-24T12:00:00.000Z',
  minutesAt: null,
  agenda: [],
  ...m,
});
const atGrid = (cs: Contribution[]) => cs.find((c) => c.id === 'councils:g1:2026-11')?.counts ?? null;

describe('council rollups (kind councils)', () => {
  it('counts a meeting at its street, community and grid, in its month', () => {
    expect(meetingContributions(meeting({})).map((c) => [c.id, c.init.level, c.init.parentId])).toEqual([
      ['councils:s1:2026-11', 'street', null],
      ['councils:c1:2026-11', 'community', 's1'],
      ['councils:g1:2026-11', 'grid', 'c1'],
    ]);
    // A community's meeting names no grid: its street and community only.
    expect(meetingContributions(meeting({ path: { streetId: 's1', communityId: 'c1' } })).map((c) => c.id)).toEqual(['councils:s1:2026-11', 'councils:c1:2026-11']);
  });

  it.each([
    ['a draft', meeting({ state: 'draft' }), null],
    ['one in session that adopted a decision', meeting({ state: 'inSession', agenda: [item('adopted')] }), { decisions: 1 }],
    ['one held (closed), minutes missing', meeting({ state: 'closed' }), { meetings: 1 }],
    ['one held, minutes within 48 hours', meeting({ state: 'archived', minutesAt: '2026-11-26T11:00:00.000Z' }), { meetings: 1, minutesOnTime: 1 }],
    ['one held, minutes late', meeting({ state: 'closed', minutesAt: '2026-11-26T13:00:00.000Z' }), { meetings: 1 }],
    [
      'one held with two adopted, one rejected, one review item',
      meeting({ agenda: [item('adopted'), item('adopted'), item('rejected'), item('adopted', 'review')] }),
      { meetings: 1, decisions: 2 },
    ],
    ['a cancelled one', meeting({ state: 'cancelled', agenda: [item('adopted')] }), null],
  ])('a meeting: %s', (_name, m, counts) => {
    expect(atGrid(meetingContributions(m))).toEqual(counts);
  });

  it('counts a topic done (办结) in the Beijing month it was done, and no other', () => {
    const topic = (state: RolledTopic['state'], doneAt: string | null): RolledTopic => ({ path: PATH, state, doneAt });
    expect(topicContributions(topic('done', '2026-11-30T16:30:00.000Z')).map((c) => [c.id, c.counts])).toContainEqual(['councils:g1:2026-12', { decisionsDone: 1 }]);
    expect(topicContributions(topic('acting', null))).toEqual([]);
    expect(topicContributions(topic('decided', null))).toEqual([]);
  });

  it('counts a 效果共评 rating and its stars in the Beijing month it was given', () => {
    expect(atGrid(ratingContributions({ path: PATH, at: '2026-11-10T02:00:00.000Z', score: 4 }))).toEqual({ ratings: 1, ratingStars: 4 });
  });

  const month = fc.constantFrom('2026-10', '2026-11');
  const instant = fc.integer({ min: Date.parse('2026-09-30T12:00:00Z'), max: Date.parse('2026-11-30T20:00:00Z') }).map((t) => new Date(t).toISOString());
  const grid = fc.constantFrom('g1', 'g2');
  const anyMeeting = fc.record({
    gridId: grid,
    month,
    state: fc.constantFrom(...MEETING_STATES),
    closedAt: fc.option(instant, { nil: null }),
    minutesAfterHours: fc.option(fc.integer({ min: 0, max: 96 }), { nil: null }),
    outcomes: fc.array(fc.tuple(fc.constantFrom('decide' as const, 'review' as const), fc.constantFrom('adopted' as const, 'rejected' as const, 'deferred' as const, null)), {
      maxLength: 4,
    }),
  });
  const anyTopic = fc.record({ gridId: grid, state: fc.constantFrom(...TOPIC_STATES), doneAt: instant });
  const anyRating = fc.record({ gridId: grid, at: instant, score: fc.integer({ min: 1, max: 5 }) });

  it('property: the rollups of any meetings, topics and ratings are the council measures (councilMeasures) of each grid and month', () => {
    fc.assert(
      fc.property(fc.array(anyMeeting, { maxLength: 15 }), fc.array(anyTopic, { maxLength: 15 }), fc.array(anyRating, { maxLength: 15 }), (ms, ts, rs) => {
        const meetings: RolledMeeting[] = ms.map((m) => ({
          path: { ...PATH, gridId: m.gridId },
          month: m.month,
          state: m.state,
          closedAt: m.closedAt,
          minutesAt: m.closedAt && m.minutesAfterHours !== null ? new Date(Date.parse(m.closedAt) + m.minutesAfterHours * 3_600_000).toISOString() : null,
          agenda: m.outcomes.map(([kind, outcome]) => item(outcome, kind)),
        }));
        const topics = ts.map((t) => ({ path: { ...PATH, gridId: t.gridId }, state: t.state, doneAt: t.state === 'done' ? t.doneAt : null, actions: [] }));
        const ratings: RolledRating[] = rs.map((r) => ({ path: { ...PATH, gridId: r.gridId }, at: r.at, score: r.score }));
        const totals = rollupTotals(meetingContributions, meetings);
        rollupTotals(topicContributions, topics, totals);
        rollupTotals(ratingContributions, ratings, totals);
        const months = ['2026-10', '2026-11'];
        const measured = councilMeasures({
          grids: [
            { _id: 'g1', name: '一网格' },
            { _id: 'g2', name: '二网格' },
          ],
          months,
          meetings,
          topics,
          ratings,
        });
        for (const row of measured.rows) {
          const t = totals.get(`councils:${row.gridId}:${row.month}`)?.counts ?? {};
          expect({ meetings: t.meetings ?? 0, minutesOnTime: t.minutesOnTime ?? 0, decisions: t.decisions ?? 0, ratings: t.ratings ?? 0, ratingStars: t.ratingStars ?? 0 }).toEqual(
            {
              meetings: row.meetingsHeld,
              minutesOnTime: row.minutesOnTime,
              decisions: row.decisionsAdopted,
              ratings: row.ratingCount,
              ratingStars: row.ratingSum,
            },
          );
          const done = topics.filter((x) => x.path.gridId === row.gridId && x.state === 'done' && beijingMonth(x.doneAt!) === row.month).length;
          expect(t.decisionsDone ?? 0).toBe(done);
        }
        // The community is the sum of its grids.
        for (const m of months) {
          const c = totals.get(`councils:c1:${m}`)?.counts ?? {};
          const g = ['g1', 'g2'].map((id) => totals.get(`councils:${id}:${m}`)?.counts ?? {});
          for (const k of new Set([...Object.keys(c), ...g.flatMap(Object.keys)])) expect(c[k] ?? 0).toBe(g.reduce((n, x) => n + (x[k] ?? 0), 0));
        }
      }),
    );
  });
});
