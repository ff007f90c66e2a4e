import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

/** A resident of 张桂英's building (the demo's seeded households). */
const NEIGHBOUR = 'seed-resident-0092';

journey(
  'journey: 张桂英 (长辈版) says what is wrong and the form understands — the category and urgency, or the number to call',
  (j) => {
    const root = '.hl-page-order-post';

    it('fills in 水电维修 and 较急 from "厨房水管爆了，水流了一地", and she can still change it', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const description = await visible(j.page, `${root} .hl-input-description textarea`);
      expect(await j.page.locator('.honglin-elder').count()).toBeGreaterThan(0);
      await description.fill('厨房水管爆了，水流了一地');

      const water = `${root} .hl-category-water`;
      await j.page.waitForSelector(`${water}.ho-tile-on`);
      expect(await j.page.locator(`${root} .ho-tile-on.hl-category`).count()).toBe(1);
      await j.page.waitForSelector(`${root} .hl-urgency-urgent.hl-choice-on`);
      const note = await (await visible(j.page, `${root} .hl-suggest-note`)).innerText();
      expect(note).toContain('水电维修');
      expect(note).toContain('已帮您选好');
      await j.page.locator(`${root} .hl-suggest-note`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'suggest-01-leak-understood');
      await j.page.locator(`${root} .hl-field-urgency`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'suggest-01b-category-and-urgency-chosen');

      // Her own choice stands: more words never change it back.
      await (await visible(j.page, `${root} .hl-category-repair`)).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('厨房水管爆了，水流了一地，水龙头也关不上');
      await j.page.waitForTimeout(900);
      expect(await j.page.locator(`${root} .hl-category-repair.ho-tile-on`).count()).toBe(1);
      expect(await j.page.locator(`${root} .hl-category-water.ho-tile-on`).count()).toBe(0);
    }, 60_000);

    it('shows the 119 screen before anything else for "闻到很大的煤气味", and posting it asks for the number too', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const before = await j.gw.store.count('orders', {});
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('闻到很大的煤气味');
      const panel = await visible(j.page, `${root} .hl-emergency-panel-gas`);
      expect(await panel.innerText()).toContain('119');
      expect(await (await visible(j.page, `${root} .hl-emergency-why`)).innerText()).toContain('燃气泄漏');
      // The panel is the first thing on the page: the form is hidden behind it, nothing typed is lost.
      expect(await j.page.locator(`${root} .hl-btn-submit-order`).isVisible()).toBe(false);
      await screenshot(j.page, 'suggest-02-gas-119');

      // "不是紧急情况": back to her words; the post then goes through, and says she was shown the number.
      await (await visible(j.page, `${root} .hl-btn-not-emergency`)).click();
      expect(await (await visible(j.page, `${root} .hl-input-description textarea`)).inputValue()).toBe('闻到很大的煤气味');
      await (await visible(j.page, `${root} .hl-category-hazard`)).click();
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      expect(await eventually(() => j.gw.store.count('orders', {}), before + 1)).toBe(before + 1);
      expect(await j.page.locator('.hl-page-order-detail .hl-timeline').innerText()).toContain('居民确认不是紧急情况');
      await screenshot(j.page, 'suggest-03-posted-after-not-emergency');
    }, 60_000);

    it('posts her leak; a neighbour of her building who starts to post the same leak is shown it and taps 我也遇到了', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      if (await j.page.locator(`${root} .hl-btn-clear-draft`).count()) await j.page.locator(`${root} .hl-btn-clear-draft`).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('厨房水管爆了，水流了一地');
      await j.page.waitForSelector(`${root} .hl-category-water.ho-tile-on`);
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      const leakId = /[?&]id=([A-Za-z0-9_-]+)/.exec(j.page.url())?.[1];
      const stored = await j.gw.store.get<{ _id: string; category: string; urgency: string }>('orders', leakId!);
      expect(stored).toMatchObject({ category: '水电维修', urgency: 'urgent' });

      await openAs(j.page, j.gw.url, NEIGHBOUR, '/packages/orders/post/index');
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('楼里的水管爆了，水流了一地');
      const card = await visible(j.page, `${root} .hl-similar-card`, 10_000);
      expect(await card.innerText()).toContain('厨房水管爆了');
      await card.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'suggest-04-neighbour-sees-the-leak');
      await (await visible(j.page, `${root} .hl-btn-metoo`)).click();
      const households = await visible(j.page, '.hl-page-order-detail .hl-chip-households');
      expect(await households.innerText()).toMatch(/2 户受影响/);
      expect(/[?&]id=([A-Za-z0-9_-]+)/.exec(j.page.url())?.[1]).toBe(leakId);
      await screenshot(j.page, 'suggest-05-neighbour-joined');
    }, 60_000);
  },
  { at: MORNING },
);
