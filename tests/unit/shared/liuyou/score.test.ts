import fc from 'fast-check';
import { gapsOf, isAnswered, itemScore, lacksEvidence, ratingOf, REVIEWS, scoreCheck, type Review, type ScoredItem } from '../../../../shared/liuyou/score';
import { DEFAULT_THRESHOLDS, ITEM_KINDS, MECHANISMS, type MechanismKey, type Thresholds } from '../../../../shared/liuyou/template';

/**
 * Scoring a 六有 check as a pure function: each item kind, weights, missing evidence, no target,
 * a failed review, mechanisms without items, and the red / amber / green thresholds at their edges.
 */

const T: Thresholds = DEFAULT_THRESHOLDS; // green ≥ 85, amber ≥ 60
const NOTE = { id: 'e1', kind: 'note' };

const item = (over: Partial<ScoredItem> = {}): ScoredItem => ({
  mechanism: 'manage',
  kind: 'yesno',
  weight: 1,
  evidenceRequired: false,
  target: null,
  answer: null,
  value: null,
  evidence: [],
  review: 'pending',
  ...over,
});
const yesno = (answer: boolean | null, over: Partial<ScoredItem> = {}) => item({ kind: 'yesno', answer, ...over });
const count = (value: number | null, target: number | null, over: Partial<ScoredItem> = {}) => item({ kind: 'count', value, target, ...over });
const evidence = (n: number, over: Partial<ScoredItem> = {}) => item({ kind: 'evidence', evidence: Array.from({ length: n }, (_, i) => ({ ...NOTE, id: `e${i}` })), ...over });

// ---- items ------------------------------------------------------------------------------------

describe('itemScore: one item between 0 and 1', () => {
  it.each([
    ['yes/no 有', yesno(true), 1],
    ['yes/no 无', yesno(false), 0],
    ['yes/no unanswered', yesno(null), 0],
    ['count unanswered', count(null, 8), 0],
    ['count 0 of 8', count(0, 8), 0],
    ['count 4 of 8 (half)', count(4, 8), 0.5],
    ['count 8 of 8 (exactly the target)', count(8, 8), 1],
    ['count 20 of 8 (above the target, capped)', count(20, 8), 1],
    ['count −3 of 8 (negative guard)', count(-3, 8), 0],
    ['count 0, no target', count(0, null), 0],
    ['count 1, no target', count(1, null), 1],
    ['count 0.5, no target', count(0.5, null), 1],
    ['count unanswered, no target', count(null, null), 0],
    ['count 0, target 0', count(0, 0), 0],
    ['count 3, target 0 (as no target)', count(3, 0), 1],
    ['count 3, negative target (as no target)', count(3, -5), 1],
    ['evidence without any', evidence(0), 0],
    ['evidence with one', evidence(1), 1],
    ['evidence with three', evidence(3), 1],
    ['evidence answered 无 (answer false)', evidence(0, { answer: false }), 0],
  ] as const)('%s → %s', (_, i, expected) => {
    expect(itemScore(i)).toBeCloseTo(expected, 10);
  });

  it('scores nothing when required evidence is missing, whatever the answer', () => {
    expect(itemScore(yesno(true, { evidenceRequired: true }))).toBe(0);
    expect(itemScore(count(100, 8, { evidenceRequired: true }))).toBe(0);
    expect(itemScore(count(5, null, { evidenceRequired: true }))).toBe(0);
    expect(itemScore(evidence(0, { evidenceRequired: true }))).toBe(0);
    expect(lacksEvidence(yesno(true, { evidenceRequired: true }))).toBe(true);
    // With one piece the answer counts again.
    expect(itemScore(yesno(true, { evidenceRequired: true, evidence: [NOTE] }))).toBe(1);
    expect(itemScore(count(4, 8, { evidenceRequired: true, evidence: [NOTE] }))).toBe(0.5);
    expect(lacksEvidence(yesno(true, { evidenceRequired: true, evidence: [NOTE] }))).toBe(false);
    // Evidence beside an answer that needs none changes nothing.
    expect(itemScore(yesno(false, { evidence: [NOTE] }))).toBe(0);
    expect(lacksEvidence(yesno(false))).toBe(false);
  });

  it('scores nothing for an item the street judged 不达标, and ignores the other verdicts', () => {
    const full = [yesno(true, { evidenceRequired: true, evidence: [NOTE] }), count(8, 8), evidence(2)];
    for (const i of full) {
      expect(itemScore({ ...i, review: 'failed' })).toBe(0);
      for (const r of ['pending', 'approved', 'returned'] as const) expect(itemScore({ ...i, review: r })).toBe(1);
    }
  });
});

describe('isAnswered: progress and submission', () => {
  it.each([
    ['yes/no unanswered', yesno(null), false],
    ['yes/no 无', yesno(false), true],
    ['yes/no 有', yesno(true), true],
    ['count without a number', count(null, 8), false],
    ['count 0', count(0, 8), true],
    ['evidence without any', evidence(0), false],
    ['evidence answered 无', evidence(0, { answer: false }), true],
    ['evidence with one', evidence(1), true],
  ] as const)('%s → %s', (_, i, expected) => {
    expect(isAnswered(i)).toBe(expected);
  });
});

// ---- mechanisms, weights, overall -----------------------------------------------------------

describe('scoreCheck: weighted mechanisms and the overall score', () => {
  it('weighs items by their weight inside a mechanism', () => {
    const card = scoreCheck([yesno(true, { weight: 3 }), yesno(false, { weight: 1 })], T);
    expect(card.mechanisms.manage).toEqual({ score: 75, rating: 'amber', answered: 2, total: 2 });
    const swapped = scoreCheck([yesno(true, { weight: 1 }), yesno(false, { weight: 3 })], T);
    expect(swapped.mechanisms.manage.score).toBe(25);
    expect(swapped.mechanisms.manage.rating).toBe('red');
  });

  it('gives a mechanism without items no score and keeps it out of the overall', () => {
    const card = scoreCheck([yesno(true, { mechanism: 'manage' }), count(4, 8, { mechanism: 'grid' })], T);
    expect(card.mechanisms.manage).toEqual({ score: 100, rating: 'green', answered: 1, total: 1 });
    expect(card.mechanisms.grid).toEqual({ score: 50, rating: 'red', answered: 1, total: 1 });
    for (const m of ['people', 'place', 'rules', 'funds'] as const) expect(card.mechanisms[m]).toEqual({ score: null, rating: null, answered: 0, total: 0 });
    expect(card.overall).toBe(75); // (1 + 0.5) / 2, not divided by six mechanisms
    expect(card.rating).toBe('amber');
    expect([card.answered, card.total]).toEqual([2, 2]);
  });

  it('is the weighted mean of every item, not the mean of the mechanisms', () => {
    // manage: one item of weight 3 at 100; grid: one item of weight 1 at 0 → 75 overall (the mean of mechanisms would be 50).
    const card = scoreCheck([yesno(true, { weight: 3, mechanism: 'manage' }), yesno(false, { weight: 1, mechanism: 'grid' })], T);
    expect(card.overall).toBe(75);
  });

  it('scores an empty check 0, red, with nothing answered', () => {
    const card = scoreCheck([], T);
    expect(card).toMatchObject({ overall: 0, rating: 'red', answered: 0, total: 0 });
    for (const m of MECHANISMS) expect(card.mechanisms[m].score).toBeNull();
  });

  it('counts progress: answered items of all, per mechanism and overall', () => {
    const card = scoreCheck([yesno(null), yesno(false), count(0, 3, { mechanism: 'people' }), evidence(0, { mechanism: 'people' })], T);
    expect(card.mechanisms.manage).toMatchObject({ answered: 1, total: 2 });
    expect(card.mechanisms.people).toMatchObject({ answered: 1, total: 2 });
    expect([card.answered, card.total]).toEqual([2, 4]);
  });

  it('rounds to whole numbers and judges the colour on the number shown', () => {
    // 84.6 shows as 85: green, though the unrounded share is below 85.
    const up = scoreCheck([count(846, 1000)], T);
    expect([up.overall, up.rating, up.mechanisms.manage.score, up.mechanisms.manage.rating]).toEqual([85, 'green', 85, 'green']);
    // 84.4 shows as 84: amber.
    const down = scoreCheck([count(844, 1000)], T);
    expect([down.overall, down.rating, down.mechanisms.manage.score, down.mechanisms.manage.rating]).toEqual([84, 'amber', 84, 'amber']);
    // 59.6 shows as 60: amber; 59.4 as 59: red.
    expect(scoreCheck([count(596, 1000)], T)).toMatchObject({ overall: 60, rating: 'amber' });
    expect(scoreCheck([count(594, 1000)], T)).toMatchObject({ overall: 59, rating: 'red' });
    // Thirds: 2 of 3 → 67.
    expect(scoreCheck([yesno(true), yesno(true), yesno(false)], T).overall).toBe(67);
  });

  it('uses the thresholds it is given', () => {
    const strict: Thresholds = { green: 95, amber: 80 };
    const card = scoreCheck([count(9, 10)], strict);
    expect([card.overall, card.rating]).toEqual([90, 'amber']);
    expect(scoreCheck([count(9, 10)], T).rating).toBe('green');
  });
});

describe('gapsOf: what a community looks at first', () => {
  it('orders returned, failed, unanswered, missing evidence, then partial items; full items are no gap', () => {
    const items = [
      { id: 'full', ...yesno(true) },
      { id: 'partial', ...count(5, 10) },
      { id: 'noEvidence', ...yesno(true, { evidenceRequired: true }) },
      { id: 'unanswered', ...yesno(null) },
      { id: 'failed', ...yesno(true, { review: 'failed' }) },
      { id: 'returned', ...yesno(true, { review: 'returned' }) },
      { id: 'returnedToo', ...count(10, 10, { review: 'returned' }) },
    ];
    expect(gapsOf(items)).toEqual(['returned', 'returnedToo', 'failed', 'unanswered', 'noEvidence', 'partial']);
  });

  it('lists each item once, at its most urgent reason', () => {
    // Returned, unanswered and lacking evidence at once: it is listed as returned only.
    expect(gapsOf([{ id: 'a', ...yesno(null, { review: 'returned', evidenceRequired: true }) }])).toEqual(['a']);
    expect(gapsOf([])).toEqual([]);
  });
});

describe('ratingOf at the threshold edges (green 85, amber 60)', () => {
  it.each([
    [100, 'green'],
    [85, 'green'],
    [84, 'amber'],
    [60, 'amber'],
    [59, 'red'],
    [0, 'red'],
  ] as const)('%s → %s', (score, rating) => {
    expect(ratingOf(score, T)).toBe(rating);
  });
});

// ---- properties -------------------------------------------------------------------------------

const mechanism = fc.constantFrom(...MECHANISMS);
const review = fc.constantFrom<Review>(...REVIEWS);
const evidenceList = fc.array(fc.constant(NOTE), { maxLength: 3 });
const anyItem: fc.Arbitrary<ScoredItem> = fc.record({
  mechanism,
  kind: fc.constantFrom(...ITEM_KINDS),
  weight: fc.integer({ min: 1, max: 10 }),
  evidenceRequired: fc.boolean(),
  target: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  answer: fc.option(fc.boolean(), { nil: null }),
  value: fc.option(fc.oneof(fc.integer({ min: -5, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true })), { nil: null }),
  evidence: evidenceList,
  review,
});
const thresholds: fc.Arbitrary<Thresholds> = fc
  .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 100 }))
  .filter(([a, g]) => g > a)
  .map(([amber, green]) => ({ amber, green }));

describe('scoring properties', () => {
  it('keeps every item within 0–1 and every score within 0–100, whole numbers', () => {
    fc.assert(
      fc.property(fc.array(anyItem, { maxLength: 30 }), thresholds, (items, t) => {
        for (const i of items) {
          const s = itemScore(i);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        const card = scoreCheck(items, t);
        expect(Number.isInteger(card.overall)).toBe(true);
        expect(card.overall).toBeGreaterThanOrEqual(0);
        expect(card.overall).toBeLessThanOrEqual(100);
        expect(card.rating).toBe(ratingOf(card.overall, t));
        for (const m of MECHANISMS) {
          const { score, rating } = card.mechanisms[m];
          if (score === null) {
            expect(rating).toBeNull();
            expect(items.some((i) => i.mechanism === m)).toBe(false);
            continue;
          }
          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          expect(rating).toBe(ratingOf(score, t));
        }
      }),
    );
  });

  it('never lowers an item by adding evidence', () => {
    fc.assert(
      fc.property(anyItem, (i) => {
        expect(itemScore({ ...i, evidence: [...i.evidence, { id: 'more', kind: 'photo' }] })).toBeGreaterThanOrEqual(itemScore(i));
      }),
    );
  });

  it('never lowers a count item by raising its number', () => {
    fc.assert(
      fc.property(anyItem, fc.option(fc.integer({ min: -5, max: 300 }), { nil: null }), fc.integer({ min: 0, max: 300 }), (i, from, by) => {
        const lower = { ...i, kind: 'count' as const, value: from };
        const higher = { ...lower, value: (from ?? 0) + by };
        expect(itemScore(higher)).toBeGreaterThanOrEqual(itemScore(lower));
      }),
    );
  });

  it('places the overall between the lowest and the highest mechanism when every mechanism has items', () => {
    const perMechanism = fc.tuple(
      ...MECHANISMS.map((m) =>
        fc.array(
          anyItem.map((i) => ({ ...i, mechanism: m as MechanismKey })),
          { minLength: 1, maxLength: 5 },
        ),
      ),
    );
    fc.assert(
      fc.property(perMechanism, thresholds, (groups, t) => {
        const card = scoreCheck(groups.flat(), t);
        const scores = MECHANISMS.map((m) => card.mechanisms[m].score!);
        expect(card.overall).toBeGreaterThanOrEqual(Math.min(...scores));
        expect(card.overall).toBeLessThanOrEqual(Math.max(...scores));
      }),
    );
  });
});
