import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible, type Journey } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { act, MORNING, offereeOf, post } from '../helpers/orders';

/**
 * The request-loop pages a grid leader and a 70-year-old stumble on: the post form's tiles and its
 * scroll to the first error, a paste over the limit, 代办 for a named resident, a missing order, quick
 * decline reasons, the platform's reasons as chips and a bar — each page seen at 390 px in both modes.
 */
type UserRow = { _id: string; name: string; home?: { path: Record<string, string> } };

const userOf = async (j: Journey, openid: string) => (await j.gw.store.find<UserRow>('users', { openid }))[0]!;
const largeText = async (j: Journey, persona: string, on: boolean) => {
  const res = await j.gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
};
const pageText = async (page: Page, root: string) => page.locator(root).last().innerText();
const rect = async (page: Page, selector: string) => (await visible(page, selector)).evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
/** Several boxes read in one layout pass, so a shift between reads cannot set them apart. */
const rects = async (page: Page, selectors: readonly [string, string, string]): Promise<[DOMRect, DOMRect, DOMRect]> => {
  for (const s of selectors) await visible(page, s);
  const boxes = await page.evaluate((list) => list.map((s) => Array.from(document.querySelectorAll(s)).at(-1)!.getBoundingClientRect().toJSON() as DOMRect), [...selectors]);
  return [boxes[0]!, boxes[1]!, boxes[2]!];
};

journey(
  'journey: the request-loop pages as a leader and an older resident meet them, in Chromium',
  (j) => {
    const root = '.hl-page-order-post';

    it('长辈版 post form: emergencies first and red, categories as two columns of tiles with a glyph, and a failed submit scrolls to the first error', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      await visible(j.page, `${root}.honglin-elder .hl-category-water`);
      // The building picker above loads on its own; measured before it is done, the tiles move between two reads.
      await j.page.waitForFunction((r) => !document.querySelector(`${r} .hl-state-loading`), root);
      const [fire, water, repair] = await rects(j.page, [`${root} .hl-emergency-fire`, `${root} .hl-category-water`, `${root} .hl-category-repair`]);
      expect(fire.top).toBeLessThan(water.top);
      expect(Math.round(water.top)).toBe(Math.round(repair.top));
      expect(repair.left).toBeGreaterThan(water.right);
      expect(Math.min(water.width, water.height)).toBeGreaterThanOrEqual(60);
      expect(await (await visible(j.page, `${root} .hl-emergency-fire`)).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(168, 7, 26)');
      expect(await (await visible(j.page, `${root} .hl-category-water .ho-tile-icon`)).innerText()).toBe('⚡');
      await screenshot(j.page, 'post-01-elder');

      // A category, no description, then 提交 from the bottom: the page comes back up to 说说情况.
      await (await visible(j.page, `${root} .hl-category-water`)).click();
      const submit = await visible(j.page, `${root} .hl-btn-submit-order`);
      await submit.scrollIntoViewIfNeeded();
      const before = await rect(j.page, `${root} .hl-field-description`);
      expect(before.top).toBeLessThan(0);
      await submit.click();
      await visible(j.page, `${root} .hl-field-error-description`);
      await eventually(async () => (await rect(j.page, `${root} .hl-field-description`)).top >= -1 && (await rect(j.page, `${root} .hl-field-description`)).top < 300, true);
      const after = await rect(j.page, `${root} .hl-field-description`);
      expect(after.top).toBeGreaterThanOrEqual(-1);
      expect(after.top).toBeLessThan(300);
      await screenshot(j.page, 'post-02-elder-scrolled-to-error');
    }, 60_000);

    it('a paste over the limit keeps 500 characters, says the rest was not kept, and the box stops growing', async () => {
      const box = await visible(j.page, `${root} .hl-input-description textarea`);
      await box.fill('楼道里的灯坏了很久，'.repeat(60)); // 600 characters
      const cut = await visible(j.page, `${root} .hl-text-cut`);
      expect(await cut.innerText()).toBe('已超过 500 字，多出的部分没有保存');
      expect(await eventually(async () => (await j.page.locator(`${root} .hl-input-description textarea`).last().inputValue()).length, 500)).toBe(500);
      const height = (await (await visible(j.page, `${root} .hl-input-description textarea`)).boundingBox())!.height;
      expect(height).toBeLessThanOrEqual(260);
      expect(height).toBeGreaterThanOrEqual(150); // a long text still shows several lines, and scrolls
      expect(await pageText(j.page, root)).toMatch(/500 \/ 500/);
      await screenshot(j.page, 'post-03-elder-paste-cut');
    }, 60_000);

    it('the normal post form is the same tiles, smaller', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/orders/post/index');
      await visible(j.page, `${root} .hl-category-water`);
      expect(await j.page.locator('.honglin-elder').count()).toBe(0);
      const water = await rect(j.page, `${root} .hl-category-water`);
      expect(Math.min(water.width, water.height)).toBeGreaterThanOrEqual(44);
      await screenshot(j.page, 'post-04-normal');
    }, 60_000);

    it('代办 for a registered resident says whom it is for: name, masked phone, home', async () => {
      const her = await userOf(j, PERSONAS.resident);
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/orders/post/index?onBehalfOf=${her._id}`);
      expect(await (await visible(j.page, `${root} .hl-proxy-name`)).innerText()).toBe('张桂英');
      expect(await (await visible(j.page, `${root} .hl-proxy-phone`)).innerText()).toMatch(/^电话 \d{3}\*{4}\d{4}$/);
      expect(await (await visible(j.page, `${root} .hl-proxy-home`)).innerText()).toMatch(/^住 .+›/);
      await screenshot(j.page, 'post-05-proxy-normal');
      await largeText(j, PERSONAS.gridLeader, true);
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/orders/post/index?onBehalfOf=${her._id}`);
      await visible(j.page, `${root}.honglin-elder .hl-proxy-name`);
      await screenshot(j.page, 'post-06-proxy-elder');
      await largeText(j, PERSONAS.gridLeader, false);
    }, 60_000);

    it('代办 for someone unregistered: the building picker offers only the places the leader leads', async () => {
      const leader = await userOf(j, PERSONAS.gridLeader);
      const grid = (await j.gw.store.find<{ _id: string; role: string; nodeId: string }>('memberships', { userId: leader._id })).find((m) => m.role === 'gridLeader')!.nodeId;
      const inside = new Set((await j.gw.store.find<{ _id: string; name: string }>('nodes', { 'path.gridId': grid }, { limit: 1000 })).map((n) => n.name));
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/orders/post/index?proxy=1');
      await visible(j.page, `${root} .hl-pick-within`);
      // The places of the level the picker (NutUI's Cascader) has open; the levels above it are folded away.
      const options = await j.page.locator(`${root} .hl-place-picker .nut-cascader-item-title`).filter({ visible: true }).allInnerTexts();
      expect(options.length).toBeGreaterThan(0);
      for (const name of options) expect(inside.has(name)).toBe(true);
      await screenshot(j.page, 'post-07-proxy-picker');
    }, 60_000);

    it('a missing order offers 返回我的事项, not 重试', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/detail/index?id=ord_gone_for_good');
      const back = await visible(j.page, '.hl-page-order-detail .hl-btn-to-mine');
      expect(await back.innerText()).toBe('返回我的事项');
      expect(await j.page.locator('.hl-page-order-detail .hl-btn-retry').count()).toBe(0);
      await screenshot(j.page, 'detail-01-missing-elder');
      await back.click();
      await visible(j.page, '.hl-page-order-mine .hl-btn-new-order');
      await screenshot(j.page, 'mine-01-elder');
    }, 60_000);

    let orderId = '';
    it('a volunteer declines with a tap on 不在家, and the leader sees the platform’s reasons as chips and a bar', async () => {
      const posted = await post(j.gw, PERSONAS.residentYoung, { category: '其他', description: '想找人帮忙搬一下旧衣柜' });
      orderId = posted.id;
      const volunteer = await offereeOf(j.gw, orderId);
      await openAs(j.page, j.gw.url, volunteer, `/packages/orders/detail/index?id=${orderId}`);
      await screenshot(j.page, 'detail-02-volunteer-offer');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-decline')).click();
      await (await visible(j.page, '.hl-page-order-detail .hl-quick-reason-0')).click();
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-form-decline')).innerText()).toMatch(/不在家[\s\S]*不擅长[\s\S]*时间不合适/);
      await screenshot(j.page, 'detail-03-decline-reasons');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-submit-decline')).click();
      await visible(j.page, '.hl-page-order-detail .hl-action-ok');
      const lines = await j.gw.store.find<{ _id: string; text: string }>('order_events', { orderId });
      expect(lines.map((l) => l.text)).toContain('志愿者婉拒：不在家');

      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/orders/detail/index?id=${orderId}`);
      const reason = await visible(j.page, '.hl-page-order-detail .hl-dispatch-reason .hl-match');
      expect(await reason.getAttribute('aria-label')).toMatch(/^合适程度：/);
      expect(await j.page.locator('.hl-page-order-detail .hl-dispatch-reason .hl-chip-why').count()).toBeGreaterThan(1);
      expect(await pageText(j.page, '.hl-page-order-detail')).not.toMatch(/匹配分|\d+\.\d+ 分/);
      await screenshot(j.page, 'detail-04-leader-reason');
    }, 60_000);

    it('a dispute goes to the grid leader, whose 人工派单 list shows each volunteer’s reasons as chips and the fit as a bar', async () => {
      const dispute = await post(j.gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天半夜拖椅子，很吵' });
      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${dispute.id}`);
      await visible(j.page, '.hl-page-order-detail .hl-timeline-item');
      expect(await pageText(j.page, '.hl-page-order-detail')).not.toMatch(/选中|派给|志愿者来办/);
      await screenshot(j.page, 'detail-05-dispute-resident-elder');

      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/orders/detail/index?id=${dispute.id}`);
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-candidates')).click();
      await visible(j.page, '.hl-page-order-detail .hl-candidate-0 .hl-match');
      const text = await pageText(j.page, '.hl-page-order-detail');
      expect(text).not.toMatch(/匹配分|选中/);
      expect(await j.page.locator('.hl-page-order-detail .hl-candidate-0 .hl-chip-why').count()).toBeGreaterThan(1);
      await screenshot(j.page, 'detail-06-leader-candidates');
    }, 60_000);

    it('the volunteer’s pages and the resolve form, in both modes', async () => {
      const posted = await post(j.gw, PERSONAS.residentYoung, { category: '其他', description: '帮忙把旧报纸搬到楼下回收点' });
      const volunteer = await offereeOf(j.gw, posted.id);
      await act(j.gw, volunteer, 'accept', { orderId: posted.id });
      for (const on of [false, true]) {
        await largeText(j, volunteer, on);
        const mode = on ? 'elder' : 'normal';
        await openAs(j.page, j.gw.url, volunteer, '/packages/orders/tasks/index');
        await visible(j.page, '.hl-page-order-tasks .hl-tab-offers');
        await screenshot(j.page, `tasks-01-${mode}`);
        await openAs(j.page, j.gw.url, volunteer, `/packages/orders/detail/index?id=${posted.id}`);
        await visible(j.page, '.hl-page-order-detail .hl-btn-resolve');
        await screenshot(j.page, `detail-07-volunteer-accepted-${mode}`);
        await openAs(j.page, j.gw.url, volunteer, `/packages/orders/resolve/index?id=${posted.id}`);
        await visible(j.page, '.hl-page-order-resolve .hl-input-note');
        await screenshot(j.page, `resolve-01-${mode}`);
      }
      await largeText(j, volunteer, false);
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, `/packages/orders/detail/index?id=${posted.id}`);
      await visible(j.page, '.hl-page-order-detail .hl-timeline-item');
      await screenshot(j.page, 'detail-08-resident-normal');
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/orders/mine/index');
      await visible(j.page, '.hl-page-order-mine .hl-order-card');
      await screenshot(j.page, 'mine-02-normal');
    }, 90_000);

    it('a 留言 sent while the 退单 form is open leaves that form, and the reason typed in it, as they were', async () => {
      const posted = await post(j.gw, PERSONAS.residentYoung, { category: '其他', description: '帮忙把阳台的花盆搬进屋' });
      const volunteer = await offereeOf(j.gw, posted.id);
      await act(j.gw, volunteer, 'accept', { orderId: posted.id });
      await openAs(j.page, j.gw.url, volunteer, `/packages/orders/detail/index?id=${posted.id}`);
      const root = '.hl-page-order-detail';
      await (await visible(j.page, `${root} .hl-btn-hand-back`)).click();
      await (await visible(j.page, `${root} .hl-input-hand-back textarea`)).fill('花盆太重，需要两个人');
      await (await visible(j.page, `${root} .hl-input-comment textarea`)).fill('我下午三点到，先看看');
      await (await visible(j.page, `${root} .hl-btn-submit-comment`)).click();
      await j.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('留言已发送') ?? false, `${root} .hl-action-ok`);
      expect(await (await visible(j.page, `${root} .hl-input-hand-back textarea`)).inputValue()).toBe('花盆太重，需要两个人');
      expect(await (await visible(j.page, `${root} .hl-input-comment textarea`)).inputValue()).toBe('');
      const lines = await j.gw.store.find<{ _id: string; text: string }>('order_events', { orderId: posted.id });
      expect(lines.map((l) => l.text).join('\n')).toContain('我下午三点到，先看看');
      await screenshot(j.page, 'detail-09-comment-keeps-form');
      // The order is still hers: nothing was handed back.
      expect((await j.gw.store.get<{ _id: string; state: string }>('orders', posted.id))!.state).toBe('accepted');
    }, 60_000);
  },
  { at: MORNING },
);
