import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

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
  },
  { at: MORNING },
);
