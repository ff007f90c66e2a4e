import fc from 'fast-check';
import { dispatch, explain, isAvailable, type Candidate } from '../../../shared/orders/dispatch';
import { NOW, order, volunteer } from '../../helpers/dispatch-fixtures';
import { beijingWeekMinute } from '../../../shared/kernel/time';

describe('eligibility', () => {
  it.each([
    ['inactive', { active: false }],
    ['otherPlace', { gridId: 'g2' }],
    ['unskilled', { skills: ['政策咨询'] }],
    ['overloaded', { openLoad: 3 }],
    ['unavailable', { availability: [{ days: [6, 7], from: 0, to: 1440 }] }],
  ] as const)('leaves out a volunteer who is %s', (reason, extra) => {
    const d = dispatch(order, [volunteer('v', extra as Partial<Candidate>)], NOW);
    expect(d.chosen).toBeNull();
    expect(d.excluded).toEqual({ [reason]: 1 });
  });

  it('never offers an order to its poster or to someone who declined it', () => {
    expect(dispatch(order, [volunteer('poster')], NOW).excluded).toEqual({ poster: 1 });
    expect(dispatch({ ...order, excluded: ['v'] }, [volunteer('v')], NOW).excluded).toEqual({ declinedBefore: 1 });
  });

  it('looks community-wide once the order is at community level', () => {
    expect(dispatch({ ...order, level: 'community' }, [volunteer('v', { gridId: 'g2' })], NOW).chosen?.userId).toBe('v');
  });
});

describe('ranking', () => {
  it('prefers the specialist, the one with less on hand, the one not assigned lately, the better rated, the neighbour', () => {
    const pick = (...cs: Candidate[]) => dispatch(order, cs, NOW).chosen?.userId;
    expect(pick(volunteer('generalist', { skills: ['水电维修', '家居小修', '环境卫生', '代买代办'] }), volunteer('specialist'))).toBe('specialist');
    expect(pick(volunteer('busy', { openLoad: 2 }), volunteer('free'))).toBe('free');
    expect(pick(volunteer('recent', { lastAssignedAt: '2026-11-23T01:00:00.000Z' }), volunteer('rested', { lastAssignedAt: '2026-11-01T01:00:00.000Z' }))).toBe('rested');
    expect(pick(volunteer('low', { ratingSum: 20, ratingCount: 10 }), volunteer('high', { ratingSum: 50, ratingCount: 10 }))).toBe('high');
    expect(pick(volunteer('far'), volunteer('sameBuilding', { buildingId: 'b1' }))).toBe('sameBuilding');
  });

  it('explains its choice in a leader’s words', () => {
    const d = dispatch(order, [volunteer('王志强', { buildingId: 'b1' }), volunteer('x', { active: false })], NOW);
    expect(explain(d)).toMatch(/从 2 位志愿者中选中 王志强（[\d.]+ 分）：擅长「水电维修」.*同一楼栋.*未考虑：已停用 1 人/);
    expect(explain(dispatch(order, [], NOW))).toMatch(/没有合适人选/);
  });

  it('chooses the same volunteer whatever order the candidates come in, and never an ineligible one (property)', () => {
    const candidate = fc.record({
      userId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'poster'),
      active: fc.boolean(),
      openLoad: fc.integer({ min: 0, max: 4 }),
      skill: fc.boolean(),
      grid: fc.constantFrom('g1', 'g2'),
      ratingSum: fc.integer({ min: 0, max: 50 }),
      ratingCount: fc.integer({ min: 0, max: 10 }),
      daysAgo: fc.option(fc.integer({ min: 0, max: 60 })),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.userId, maxLength: 6 }), (raw) => {
        const cs = raw.map((c) =>
          volunteer(c.userId, {
            active: c.active,
            openLoad: c.openLoad,
            skills: c.skill ? ['水电维修'] : ['政策咨询'],
            gridId: c.grid,
            ratingSum: Math.min(c.ratingSum, c.ratingCount * 5),
            ratingCount: c.ratingCount,
            lastAssignedAt: c.daysAgo === null ? null : new Date(Date.parse(NOW) - c.daysAgo * 86_400_000).toISOString(),
          }),
        );
        const a = dispatch(order, cs, NOW);
        const b = dispatch(order, [...cs].reverse(), NOW);
        expect(a.chosen?.userId).toBe(b.chosen?.userId);
        if (a.chosen) {
          const c = cs.find((x) => x.userId === a.chosen!.userId)!;
          expect(c.active && c.gridId === 'g1' && c.skills.includes('水电维修') && c.openLoad < 3 && c.userId !== 'poster').toBe(true);
        }
        const excludedCount = Object.values(a.excluded).reduce((n, k) => n + (k ?? 0), 0);
        expect(excludedCount + Math.min(a.ranked.length, 5)).toBeLessThanOrEqual(cs.length);
        expect(a.ranked.map((r) => r.score)).toEqual([...a.ranked.map((r) => r.score)].sort((x, y) => y - x));
        expect(a.chosen?.userId).toBe(a.ranked[0]?.userId);
      }),
    );
  });
});

describe('availability in Beijing time', () => {
  it('reads the weekday and minute in UTC+8', () => {
    expect(beijingWeekMinute('2026-11-23T02:00:00.000Z')).toEqual({ day: 1, minute: 600 });
    expect(beijingWeekMinute('2026-11-22T16:30:00.000Z')).toEqual({ day: 1, minute: 30 }); // Sunday UTC, Monday in Beijing
    expect(isAvailable([{ days: [1], from: 480, to: 1260 }], '2026-11-23T02:00:00.000Z')).toBe(true);
    expect(isAvailable([{ days: [1], from: 480, to: 1260 }], '2026-11-23T14:00:00.000Z')).toBe(false); // 22:00
  });
});
