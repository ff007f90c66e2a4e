import { autoClosePlan, autoCloseWords, confirmedCredit, dutyCredit, shiftOn, type DutyClosure, type Shift } from '../../../shared/stations/duty';

// 幸福里党群服务站: Monday to Saturday, 8:30–17:30 (Beijing). 2026-11-23 is a Monday, 11-29 a Sunday.
const HOURS = { days: [1, 2, 3, 4, 5, 6], open: 510, close: 1050 };
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const MON = '2026-11-23';
const SUN = '2026-11-29';

describe('autoClosePlan: when a forgotten check-out is closed, and why', () => {
  it.each([
    ['a check-in during opening hours closes at closing time', bj(MON, '10:00'), bj(MON, '17:30'), 'closingTime'],
    ['a check-in before opening also closes at closing time', bj(MON, '07:45'), bj(MON, '17:30'), 'closingTime'],
    ['a check-in on a closed day closes at the end of that day, not 12 hours on', bj(SUN, '10:00'), bj('2026-11-30', '00:00'), 'closedDay'],
    ['a check-in after closing closes at the end of that day', bj(MON, '19:00'), bj('2026-11-24', '00:00'), 'afterHours'],
    ['a check-in exactly at closing is after hours', bj(MON, '17:30'), bj('2026-11-24', '00:00'), 'afterHours'],
  ])('%s', (_name, checkInAt, closesAt, reason) => {
    expect(autoClosePlan(HOURS, checkInAt)).toEqual({ closesAt, reason });
  });

  it('treats a station without opening hours as closed every day', () => {
    expect(autoClosePlan(null, bj(MON, '10:00'))).toEqual({ closesAt: bj('2026-11-24', '00:00'), reason: 'closedDay' });
  });
});

describe('shiftOn: a roster slot as instants on the day of a check-in', () => {
  it('places 09:00–12:00 on the Beijing day of the check-in, even just after midnight UTC', () => {
    expect(shiftOn({ from: 540, to: 720 }, bj(MON, '08:50'))).toEqual({ startAt: bj(MON, '09:00'), endAt: bj(MON, '12:00') });
    expect(shiftOn({ from: 540, to: 720 }, bj(MON, '00:10'))).toEqual({ startAt: bj(MON, '09:00'), endAt: bj(MON, '12:00') });
  });
});

describe('dutyCredit: what a finished duty credits (站点值班的时长)', () => {
  const shift: Shift = { startAt: bj(MON, '09:00'), endAt: bj(MON, '12:00') };
  const rows: [string, string, string, Shift | null, DutyClosure, { minutes: number; creditedMinutes: number; verified: boolean; needsConfirmation: boolean }][] = [
    // Checked out by the person: two scans of the live code prove the time between.
    [
      'checked out after a planned shift: all of it',
      bj(MON, '09:05'),
      bj(MON, '12:40'),
      shift,
      'checkOut',
      { minutes: 215, creditedMinutes: 215, verified: true, needsConfirmation: false },
    ],
    [
      'checked out of an unplanned duty: all of it',
      bj(MON, '14:00'),
      bj(MON, '16:00'),
      null,
      'checkOut',
      { minutes: 120, creditedMinutes: 120, verified: true, needsConfirmation: false },
    ],
    // Closed by the scheduler on a planned shift: never more than the shift.
    [
      'forgotten check-out of 09:00–12:00, closed at 17:30: 3 hours, not 8.5',
      bj(MON, '09:00'),
      bj(MON, '17:30'),
      shift,
      'auto',
      { minutes: 510, creditedMinutes: 180, verified: true, needsConfirmation: false },
    ],
    [
      'late by 40 minutes: from arrival to the shift’s end',
      bj(MON, '09:40'),
      bj(MON, '17:30'),
      shift,
      'auto',
      { minutes: 470, creditedMinutes: 140, verified: true, needsConfirmation: false },
    ],
    [
      'an hour early: from the shift’s start, not from arrival',
      bj(MON, '08:00'),
      bj(MON, '17:30'),
      shift,
      'auto',
      { minutes: 570, creditedMinutes: 180, verified: true, needsConfirmation: false },
    ],
    [
      'closed before the shift ends (station closes early): up to the close',
      bj(MON, '09:00'),
      bj(MON, '11:00'),
      shift,
      'auto',
      { minutes: 120, creditedMinutes: 120, verified: true, needsConfirmation: false },
    ],
    // Closed by the scheduler without a shift: nothing verified until a leader confirms.
    [
      '计划外 on an open day, closed at closing time: nothing until confirmed',
      bj(MON, '10:00'),
      bj(MON, '17:30'),
      null,
      'auto',
      { minutes: 450, creditedMinutes: 0, verified: false, needsConfirmation: true },
    ],
    [
      'a closed day, closed at midnight: not 12 hours, nothing until confirmed',
      bj(SUN, '10:00'),
      bj('2026-11-30', '00:00'),
      null,
      'auto',
      { minutes: 840, creditedMinutes: 0, verified: false, needsConfirmation: true },
    ],
    [
      'after hours: nothing until confirmed',
      bj(MON, '19:00'),
      bj('2026-11-24', '00:00'),
      null,
      'auto',
      { minutes: 300, creditedMinutes: 0, verified: false, needsConfirmation: true },
    ],
  ];
  it.each(rows)('%s', (_name, checkInAt, checkOutAt, s, closedBy, expected) => {
    expect(dutyCredit({ checkInAt, checkOutAt, shift: s, closedBy })).toEqual(expected);
  });

  it('never credits more than the shift, whenever the scheduler closes it (every arrival and close in 5-minute steps)', () => {
    for (let arrive = 480; arrive < 720; arrive += 5) {
      for (let close = 540; close <= 1440; close += 5) {
        const at = (m: number) => new Date(Date.parse(bj(MON, '00:00')) + m * 60_000).toISOString();
        if (close <= arrive) continue;
        const c = dutyCredit({ checkInAt: at(arrive), checkOutAt: at(close), shift, closedBy: 'auto' });
        expect(c.creditedMinutes).toBeLessThanOrEqual(180);
        expect(c.creditedMinutes).toBeLessThanOrEqual(c.minutes);
      }
    }
  });
});

describe('confirmedCredit: a leader confirms an unplanned duty', () => {
  it.each([
    ['fewer hours than recorded', 450, 240, 240],
    ['all of it', 450, 450, 450],
    ['never more than was recorded', 450, 600, 450],
    ['nothing at all', 450, 0, 0],
  ])('%s', (_name, span, requested, credited) => {
    expect(confirmedCredit(span, requested)).toBe(credited);
  });
});

describe('autoCloseWords: 自动签退 in the duty list and the service record', () => {
  it.each([
    [
      'a planned shift closed at closing time',
      { reason: 'closingTime' as const, planned: true, confirmation: 'none' as const, closedAt: bj(MON, '17:30'), shiftEnd: bj(MON, '12:00') },
      '忘记签退，服务站 17:30 关门时系统自动签退；按排班计到 12:00',
    ],
    [
      'unplanned, awaiting',
      { reason: 'closingTime' as const, planned: false, confirmation: 'awaiting' as const, closedAt: bj(MON, '17:30') },
      '忘记签退，服务站 17:30 关门时系统自动签退；计划外值班，时长待负责人确认后计入',
    ],
    [
      'a closed day, awaiting — never “按关门时间”',
      { reason: 'closedDay' as const, planned: false, confirmation: 'awaiting' as const, closedAt: bj('2026-11-30', '00:00') },
      '服务站当天不开放，忘记签退，当天结束时系统自动签退；计划外值班，时长待负责人确认后计入',
    ],
    [
      'after hours, confirmed',
      { reason: 'afterHours' as const, planned: false, confirmation: 'confirmed' as const },
      '关门后签到，忘记签退，当天结束时系统自动签退；计划外值班，时长已由负责人确认',
    ],
    ['closed before reasons were kept (hours credited by the old scheduler)', { reason: null, planned: true, confirmation: 'none' as const }, '忘记签退，系统已自动签退'],
  ])('%s', (_name, input, words) => {
    expect(autoCloseWords(input)).toBe(words);
    expect(autoCloseWords(input)).not.toContain('按关门时间');
  });
});
