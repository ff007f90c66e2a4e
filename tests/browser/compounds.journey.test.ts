import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';

/**
 * 三方共治 in Chromium at 390 px: 陈丽华 (社区书记) opens 三方共治 from 办事 and sees the demo
 * community's two compounds with their models and managers, opens 责任清单, hands 1+3 公共设施 from
 * the property desk to the grid leader on 12 hours and saves — the 公示 and its change log say so, by
 * her role and name; a bad number is refused under its cell; a list changed by the street meanwhile is
 * reloaded with a notice. 张桂英 (72, 长辈版) opens 责任清单公示 from 办事 and reads the same table, with
 * no 编辑. Each page normal and 长辈版; screenshots in test-results/browser/.
 */
const LIST = '.hl-page-compound-list';
const DUTY = '.hl-page-responsibilities';
const COMMUNITY = 'cm01';

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

/** The text of a cell of the 公示: a category's block (by its slug), a model's line. */
async function cellText(j: { page: import('playwright-core').Page }, slug: string, model: 'm13' | 'm12' | 'm11'): Promise<string> {
  return (await visible(j.page, `${DUTY} .hl-rs-row-${slug} .rs-cell-${model}`)).innerText();
}

journey('journey: 三方共治 — the community admin sees her compounds and changes the responsibility list; a resident reads it', (j) => {
  beforeAll(async () => {
    // Both start in normal text, whatever the demo set.
    await elder(j.gw, PERSONAS.communityAdmin, false);
  });

  it('陈丽华 opens 三方共治 from 办事 and sees both compounds with their models and managers', async () => {
    await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/pages/work/index');
    await (await visible(j.page, '.hl-page-work .hl-btn-work-compounds')).click();
    await visible(j.page, `${LIST} .hl-compound`);
    expect(await j.page.locator(`${LIST} .hl-compound`).count()).toBe(2);
    const garden = await j.page.locator(`${LIST} .hl-compound`).filter({ hasText: '幸福花园' }).innerText();
    expect(garden).toContain('1+3 居委会·业委会·物业');
    expect(garden).toContain('物业服务中心');
    expect(garden).toMatch(/服务台电话\s*[\d-]+/);
    expect(garden).toMatch(/\d+ 栋楼/);
    const mill = await j.page.locator(`${LIST} .hl-compound`).filter({ hasText: '纺织厂宿舍' }).innerText();
    expect(mill).toContain('1+1 党支部·居民自治');
    expect(mill).toContain('纺织厂宿舍党支部');
    expect(mill).not.toContain('服务台电话');
    await screenshot(j.page, 'compounds-01-list');
  }, 30_000);

  it('物业客服 钱晓梅 opens 三方共治 from 办事 and sees her own compound only', async () => {
    await openAs(j.page, j.gw.url, PERSONAS.property, '/pages/work/index');
    await (await visible(j.page, '.hl-page-work .hl-btn-work-compounds')).click();
    await visible(j.page, `${LIST} .hl-compound`);
    expect(await j.page.locator(`${LIST} .hl-compound`).allInnerTexts()).toEqual([expect.stringContaining('幸福花园')]);
    await screenshot(j.page, 'compounds-01b-list-property');
    // Back to 陈丽华's list for the next step.
    await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/packages/compounds/list/index');
    await visible(j.page, `${LIST} .hl-compound`);
  }, 30_000);

  it('she opens 责任清单: the street defaults, ten categories, three models each, and the legend', async () => {
    await (await visible(j.page, `${LIST} .hl-btn-responsibilities`)).click();
    await visible(j.page, `${DUTY} .hl-rs-row`);
    expect(await j.page.locator(`${DUTY} .hl-rs-row`).count()).toBe(10);
    expect(await j.page.locator(`${DUTY} .hl-rs-row .rs-cell`).count()).toBe(30);
    expect(await cellText(j, 'facility', 'm13')).toMatch(/物业服务中心\s*24 小时内/);
    expect(await cellText(j, 'facility', 'm11')).toMatch(/小区党支部\s*48 小时内/);
    const legend = await j.page.locator(`${DUTY} .rs-legend`).innerText();
    for (const label of ['1+3 居委会·业委会·物业', '1+2 居委会·单位后勤', '1+1 党支部·居民自治']) expect(legend).toContain(label);
    expect(await j.page.locator(`${DUTY} .rs-community`).innerText()).toContain('街道默认清单');
    await screenshot(j.page, 'compounds-02-responsibilities');
  }, 30_000);

  it('a time limit of 0 is refused under its own cell, and nothing is saved', async () => {
    await (await visible(j.page, `${DUTY} .hl-btn-edit-responsibilities`)).click();
    await j.page.locator(`${DUTY} .hl-rs-row-water .rs-cell-m12 .rs-hours input`).fill('0');
    await (await visible(j.page, `${DUTY} .hl-btn-submit-responsibilities`)).click();
    expect(await (await visible(j.page, `${DUTY} .hl-field-error-rule-water-m12`)).innerText()).toContain('时限至少 1 小时');
    await (await visible(j.page, `${DUTY} .hl-btn-cancel-responsibilities`)).click();
    expect(await cellText(j, 'water', 'm12')).toMatch(/单位后勤\s*48 小时内/);
  }, 30_000);

  it('she hands 1+3 公共设施 to the grid leader on 12 hours and saves: the 公示 and the change log name her', async () => {
    await (await visible(j.page, `${DUTY} .hl-btn-edit-responsibilities`)).click();
    const cell = `${DUTY} .hl-rs-row-facility .rs-cell-m13`;
    // Only the parties a 1+3 compound has are offered.
    expect(await j.page.locator(`${cell} .rs-owner`).allInnerTexts()).toEqual(['✓ 物业服务中心', '党员志愿者', '网格长']);
    await (await visible(j.page, `${cell} .rs-owner-gridLeader`)).click();
    await j.page.locator(`${cell} .rs-hours input`).fill('12');
    await screenshot(j.page, 'compounds-03-editing');
    await (await visible(j.page, `${DUTY} .hl-btn-submit-responsibilities`)).click();
    expect(await (await visible(j.page, `${DUTY} .rs-notice`)).innerText()).toContain('已保存');
    expect(await cellText(j, 'facility', 'm13')).toMatch(/网格长\s*12 小时内/);
    expect(await j.page.locator(`${DUTY} .hl-btn-submit-responsibilities`).count()).toBe(0);
    const change = await j.page.locator(`${DUTY} .hl-rs-change`).first().innerText();
    expect(change).toContain('社区书记 陈丽华');
    expect(change).toContain('1+3 小区·公共设施：物业服务中心（24 小时） → 网格长（12 小时）');
    expect(await j.page.locator(`${DUTY} .hl-rs-change`).count()).toBe(1);
    await screenshot(j.page, 'compounds-04-saved');
  }, 30_000);

  it('when the street changed the list meanwhile, her save is not applied: she is told and sees the new list', async () => {
    await (await visible(j.page, `${DUTY} .hl-btn-edit-responsibilities`)).click();
    const read = await j.gw.call(PERSONAS.streetAdmin, 'compounds', 'responsibilities', { communityId: COMMUNITY });
    if (!read.body.ok) throw new Error(read.body.error.code);
    const rules = (read.body.data.rules as { category: string; model: string; owner: string; hours: number }[]).map((r) =>
      r.category === '安全隐患' && r.model === '1+1' ? { ...r, hours: 2 } : r,
    );
    const saved = await j.gw.call(PERSONAS.streetAdmin, 'compounds', 'saveResponsibilities', { communityId: COMMUNITY, baseVersion: read.body.data.version, rules });
    if (!saved.body.ok) throw new Error(saved.body.error.code);

    await j.page.locator(`${DUTY} .hl-rs-row-hazard .rs-cell-m13 .rs-hours input`).fill('6');
    await (await visible(j.page, `${DUTY} .hl-btn-submit-responsibilities`)).click();
    expect(await (await visible(j.page, `${DUTY} .rs-notice.hl-notice-error`)).innerText()).toContain('别人刚刚修改了这份责任清单');
    expect(await eventually(async () => /网格长\s*2 小时内/.test(await cellText(j, 'hazard', 'm11')), true)).toBe(true);
    expect(await cellText(j, 'hazard', 'm13')).toMatch(/物业服务中心\s*4 小时内/);
    expect(await j.page.locator(`${DUTY} .hl-rs-change`).first().innerText()).toContain('街道管理员');
    await (await visible(j.page, `${DUTY} .rs-notice`)).scrollIntoViewIfNeeded();
    await screenshot(j.page, 'compounds-05-conflict');
  }, 30_000);

  it('长辈版: her compounds and the list in large text', async () => {
    await elder(j.gw, PERSONAS.communityAdmin, true);
    await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/compounds/list/index?communityId=${COMMUNITY}`);
    await visible(j.page, `.honglin-elder${LIST} .hl-compound`);
    await screenshot(j.page, 'compounds-06-list-elder');
    await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/compounds/responsibilities/index?communityId=${COMMUNITY}`);
    await (await visible(j.page, `.honglin-elder${DUTY} .hl-btn-edit-responsibilities`)).click();
    await (await visible(j.page, `${DUTY} .hl-rs-row-facility .rs-cell-m13 .rs-owner-gridLeader`)).scrollIntoViewIfNeeded();
    await screenshot(j.page, 'compounds-07-editing-elder');
    await elder(j.gw, PERSONAS.communityAdmin, false);
  }, 30_000);

  it('张桂英 (长辈版) opens 责任清单公示 from 办事 and reads the same table, without 编辑', async () => {
    await elder(j.gw, PERSONAS.resident, true);
    await openAs(j.page, j.gw.url, PERSONAS.resident, '/pages/work/index');
    expect(await j.page.locator('.hl-page-work .hl-btn-work-compounds').count()).toBe(0);
    await (await visible(j.page, '.honglin-elder.hl-page-work .hl-btn-work-responsibilities')).click();
    await visible(j.page, `.honglin-elder${DUTY} .hl-rs-row`);
    expect(await cellText(j, 'facility', 'm13')).toMatch(/网格长\s*12 小时内/);
    expect(await j.page.locator(`${DUTY} .hl-rs-row`).count()).toBe(10);
    expect(await j.page.locator(`${DUTY} .rs-changes`).innerText()).toContain('社区书记 陈丽华');
    expect(await j.page.locator(`${DUTY} .hl-btn-edit-responsibilities`).count()).toBe(0);
    await screenshot(j.page, 'compounds-08-resident-elder');
    await (await visible(j.page, `${DUTY} .hl-rs-row-facility`)).scrollIntoViewIfNeeded();
    await screenshot(j.page, 'compounds-08b-resident-elder-facility');
  }, 30_000);

  it('in normal text too', async () => {
    await elder(j.gw, PERSONAS.resident, false);
    await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/compounds/responsibilities/index?home=1');
    await visible(j.page, `${DUTY} .hl-rs-row`);
    expect(await j.page.locator(`${DUTY}.honglin-elder`).count()).toBe(0);
    expect(await cellText(j, 'facility', 'm13')).toMatch(/网格长\s*12 小时内/);
    await screenshot(j.page, 'compounds-09-resident');
  }, 30_000);
});
