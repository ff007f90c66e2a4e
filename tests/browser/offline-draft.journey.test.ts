import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

journey(
  'journey: a post survives a lost network and a closed page, and a retry makes one order',
  (j) => {
    const description = '阳台的下水管裂了，往楼下渗水';
    const count = () => j.gw.store.count('orders', { description });

    it('keeps the draft when the answer is lost, brings it back after the page is closed, and posts it once', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await (await visible(j.page, `${root} .hl-category-water`)).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill(description);

      // The request reaches the server, but the phone never hears back (a lift, a tunnel).
      await j.page.route('**/api/orders', async (route) => {
        const body = route.request().postDataJSON() as { action?: string } | null;
        if (body?.action !== 'post') return route.continue();
        await route.fetch();
        await route.abort('internetdisconnected');
      });
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, `${root} .hl-notice-offline`);
      expect(await (await visible(j.page, `${root} .hl-notice-offline`)).innerText()).toMatch(/网络不给力/);
      await screenshot(j.page, 'offline-01-lost-answer');
      expect(await eventually(count, 1)).toBe(1);

      // She closes the page; when she comes back, her words are still there.
      await j.page.unroute('**/api/orders');
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      await visible(j.page, `${root} .hl-draft-restored`);
      expect(await (await visible(j.page, `${root} .hl-input-description textarea`)).inputValue()).toBe(description);
      await screenshot(j.page, 'offline-02-draft-restored');

      // Sending again is the same post (same client key): still one order, and the draft is gone.
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      expect(await count()).toBe(1);
      expect(await j.page.evaluate(() => localStorage.getItem('honglin.orderDraft'))).toBeNull();
      await screenshot(j.page, 'offline-03-posted-once');
    }, 90_000);
  },
  { at: MORNING },
);
