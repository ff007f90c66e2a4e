import { readFileSync } from 'node:fs';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { MORNING, post } from '../helpers/orders';

/**
 * 个人信息 in Chromium at 390 px: 张桂英 (72, 长辈版) opens 我的 → 我的数据, reads what the system
 * keeps about her and saves it as a file; a resident who is leaving opens 注销账号, sees what will
 * happen, hands her open order to the grid leader, types 注销 and confirms. Afterwards the grid's
 * measures are what they were and the order is still in the grid leader's queue, without her name or
 * phone. Screenshots in test-results/browser/, in normal mode and in 长辈版.
 */
const MINE = '.hl-page-privacy-mine';
const DELETE = '.hl-page-privacy-delete';
const GRID = 'cm01-gd1';
/** A building in that grid: the leaver's home. */
const BUILDING = 'cm01-gd1-mg1-bd1';
const LEAVER = { openid: `journey-privacy-leaver-${process.pid}`, name: '周小梅', phone: '13900001234' };

async function largeText(gw: TestGateway, openid: string, on: boolean) {
  const res = await gw.call(openid, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

async function data<T = any>(gw: TestGateway, openid: string, fn: string, action: string, payload: unknown): Promise<T> {
  const res = await gw.call(openid, fn, action, payload);
  if (!res.body.ok) throw new Error(`${fn}.${action}: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data as T;
}

/** Every order id in the grid leader's queue (all filters), page by page. */
async function queueIds(gw: TestGateway): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < 1000; offset += 50) {
    const page = await data<{ orders: { id: string }[] }>(gw, PERSONAS.gridLeader, 'orders', 'list', { view: 'queue', nodeId: GRID, filter: 'all', offset, limit: 50 });
    ids.push(...page.orders.map((o) => o.id));
    if (page.orders.length < 50) break;
  }
  return ids;
}

journey(
  'journey: 个人信息 — 我的数据 saved as a file, then 注销账号 with the open order handed to the grid leader',
  (j) => {
    let herOrder = '';
    let leaverOrder = '';
    let statsBefore: unknown = null;

    beforeAll(async () => {
      // 张桂英 has something to read in 我的报事: a leaking tap she reported, and over the year six more
      // small things, so that the section is long enough to fold.
      herOrder = (await post(j.gw, PERSONAS.resident)).id;
      const more = ['家居小修', '环境卫生', '公共设施', '养老助残', '代买代办', '政策咨询'];
      for (const category of more) await post(j.gw, PERSONAS.resident, { category, description: `${category}：请帮忙看一下，谢谢` });
      await largeText(j.gw, PERSONAS.resident, true);
    }, 30_000);

    it('张桂英 (长辈版) opens 我的 → 我的数据 and reads her sections: her name, her 水电维修', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/pages/me/index');
      const entry = await visible(j.page, '.hl-page-me .hl-link-my-data');
      await entry.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'privacy-01-me-elder');
      await entry.click();
      await visible(j.page, `${MINE} .pv-section`);
      const text = await j.page.locator(MINE).filter({ visible: true }).innerText();
      expect(text).toContain('系统保存的关于您的全部信息');
      expect(text).toContain('整理时间');
      expect(text).toContain('张桂英');
      expect(text).toContain('水电维修');
      expect(await j.page.locator(`${MINE} .pv-section`).filter({ visible: true }).count()).toBeGreaterThanOrEqual(2);
      await screenshot(j.page, 'privacy-02-mine-elder');
    }, 60_000);

    it('a long section is folded after five records until she taps 展开全部', async () => {
      const more = j.page.locator(`${MINE} .hl-btn-show-all`).filter({ visible: true });
      expect(await more.count()).toBeGreaterThanOrEqual(1);
      const folded = j.page
        .locator(`${MINE} .pv-section`)
        .filter({ visible: true })
        .filter({ has: j.page.locator('.hl-btn-show-all') });
      // The section by its own key (pv-section-orders…): it keeps it once unfolded.
      const key = (await folded.first().getAttribute('class'))!.split(/\s+/).find((c) => c.startsWith('pv-section-') && c !== 'pv-section-empty')!;
      const section = j.page.locator(`${MINE} .${key}`).filter({ visible: true });
      expect(await section.locator('.pv-record').count()).toBe(5);
      await more.first().scrollIntoViewIfNeeded();
      await screenshot(j.page, 'privacy-02a-mine-folded-elder');
      await more.first().click();
      expect(await eventually(() => section.locator('.hl-btn-show-all').count(), 0)).toBe(0);
      expect(await section.locator('.pv-record').count()).toBeGreaterThanOrEqual(7);
      await screenshot(j.page, 'privacy-02b-mine-unfolded-elder');
    }, 30_000);

    it('she saves it as a file: a JSON download with her user id and every section', async () => {
      const download = j.page.waitForEvent('download');
      await (await visible(j.page, `${MINE} .hl-btn-save-file`)).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.json$/);
      const saved = JSON.parse(readFileSync((await file.path())!, 'utf8'));
      const [her] = await j.gw.store.find<{ _id: string }>('users', { openid: PERSONAS.resident });
      expect(saved.format).toBe('honglin.personal-data/1');
      expect(saved.userId).toBe(her!._id);
      expect(saved.fileName).toBe(file.suggestedFilename());
      expect(saved.sections.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(saved.sections)).toContain(herOrder);
      await visible(j.page, `${MINE} .pv-save-notice`);
      await screenshot(j.page, 'privacy-03-saved-elder');
    }, 60_000);

    it('the same page in normal text, with its links to 谁查看了我的信息 and 注销账号', async () => {
      await largeText(j.gw, PERSONAS.resident, false);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/privacy/mine/index');
      await visible(j.page, `${MINE} .pv-section`);
      await visible(j.page, `${MINE} .hl-link-reveals`);
      await visible(j.page, `${MINE} .hl-link-delete-account`);
      await screenshot(j.page, 'privacy-04-mine-normal');
      await (await visible(j.page, `${MINE} .hl-link-delete-account`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'privacy-04b-mine-links');
    }, 60_000);

    it('a resident who is leaving opens 注销账号: what is removed, what is kept without her name, her open order', async () => {
      await data(j.gw, LEAVER.openid, 'accounts', 'me', {});
      await data(j.gw, LEAVER.openid, 'accounts', 'updateProfile', { name: LEAVER.name, phone: LEAVER.phone, phoneConsent: true, buildingId: BUILDING, room: '2-302' });
      leaverOrder = (await post(j.gw, LEAVER.openid, { description: '楼道灯坏了，晚上看不清台阶' })).id;
      statsBefore = await data(j.gw, PERSONAS.gridLeader, 'orders', 'stats', { nodeId: GRID });
      expect(await queueIds(j.gw)).toContain(leaverOrder);

      await openAs(j.page, j.gw.url, LEAVER.openid, '/pages/me/index');
      await (await visible(j.page, '.hl-page-me .hl-link-delete-account')).click();
      await visible(j.page, `${DELETE} .pv-open-orders`);
      const text = await j.page.locator(DELETE).filter({ visible: true }).innerText();
      expect(text).toContain('会删除的信息');
      expect(text).toContain('您报过的事会保留，但不再显示您的姓名和电话，统计数字不变');
      expect(text).toContain('水电维修');
      // Nothing is deleted until she types 注销.
      expect(await (await visible(j.page, `${DELETE} .hl-btn-delete-account`)).getAttribute('class')).toContain('nut-button-disabled');
      await screenshot(j.page, 'privacy-05-delete-preview');
      await (await visible(j.page, `${DELETE} .hl-btn-delete-account`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'privacy-05b-delete-not-typed');
      // She goes on in 长辈版.
      await largeText(j.gw, LEAVER.openid, true);
      await openAs(j.page, j.gw.url, LEAVER.openid, '/packages/privacy/delete/index');
      await visible(j.page, `${DELETE}.honglin-elder .pv-open-orders`);
    }, 60_000);

    it('she must choose what becomes of the open order; she hands it to the grid leader, types 注销 and confirms twice', async () => {
      await j.page.locator(`${DELETE} .hl-input-confirm input`).filter({ visible: true }).fill('注销');
      const button = await visible(j.page, `${DELETE} .hl-btn-delete-account`);
      expect(await eventually(async () => (await button.getAttribute('class'))!.includes('nut-button-disabled'), false)).toBe(false);
      await button.click();
      // No choice yet: told so under the tiles, and nothing sent.
      await visible(j.page, `${DELETE} .hl-field-error-openOrders`);
      const [still] = await j.gw.store.find<{ _id: string; name: string }>('users', { openid: LEAVER.openid });
      expect(still?.name).toBe(LEAVER.name);

      await (await visible(j.page, `${DELETE} .hl-choice-handToLeader`)).click();
      expect(await eventually(() => j.page.locator(`${DELETE} .hl-field-error-openOrders`).filter({ visible: true }).count(), 0)).toBe(0);
      await screenshot(j.page, 'privacy-06-delete-chosen-elder');
      await (await visible(j.page, `${DELETE} .hl-btn-delete-account`)).click();
      await (await visible(j.page, '.taro-model__confirm')).click();
      await visible(j.page, `${DELETE} .hl-account-deleted`);
      const done = await j.page.locator(`${DELETE} .hl-account-deleted`).filter({ visible: true }).innerText();
      expect(done).toContain('账号已注销');
      expect(done).toContain('1 件没办完的事已交给网格长继续办');
      await screenshot(j.page, 'privacy-07-deleted-elder');
    }, 60_000);

    it('the grid’s measures are unchanged; the order is still in the grid leader’s queue, without her name or phone', async () => {
      expect(await data(j.gw, PERSONAS.gridLeader, 'orders', 'stats', { nodeId: GRID })).toEqual(statsBefore);
      expect(await queueIds(j.gw)).toContain(leaverOrder);
      const seen = await data(j.gw, PERSONAS.gridLeader, 'orders', 'get', { orderId: leaverOrder });
      const shown = JSON.stringify(seen);
      expect(shown).not.toContain(LEAVER.name);
      expect(shown).not.toContain(LEAVER.phone);
      expect(shown).toContain('楼道灯坏了');
    }, 30_000);

    it('the grid leader (李建国) sees the role he would give up; the only admin of a community is told why she cannot leave now, with no button to try', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/privacy/delete/index');
      const roles = await visible(j.page, `${DELETE} .pv-roles`);
      expect(await roles.innerText()).toContain('网格长');
      await roles.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'privacy-09-delete-leader');

      const preview = await data<{ blocked: string | null }>(j.gw, PERSONAS.communityAdmin, 'privacy', 'deletePreview', {});
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/packages/privacy/delete/index');
      await visible(j.page, `${DELETE} .pv-kept`);
      expect(preview.blocked).toBeTruthy();
      expect(await (await visible(j.page, `${DELETE} .pv-blocked`)).innerText()).toContain(preview.blocked!);
      expect(await j.page.locator(`${DELETE} .hl-btn-delete-account`).filter({ visible: true }).count()).toBe(0);
      await (await visible(j.page, `${DELETE} .pv-blocked`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'privacy-10-delete-blocked');
    }, 60_000);

    it('长辈版: 注销账号 in large text, for another resident (only the preview: nothing is deleted)', async () => {
      await largeText(j.gw, PERSONAS.residentYoung, true);
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/privacy/delete/index');
      await visible(j.page, `${DELETE} .pv-kept`);
      await screenshot(j.page, 'privacy-08-delete-elder');
      await largeText(j.gw, PERSONAS.residentYoung, false);
    }, 60_000);
  },
  { at: MORNING },
);
