import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  addDays,
  beijingDate,
  beijingDaysBetween,
  beijingHour,
  beijingInstant,
  beijingMonth,
  beijingWeekMinute,
  clockText,
  dateText,
  dateTimeText,
  dayTimeText,
  mondayOf,
  monthText,
  onBeijingDayOf,
  recentMonths,
  recentTimeText,
  startOfBeijingDay,
  weekdayOf,
} from '../../../shared/kernel/time';

/** The hand-written reading the module replaced: the instant moved 8 hours, read as UTC. */
const fixed = (ms: number) => {
  const t = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const dow = t.getUTCDay();
  return {
    month: t.toISOString().slice(0, 7),
    date: t.toISOString().slice(0, 10),
    day: dow === 0 ? 7 : dow,
    minute: t.getUTCHours() * 60 + t.getUTCMinutes(),
    hour: t.getUTCHours(),
    text: `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`,
  };
};

const MIN = Date.parse('1900-01-01T00:00:00Z');
const MAX = Date.parse('2100-12-31T00:00:00Z');
const instant = fc.integer({ min: MIN, max: MAX });
const date = fc
  .integer({ min: Date.parse('1950-01-01T00:00:00Z') / 86_400_000, max: Date.parse('2090-01-01T00:00:00Z') / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const floorMinute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

/** Reads instants through the module in a child process whose host time zone is `zone`. */
function readInZone(zone: string, instants: number[]) {
  const probe = join(__dirname, '..', '..', 'helpers', 'time-probe.ts');
  const tsx = join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const run = spawnSync(process.execPath, [tsx, probe, JSON.stringify(instants)], { encoding: 'utf8', env: { ...process.env, TZ: zone }, timeout: 60_000 });
  if (run.status !== 0) throw new Error(`time probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { offset: number; readings: { day: number; minute: number; date: string; text: string; start: string }[] };
}

describe('Beijing fields of an instant', () => {
  it('reads the month, date, day of week, minute and hour as a fixed +8 h offset does, for any instant', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const want = fixed(ms);
        for (const at of [ms, new Date(ms).toISOString()]) {
          expect(beijingMonth(at)).toBe(want.month);
          expect(beijingDate(at)).toBe(want.date);
          expect(beijingWeekMinute(at)).toEqual({ day: want.day, minute: want.minute });
          expect(beijingHour(at)).toBe(want.hour);
          expect(dayTimeText(at)).toBe(want.text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['America/New_York', 240],
    ['Europe/Berlin', -120],
    ['Asia/Shanghai', -480],
  ])('reads the same whatever the host is set to (%s), summer-time changes included', (zone, summerOffset) => {
    // Around the host's own summer-time changes (where a local-time offset goes wrong), and at random.
    const changes = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '1988-04-17T18:00:00Z', '1988-09-10T17:00:00Z'];
    const around = changes.flatMap((c) => Array.from({ length: 48 }, (_, i) => Date.parse(c) + (i - 24) * 15 * 60_000 + 7 * 60_000));
    const instants = [...around, ...fc.sample(instant, 1000)];
    const { offset, readings } = readInZone(zone, instants);
    expect(offset).toBe(summerOffset); // the child really ran in that zone
    readings.forEach((r, i) => {
      const want = fixed(instants[i]!);
      expect(r).toEqual({ day: want.day, minute: want.minute, date: want.date, text: want.text, start: beijingInstant(want.date) });
    });
  });

  it('takes a month, a day and a greeting hour from Beijing, not from UTC', () => {
    expect(beijingMonth('2026-11-30T16:30:00.000Z')).toBe('2026-12');
    expect(beijingDate('2026-11-22T16:30:00.000Z')).toBe('2026-11-23');
    expect(beijingWeekMinute('2026-11-22T16:30:00.000Z')).toEqual({ day: 1, minute: 30 });
    expect(beijingHour('2026-11-29T01:44:00.000Z')).toBe(9);
    expect(beijingHour('2026-11-28T23:00:00.000Z')).toBe(7);
  });

  it('refuses what is not an instant where a key is built from it, as toISOString did', () => {
    expect(() => beijingMonth('soon')).toThrow(RangeError);
    expect(() => beijingDate(Number.NaN)).toThrow(RangeError);
    expect(beijingWeekMinute('soon')).toEqual({ day: Number.NaN, minute: Number.NaN });
  });
});

describe('instants from Beijing wall clocks', () => {
  it('finds any instant again from its Beijing date and minute (to the minute)', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const { minute } = beijingWeekMinute(ms);
        expect(beijingInstant(beijingDate(ms), minute)).toBe(floorMinute(ms));
        expect(onBeijingDayOf(ms, minute)).toBe(floorMinute(ms));
      }),
      { numRuns: 500 },
    );
  });

  it('starts a Beijing day at 00:00 Beijing, at most a day before the instant', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const start = Date.parse(startOfBeijingDay(ms));
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms - start).toBeLessThan(86_400_000);
        expect(clockText(start)).toBe('00:00');
        expect(beijingDate(start)).toBe(beijingDate(ms));
      }),
    );
  });

  it('places wall-clock times on their Beijing day; 1440 is the next midnight', () => {
    expect(beijingInstant('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
    expect(beijingInstant('2026-11-23', 570)).toBe('2026-11-23T01:30:00.000Z');
    expect(onBeijingDayOf('2026-11-22T16:10:00.000Z', 1440)).toBe('2026-11-23T16:00:00.000Z');
    expect(() => beijingInstant('23/11/2026')).toThrow(RangeError);
  });

  it('counts Beijing midnights between two instants', () => {
    expect(beijingDaysBetween('2026-11-28T16:00:00.000Z', '2026-11-29T15:59:00.000Z')).toBe(0);
    expect(beijingDaysBetween('2026-11-28T15:59:00.000Z', '2026-11-28T16:00:00.000Z')).toBe(1);
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const days = Math.round((Date.parse(`${fixed(b).date}T00:00:00Z`) - Date.parse(`${fixed(a).date}T00:00:00Z`)) / 86_400_000);
        expect(beijingDaysBetween(a, b)).toBe(days);
      }),
    );
  });
});

describe('calendar dates and months', () => {
  it('steps dates forth and back, and the weekday follows', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(weekdayOf(addDays(d, 1))).toBe((weekdayOf(d) % 7) + 1);
        const monday = mondayOf(d);
        expect(weekdayOf(monday)).toBe(1);
        expect(addDays(monday, weekdayOf(d) - 1)).toBe(d);
      }),
    );
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(weekdayOf('2026-11-29')).toBe(7);
  });

  it('lists this Beijing month and the ones before it, newest first', () => {
    expect(recentMonths(3, '2027-01-31T16:00:00.000Z')).toEqual(['2027-02', '2027-01', '2026-12']);
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (ms, n) => {
        const months = recentMonths(n, ms);
        expect(months).toHaveLength(n);
        expect(months[0]).toBe(beijingMonth(ms));
        months.slice(1).forEach((m, i) => {
          const [y, mo] = months[i]!.split('-').map(Number) as [number, number];
          expect(m).toBe(mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`);
        });
      }),
    );
  });
});

describe('words people read', () => {
  it('writes `11月29日 09:44`, with the year only when it is not this Beijing year, and reads back to the minute', () => {
    fc.assert(
      fc.property(instant, instant, (ms, now) => {
        const text = dateTimeText(ms, now);
        const m = /^(?:(\d+)年)?(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})$/.exec(text);
        expect(m).not.toBeNull();
        const sameYear = fixed(ms).date.slice(0, 4) === fixed(now).date.slice(0, 4);
        expect(m![1] === undefined).toBe(sameYear);
        const year = m![1] ?? fixed(now).date.slice(0, 4);
        const day = `${year.padStart(4, '0')}-${m![2]!.padStart(2, '0')}-${m![3]!.padStart(2, '0')}`;
        expect(beijingInstant(day, Number(m![4]) * 60 + Number(m![5]))).toBe(floorMinute(ms));
      }),
      { numRuns: 500 },
    );
  });

  it('formats the way the pages show times', () => {
    const at = '2026-11-29T01:44:00.000Z';
    expect(clockText(at)).toBe('09:44');
    expect(dayTimeText(at)).toBe('11月29日 09:44');
    expect(dateTimeText(at, '2026-01-01T00:00:00.000Z')).toBe('11月29日 09:44');
    expect(dateTimeText('2025-12-31T16:30:00.000Z', '2025-12-31T12:00:00.000Z')).toBe('2026年1月1日 00:30');
    expect(recentTimeText('2026-11-28T16:05:00.000Z', '2026-11-29T03:00:00.000Z')).toBe('今天 00:05');
    expect(recentTimeText('2026-11-28T15:59:00.000Z', '2026-11-29T03:00:00.000Z')).toBe('昨天 23:59');
    expect(recentTimeText('2026-11-20T01:30:00.000Z', '2026-11-29T03:00:00.000Z')).toBe('11月20日 09:30');
    expect(recentTimeText('2025-11-20T01:30:00.000Z', '2026-11-29T03:00:00.000Z')).toBe('2025年11月20日 09:30');
    expect(dateText('2026-11-17')).toBe('11月17日 周二');
    expect(dateText('2026-11-29')).toBe('11月29日 周日');
    expect(dateText('2026-11-17', false)).toBe('11月17日');
    expect(monthText('2026-11')).toBe('2026年11月');
  });

  it('shows nothing for a missing time, and passes through what is not a date', () => {
    for (const f of [clockText, dayTimeText]) {
      expect(f(null)).toBe('');
      expect(f(undefined)).toBe('');
      expect(f('soon')).toBe('');
    }
    expect(dateTimeText(null, 0)).toBe('');
    expect(recentTimeText('soon', 0)).toBe('');
    expect(dateText('下周')).toBe('下周');
    expect(monthText('十一月')).toBe('十一月');
  });
});

describe('purity', () => {
  it('never reads the clock: now is always an argument', () => {
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('read the clock');
    });
    try {
      const at = '2026-11-29T01:44:00.000Z';
      beijingMonth(at);
      beijingWeekMinute(at);
      beijingInstant('2026-11-29', 60);
      startOfBeijingDay(at);
      recentMonths(3, at);
      dateTimeText(at, at);
      recentTimeText(at, at);
      dateText('2026-11-29');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
