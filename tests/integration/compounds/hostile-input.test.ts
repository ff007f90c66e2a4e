import { api } from '../../../shared/api/contract';
import { DEFAULT_RESPONSIBILITIES } from '../../../shared/compounds/responsibility';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ ratePerSecond: 1_000_000 });
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const rule = { category: '水电维修', model: '1+3', owner: 'property', hours: 24 };
const save = (over: Record<string, unknown>) => ({ communityId: 'cm01', baseVersion: 0, rules: [rule], ...over });
/** 301 distinct-looking lines: one more than a list may hold. */
const tooMany = Array.from({ length: 301 }, (_, i) => ({ ...rule, compoundId: `cp-${i}` }));

/** Malformed input for every compounds action, sent by the community's admin (who may do all three), and the field the error must name. */
const MALFORMED: ReadonlyArray<readonly [action: string, payload: unknown, field: string]> = [
  ['list', {}, 'payload.communityId'],
  ['list', { communityId: 42 }, 'payload.communityId'],
  ['list', { communityId: "cm01'; DROP TABLE nodes;--" }, 'payload.communityId'],
  ['list', { communityId: { $ne: null } }, 'payload.communityId'],
  ['list', { communityId: 'cm01', gridId: 'cm01-gd1' }, 'payload'],
  ['list', [], 'payload'],
  ['responsibilities', { communityId: '../cm01' }, 'payload.communityId'],
  ['responsibilities', { communityId: 'c'.repeat(65) }, 'payload.communityId'],
  ['responsibilities', { communityId: ['cm01', 'cm02'] }, 'payload.communityId'],
  ['responsibilities', 'cm01', 'payload'],
  ['review', {}, 'payload.compoundId'],
  ['review', { compoundId: 'cm01-gd2-cp1', month: '2026-13' }, 'payload.month'],
  ['review', { compoundId: 'cm01-gd2-cp1', month: '2026-1' }, 'payload.month'],
  ['review', { compoundId: 'cm01-gd2-cp1', month: '1999-11' }, 'payload.month'],
  ['review', { compoundId: 'cm01-gd2-cp1', month: '2026-11-01' }, 'payload.month'],
  ['review', { compoundId: 'cm01-gd2-cp1', month: 202611 }, 'payload.month'],
  ['review', { compoundId: 'cm01-gd2-cp1', month: { $gt: '' } }, 'payload.month'],
  ['review', { compoundId: { $ne: null } }, 'payload.compoundId'],
  ['review', { compoundId: "cp1' OR 1=1" }, 'payload.compoundId'],
  ['review', { compoundId: 'cm01-gd2-cp1', gridId: 'cm01-gd2' }, 'payload'],
  ['review', ['cm01-gd2-cp1'], 'payload'],
  ['saveResponsibilities', {}, 'payload.communityId'],
  ['saveResponsibilities', save({ baseVersion: '0' }), 'payload.baseVersion'],
  ['saveResponsibilities', save({ baseVersion: -1 }), 'payload.baseVersion'],
  ['saveResponsibilities', save({ baseVersion: 0.5 }), 'payload.baseVersion'],
  ['saveResponsibilities', save({ rules: 'all' }), 'payload.rules'],
  ['saveResponsibilities', save({ rules: tooMany }), 'payload.rules'],
  ['saveResponsibilities', save({ version: 3 }), 'payload'],
  ['saveResponsibilities', save({ rules: [{ ...rule, category: 'Robert' }] }), 'payload.rules.0.category'],
  ['saveResponsibilities', save({ rules: [{ ...rule, model: '1+4' }] }), 'payload.rules.0.model'],
  ['saveResponsibilities', save({ rules: [{ ...rule, owner: '__proto__' }] }), 'payload.rules.0.owner'],
  ['saveResponsibilities', save({ rules: [{ ...rule, hours: 1e9 }] }), 'payload.rules.0.hours'],
  ['saveResponsibilities', save({ rules: [{ ...rule, hours: 0 }] }), 'payload.rules.0.hours'],
  ['saveResponsibilities', save({ rules: [{ ...rule, hours: 2.5 }] }), 'payload.rules.0.hours'],
  ['saveResponsibilities', save({ rules: [{ ...rule, compoundId: "x' OR 1=1" }] }), 'payload.rules.0.compoundId'],
  ['saveResponsibilities', save({ rules: [{ ...rule, compoundId: { $gt: '' } }] }), 'payload.rules.0.compoundId'],
  ['saveResponsibilities', save({ rules: [{ ...rule, orderId: 'ord-1' }] }), 'payload.rules.0'],
  ['saveResponsibilities', save({ rules: [rule, { ...rule, hours: 12 }] }), 'payload.rules.1'],
  ['saveResponsibilities', save({ rules: [{ ...rule, model: '1+1' }] }), 'payload.rules.0.owner'],
  ['saveResponsibilities', save({ rules: [null] }), 'payload.rules.0'],
  ['survey', { compoundId: 'cm01-gd2-cp1' }, 'payload'],
  ['survey', 'cm01-gd2-cp1', 'payload'],
  ['answerSurvey', {}, 'payload.compoundId'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1' }, 'payload.scores'],
  ['answerSurvey', { compoundId: { $ne: null }, scores: { overall: 4 } }, 'payload.compoundId'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: [4, 4, 4, 4, 4] }, 'payload.scores'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: '5' } }, 'payload.scores.overall'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 0 } }, 'payload.scores.overall'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 1e9 } }, 'payload.scores.overall'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 4, repair: null } }, 'payload.scores.repair'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 4, __proto__x: 3 } }, 'payload.scores'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 4 }, comment: 42 }, 'payload.comment'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 4 }, comment: '很'.repeat(201) }, 'payload.comment'],
  ['answerSurvey', { compoundId: 'cm01-gd2-cp1', scores: { overall: 4 }, userId: 'seed-resident-cp1-001' }, 'payload'],
];

describe('every compounds action refuses malformed input with a field-level error and changes nothing', () => {
  it.each(MALFORMED)('compounds.%s %j → %s', async (action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.communityAdmin, 'compounds', action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers every action of the function', () => {
    expect(new Set(MALFORMED.map(([a]) => a))).toEqual(new Set(Object.keys(api.compounds)));
  });

  it('answers a caller without identity with UNAUTHENTICATED, and an unknown WeChat user as not registered, writing nothing', async () => {
    const before = await snapshot(gw);
    const payloads = {
      list: { communityId: 'cm01' },
      responsibilities: { communityId: 'cm01' },
      saveResponsibilities: { communityId: 'cm01', baseVersion: 0, rules: DEFAULT_RESPONSIBILITIES },
      review: { compoundId: 'cm01-gd2-cp1' },
      survey: {},
      answerSurvey: { compoundId: 'cm01-gd2-cp1', scores: { overall: 4, repair: 4, clean: 4, safety: 4, fees: 4 } },
    };
    for (const [action, payload] of Object.entries(payloads)) {
      expect((await gw.call(null, 'compounds', action, payload)).body).toMatchObject({ ok: false, error: { code: 'COMMON.UNAUTHENTICATED' } });
      expect((await gw.call('nobody-ever-seen-0001', 'compounds', action, payload)).body).toMatchObject({ ok: false, error: { code: 'ACCOUNT.NOT_REGISTERED' } });
    }
    expect(await snapshot(gw)).toBe(before);
  });
});
