import { journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING, post } from '../helpers/orders';

/**
 * 重复提醒 + 我也遇到了 in Chromium at 390 px: 张桂英 (PERSONAS.resident) reported the broken corridor
 * light of her building; a neighbour of the same building starts to post the same thing, sees it, taps
 * 我也遇到了 and lands on the order showing 2 户受影响. A second neighbour does the same in 长辈版.
 */
const NEIGHBOUR = 'seed-resident-0092';
const ELDER_NEIGHBOUR = 'seed-resident-0108';

const orderIdFrom = (url: string) => /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

journey(
  'journey: 重复提醒 + 我也遇到了 in Chromium',
  (j) => {
    let orderId = '';
    const setLargeText = async (persona: string, on: boolean) => {
      const res = await j.gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
      if (!res.body.ok) throw new Error(`updateProfile failed: ${res.body.error.code}`);
    };

    /** The neighbour starts a post about the same light and is shown the resident's order. */
    const startSamePost = async (persona: string) => {
      await openAs(j.page, j.gw.url, persona, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await (await visible(j.page, `${root} .hl-category-facility`)).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('楼道灯坏了，晚上黑乎乎的看不见');
      const card = await visible(j.page, `${root} .hl-similar-card`, 10_000);
      expect(await card.innerText()).toMatch(/楼道的灯坏了好几天了/);
      await (await visible(j.page, `${root} .hl-similar`)).scrollIntoViewIfNeeded();
      return root;
    };

    it('a resident reports the broken corridor light of her building', async () => {
      orderId = (await post(j.gw, PERSONAS.resident, { category: '公共设施', description: '楼道的灯坏了好几天了，晚上上下楼很危险' })).id;
      expect(orderId).toMatch(/^ord_/);
    });

    it('a neighbour of the same building starts a post about it, sees it, taps 我也遇到了 and lands on it: 2 户受影响', async () => {
      await setLargeText(NEIGHBOUR, false);
      const root = await startSamePost(NEIGHBOUR);
      const card = await visible(j.page, `${root} .hl-similar-card`);
      const text = await card.innerText();
      expect(text).toMatch(/同一栋楼/);
      expect(text).toMatch(/1 户受影响/);
      // Nothing of who reported it.
      expect(text).not.toMatch(/张桂英/);
      await screenshot(j.page, 'metoo-01-similar');
      await (await visible(j.page, `${root} .hl-btn-metoo`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-chip-households');
      expect(orderIdFrom(j.page.url())).toBe(orderId);
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-chip-households')).innerText()).toMatch(/2 户受影响/);
      await visible(j.page, '.hl-page-order-detail .hl-affected-me');
      await screenshot(j.page, 'metoo-02-joined');
      const stored = (await j.gw.store.get<{ _id: string; affected: string[] }>('orders', orderId))!;
      expect(stored.affected).toHaveLength(1);
    }, 60_000);

    it('in 长辈版 another neighbour does the same: 3 户受影响', async () => {
      await setLargeText(ELDER_NEIGHBOUR, true);
      const root = await startSamePost(ELDER_NEIGHBOUR);
      expect(await j.page.locator('.honglin-elder').count()).toBeGreaterThan(0);
      expect(await (await visible(j.page, `${root} .hl-similar-card`)).innerText()).toMatch(/2 户受影响/);
      await screenshot(j.page, 'metoo-03-similar-elder');
      await (await visible(j.page, `${root} .hl-btn-metoo`)).click();
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-chip-households')).innerText()).toMatch(/3 户受影响/);
      await visible(j.page, '.hl-page-order-detail .hl-affected-me');
      await screenshot(j.page, 'metoo-04-joined-elder');
    }, 60_000);

    it('the resident who posted it sees 3 户受影响 on her order (长辈版, as she uses it)', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${orderId}`);
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-chip-households')).innerText()).toMatch(/3 户受影响/);
      expect(await j.page.locator('.hl-page-order-detail .hl-affected-me').count()).toBe(0);
      await screenshot(j.page, 'metoo-05-poster-elder');
    }, 60_000);

    it("the grid leader's queue puts it first, with its 3 户受影响 chip", async () => {
      await setLargeText(PERSONAS.gridLeader, false);
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/orders/queue/index?nodeId=cm01-gd1&filter=all');
      const first = j.page.locator('.hl-order-card').first();
      await visible(j.page, '.hl-order-card .hl-chip-households');
      expect(await first.innerText()).toMatch(/3 户受影响/);
      await screenshot(j.page, 'metoo-06-queue');
    }, 60_000);
  },
  { at: MORNING },
);
