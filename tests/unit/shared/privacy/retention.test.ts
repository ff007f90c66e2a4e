import fc from 'fast-check';
import {
  RETENTION_DEFAULTS,
  RETENTION_ENV,
  RETENTION_LABELS,
  RETENTION_MINIMUM,
  retentionCutoffs,
  retentionPolicy,
  type RetentionPolicy,
} from '../../../../shared/privacy/retention';

const KEYS = Object.keys(RETENTION_DEFAULTS) as (keyof RetentionPolicy)[];
const DAY = 86_400_000;

/** Any instant from 2000 to 2100, to the millisecond. */
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((t) => new Date(t).toISOString());
/** Any valid policy: each period from its minimum to ten times its default. */
const policy: fc.Arbitrary<RetentionPolicy> = fc.record(
  Object.fromEntries(KEYS.map((k) => [k, fc.integer({ min: RETENTION_MINIMUM[k], max: RETENTION_DEFAULTS[k] * 10 })])) as Record<keyof RetentionPolicy, fc.Arbitrary<number>>,
);

describe('the retention policy from the environment', () => {
  it('is the defaults when nothing is set, each default at least its minimum, each period named, labelled and given a variable', () => {
    expect(retentionPolicy({})).toEqual(RETENTION_DEFAULTS);
    for (const k of KEYS) {
      expect(RETENTION_DEFAULTS[k]).toBeGreaterThanOrEqual(RETENTION_MINIMUM[k]);
      expect(RETENTION_ENV[k]).toMatch(/^HONGLIN_[A-Z_]+$/);
      expect(RETENTION_LABELS[k].length).toBeGreaterThan(0);
    }
    expect(new Set(Object.values(RETENTION_ENV)).size).toBe(KEYS.length);
  });

  it('takes each variable that is set (spaces around it ignored) and leaves the others at their defaults', () => {
    expect(retentionPolicy({ HONGLIN_RETAIN_CONTACT_DAYS: ' 90 ', HONGLIN_INACTIVE_NOTICE_DAYS: '', HONGLIN_RETAIN_OUTBOX_DAYS: '   ' })).toEqual({
      ...RETENTION_DEFAULTS,
      contactDays: 90,
    });
    fc.assert(
      fc.property(policy, (p) => {
        const env = Object.fromEntries(KEYS.map((k) => [RETENTION_ENV[k], String(p[k])]));
        expect(retentionPolicy(env)).toEqual(p);
      }),
    );
  });

  it.each([
    ['HONGLIN_RETAIN_CONTACT_DAYS', '29'],
    ['HONGLIN_RETAIN_REPLAY_HOURS', '12'],
    ['HONGLIN_RETAIN_AUDIT_YEARS', '2'],
    ['HONGLIN_RETAIN_PHOTO_DAYS', '1.5'],
    ['HONGLIN_RETAIN_OUTBOX_DAYS', 'thirty'],
    ['HONGLIN_INACTIVE_YEARS', '-1'],
  ])('refuses %s=%s, naming the variable and its minimum, rather than guess a period', (name, value) => {
    expect(() => retentionPolicy({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number of at least \\d+ \\(got "${value.replace('.', '\\.')}"\\)$`));
  });
});

describe('the cutoffs of a policy at an instant', () => {
  it('counts days and hours back exactly, and years back by the calendar', () => {
    expect(retentionCutoffs(RETENTION_DEFAULTS, '2026-12-06T08:00:00.000Z')).toEqual({
      contactsClosedBy: '2026-06-09T08:00:00.000Z',
      photosClosedBy: '2025-12-06T08:00:00.000Z',
      replaysExpiredBy: '2026-12-05T08:00:00.000Z',
      outboxDoneBy: '2026-11-06T08:00:00.000Z',
      auditBy: '2023-12-06T08:00:00.000Z',
      inactiveSeenBy: '2024-12-06T08:00:00.000Z',
      inactiveToldBy: '2026-11-06T08:00:00.000Z',
    });
  });

  it('falls back from 29 February to 28 February in a year without one, and keeps 29 February when the year has one', () => {
    const leap = retentionCutoffs(RETENTION_DEFAULTS, '2028-02-29T16:30:00.000Z');
    expect(leap.auditBy).toBe('2025-02-28T16:30:00.000Z');
    expect(leap.inactiveSeenBy).toBe('2026-02-28T16:30:00.000Z');
    expect(retentionCutoffs({ ...RETENTION_DEFAULTS, auditYears: 4 }, '2028-02-29T16:30:00.000Z').auditBy).toBe('2024-02-29T16:30:00.000Z');
    // The day after a leap day is 1 March, years back too.
    expect(retentionCutoffs(RETENTION_DEFAULTS, '2028-03-01T00:00:00.000Z').auditBy).toBe('2025-03-01T00:00:00.000Z');
  });

  it('puts every cutoff before the instant, at least the period back (a year is at least 365 days)', () => {
    fc.assert(
      fc.property(policy, instant, (p, at) => {
        const c = retentionCutoffs(p, at);
        const t = Date.parse(at);
        expect(Date.parse(at) - Date.parse(c.contactsClosedBy)).toBe(p.contactDays * DAY);
        expect(Date.parse(at) - Date.parse(c.photosClosedBy)).toBe(p.photoDays * DAY);
        expect(Date.parse(at) - Date.parse(c.replaysExpiredBy)).toBe(p.replayHours * 3_600_000);
        expect(Date.parse(at) - Date.parse(c.outboxDoneBy)).toBe(p.outboxDays * DAY);
        expect(Date.parse(at) - Date.parse(c.inactiveToldBy)).toBe(p.inactiveNoticeDays * DAY);
        expect(t - Date.parse(c.auditBy)).toBeGreaterThanOrEqual(p.auditYears * 365 * DAY);
        expect(t - Date.parse(c.auditBy)).toBeLessThanOrEqual(p.auditYears * 366 * DAY);
        expect(t - Date.parse(c.inactiveSeenBy)).toBeGreaterThanOrEqual(p.inactiveYears * 365 * DAY);
        for (const cut of Object.values(c)) expect(cut < at).toBe(true);
      }),
    );
  });

  it('moves every cutoff earlier (or keeps it) when a period grows: a longer period never makes more records due', () => {
    fc.assert(
      fc.property(policy, fc.constantFrom(...KEYS), fc.integer({ min: 1, max: 50 }), instant, (p, key, more, at) => {
        const shorter = retentionCutoffs(p, at);
        const longer = retentionCutoffs({ ...p, [key]: p[key] + more }, at);
        for (const k of Object.keys(shorter) as (keyof typeof shorter)[]) expect(longer[k] <= shorter[k]).toBe(true);
      }),
    );
  });

  it('moves every cutoff later (or keeps it) as time goes on', () => {
    fc.assert(
      fc.property(policy, instant, fc.integer({ min: 0, max: 400 * DAY }), (p, at, step) => {
        const now = retentionCutoffs(p, at);
        const after = retentionCutoffs(p, new Date(Date.parse(at) + step).toISOString());
        for (const k of Object.keys(now) as (keyof typeof now)[]) expect(after[k] >= now[k]).toBe(true);
      }),
    );
  });
});
