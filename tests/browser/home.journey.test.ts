import { journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { later, MORNING, offereeOf, post } from '../helpers/orders';

const HOME = '/pages/home/index';

/** 长辈版 for a persona, as the home page's switch saves it. */
async function elder(j: Parameters<Parameters<typeof journey>[1]>[0], persona: string, on: boolean) {
  const res = await j.gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

journey(
  'journey: the home page knows who you are (volunteer, resident, grid leader) in Chromium',
  (j) => {
    let volunteer = '';
    let orderId = '';

    it('a volunteer with a waiting offer sees it first, counting down, and a number on the 办事 tab', async () => {
      const posted = await post(j.gw, PERSONAS.resident, { category: '家居小修', description: '卧室门锁坏了，钥匙转不动' });
      orderId = posted.id;
      volunteer = await offereeOf(j.gw, orderId);
      await openAs(j.page, j.gw.url, volunteer, HOME);
      const offer = await visible(j.page, '.hl-page-home .hl-home-offer');
      expect(await offer.innerText()).toMatch(/家居小修/);
      // First on the page after the greeting: nothing of the caller's sections comes before it.
      const order = await j.page.evaluate(() => Array.from(document.querySelectorAll('.hl-page-home .home-section')).map((e) => e.className));
      expect(order[0]).toMatch(/home-offers/);
      // The offer lasts 30 minutes from the server's instant (pinned at MORNING), whatever this machine's clock says.
      const countdown = await visible(j.page, '.hl-page-home .home-countdown-time');
      expect(await countdown.innerText()).toMatch(/^剩余 (29|30):\d\d$/);
      const first = await countdown.innerText();
      await j.page.waitForTimeout(1300);
      expect(await countdown.innerText()).not.toBe(first);
      const badge = await visible(j.page, '.weui-tabbar__item .taro-tabbar-badge');
      expect(await badge.innerText()).toBe('1');
      await screenshot(j.page, 'home-01-volunteer-offer');

      await elder(j, volunteer, true);
      await openAs(j.page, j.gw.url, volunteer, HOME);
      await visible(j.page, '.hl-page-home.honglin-elder .hl-home-offer');
      await screenshot(j.page, 'home-02-volunteer-offer-elder');
      await elder(j, volunteer, false);

      // The offer opens the order, where it is accepted.
      await (await visible(j.page, '.hl-page-home .hl-home-offer')).click();
      await visible(j.page, '.hl-page-order-detail .hl-btn-accept');
      expect(j.page.url()).toContain(`id=${orderId}`);
    }, 90_000);

    it('a resident sees her open orders and where each stands (长辈版 is on for 张桂英)', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, HOME);
      const line = await visible(j.page, `.hl-page-home .hl-home-mine-offered`);
      expect(await line.innerText()).toMatch(/家居小修[\s\S]*待接单/);
      expect(await j.page.locator('.hl-page-home.honglin-elder').count()).toBeGreaterThan(0);
      expect(await j.page.locator('.hl-page-home .hl-home-offer, .hl-page-home .home-leads').count()).toBe(0);
      await screenshot(j.page, 'home-03-resident-elder');
      await elder(j, PERSONAS.resident, false);
      await openAs(j.page, j.gw.url, PERSONAS.resident, HOME);
      await visible(j.page, '.hl-page-home:not(.honglin-elder) .hl-home-mine-offered');
      await screenshot(j.page, 'home-04-resident');
      await elder(j, PERSONAS.resident, true);
    }, 90_000);

    it('a grid leader sees what needs action today and taps 超时 to land on the queue filtered to it', async () => {
      await post(j.gw, PERSONAS.resident, { category: '邻里纠纷', description: '楼上每天深夜有很大的噪音' });
      // A day on, before the scheduler has run: both orders are past the grid's 24-hour clock.
      j.gw.ports.clock.set(later(MORNING, 25 * 60));
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, HOME);
      const overdue = await visible(j.page, '.hl-page-home .hl-home-count-overdue');
      expect(await overdue.innerText()).toMatch(/^2\s*超时 !$/);
      expect(await (await visible(j.page, '.hl-page-home .hl-home-count-waiting')).innerText()).toMatch(/^1\s*待处理$/);
      const labels = await j.page.locator('.hl-page-home .home-count-label').allInnerTexts();
      expect(labels.map((l) => l.replace(' !', ''))).toEqual(['待处理', '超时', '差评复核', '已上报']);
      await screenshot(j.page, 'home-05-grid-leader');

      await overdue.click();
      await j.page.waitForURL(/queue\/index\?.*filter=overdue/);
      const chosen = await visible(j.page, '.hl-page-order-queue .hq-filter-on');
      expect(await chosen.innerText()).toMatch(/2\s*● 超时/);
      await visible(j.page, '.hl-page-order-queue .hl-order-card');
      expect(await j.page.locator('.hl-page-order-queue .hl-order-card').count()).toBe(2);
      // Every filter carries its count, in two rows.
      const tabs = await j.page
        .locator('.hl-page-order-queue .hq-filter')
        .evaluateAll((els) => els.map((e) => [e.textContent, Math.round(e.getBoundingClientRect().top)] as const));
      expect(tabs).toHaveLength(6);
      expect(new Set(tabs.map((t) => t[1])).size).toBe(2);
      expect(tabs.every((t) => /\d/.test(t[0] ?? ''))).toBe(true);
      await screenshot(j.page, 'home-06-queue-overdue');

      await elder(j, PERSONAS.gridLeader, true);
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, HOME);
      await visible(j.page, '.hl-page-home.honglin-elder .hl-home-count-overdue');
      await screenshot(j.page, 'home-07-grid-leader-elder');
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/orders/queue/index?nodeId=cm01-gd1&filter=waiting');
      await visible(j.page, '.hl-page-order-queue.honglin-elder .hq-filter-on.hl-tab-waiting');
      await screenshot(j.page, 'home-08-queue-elder');
      await elder(j, PERSONAS.gridLeader, false);
    }, 90_000);

    it('the persona switcher says who each persona is and what to try as them', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/accounts/persona/index');
      const row = await visible(j.page, `.hl-persona-${PERSONAS.inService}`);
      expect(await row.innerText()).toMatch(/赵海燕[\s\S]*在职党员 · 双报到/);
      expect(await (await visible(j.page, `.hl-persona-${PERSONAS.resident}`)).innerText()).toMatch(/张桂英[\s\S]*居民 · 72 岁 · 长辈版/);
      await screenshot(j.page, 'home-09-personas-elder');
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/accounts/persona/index');
      await visible(j.page, `.hl-page-persona:not(.honglin-elder) .hl-persona-${PERSONAS.gridLeader}`);
      await screenshot(j.page, 'home-10-personas');
    }, 60_000);

    it('has no 议事 tab: the tab bar is 首页, 办事, 我的', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, HOME);
      await visible(j.page, '.hl-page-home .hl-entry-post');
      expect(await j.page.locator('.weui-tabbar__label').allInnerTexts()).toEqual(['首页', '办事', '我的']);
      expect(await j.page.locator('.hl-page-home').last().innerText()).not.toMatch(/议事/);
    }, 30_000);
  },
  { at: MORNING },
);
