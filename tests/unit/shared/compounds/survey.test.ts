import fc from 'fast-check';
import { AnswerSurveyInput } from '../../../../shared/compounds/compounds.api.schema';
import { GOVERNANCE_MODELS, type GovernanceModel } from '../../../../shared/compounds/labels';
import {
  MIN_RESPONDENTS,
  quarterMonths,
  scoresProblem,
  scoreWord,
  surveyCounts,
  surveyFigures,
  surveyQuarterOf,
  surveyQuestions,
  type SurveyKey,
  type SurveyScores,
} from '../../../../shared/compounds/survey';
import { propertyRollupId, surveyContributions, type RolledSurvey } from '../../../../shared/compounds/survey.rollup';
import { rollupDelta, rollupTotals, sumCounts } from '../../../../shared/kernel/rollup';

/**
 * 物业服务季度评价: what each compound's residents are asked, when a set of answers is complete, and
 * what the answers add up to — read back from rollups exactly as they were given.
 */

describe('the questions of each governance model', () => {
  it.each([
    ['1+3', ['overall', 'repair', 'clean', 'safety', 'fees'], '物业服务'],
    ['1+2', ['overall', 'repair', 'clean', 'safety'], '单位后勤服务'],
    ['1+1', ['overall', 'repair', 'clean', 'safety'], '小区党支部（自治会）的服务'],
  ] as const)('%s asks %j, the first about its %s as a whole', (model, keys, service) => {
    const questions = surveyQuestions(model);
    expect(questions.map((q) => q.key)).toEqual(keys);
    expect(questions[0]!.title).toContain(service);
    for (const q of questions) {
      expect(q.title.length).toBeLessThanOrEqual(30);
      expect(q.short.length).toBeLessThanOrEqual(4);
    }
  });

  it('words each score from 很不满意 to 很满意, and rounds a mean to the nearest word', () => {
    expect([1, 2, 3, 4, 5].map(scoreWord)).toEqual(['很不满意', '不满意', '一般', '满意', '很满意']);
    expect(scoreWord(4.4)).toBe('满意');
    expect(scoreWord(0)).toBe('很不满意');
  });
});

describe('a complete set of answers', () => {
  const all: SurveyScores = { overall: 4, repair: 3, clean: 5, safety: 4, fees: 2 };
  const noFees: SurveyScores = { overall: 4, repair: 3, clean: 5, safety: 4 };

  it('is every question of the model, and no other', () => {
    expect(scoresProblem('1+3', all)).toBeNull();
    expect(scoresProblem('1+2', noFees)).toBeNull();
    expect(scoresProblem('1+3', noFees)).toEqual({ key: 'fees', missing: true });
    expect(scoresProblem('1+1', all)).toEqual({ key: 'fees', missing: false });
    expect(scoresProblem('1+2', { overall: 5 })).toEqual({ key: 'repair', missing: true });
  });

  it('names the first question at fault in the questions’ order', () => {
    expect(scoresProblem('1+3', { fees: 3 })).toEqual({ key: 'overall', missing: true });
  });

  it('the input takes whole scores 1–5 only, each refusal on its own question', () => {
    const parse = (scores: unknown) => AnswerSurveyInput.safeParse({ compoundId: 'cp1', scores });
    expect(parse({ overall: 5 }).success).toBe(true);
    for (const bad of [0, 6, 3.5, '4', null, -1]) {
      const res = parse({ overall: 4, repair: bad });
      expect(res.success).toBe(false);
      expect(res.error!.issues[0]!.path).toEqual(['scores', 'repair']);
      expect(res.error!.issues[0]!.message).toBe('请选择满意程度');
    }
    expect(parse({ overall: 4, parking: 3 }).success).toBe(false);
    expect(AnswerSurveyInput.safeParse({ compoundId: 'cp1', scores: { overall: 4 }, comment: '很'.repeat(201) }).error!.issues[0]!.message).toBe('意见建议最多 200 个字');
  });
});

describe('the quarter of an answer, on the Beijing calendar', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026-Q3'],
    ['2026-09-30T16:00:00.000Z', '2026-Q4'], // 10月1日 00:00 in Beijing
    ['2026-12-31T15:59:59.999Z', '2026-Q4'],
    ['2026-12-31T16:00:00.000Z', '2027-Q1'],
  ])('%s is in %s', (at, quarter) => {
    expect(surveyQuarterOf(at)).toBe(quarter);
  });

  it('a quarter has its three months', () => {
    expect(quarterMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});

describe('the figures of the answers', () => {
  const answers: SurveyScores[] = [
    { overall: 5, repair: 4, clean: 5, safety: 4, fees: 3 },
    { overall: 4, repair: 2, clean: 4, safety: 4, fees: 3 },
    { overall: 2, repair: 1, clean: 3, safety: 3, fees: 1 },
  ];

  it('are the respondents, the overall mean, 满意率 (4–5), each aspect’s mean and the overall distribution', () => {
    const f = surveyFigures(sumCounts(answers.map(surveyCounts)));
    expect(f).toEqual({
      respondents: 3,
      enough: true,
      averageOverall: 3.7,
      satisfiedRate: 2 / 3,
      questions: [
        { key: 'overall', short: '总体满意', average: 3.7, answered: 3 },
        { key: 'repair', short: '报修办理', average: 2.3, answered: 3 },
        { key: 'clean', short: '环境卫生', average: 4, answered: 3 },
        { key: 'safety', short: '安全秩序', average: 3.7, answered: 3 },
        { key: 'fees', short: '收费公开', average: 2.3, answered: 3 },
      ],
      distribution: [0, 1, 0, 1, 1],
    });
  });

  it('are empty without answers, and not enough below MIN_RESPONDENTS', () => {
    expect(surveyFigures({})).toEqual({ respondents: 0, enough: false, averageOverall: null, satisfiedRate: null, questions: [], distribution: [0, 0, 0, 0, 0] });
    expect(surveyFigures(sumCounts(answers.slice(0, MIN_RESPONDENTS - 1).map(surveyCounts))).enough).toBe(false);
  });
});

const path = { streetId: 'st', communityId: 'cm', gridId: 'gd', compoundId: 'cp' };
const answer = (scores: SurveyScores, updatedAt = '2026-11-20T02:00:00.000Z'): RolledSurvey => ({ path, scores, updatedAt });

describe('the property rollups of an answer', () => {
  it('go to the street, community, grid and compound of the month it was given; the compound’s names its community', () => {
    const c = surveyContributions(answer({ overall: 4, repair: 5, clean: 3, safety: 4 }));
    expect(c.map((x) => x.id)).toEqual([
      propertyRollupId('st', '2026-11'),
      propertyRollupId('cm', '2026-11'),
      propertyRollupId('gd', '2026-11'),
      propertyRollupId('cp', '2026-11'),
    ]);
    expect(c[3]!.init).toEqual({ kind: 'property', level: 'compound', nodeId: 'cp', parentId: 'cm', month: '2026-11' });
    expect(c[0]!.counts).toEqual({ answers: 1, satisfied: 1, o_4: 1, s_overall: 4, n_overall: 1, s_repair: 5, n_repair: 1, s_clean: 3, n_clean: 1, s_safety: 4, n_safety: 1 });
  });

  it('answering again moves the counts: the respondents stay one, the scores are the new ones', () => {
    const first = answer({ overall: 2, repair: 2, clean: 2, safety: 2 }, '2026-10-05T02:00:00.000Z');
    const again = answer({ overall: 5, repair: 4, clean: 4, safety: 4 }, '2026-12-01T02:00:00.000Z');
    const stored = rollupTotals(surveyContributions, [first]);
    for (const d of rollupDelta(surveyContributions, first, again)) {
      const cur = stored.get(d.id) ?? { id: d.id, init: d.init, counts: {} };
      cur.counts = sumCounts([cur.counts, d.counts]);
      stored.set(d.id, cur);
    }
    const quarter = (node: string) => surveyFigures(sumCounts(quarterMonths('2026-Q4').map((m) => stored.get(propertyRollupId(node, m))?.counts)));
    expect(quarter('cp')).toEqual(surveyFigures(surveyCounts(again.scores)));
    expect(quarter('st').respondents).toBe(1);
  });
});

const SCORE = fc.integer({ min: 1, max: 5 });
const scoresOf = (model: GovernanceModel) =>
  fc.record(Object.fromEntries(surveyQuestions(model).map((q) => [q.key, SCORE])) as Record<SurveyKey, fc.Arbitrary<number>>) as fc.Arbitrary<SurveyScores>;
const answersArb = fc
  .constantFrom(...GOVERNANCE_MODELS)
  .chain((model) => fc.array(fc.tuple(scoresOf(model), fc.integer({ min: 0, max: 2 })), { maxLength: 40 }).map((xs) => ({ model, xs })));

describe('properties over any answers of a compound', () => {
  it('every random complete answer passes the check, and the rollups summed over the quarter give the figures of the answers themselves', () => {
    fc.assert(
      fc.property(answersArb, ({ model, xs }) => {
        const docs = xs.map(([scores, m]) => answer(scores, `2026-1${m}-15T02:00:00.000Z`));
        for (const d of docs) expect(scoresProblem(model, d.scores)).toBeNull();
        const totals = rollupTotals(surveyContributions, docs);
        const fromRollups = surveyFigures(sumCounts(quarterMonths('2026-Q4').map((m) => totals.get(propertyRollupId('cp', m))?.counts)));
        expect(fromRollups).toEqual(surveyFigures(sumCounts(docs.map((d) => surveyCounts(d.scores)))));
        expect(fromRollups.respondents).toBe(docs.length);
        expect(fromRollups.distribution.reduce((a, b) => a + b, 0)).toBe(docs.length);
        if (docs.length) {
          expect(fromRollups.averageOverall).toBeGreaterThanOrEqual(1);
          expect(fromRollups.averageOverall).toBeLessThanOrEqual(5);
          expect(fromRollups.satisfiedRate).toBeCloseTo(docs.filter((d) => d.scores.overall! >= 4).length / docs.length, 10);
        }
      }),
    );
  });
});
