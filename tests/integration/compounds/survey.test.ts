import { PERSONAS, snapshot, freshGatewayEachTest, type TestGateway, data } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

/**
 * 物业服务季度评价 through the gateway: residents of 幸福花园 (cm01-gd2-cp1, 1+3, 安居物业) rate its
 * desk once a quarter. The owners' committee and the community read the quarter in 评议监督 — only a
 * count until three people answered, then the figures and the words, unsigned — and the community's
 * dashboard shows the same answers, summed from the rollups the answers wrote.
 */

let gw: TestGateway;
freshGatewayEachTest((g) => (gw = g), { at: MORNING, ratePerSecond: 1_000_000 });

const GARDEN = 'cm01-gd2-cp1';
const GARDEN_BUILDING = 'cm01-gd2-mg1-bd1';
const OLD_COMPOUND = 'cm01-gd3-cp1';
const OLD_BUILDING = 'cm01-gd3-mg2-bd1';
const HUANG = 'seed-resident-cp1-001';
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const FULL = { overall: 4, repair: 3, clean: 5, safety: 4, fees: 2 };

const answer = (persona: string, payload: Record<string, unknown>) => gw.call(persona, 'compounds', 'answerSurvey', payload);
const review = async (persona: string) => data(await gw.call(persona, 'compounds', 'review', { compoundId: GARDEN }), `review by ${persona}`);

let people = 0;
/** A new resident with a home in the given building. */
async function resident(name: string, buildingId = GARDEN_BUILDING): Promise<string> {
  const openid = `survey-resident-${++people}`;
  data(await gw.call(openid, 'accounts', 'me', {}), 'register');
  data(await gw.call(openid, 'accounts', 'updateProfile', { name, buildingId, room: `${people}-101` }), 'profile');
  return openid;
}

describe('compounds.survey: the questionnaire a resident sees', () => {
  it('asks 黄秀兰 about her own compound’s property service this quarter: five questions, nothing answered yet', async () => {
    const view = data(await gw.call(HUANG, 'compounds', 'survey', {}), 'survey');
    expect(view.compound).toEqual({ id: GARDEN, name: '幸福花园', model: '1+3', deskName: '安居物业服务有限公司', serviceName: '物业服务' });
    expect(view.quarter).toBe('2026-Q4');
    expect(view.quarterLabel).toBe('2026年第4季度');
    expect(view.questions.map((q: { key: string }) => q.key)).toEqual(['overall', 'repair', 'clean', 'safety', 'fees']);
    expect(view.mine).toBeNull();
    expect(view.allowedActions).toEqual(['answer']);
  });

  it('tells someone who lives in no compound that there is none, and the desk’s own staff why they may not answer', async () => {
    const elsewhere = data(await gw.call(PERSONAS.resident, 'compounds', 'survey', {}), 'survey');
    expect(elsewhere).toMatchObject({ compound: null, questions: [], mine: null, allowedActions: [] });
    const desk = data(await gw.call(PERSONAS.property, 'compounds', 'survey', {}), 'survey');
    expect(desk.compound.id).toBe(GARDEN);
    expect(desk.allowedActions).toEqual([]);
    expect(desk.notice).toContain('不参加对自己服务的评价');
  });

  it('asks the old 1+1 compound about its party branch, without the fees question', async () => {
    const neighbour = await resident('周桂芝', OLD_BUILDING);
    const view = data(await gw.call(neighbour, 'compounds', 'survey', {}), 'survey');
    expect(view.compound).toMatchObject({ id: OLD_COMPOUND, model: '1+1', serviceName: '小区党支部（自治会）的服务' });
    expect(view.questions.map((q: { key: string }) => q.key)).toEqual(['overall', 'repair', 'clean', 'safety']);
    const res = await answer(neighbour, { compoundId: OLD_COMPOUND, scores: FULL });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMPOUND.SURVEY_NOT_ASKED', field: 'payload.scores.fees' }) });
    const { fees: _fees, ...noFees } = FULL;
    expect(data(await answer(neighbour, { compoundId: OLD_COMPOUND, scores: noFees }), 'answer').mine.scores).toEqual(noFees);
  });
});

describe('compounds.answerSurvey', () => {
  it('keeps one answer per person and quarter: answering again replaces it, and the review counts one', async () => {
    const first = data(await answer(HUANG, { compoundId: GARDEN, scores: { ...FULL, overall: 2 }, comment: '电梯老是坏' }), 'first');
    expect(first.mine).toMatchObject({ scores: { ...FULL, overall: 2 }, comment: '电梯老是坏' });
    const again = data(await answer(HUANG, { compoundId: GARDEN, scores: FULL }), 'again');
    expect(again.mine).toMatchObject({ scores: FULL, comment: null });
    expect(data(await gw.call(HUANG, 'compounds', 'survey', {}), 'survey').mine.scores).toEqual(FULL);

    const seen = await review(OWNERS);
    expect(seen.survey).toEqual({
      quarter: '2026-Q4',
      quarterLabel: '2026年第4季度',
      respondents: 1,
      enough: false,
      minRespondents: 3,
      averageOverall: null,
      satisfiedRate: null,
      questions: [],
      distribution: [0, 0, 0, 0, 0],
      comments: [],
    });
  });

  it('shows the figures and the words, unsigned and without phone numbers, once three have answered — to the committee and the community alike', async () => {
    data(await answer(HUANG, { compoundId: GARDEN, scores: FULL, comment: '保安很负责，有事打我电话13912345678' }), 'huang');
    const li = await resident('李建国');
    data(await answer(li, { compoundId: GARDEN, scores: { overall: 5, repair: 5, clean: 4, safety: 5, fees: 3 } }), 'li');
    const wang = await resident('王淑珍');
    data(await answer(wang, { compoundId: GARDEN, scores: { overall: 1, repair: 1, clean: 2, safety: 3, fees: 1 }, comment: '车库漏水半年没人管' }), 'wang');

    const seen = await review(OWNERS);
    expect(seen.survey).toMatchObject({
      respondents: 3,
      enough: true,
      averageOverall: 3.3,
      satisfiedRate: 2 / 3,
      distribution: [1, 0, 0, 1, 1],
      questions: [
        { key: 'overall', short: '总体满意', average: 3.3, answered: 3 },
        { key: 'repair', short: '报修办理', average: 3, answered: 3 },
        { key: 'clean', short: '环境卫生', average: 3.7, answered: 3 },
        { key: 'safety', short: '安全秩序', average: 4, answered: 3 },
        { key: 'fees', short: '收费公开', average: 2, answered: 3 },
      ],
    });
    expect(seen.survey.comments.map((c: { text: string }) => c.text).sort()).toEqual(['保安很负责，有事打我电话＊＊', '车库漏水半年没人管'].sort());
    const text = JSON.stringify(seen.survey);
    for (const secret of ['13912345678', '黄秀兰', '李建国', '王淑珍', HUANG]) expect(text).not.toContain(secret);
    expect((await review(PERSONAS.communityAdmin)).survey).toEqual(seen.survey);
  });

  it('feeds the community’s dashboard from the rollups: the quarter’s answers, 满意率 and the compound’s row', async () => {
    data(await answer(HUANG, { compoundId: GARDEN, scores: FULL }), 'huang');
    data(await answer(await resident('李建国'), { compoundId: GARDEN, scores: { ...FULL, overall: 5 } }), 'li');
    data(await answer(await resident('王淑珍'), { compoundId: GARDEN, scores: { ...FULL, overall: 3 } }), 'wang');
    const board = data(await gw.call(PERSONAS.communityAdmin, 'dashboards', 'overview', { nodeId: 'cm01', period: '2026-Q4' }), 'overview');
    expect(board.property).toMatchObject({ respondents: 3, averageOverall: 4, satisfiedRate: 2 / 3, previousRespondents: 0 });
    expect(board.property.compounds).toEqual([{ nodeId: GARDEN, nodeName: '幸福花园', respondents: 3, satisfiedRate: 2 / 3 }]);
    expect(board.property.trend.at(-1)).toEqual({ quarter: '2026-Q4', respondents: 3, satisfiedRate: 2 / 3 });
    const street = data(await gw.call(PERSONAS.streetAdmin, 'dashboards', 'overview', { nodeId: 'st01', period: '2026-Q4' }), 'street overview');
    expect(street.property.respondents).toBe(3);
  });

  it.each([
    ['the desk’s own staff, who live there', PERSONAS.property, { compoundId: GARDEN, scores: FULL }, 403, 'COMPOUND.OWN_DESK', undefined],
    ['a resident of another compound', PERSONAS.resident, { compoundId: GARDEN, scores: FULL }, 403, 'COMPOUND.NOT_YOUR_COMPOUND', undefined],
    ['the community’s admin, who lives elsewhere', PERSONAS.communityAdmin, { compoundId: GARDEN, scores: FULL }, 403, 'COMPOUND.NOT_YOUR_COMPOUND', undefined],
    ['a question left out', HUANG, { compoundId: GARDEN, scores: { overall: 4, repair: 3, clean: 5, safety: 4 } }, 400, 'COMPOUND.SURVEY_UNANSWERED', 'payload.scores.fees'],
    ['a compound that does not exist', HUANG, { compoundId: 'cm01-gd2-cp9', scores: FULL }, 404, 'TERRITORY.NODE_NOT_FOUND', 'payload.compoundId'],
    ['a grid instead of a compound', HUANG, { compoundId: 'cm01-gd2', scores: FULL }, 404, 'TERRITORY.NODE_NOT_FOUND', 'payload.compoundId'],
    ['words the content check refuses', HUANG, { compoundId: GARDEN, scores: FULL, comment: '物业都是贱人' }, 400, 'COMMON.CONTENT_UNSAFE', 'payload.comment'],
    ['a score of 6', HUANG, { compoundId: GARDEN, scores: { ...FULL, clean: 6 } }, 400, 'COMMON.INVALID_INPUT', 'payload.scores.clean'],
    ['a half score', HUANG, { compoundId: GARDEN, scores: { ...FULL, overall: 3.5 } }, 400, 'COMMON.INVALID_INPUT', 'payload.scores.overall'],
    ['a question nobody asks', HUANG, { compoundId: GARDEN, scores: { ...FULL, parking: 3 } }, 400, 'COMMON.INVALID_INPUT', 'payload.scores'],
    ['a comment of 201 characters', HUANG, { compoundId: GARDEN, scores: FULL, comment: '好'.repeat(201) }, 400, 'COMMON.INVALID_INPUT', 'payload.comment'],
    ['the quarter chosen by the client', HUANG, { compoundId: GARDEN, scores: FULL, quarter: '2026-Q1' }, 400, 'COMMON.INVALID_INPUT', 'payload'],
  ])('refuses %s, and changes nothing', async (_what, persona, payload, status, code, field) => {
    const before = await snapshot(gw);
    const res = await answer(persona, payload);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code, ...(field ? { field } : {}) }) });
    expect(await snapshot(gw)).toBe(before);
  });
});

describe('a resident’s answers are their personal data', () => {
  it('are in their export, and deleting the account keeps the counts but removes their words', async () => {
    const li = await resident('李建国');
    data(await answer(li, { compoundId: GARDEN, scores: FULL, comment: '楼下李建国家的狗天天叫' }), 'answer');
    const exported = data(await gw.call(li, 'privacy', 'exportMine', {}), 'export');
    const section = exported.sections.find((s: { key: string }) => s.key === 'surveys');
    expect(section.title).toBe('我的小区服务评价');
    expect(section.records).toHaveLength(1);
    expect(section.records[0].summary).toContain('小区服务评价：总体满意');
    expect(section.records[0].data).toMatchObject({ compoundId: GARDEN, quarter: '2026-Q4', scores: FULL });

    data(await answer(HUANG, { compoundId: GARDEN, scores: FULL }), 'huang');
    data(await answer(await resident('王淑珍'), { compoundId: GARDEN, scores: FULL }), 'wang');
    const before = (await review(OWNERS)).survey;
    expect(before.comments.map((c: { text: string }) => c.text)).toEqual([expect.stringContaining('的狗天天叫')]);
    data(await gw.call(li, 'privacy', 'deleteAccount', { confirm: '注销', openOrders: 'handToLeader' }), 'delete');
    const after = (await review(OWNERS)).survey;
    expect(after).toEqual({ ...before, comments: [] });
  });
});
