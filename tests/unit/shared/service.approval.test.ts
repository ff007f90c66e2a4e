import { checkApproval, hoursThatFit, summarize } from '../../../shared/service/record';

describe('hoursThatFit: what of an entry still fits under the monthly cap (20 h)', () => {
  it.each([
    ['all of it, far from the cap', 0, 8, 8],
    ['all of it, exactly to the cap', 12, 8, 8],
    ['a part, near the cap', 16, 8, 4],
    ['half hours only', 16.5, 8, 3.5],
    ['nothing at the cap', 20, 8, 0],
    ['nothing past the cap (approved before the cap was lowered)', 22, 3, 0],
  ])('%s', (_name, approved, requested, fits) => {
    expect(hoursThatFit(approved, requested)).toBe(fits);
  });
});

describe('checkApproval: 部分通过 with a reason, within the cap', () => {
  it.each([
    ['the whole entry', { requested: 8, approvedThisMonth: 0, note: '' }, { ok: true, hours: 8, partial: false }],
    ['the whole entry, said explicitly', { requested: 8, hours: 8, approvedThisMonth: 0, note: '' }, { ok: true, hours: 8, partial: false }],
    ['4 of 8 with a reason', { requested: 8, hours: 4, approvedThisMonth: 0, note: '活动只进行了半天' }, { ok: true, hours: 4, partial: true }],
    ['4 of 8 without a reason', { requested: 8, hours: 4, approvedThisMonth: 0, note: ' ' }, { ok: false, reason: 'reasonRequired' }],
    ['more than was entered', { requested: 4, hours: 6, approvedThisMonth: 0, note: '多算一点' }, { ok: false, reason: 'overEntry' }],
    ['the whole entry past the cap', { requested: 8, approvedThisMonth: 16, note: '' }, { ok: false, reason: 'overCap' }],
    ['what still fits at the cap', { requested: 8, hours: 4, approvedThisMonth: 16, note: '本月上限 20 小时' }, { ok: true, hours: 4, partial: true }],
  ])('%s', (_name, input, expected) => {
    expect(checkApproval(input)).toEqual(expected);
  });
});

describe('summarize: duty awaiting a leader’s confirmation', () => {
  it('counts no hours for it, and says how many wait', () => {
    const s = summarize([
      { source: 'duty', hours: 3, points: 30, verified: true, month: '2026-11' },
      { source: 'duty', hours: 0, points: 0, verified: false, confirmation: 'awaiting', month: '2026-11' },
    ]);
    expect(s.bySource.duty).toEqual({ hours: 3, points: 30, entries: 1 });
    expect(s.awaitingDutyEntries).toBe(1);
    expect(s.verifiedHours).toBe(3);
  });
});
