import fc from 'fast-check';
import { allowedPairs, NOT_ALLOWED_NOW, runLifecycle, type SideWrite } from '../../../shared/kernel/lifecycle';
import { minutesBetween } from '../../../shared/stations/duty';
import { checkInDuty, creditedOf, dutyLifecycle, type DutyEvent, type DutySubject } from '../../../shared/stations/duty.lifecycle';

/** 2026-11-23 is a Monday; 00:00 in Beijing. */
const MONDAY = Date.parse('2026-11-23T00:00:00+08:00');
const instant = (minutes: number) => new Date(MONDAY + minutes * 60_000).toISOString();
const SAMPLES: DutyEvent[] = [{ type: 'checkOut', at: instant(600) }, { type: 'autoClose' }, { type: 'confirm', minutes: 60, note: '核实', by: 'leader', at: instant(2000) }];

describe('duty lifecycle table', () => {
  it('allows exactly: check out or close automatically while open, and confirm an automatic close', () => {
    expect(allowedPairs(dutyLifecycle, SAMPLES)).toEqual([
      ['open', 'checkOut', 'closed'],
      ['open', 'autoClose', 'autoClosed'],
      ['autoClosed', 'confirm', 'autoClosed'],
    ]);
  });
});

describe('check-in', () => {
  const station = {
    _id: 'st1',
    path: { streetId: 'S', communityId: 'C1' },
    roster: [{ userId: 'v', days: [1], from: 540, to: 720 }],
    hours: { days: [1, 2, 3, 4, 5, 6], open: 510, close: 1050 },
  };
  it('opens a duty judged against the roster, to close by itself at closing time', () => {
    const change = checkInDuty(station, 'v', instant(555)); // Monday 09:15
    expect(change.after).toEqual(
      expect.objectContaining({
        _id: `v.${Math.floor((MONDAY + 555 * 60_000) / 60_000)}`,
        state: 'open',
        status: 'open',
        planned: true,
        late: true,
        communityId: 'C1',
        closesAt: instant(1050),
        closeReason: 'closingTime',
        shiftStartAt: instant(540),
        shiftEndAt: instant(720),
        minutes: 0,
        month: '2026-11',
        version: 1,
      }),
    );
    expect(change.audit).toEqual({ event: 'checkIn', stationId: 'st1', planned: true, late: true });
    expect(change.writes).toEqual([]);
  });

  it('closes an unplanned duty on a closed day at the end of that day', () => {
    const sunday = instant(6 * 1440 + 600);
    expect(checkInDuty(station, 'v', sunday).after).toEqual(
      expect.objectContaining({ planned: false, closeReason: 'closedDay', closesAt: instant(7 * 1440), shiftStartAt: null, shiftEndAt: null }),
    );
  });
});

// ---- properties over any station, check-in and sequence of events ---------------------------------

const days = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
const span = (max: number) => fc.tuple(fc.integer({ min: 0, max: max - 1 }), fc.integer({ min: 1, max })).map(([a, len]) => [a, Math.min(max, a + len)] as const);
const station = fc.record({
  _id: fc.constant('st1'),
  path: fc.constant({ streetId: 'S', communityId: 'C1' }),
  hours: fc.option(fc.tuple(days, span(1440)).map(([d, [open, close]]) => ({ days: d, open, close }))),
  roster: fc.array(
    fc.tuple(fc.constantFrom('v', 'w'), days, span(1440)).map(([userId, d, [from, to]]) => ({ userId, days: d, from, to })),
    { maxLength: 4 },
  ),
});
const checkInMinute = fc.integer({ min: 0, max: 14 * 1440 });
const event = (from: number): fc.Arbitrary<DutyEvent> =>
  fc.oneof(
    fc.integer({ min: 0, max: 3 * 1440 }).map((m) => ({ type: 'checkOut' as const, at: instant(from + m) })),
    fc.constant({ type: 'autoClose' as const }),
    fc
      .tuple(fc.integer({ min: 0, max: 3 * 1440 }), fc.integer({ min: 0, max: 3 * 1440 }))
      .map(([minutes, m]) => ({ type: 'confirm' as const, minutes, note: '核实过', by: 'leader', at: instant(from + m) })),
  );
const scenario = fc.tuple(station, checkInMinute).chain(([s, m]) => fc.tuple(fc.constant(s), fc.constant(m), fc.array(event(m), { maxLength: 8 })));

interface Played {
  steps: { before: DutySubject; event: DutyEvent; after: DutySubject | null; refusal: string | null; writes: readonly SideWrite[] }[];
  entry: Record<string, unknown> | null;
  inserts: number;
}

/** Each event as its own move, as the handlers and the scheduler make them: a refused one changes nothing. */
function play(duty: DutySubject, events: readonly DutyEvent[]): Played {
  const played: Played = { steps: [], entry: null, inserts: 0 };
  let d = duty;
  for (const e of events) {
    const run = runLifecycle(dutyLifecycle, d, [e], played.entry ? { entryVersion: 1 } : {});
    if (!run.ok) {
      played.steps.push({ before: d, event: e, after: null, refusal: run.refusal.code, writes: [] });
      continue;
    }
    for (const w of run.change.writes) {
      if (w.op === 'insert') {
        played.inserts++;
        played.entry = w.doc;
      } else played.entry = { ...played.entry, ...w.patch.$set };
    }
    played.steps.push({ before: d, event: e, after: run.change.after, refusal: null, writes: run.change.writes });
    d = run.change.after;
  }
  return played;
}

describe('duty lifecycle (property)', () => {
  it('never credits more minutes than the span, in the duty or its service-record entry', () => {
    fc.assert(
      fc.property(scenario, ([s, m, events]) => {
        const played = play(checkInDuty(s, 'v', instant(m)).after, events);
        for (const { after } of played.steps) {
          if (!after) continue;
          expect(creditedOf(after)).toBeLessThanOrEqual(after.minutes);
          if (after.checkOutAt) expect(after.minutes).toBe(minutesBetween(after.checkInAt, after.checkOutAt));
        }
        if (played.entry) expect((played.entry.hours as number) * 60).toBeLessThanOrEqual(played.steps.filter((x) => x.after).at(-1)!.after!.minutes + 0.3);
      }),
    );
  });

  it('accepts no check-out and no second close once a duty is closed, and writes its entry once', () => {
    fc.assert(
      fc.property(scenario, ([s, m, events]) => {
        const played = play(checkInDuty(s, 'v', instant(m)).after, events);
        for (const { before, event, refusal } of played.steps) {
          if (before.state !== 'open' && event.type !== 'confirm') expect(refusal).toBe(NOT_ALLOWED_NOW);
        }
        expect(played.inserts).toBeLessThanOrEqual(1);
        expect(played.steps.filter((x) => x.after && x.event.type === 'confirm').length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('keeps the stored status where the table moved the duty', () => {
    fc.assert(
      fc.property(scenario, ([s, m, events]) => {
        for (const { after } of play(checkInDuty(s, 'v', instant(m)).after, events).steps) if (after) expect(after.status).toBe(after.state);
      }),
    );
  });

  it('closes a forgotten planned shift at no more than the shift, and waits for a leader on an unplanned one', () => {
    fc.assert(
      fc.property(scenario, ([s, m]) => {
        const [step] = play(checkInDuty(s, 'v', instant(m)).after, [{ type: 'autoClose' }]).steps;
        const after = step!.after!;
        if (after.shiftStartAt && after.shiftEndAt) {
          expect(after.creditedMinutes).toBeLessThanOrEqual(minutesBetween(after.shiftStartAt, after.shiftEndAt));
          expect(after.confirmation).toBe('none');
        } else {
          expect([after.creditedMinutes, after.confirmation]).toEqual([0, 'awaiting']);
          expect(step!.writes[0]).toEqual(expect.objectContaining({ op: 'insert', doc: expect.objectContaining({ hours: 0, verified: false }) }));
        }
      }),
    );
  });

  it('lets a leader confirm only a duty that waits for it, and verifies its entry', () => {
    fc.assert(
      fc.property(scenario, ([s, m, events]) => {
        const played = play(checkInDuty(s, 'v', instant(m)).after, events);
        for (const { before, event, after, refusal } of played.steps) {
          if (event.type !== 'confirm') continue;
          const waits = before.state === 'autoClosed' && before.confirmation === 'awaiting';
          expect(refusal).toBe(waits ? null : before.state === 'autoClosed' ? 'DUTY.NOTHING_TO_CONFIRM' : NOT_ALLOWED_NOW);
          if (after) expect(after).toEqual(expect.objectContaining({ confirmation: 'confirmed', creditedMinutes: Math.min(event.minutes, before.minutes) }));
        }
        if (played.entry && played.steps.some((x) => x.after?.confirmation === 'confirmed')) expect(played.entry.verified).toBe(true);
      }),
    );
  });

  it('opens every duty to close after its check-in', () => {
    fc.assert(
      fc.property(station, checkInMinute, fc.constantFrom('v', 'w', 'x'), (s, m, who) => {
        const { after } = checkInDuty(s, who, instant(m));
        expect(after.closesAt > after.checkInAt).toBe(true);
        expect(after.planned).toBe(after.shiftStartAt !== null);
      }),
    );
  });
});
