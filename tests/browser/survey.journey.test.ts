import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { auditLayout, formatViolations, type Mode } from '../helpers/layout-audit';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

/**
 * 物业服务评价 (评议监督, residents' part) in Chromium at 390 px: 黄秀兰 of 幸福花园 (长辈版, as her account
 * says) opens the quarter's questionnaire from 办事, is told which questions she missed, answers every
 * one with the big faces, writes a few words and is thanked; reopening shows her answer. With only her
 * answer the owners' committee sees a count and no figures; once two neighbours have answered too,
 * the community reads 答卷 3 份, the average, 满意率, the bars and her words, unsigned. The desk's own
 * staff read the questions and cannot answer; a resident outside any compound is told why and where to
 * fix her address. Normal and 长辈版; screenshots in test-results/browser/.
 */
const SURVEY = '.hl-page-compound-survey';
const REVIEW = '.hl-page-compound-review';
const ROUTE = '/packages/compounds/survey/index';
const GARDEN = 'cm01-gd2-cp1';
const HUANG = 'seed-resident-cp1-001';
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const COMMENT = '晚上小区门口路灯太暗，希望多巡逻几次';
/** 黄秀兰's scores: overall 4 (满意), the aspects 3, 5, 4 and 2. */
const HER = { overall: 4, repair: 3, clean: 5, safety: 4, fees: 2 } as const;

type StoredSurvey = { _id: string; userId: string; scores: Record<string, number>; comment: string | null };

async function largeText(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

/** The audit of the layout test, on what this page shows now. */
async function audit(page: Page, mode: Mode, where: string) {
  const violations = await auditLayout(page, { mode, root: `.taro_page ${SURVEY}` });
  expect(formatViolations(where, violations)).toBe(formatViolations(where, []));
}

const text = async (page: Page, selector: string) => (await (await visible(page, selector)).innerText()).replace(/\s+/g, ' ').trim();

journey(
  'journey: 物业服务评价 — residents rate 幸福花园’s property desk; the community reads the quarter',
  (j) => {
    it('黄秀兰 (长辈版) opens it from 办事: the desk, the quarter and five questions of five faces', async () => {
      await openAs(j.page, j.gw.url, HUANG, '/pages/work/index');
      const entry = await visible(j.page, '.hl-page-work .hl-btn-work-survey');
      expect(await entry.innerText()).toContain('幸福花园');
      await entry.click();
      await visible(j.page, `.honglin-elder${SURVEY} .hl-survey-question`);
      expect(await text(j.page, `${SURVEY} .hl-survey-title`)).toBe('物业服务评价');
      expect(await text(j.page, `${SURVEY} .hl-survey-desk`)).toMatch(/^幸福花园 · .*安居物业/);
      expect(await text(j.page, `${SURVEY} .hl-survey-quarter`)).toBe('2026年第4季度');
      // A 1+3 compound is asked about fees too: five questions, each five choices with their words.
      expect(await j.page.locator(`${SURVEY} .hl-survey-question`).count()).toBe(5);
      const words = await j.page.locator(`${SURVEY} .hl-field-overall .hl-survey-score`).allInnerTexts();
      expect(words.map((w) => w.trim())).toEqual(['很不满意', '不满意', '一般', '满意', '很满意']);
      // Big targets: a choice fills a line in 长辈版.
      const box = await j.page.locator(`${SURVEY} .hl-survey-overall-1`).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThanOrEqual(60);
      await audit(j.page, 'elder', 'survey · 黄秀兰 · 长辈版');
      await screenshot(j.page, 'survey-01-elder-open');
    }, 60_000);

    it('sending with nothing chosen says so under every question, and nothing is stored', async () => {
      await (await visible(j.page, `${SURVEY} .hl-btn-submit-survey`)).click();
      expect(await text(j.page, `${SURVEY} .hl-form-error`)).toContain('还有 5 题没有选');
      for (const key of Object.keys(HER)) expect(await j.page.locator(`${SURVEY} .hl-field-${key} .hl-field-error`).innerText()).toContain('请选一个满意程度');
      expect(await j.gw.store.find('compound_surveys', {})).toEqual([]);
    }, 30_000);

    it('she answers every question and writes a comment; an unsafe one is refused under the box', async () => {
      for (const [key, score] of Object.entries(HER)) {
        await j.page.locator(`${SURVEY} .hl-survey-${key}-${score}`).click();
        expect(await eventually(() => j.page.locator(`${SURVEY} .hl-survey-${key}-${score}`).getAttribute('aria-checked'), 'true')).toBe('true');
        expect(await j.page.locator(`${SURVEY} .hl-field-${key} .hl-field-error`).count()).toBe(0);
      }
      // The chosen one carries a ✓ as well as its border and colour; the others none.
      expect(await j.page.locator(`${SURVEY} .hl-field-overall .hl-survey-score`).allInnerTexts()).toEqual([
        '很不满意',
        '不满意',
        '一般',
        expect.stringMatching(/^✓\s*满意$/),
        '很满意',
      ]);
      const box = j.page.locator(`${SURVEY} .hl-input-survey-comment textarea`);
      await box.fill('加微信玩百家乐');
      await j.page.locator(`${SURVEY} .hl-btn-submit-survey`).click();
      expect(await text(j.page, `${SURVEY} .hl-field-error-comment`)).toBeTruthy();
      expect(await j.gw.store.find('compound_surveys', {})).toEqual([]);
      await box.fill(COMMENT);
      expect(await j.page.locator(`${SURVEY} .hl-text-box-count`).innerText()).toBe(`${COMMENT.length} / 200`);
      expect(await j.page.locator(`${SURVEY} .hl-field-error-comment`).count()).toBe(0);
      await screenshot(j.page, 'survey-02-elder-answered');
      await j.page.locator(`${SURVEY} .hl-btn-submit-survey`).click();
      expect(await text(j.page, `${SURVEY} .hl-survey-thanks`)).toBe('感谢您的评价，社区和业委会每季度会看大家的意见。');
      // She tapped at the foot of the page: it scrolls back up to the thanks.
      const inView = async () => {
        const b = await j.page.locator(`${SURVEY} .hl-survey-thanks`).boundingBox();
        return Boolean(b && b.y >= 0 && b.y + b.height <= 844);
      };
      expect(await eventually(inView, true)).toBe(true);
      const stored = await eventually(async () => (await j.gw.store.find<StoredSurvey>('compound_surveys', {})).length, 1);
      expect(stored).toBe(1);
      const [doc] = await j.gw.store.find<StoredSurvey>('compound_surveys', {});
      expect(doc!.scores).toEqual(HER);
      expect(doc!.comment).toBe(COMMENT);
      await screenshot(j.page, 'survey-03-elder-thanks');
    }, 60_000);

    it('reopened, her answer is there to change', async () => {
      await openAs(j.page, j.gw.url, HUANG, ROUTE);
      expect(await text(j.page, `${SURVEY} .hl-survey-mine`)).toBe('您本季度已评价（11月23日），可以修改');
      for (const [key, score] of Object.entries(HER)) {
        expect(await j.page.locator(`${SURVEY} .hl-survey-${key}-${score}`).getAttribute('aria-checked')).toBe('true');
        expect(await j.page.locator(`${SURVEY} .hl-field-${key} [aria-checked=true]`).count()).toBe(1);
      }
      expect(await j.page.locator(`${SURVEY} .hl-input-survey-comment textarea`).inputValue()).toBe(COMMENT);
      await screenshot(j.page, 'survey-04-elder-reopened');
    }, 30_000);

    it('the same page in normal text: five faces to a row, nothing too small or cut off', async () => {
      await largeText(j.gw, HUANG, false);
      await openAs(j.page, j.gw.url, HUANG, ROUTE);
      await visible(j.page, `${SURVEY}:not(.honglin-elder) .hl-survey-mine`);
      const tops = await j.page.locator(`${SURVEY} .hl-field-overall .hl-survey-score`).evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(new Set(tops).size).toBe(1);
      await audit(j.page, 'normal', 'survey · 黄秀兰 · normal');
      await screenshot(j.page, 'survey-05-normal');
      await largeText(j.gw, HUANG, true);
    }, 30_000);

    it('with one answer the owners’ committee sees the count and no figures', async () => {
      await openAs(j.page, j.gw.url, OWNERS, `/packages/compounds/review/index?compoundId=${GARDEN}`);
      expect(await text(j.page, `${REVIEW} .hl-review-survey-head`)).toBe('2026年第4季度 · 答卷 1 份');
      expect(await text(j.page, `${REVIEW} .hl-review-survey-few`)).toBe('答卷满 3 份后显示结果（已收到 1 份），以免认出是谁');
      expect(await j.page.locator(`${REVIEW} .hl-review-survey-comment`).count()).toBe(0);
      expect(await j.page.locator(`${REVIEW} .hl-review-survey`).innerText()).not.toContain('路灯');
      await j.page.locator(`${REVIEW} .hl-review-survey`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'survey-06-review-too-few');
    }, 30_000);

    it('two neighbours answer; the community reads 答卷 3 份, 满意率, the bars and her words, unsigned', async () => {
      // 冯国栋 of the owners' committee lives there too, and one more neighbour of the demo.
      const neighbours = await j.gw.store.find<{ _id: string; openid: string; name: string }>('users', { 'home.path.compoundId': GARDEN });
      const other = neighbours.find((u) => ![HUANG, OWNERS, PERSONAS.property].includes(u.openid));
      expect(other).toBeDefined();
      const answers: Array<[string, Record<string, number>]> = [
        [OWNERS, { overall: 5, repair: 4, clean: 5, safety: 5, fees: 4 }],
        [other!.openid, { overall: 2, repair: 2, clean: 3, safety: 3, fees: 1 }],
      ];
      for (const [who, scores] of answers) {
        const res = await j.gw.call(who, 'compounds', 'answerSurvey', { compoundId: GARDEN, scores });
        expect(res.body.ok).toBe(true);
      }
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/compounds/review/index?compoundId=${GARDEN}`);
      expect(await text(j.page, `${REVIEW} .hl-review-survey-head`)).toBe('2026年第4季度 · 答卷 3 份');
      // Overall 4, 5 and 2: 3.7 on average, two of three satisfied.
      expect(await text(j.page, `${REVIEW} .hl-review-survey-average`)).toBe('总体满意 3.7 分 满分 5 分');
      expect(await text(j.page, `${REVIEW} .hl-review-survey-satisfied`)).toContain('满意率 67%');
      const aspects = await j.page.locator(`${REVIEW} .hl-review-survey-aspect .hl-bar-head`).allInnerTexts();
      expect(aspects.map((a) => a.replace(/\s+/g, ' ').trim())).toEqual(['总体满意 3.7 分', '报修办理 3.0 分', '环境卫生 4.3 分', '安全秩序 4.0 分', '收费公开 2.3 分']);
      const spread = await j.page.locator(`${REVIEW} .hl-review-survey-spread .hl-bar-value`).allInnerTexts();
      expect(spread).toEqual(['0 人', '1 人', '0 人', '1 人', '1 人']);
      const fills = await j.page.locator(`${REVIEW} .hl-review-survey-spread .hl-bar-fill`).evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().width));
      // Each bar is the share of the three who answered: one of three fills a third of its track.
      const track = await j.page
        .locator(`${REVIEW} .hl-review-survey-spread .hl-bar-track`)
        .first()
        .evaluate((e) => (e as HTMLElement).getBoundingClientRect().width);
      expect(fills[0]).toBe(0);
      expect(fills[1]! / track).toBeGreaterThan(0.28);
      expect(fills[1]! / track).toBeLessThan(0.38);
      const comments = await j.page.locator(`${REVIEW} .hl-review-survey-comment`).allInnerTexts();
      expect(comments).toHaveLength(1);
      expect(comments[0]).toContain(COMMENT);
      // Unsigned: no name of anyone who answered.
      const section = await j.page.locator(`${REVIEW} .hl-review-survey`).innerText();
      for (const name of ['黄秀兰', '冯国栋', other!.name]) expect(section).not.toContain(name);
      await j.page.locator(`${REVIEW} .hl-review-survey`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'survey-07-review-normal');
    }, 60_000);

    it('the community’s dashboard shows the quarter: answers, 满意率, each aspect and 幸福花园’s row, which opens its review', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/packages/dashboards/index/index?nodeId=cm01&period=2026-Q4');
      const section = '.hl-page-dashboard .hl-dashboard-property';
      expect(await text(j.page, `${section} .hl-property-respondents .hd-tile-value`)).toBe('3 份');
      expect(await text(j.page, `${section} .hl-property-satisfied .hd-tile-value`)).toBe('67%');
      const aspects = await j.page.locator(`${section} .hl-bar-property .hl-bar-head`).allInnerTexts();
      expect(aspects.map((a) => a.replace(/\s+/g, ' ').trim())).toEqual(['总体满意 3.7 分', '报修办理 3 分', '环境卫生 4.3 分', '安全秩序 4 分', '收费公开 2.3 分']);
      expect(await text(j.page, `${section} .hl-bar-property-quarter .hl-bar-head`)).toBe('2026年第4季度 67%');
      const row = await visible(j.page, `${section} .hl-btn-property-compound`);
      expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('幸福花园 答卷 3 份 · 满意率 67%');
      await j.page.locator(section).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'survey-07b-dashboard-normal');
      await row.click();
      await visible(j.page, `${REVIEW} .hl-review-survey-average`);
    }, 60_000);

    it('长辈版: the community’s results in large text', async () => {
      await largeText(j.gw, PERSONAS.communityAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/compounds/review/index?compoundId=${GARDEN}`);
      await visible(j.page, `.honglin-elder${REVIEW} .hl-review-survey-average`);
      const violations = await auditLayout(j.page, { mode: 'elder', root: `.taro_page ${REVIEW} .hl-review-survey` });
      expect(formatViolations('review survey · 长辈版', violations)).toBe(formatViolations('review survey · 长辈版', []));
      await j.page.locator(`${REVIEW} .hl-review-survey`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'survey-08-review-elder');
      await j.page.locator(`${REVIEW} .hl-review-survey-comment`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'survey-08-review-elder-lower');
      await largeText(j.gw, PERSONAS.communityAdmin, false);
    }, 30_000);

    it('the desk’s own staff read the questions but cannot answer, on the page or at the gateway', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.property, '/pages/work/index');
      await visible(j.page, '.hl-page-work .hl-btn-work-desk');
      expect(await j.page.locator('.hl-page-work .hl-btn-work-survey').count()).toBe(0);
      await openAs(j.page, j.gw.url, PERSONAS.property, ROUTE);
      expect(await text(j.page, `${SURVEY} .hl-survey-notice`)).toContain('不参加对自己服务的评价');
      expect(await j.page.locator(`${SURVEY} .hl-survey-question`).count()).toBe(5);
      expect(await j.page.locator(`${SURVEY} .hl-btn-submit-survey`).count()).toBe(0);
      // A tap on a face changes nothing.
      expect(await j.page.locator(`${SURVEY} .hl-survey-overall-5`).getAttribute('aria-disabled')).toBe('true');
      await j.page.locator(`${SURVEY} .hl-survey-overall-5`).click({ force: true });
      expect(await j.page.locator(`${SURVEY} .hl-survey-overall-5`).getAttribute('aria-checked')).toBe('false');
      await screenshot(j.page, 'survey-09-desk-staff');
      const res = await j.gw.call(PERSONAS.property, 'compounds', 'answerSurvey', { compoundId: GARDEN, scores: { overall: 5, repair: 5, clean: 5, safety: 5, fees: 5 } });
      expect(res.status).toBe(403);
      expect(res.body.ok ? '' : res.body.error.code).toBe('COMPOUND.OWN_DESK');
      expect(await j.gw.store.find('compound_surveys', {})).toHaveLength(3);
    }, 30_000);

    it('a resident whose home is in no compound has no entry; the page says why and where to fix the address', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/pages/work/index');
      await visible(j.page, '.hl-page-work .hl-btn-work-responsibilities');
      expect(await j.page.locator('.hl-page-work .hl-btn-work-survey').count()).toBe(0);
      await openAs(j.page, j.gw.url, PERSONAS.resident, ROUTE);
      expect(await text(j.page, `${SURVEY} .hl-state-empty`)).toContain('您登记的住址不在已登记的小区，暂时不能评价');
      await screenshot(j.page, 'survey-10-no-compound-elder');
      await (await visible(j.page, `${SURVEY} .hl-btn-survey-edit-home`)).click();
      await visible(j.page, '.hl-page-profile-edit');
    }, 30_000);
  },
  { at: MORNING },
);
