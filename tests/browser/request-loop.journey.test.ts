import type { Page } from 'playwright-core';
import { eventually, journey, openAs, phonePage, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { act, MORNING, offereeOf, openidOf, post } from '../helpers/orders';

/** A small real PNG (1×1, red), as a phone camera would hand over a file. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

type Stored = { _id: string; state: string; level: string; offer: { volunteerId: string } | null; assigneeId: string | null; rating: { stars: number } | null };

async function addPhoto(page: Page, root: string) {
  const chooser = page.waitForEvent('filechooser');
  await (await visible(page, `${root} .hl-btn-add-photo`)).click();
  await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await visible(page, `${root} .hl-thumb`);
}

const orderIdFrom = (url: string) => /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

journey(
  'journey: 网上接单 → 平台派单 → 党员接单 → 居民评单 in Chromium',
  (j) => {
    let orderId = '';

    it('a resident posts a leaking tap with a photo, and the platform offers it to a volunteer', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await (await visible(j.page, `${root} .hl-category-water`)).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('厨房水龙头一直滴水，关不紧');
      await addPhoto(j.page, root);
      await screenshot(j.page, 'loop-01-post');
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      orderId = orderIdFrom(j.page.url());
      expect(orderId).toMatch(/^ord_/);
      await screenshot(j.page, 'loop-02-posted');
      const stored = (await j.gw.store.get<Stored>('orders', orderId))!;
      expect(stored.state).toBe('offered');
      expect((await j.gw.store.get<{ _id: string; photos: string[] }>('orders', orderId))!.photos).toHaveLength(1);
    }, 60_000);

    it('the volunteer sees the offer with its countdown and accepts it', async () => {
      const volunteer = await openidOf(j.gw, (await j.gw.store.get<Stored>('orders', orderId))!.offer!.volunteerId);
      await openAs(j.page, j.gw.url, volunteer, '/packages/orders/tasks/index');
      await (await visible(j.page, '.hl-page-order-tasks .hl-tab-offers')).click();
      await visible(j.page, '.hl-page-order-tasks .hl-order-card');
      await screenshot(j.page, 'loop-03-offers');
      await openAs(j.page, j.gw.url, volunteer, `/packages/orders/detail/index?id=${orderId}`);
      await visible(j.page, '.hl-page-order-detail .hl-countdown');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-accept')).click();
      await visible(j.page, '.hl-page-order-detail .hl-btn-resolve');
      expect((await j.gw.store.get<Stored>('orders', orderId))!.state).toBe('accepted');
      // Now the volunteer sees the full number to call.
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-order-contact-phone')).innerText()).toMatch(/1[3-9]\d{9}/);
      await screenshot(j.page, 'loop-04-accepted');
    }, 60_000);

    it('the volunteer resolves it with a photo of the repair', async () => {
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-resolve')).click();
      const root = '.hl-page-order-resolve';
      await (await visible(j.page, `${root} .hl-input-note textarea`)).fill('更换了阀芯，已不再滴水');
      await addPhoto(j.page, root);
      await (await visible(j.page, `${root} .hl-btn-submit-resolve`)).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.state, 'resolved')).toBe('resolved');
      await screenshot(j.page, 'loop-05-resolved');
    }, 60_000);

    it('the resident rates it 5★ and it is closed', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${orderId}`);
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-rate')).click();
      const root = '.hl-page-order-rate';
      await (await visible(j.page, `${root} .hl-star-5`)).click();
      await (await visible(j.page, `${root} .hl-rate-tag-0`)).click();
      await screenshot(j.page, 'loop-06-rate');
      await (await visible(j.page, `${root} .hl-btn-submit-rate`)).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.state, 'closed')).toBe('closed');
      expect((await j.gw.store.get<Stored>('orders', orderId))!.rating?.stars).toBe(5);
      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${orderId}`);
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      expect(await j.page.locator('.hl-page-order-detail').last().innerText()).toMatch(/已办结/);
      await screenshot(j.page, 'loop-07-closed');
    }, 60_000);
  },
  { at: MORNING },
);

journey(
  'journey: 大事不出社区 — escalated to the community and sent back, in Chromium',
  (j) => {
    let orderId = '';

    it('a resident reports broken street lights', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await (await visible(j.page, `${root} .hl-category-facility`)).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('小区东门一排路灯都不亮了，晚上很黑');
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      orderId = orderIdFrom(j.page.url());
      expect(orderId).toMatch(/^ord_/);
    }, 60_000);

    it('the grid leader escalates it to the community with a reason', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, `/packages/orders/detail/index?id=${orderId}`);
      await visible(j.page, '.hl-page-order-detail .hl-dispatch-reason');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-escalate')).click();
      await (await visible(j.page, '.hl-page-order-detail .hl-input-escalate textarea')).fill('需要社区协调供电部门');
      await screenshot(j.page, 'ladder-01-escalate');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-submit-escalate')).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.level, 'community')).toBe('community');
      await visible(j.page, '.hl-page-order-detail .hl-action-ok');
    }, 60_000);

    it('the community sees it in its queue and sends it back down (回派) with a reason', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/packages/orders/queue/index');
      await visible(j.page, '.hl-page-order-queue .hl-order-card');
      expect(await j.page.locator('.hl-page-order-queue').last().innerText()).toMatch(/路灯/);
      await screenshot(j.page, 'ladder-02-community-queue');
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/orders/detail/index?id=${orderId}`);
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-send-back')).click();
      await (await visible(j.page, '.hl-page-order-detail .hl-input-send-back textarea')).fill('供电部门已答复，请网格跟进');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-submit-send-back')).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.level, 'grid')).toBe('grid');
      await screenshot(j.page, 'ladder-03-sent-back');
    }, 60_000);

    it('the resident follows every step on the timeline', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${orderId}`);
      await visible(j.page, '.hl-page-order-detail .hl-timeline-item');
      const text = await j.page.locator('.hl-page-order-detail').last().innerText();
      expect(text).toMatch(/上报至社区：需要社区协调供电部门/);
      expect(text).toMatch(/回派至网格：供电部门已答复/);
      await screenshot(j.page, 'ladder-04-timeline');
    }, 60_000);
  },
  { at: MORNING },
);

/** What Taro's H5 makePhoneCall does: `location.href = 'tel:…'`. The browser asks to navigate; catch that. */
async function watchNavigations(page: Page): Promise<string[]> {
  const urls: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  cdp.on('Page.frameRequestedNavigation', (e: { url: string }) => urls.push(e.url));
  return urls;
}

journey(
  'journey: 119 instead of a form, and a 4★ rating by tapping one of five stars, in Chromium',
  (j) => {
    it('an emergency shows the number huge and one red 拨打 button that calls it; the form waits behind 不是紧急情况', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await visible(j.page, `${root} .hl-category-water`);
      await (await visible(j.page, `${root} .hl-emergency-fire`)).click();
      const number = await visible(j.page, `${root} .hl-emergency-number`);
      expect(await number.innerText()).toBe('119');
      // Huge: far above the page's title size, and the call button a large red target.
      expect(await number.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(80);
      const call = await visible(j.page, `${root} .hl-btn-call`);
      expect(await call.innerText()).toMatch(/拨打 119/);
      const box = (await call.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(60);
      expect(await call.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(200, 22, 29)');
      // 不是紧急情况 is a secondary action: not red, smaller than the call button.
      const notEmergency = await visible(j.page, `${root} .hl-btn-not-emergency`);
      expect(await notEmergency.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe('rgb(200, 22, 29)');
      expect((await notEmergency.boundingBox())!.height).toBeLessThan(box.height);
      // The form is not there to fill in.
      expect(await j.page.locator(`${root} .hl-input-description`).last().isVisible()).toBe(false);
      expect(await j.page.locator(`${root} .hl-btn-submit-order`).last().isVisible()).toBe(false);
      await screenshot(j.page, 'emergency-01-119-elder');

      const navigations = await watchNavigations(j.page);
      await call.click();
      expect(await eventually(async () => navigations.includes('tel:119'), true)).toBe(true);

      await (await visible(j.page, `${root} .hl-btn-not-emergency`)).click();
      await visible(j.page, `${root} .hl-input-description textarea`);
      expect(await j.page.locator(`${root} .hl-emergency-number`).count()).toBe(0);
      await screenshot(j.page, 'emergency-02-back-to-form-elder');
      // Headless Chromium leaves a page that asked for tel: half-navigated: go on in a fresh one.
      await j.page.context().close();
      ({ page: j.page, errors: j.errors } = await phonePage(j.browser));
    }, 60_000);

    it('120 for someone collapsed, in the normal mode too', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await (await visible(j.page, `${root} .hl-emergency-medical`)).click();
      expect(await (await visible(j.page, `${root} .hl-emergency-number`)).innerText()).toBe('120');
      expect(await (await visible(j.page, `${root} .hl-btn-call`)).innerText()).toMatch(/拨打 120/);
      await screenshot(j.page, 'emergency-03-120-normal');
    }, 60_000);

    let orderId = '';
    it('the resident taps the 4th of five stars in a row: it says 4 星 in words, and the rating is kept and shown', async () => {
      // An order done by a volunteer, through the API (the journey above walks those steps in the browser).
      const posted = await post(j.gw, PERSONAS.resident, { category: '其他', description: '帮忙把旧报纸搬到楼下回收点' });
      orderId = posted.id;
      const volunteer = await offereeOf(j.gw, orderId);
      await act(j.gw, volunteer, 'accept', { orderId });
      await act(j.gw, volunteer, 'resolve', { orderId, note: '已经搬到回收点' });

      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/rate/index?id=${orderId}`);
      const root = '.hl-page-order-rate';
      await visible(j.page, `${root} .hl-star-5`);
      expect(await j.page.locator('.honglin-elder').count()).toBeGreaterThan(0);
      const boxes = await j.page.locator(`${root} .hl-star`).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes).toHaveLength(5);
      // One row, each a ≥ 60 × 60 target in 长辈版, each labelled.
      expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
      for (const b of boxes) {
        expect(b.width).toBeGreaterThanOrEqual(60);
        expect(b.height).toBeGreaterThanOrEqual(60);
        expect(b.right).toBeLessThanOrEqual(390);
      }
      expect(await j.page.locator(`${root} .hl-star`).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
        '1 星 很不满意',
        '2 星 不满意',
        '3 星 一般',
        '4 星 满意',
        '5 星 非常满意',
      ]);

      await (await visible(j.page, `${root} .hl-star-4`)).click();
      const chosen = await visible(j.page, `${root} .hl-stars-chosen`);
      expect(await eventually(() => chosen.innerText(), '您选了 4 星：满意')).toBe('您选了 4 星：满意');
      expect(await j.page.locator(`${root} .hl-star-4`).last().getAttribute('aria-checked')).toBe('true');
      await screenshot(j.page, 'rate-01-four-stars-elder');
      await (await visible(j.page, `${root} .hl-btn-submit-rate`)).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.rating?.stars, 4)).toBe(4);

      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${orderId}`);
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-rating-stars')).innerText()).toMatch(/4 星/);
      await screenshot(j.page, 'rate-02-shown-on-detail-elder');
    }, 60_000);

    it('in the normal mode the five stars are one row of ≥ 44 px targets', async () => {
      const posted = await post(j.gw, PERSONAS.residentYoung, { category: '其他', description: '帮忙把旧报纸搬到楼下回收点' });
      const volunteer = await offereeOf(j.gw, posted.id);
      await act(j.gw, volunteer, 'accept', { orderId: posted.id });
      await act(j.gw, volunteer, 'resolve', { orderId: posted.id, note: '已经搬到回收点' });
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, `/packages/orders/rate/index?id=${posted.id}`);
      const root = '.hl-page-order-rate';
      await visible(j.page, `${root} .hl-star-5`);
      expect(await j.page.locator('.honglin-elder').count()).toBe(0);
      const boxes = await j.page.locator(`${root} .hl-star`).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
      for (const b of boxes) expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(44);
      await (await visible(j.page, `${root} .hl-star-2`)).click();
      const chosen = await visible(j.page, `${root} .hl-stars-chosen`);
      expect(await eventually(() => chosen.innerText(), '您选了 2 星：不满意')).toBe('您选了 2 星：不满意');
      await screenshot(j.page, 'rate-03-two-stars-normal');
    }, 60_000);
  },
  { at: MORNING },
);
