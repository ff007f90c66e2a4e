import fc from 'fast-check';
import {
  agendaTotal,
  CHOICES,
  DEFAULT_QUORUM,
  draftMinutes,
  EMPTY_TALLY,
  moveItem,
  OUTCOME_LABELS,
  OUTCOMES,
  overrunOf,
  quorumOf,
  suggestedOutcome,
  tally,
  type Choice,
  type MinutesInput,
} from '../../../../shared/councils/agenda';

/** The agenda's time, its order, the quorum, the tally and the minutes' draft, as properties. */

const minutes = fc.integer({ min: 1, max: 240 });
/** An agenda of items with distinct ids (`i1`, `i2`…) and any minutes. */
const agenda = fc.array(minutes, { maxLength: 20 }).map((ms) => ms.map((m, i) => ({ id: `i${i + 1}`, minutes: m })));
const nonEmptyAgenda = fc.array(minutes, { minLength: 1, maxLength: 20 }).map((ms) => ms.map((m, i) => ({ id: `i${i + 1}`, minutes: m })));
const sortedIds = (items: readonly { id: string }[]) => items.map((i) => i.id).sort();

describe('agenda time', () => {
  it('the total is the sum of the items’ minutes', () => {
    fc.assert(fc.property(agenda, (items) => agendaTotal(items) === items.reduce((s, i) => s + i.minutes, 0)));
    expect(agendaTotal([])).toBe(0);
    expect(agendaTotal([{ minutes: 15 }, { minutes: 30 }, { minutes: 20 }])).toBe(65);
  });

  it('the overrun is how far the total runs past the length, and 0 when it fits', () => {
    fc.assert(
      fc.property(agenda, fc.integer({ min: 15, max: 480 }), (items, length) => {
        const over = overrunOf(items, length);
        expect(over).toBe(Math.max(0, agendaTotal(items) - length));
        expect(over >= 0).toBe(true);
        expect(over === 0).toBe(agendaTotal(items) <= length);
      }),
    );
    expect(overrunOf([{ minutes: 40 }, { minutes: 35 }], 60)).toBe(15);
    expect(overrunOf([{ minutes: 40 }, { minutes: 20 }], 60)).toBe(0);
  });

  it('adding an item never lowers the overrun, and the overrun falls by one per minute of length added until it fits', () => {
    fc.assert(
      fc.property(agenda, minutes, fc.integer({ min: 15, max: 480 }), (items, extra, length) => {
        expect(overrunOf([...items, { id: 'x', minutes: extra }], length)).toBeGreaterThanOrEqual(overrunOf(items, length));
        expect(overrunOf(items, length + 1)).toBe(Math.max(0, overrunOf(items, length) - 1));
      }),
    );
  });
});

describe('moving an item', () => {
  it('keeps the same items and moves exactly one of them by one place', () => {
    fc.assert(
      fc.property(nonEmptyAgenda, fc.nat(), fc.constantFrom('up' as const, 'down' as const), (items, pick, dir) => {
        const i = pick % items.length;
        const id = items[i]!.id;
        const moved = moveItem(items, id, dir);
        expect(sortedIds(moved)).toEqual(sortedIds(items));
        expect(moved).toHaveLength(items.length);
        const j = dir === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= items.length) {
          expect(moved).toEqual(items);
          return;
        }
        expect(moved[j]).toBe(items[i]);
        expect(moved[i]).toBe(items[j]);
        // Every other item stays where it was.
        moved.forEach((item, k) => {
          if (k !== i && k !== j) expect(item).toBe(items[k]);
        });
      }),
    );
  });

  it('is a no-op at the ends and for an id not on the agenda, and never changes the agenda it was given', () => {
    fc.assert(
      fc.property(nonEmptyAgenda, (items) => {
        const copy = items.map((x) => ({ ...x }));
        expect(moveItem(items, items[0]!.id, 'up')).toEqual(items);
        expect(moveItem(items, items.at(-1)!.id, 'down')).toEqual(items);
        expect(moveItem(items, 'nope', 'up')).toEqual(items);
        expect(moveItem(items, 'nope', 'down')).toEqual(items);
        expect(items).toEqual(copy);
        expect(moveItem(items, 'nope', 'up')).not.toBe(items);
      }),
    );
  });

  it('up then down (and down then up) returns the original order, where the first move moved something', () => {
    fc.assert(
      fc.property(nonEmptyAgenda, fc.nat(), (items, pick) => {
        const id = items[pick % items.length]!.id;
        const up = moveItem(items, id, 'up');
        if (up.findIndex((x) => x.id === id) !== items.findIndex((x) => x.id === id)) expect(moveItem(up, id, 'down')).toEqual(items);
        const down = moveItem(items, id, 'down');
        if (down.findIndex((x) => x.id === id) !== items.findIndex((x) => x.id === id)) expect(moveItem(down, id, 'up')).toEqual(items);
      }),
    );
  });

  it('leaves the total as it was', () => {
    fc.assert(fc.property(agenda, fc.string(), fc.constantFrom('up' as const, 'down' as const), (items, id, dir) => agendaTotal(moveItem(items, id, dir)) === agendaTotal(items)));
  });
});

describe('quorum', () => {
  /** A share as a whole percentage, so "strictly above" can be checked in integers. */
  const percent = fc.integer({ min: 1, max: 99 });
  const invited = fc.integer({ min: 0, max: 500 });

  it('needs the least count strictly above the share of the invited (more than half by default)', () => {
    fc.assert(
      fc.property(invited, percent, (n, p) => {
        const { needed } = quorumOf(n, 0, { share: p / 100 });
        if (n === 0) return expect(needed).toBe(1);
        // needed × 100 > p × n, and one fewer would not be.
        expect(needed * 100 > p * n).toBe(true);
        expect((needed - 1) * 100 > p * n).toBe(false);
      }),
    );
    expect([1, 2, 3, 4, 5, 10, 11].map((n) => quorumOf(n, 0).needed)).toEqual([1, 2, 2, 3, 3, 6, 6]);
    // Every whole percentage and up to 500 invited, in integers: floating point must not round a
    // product such as 0.29 × 100 (28.999999999999996) down to a quorum of exactly 29%.
    const wrong: string[] = [];
    for (let p = 1; p < 100; p++)
      for (let n = 1; n <= 500; n++) {
        const { needed } = quorumOf(n, 0, { share: p / 100 });
        if (!(needed * 100 > p * n) || (needed - 1) * 100 > p * n) wrong.push(`${p}% of ${n}: ${needed}`);
      }
    expect(wrong).toEqual([]);
    expect(quorumOf(100, 29, { share: 0.29 }).reached).toBe(false);
    expect(quorumOf(100, 30, { share: 0.29 }).reached).toBe(true);
    expect(DEFAULT_QUORUM.share).toBe(0.5);
  });

  it('is reached exactly when the present invitees reach what is needed, and stays reached as more come', () => {
    fc.assert(
      fc.property(invited, percent, fc.nat(600), (n, p, present) => {
        const rule = { share: p / 100 };
        const q = quorumOf(n, present, rule);
        expect(q).toEqual({ invited: n, present, needed: q.needed, reached: present >= q.needed });
        if (q.reached) expect(quorumOf(n, present + 1, rule).reached).toBe(true);
        if (!quorumOf(n, present + 1, rule).reached) expect(q.reached).toBe(false);
      }),
    );
  });

  it('with nobody invited, is reached as soon as anyone signs in', () => {
    expect(quorumOf(0, 0).reached).toBe(false);
    expect(quorumOf(0, 1).reached).toBe(true);
  });
});

describe('tally', () => {
  const ballots = fc.array(
    fc.constantFrom(...CHOICES).map((choice) => ({ choice })),
    { maxLength: 200 },
  );

  it('counts every ballot once, under the choice it names', () => {
    fc.assert(
      fc.property(ballots, (bs) => {
        const t = tally(bs);
        expect(t.agree + t.oppose + t.abstain).toBe(t.total);
        expect(t.total).toBe(bs.length);
        for (const c of CHOICES) expect(t[c]).toBe(bs.filter((b) => b.choice === c).length);
      }),
    );
    expect(tally([])).toEqual(EMPTY_TALLY);
  });

  it('does not depend on the order the ballots come in', () => {
    fc.assert(fc.property(ballots, fc.func(fc.integer()), (bs, key) => expect(tally([...bs].sort((a, b) => key(a) - key(b)))).toEqual(tally(bs))));
    fc.assert(fc.property(ballots, (bs) => expect(tally([...bs].reverse())).toEqual(tally(bs))));
  });

  it('adds up over parts: the tally of two piles is the sum of their tallies', () => {
    fc.assert(
      fc.property(ballots, ballots, (a, b) => {
        const [ta, tb, all] = [tally(a), tally(b), tally([...a, ...b])];
        expect(all).toEqual({ agree: ta.agree + tb.agree, oppose: ta.oppose + tb.oppose, abstain: ta.abstain + tb.abstain, total: ta.total + tb.total });
      }),
    );
  });

  it('leaves EMPTY_TALLY untouched', () => {
    tally([{ choice: 'agree' }]);
    expect(EMPTY_TALLY).toEqual({ agree: 0, oppose: 0, abstain: 0, total: 0 });
  });
});

describe('suggested outcome', () => {
  it('adopted when more than half of the votes cast agree, rejected otherwise, nothing without votes', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), fc.nat(100), (agree, oppose, abstain) => {
        const t = { agree, oppose, abstain, total: agree + oppose + abstain };
        const s = suggestedOutcome(t);
        if (t.total === 0) return expect(s).toBeNull();
        expect(s).toBe(agree * 2 > t.total ? 'adopted' : 'rejected');
        // One more agreeing vote never turns an adoption into a rejection.
        if (s === 'adopted') expect(suggestedOutcome({ ...t, agree: agree + 1, total: t.total + 1 })).toBe('adopted');
      }),
    );
    const t = (agree: number, oppose: number, abstain: number) => ({ agree, oppose, abstain, total: agree + oppose + abstain });
    expect(suggestedOutcome(t(0, 0, 0))).toBeNull();
    expect(suggestedOutcome(t(3, 2, 0))).toBe('adopted');
    expect(suggestedOutcome(t(2, 2, 0))).toBe('rejected');
    // Abstentions count among the votes cast: 3 of 7 is not a majority.
    expect(suggestedOutcome(t(3, 1, 3))).toBe('rejected');
    expect(suggestedOutcome(t(1, 0, 0))).toBe('adopted');
  });
});

describe('the minutes’ first draft', () => {
  const tallyOf = (choices: Choice[]) => tally(choices.map((choice) => ({ choice })));
  const input = (over: Partial<MinutesInput> = {}): MinutesInput => ({
    title: '楼道堆物清理',
    typeLabel: '微网格议事会',
    startAt: '2026-11-05T06:30:00.000Z',
    placeText: '红邻驿站',
    convenerName: '王网格长',
    whenText: '2026年11月5日 14:30',
    invitedCount: 5,
    quorum: quorumOf(5, 3),
    attendees: [
      { name: '张三', roleLabel: '居民代表', invited: true },
      { name: '李四', roleLabel: '网格员', invited: true },
      { name: '王五', roleLabel: '党员志愿者', invited: true },
      { name: '赵六', roleLabel: '居民', invited: false },
    ],
    items: [
      {
        title: '清理 3 栋楼道杂物',
        presenterName: '张三',
        tally: tallyOf(['agree', 'agree', 'agree', 'oppose', 'abstain']),
        outcome: 'adopted',
        notes: '周六集中清理',
        actions: [{ text: '联系物业清运', ownerName: '李四', deadline: '2026-11-20', budget: 300 }],
      },
      { title: '增设电动车充电桩', presenterName: '王五', tally: tallyOf(['oppose', 'oppose', 'agree']), outcome: 'rejected', notes: '', actions: [] },
      { title: '加装单元门禁', presenterName: '王五', tally: null, outcome: 'deferred', notes: '', actions: [] },
      { title: '绿化带补种', presenterName: '赵六', tally: null, outcome: null, notes: '', actions: [] },
    ],
    ...over,
  });

  it('holds attendance, every item, its votes and outcome, its actions, and ends with the discussion line', () => {
    const text = draftMinutes(input());
    expect(text).toContain('微网格议事会：楼道堆物清理');
    expect(text).toContain('时间：2026年11月5日 14:30　地点：红邻驿站　召集人：王网格长');
    expect(text).toContain('应到 5 人，实到 3 人，列席 1 人；达到法定人数（需 3 人）。');
    expect(text).toContain('出席：张三（居民代表）、李四（网格员）、王五（党员志愿者）、赵六（居民）');
    expect(text).toContain('1. 清理 3 栋楼道杂物（汇报人：张三）');
    expect(text).toContain('   表决：同意 3，反对 1，弃权 1');
    expect(text).toContain('   结果：通过。周六集中清理');
    expect(text).toContain('   行动：联系物业清运（负责人 李四，2026-11-20 前，预算 300 元）');
    expect(text).toContain('2. 增设电动车充电桩（汇报人：王五）');
    expect(text).toContain('   表决：同意 1，反对 2，弃权 0');
    expect(text).toContain('   结果：不通过');
    expect(text).toContain('   结果：暂缓');
    expect(text).toContain('4. 绿化带补种（汇报人：赵六）\n   结果：未表决');
    expect(text.endsWith('\n讨论情况：')).toBe(true);
  });

  it('says when the quorum was not reached, and names no guests when all who came were invited', () => {
    const text = draftMinutes(input({ quorum: quorumOf(5, 1), attendees: [{ name: '张三', roleLabel: '居民代表', invited: true }] }));
    expect(text).toContain('应到 5 人，实到 1 人；未达到法定人数（需 3 人）。');
    expect(text).not.toContain('列席');
  });

  const item = fc.record({
    title: fc.string({ minLength: 1, maxLength: 12 }).map((s) => `议题${s.replace(/\n/g, ' ')}`),
    presenterName: fc.constantFrom('张三', '李四'),
    tally: fc.option(fc.array(fc.constantFrom(...CHOICES), { maxLength: 30 }).map(tallyOf)),
    outcome: fc.option(fc.constantFrom(...OUTCOMES)),
    notes: fc.constant(''),
    actions: fc.constant([]),
  });
  const attendee = fc.record({ name: fc.constantFrom('甲', '乙', '丙'), roleLabel: fc.constant('居民'), invited: fc.boolean() });

  it('for any meeting: the counts, each title, each vote with votes cast and each outcome, then the discussion line last', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.array(attendee, { maxLength: 12 }), fc.nat(20), (items, attendees, extra) => {
        const present = attendees.filter((a) => a.invited).length;
        const invitedCount = present + extra;
        const text = draftMinutes(input({ items, attendees, invitedCount, quorum: quorumOf(invitedCount, present) }));
        const lines = text.split('\n');
        expect(text).toContain(`应到 ${invitedCount} 人，实到 ${present} 人`);
        if (attendees.length > present) expect(text).toContain(`列席 ${attendees.length - present} 人`);
        items.forEach((it, i) => {
          const at = lines.indexOf(`${i + 1}. ${it.title}（汇报人：${it.presenterName}）`);
          expect(at).toBeGreaterThan(0);
          const block = lines.slice(at + 1, at + 3).join('\n');
          if (it.tally && it.tally.total > 0) expect(block).toContain(`表决：同意 ${it.tally.agree}，反对 ${it.tally.oppose}，弃权 ${it.tally.abstain}`);
          else expect(block).not.toContain('表决：');
          expect(block).toContain(`结果：${it.outcome ? OUTCOME_LABELS[it.outcome] : '未表决'}`);
        });
        expect(lines.at(-1)).toBe('讨论情况：');
      }),
    );
  });
});
