import fc from 'fast-check';
import { clockOutcome, DEFAULT_CLOCKS, HOUR, LEVELS, type Level } from '../../../shared/orders/escalation';

const T0 = Date.parse('2026-11-23T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 24 * HOUR;

interface Clocked {
  level: Level;
  levelSince: string;
  levelDeadline: string;
  breaches: number;
}

/** Applies an outcome the way the scheduler writes it. */
function advance(order: Clocked, at: string): Clocked {
  const o = clockOutcome(order, at);
  return o ? { level: o.level, levelSince: o.levelSince, levelDeadline: o.levelDeadline, breaches: order.breaches + o.breaches } : order;
}

const start = (level: Level, since = T0): Clocked => ({ level, levelSince: iso(since), levelDeadline: iso(since + DEFAULT_CLOCKS[level]), breaches: 0 });

describe('clockOutcome (小事不出格、大事不出社区: the clocks)', () => {
  it('leaves an order alone until its clock runs out, and moves it at the instant it does', () => {
    expect(clockOutcome(start('grid'), iso(T0 + 24 * HOUR - 1))).toBeNull();
    expect(clockOutcome(start('grid'), iso(T0 + 24 * HOUR))).toEqual({
      escalatedTo: ['community'],
      breaches: 1,
      level: 'community',
      levelSince: iso(T0 + 24 * HOUR),
      levelDeadline: iso(T0 + 96 * HOUR),
    });
  });

  it('takes an order through every clock it missed in one step: 100 days from the grid', () => {
    const at = T0 + 100 * DAY;
    const o = clockOutcome(start('grid'), iso(at))!;
    // grid 24 h, community 72 h: at the street from day 4; then one breach per 7-day period.
    const streetFrom = T0 + 4 * DAY;
    const periods = Math.floor((at - streetFrom) / (7 * DAY));
    expect(o.escalatedTo).toEqual(['community', 'street']);
    expect(o.level).toBe('street');
    expect(o.breaches).toBe(2 + periods);
    expect(o.levelSince).toBe(iso(streetFrom + periods * 7 * DAY));
    expect(Date.parse(o.levelDeadline)).toBeGreaterThan(at);
  });

  it('at the street counts each period that ran out as a breach and stays at the street', () => {
    const o = clockOutcome(start('street'), iso(T0 + 7 * DAY * 3))!;
    expect(o).toEqual({ escalatedTo: [], breaches: 3, level: 'street', levelSince: iso(T0 + 7 * DAY * 3), levelDeadline: iso(T0 + 7 * DAY * 4) });
  });

  it('answers nothing for a deadline that is not a date, and refuses clocks that would never move', () => {
    expect(clockOutcome({ level: 'grid', levelDeadline: 'not a date' }, iso(T0))).toBeNull();
    expect(() => clockOutcome(start('grid'), iso(T0 + 100 * DAY), { ...DEFAULT_CLOCKS, street: 0 })).toThrow(/street clock/);
  });

  const level = fc.constantFrom(...LEVELS);
  const offset = fc.integer({ min: 0, max: 400 * DAY });

  it('is its own fixed point: asked again at the same instant, nothing is due', () => {
    fc.assert(
      fc.property(level, offset, (l, d) => {
        const at = iso(T0 + d);
        const after = advance(start(l), at);
        expect(clockOutcome(after, at)).toBeNull();
        expect(Date.parse(after.levelDeadline)).toBeGreaterThan(T0 + d);
      }),
    );
  });

  it('ends where ticking at every instant in between would have ended: one jump equals many steps', () => {
    fc.assert(
      fc.property(level, fc.array(offset, { minLength: 1, maxLength: 12 }), (l, offsets) => {
        const instants = [...offsets].sort((a, b) => a - b).map((d) => iso(T0 + d));
        const stepped = instants.reduce(advance, start(l));
        const jumped = advance(start(l), instants[instants.length - 1]!);
        expect(jumped).toEqual(stepped);
      }),
    );
  });

  it('only ever climbs, one level at a time, and counts a breach per clock that ran out', () => {
    fc.assert(
      fc.property(level, offset, (l, d) => {
        const o = clockOutcome(start(l), iso(T0 + d));
        if (!o) return;
        const path = [l, ...o.escalatedTo];
        path.forEach((x, i) => i > 0 && expect(LEVELS.indexOf(x)).toBe(LEVELS.indexOf(path[i - 1]!) + 1));
        expect(o.level).toBe(path[path.length - 1]);
        expect(o.breaches).toBeGreaterThanOrEqual(o.escalatedTo.length);
        if (o.level !== 'street') expect(o.breaches).toBe(o.escalatedTo.length);
      }),
    );
  });
});
