import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, eventually, launch, openAs, phonePage, screenshot, visible } from '../helpers/browser';
import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

const h5Dir = join(__dirname, '..', '..', 'dist', 'h5');
const run = browserAvailable();
if (run && !existsSync(join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test builds it first)');
const d = run ? describe : describe.skip;

d('journey: a post survives a lost network and a closed page, and a retry makes one order', () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const description = '阳台的下水管裂了，往楼下渗水';
  const count = () => gw.store.count('orders', { description });

  beforeAll(async () => {
    gw = await startTestGateway({ h5Dir });
    await gw.tick(MORNING);
    browser = await launch();
    ({ page, errors } = await phonePage(browser));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });
  afterEach(() => expect(errors).toEqual([]));

  it('keeps the draft when the answer is lost, brings it back after the page is closed, and posts it once', async () => {
    await openAs(page, gw.url, PERSONAS.resident, '/packages/orders/post/index');
    const root = '.hl-page-order-post';
    await (await visible(page, `${root} .hl-category-water`)).click();
    await (await visible(page, `${root} .hl-input-description textarea`)).fill(description);

    // The request reaches the server, but the phone never hears back (a lift, a tunnel).
    await page.route('**/api/orders', async (route) => {
      const body = route.request().postDataJSON() as { action?: string } | null;
      if (body?.action !== 'post') return route.continue();
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await (await visible(page, `${root} .hl-btn-submit-order`)).click();
    await visible(page, `${root} .hl-notice-offline`);
    expect(await (await visible(page, `${root} .hl-notice-offline`)).innerText()).toMatch(/网络不给力/);
    await screenshot(page, 'offline-01-lost-answer');
    expect(await eventually(count, 1)).toBe(1);

    // She closes the page; when she comes back, her words are still there.
    await page.unroute('**/api/orders');
    await openAs(page, gw.url, PERSONAS.resident, '/packages/orders/post/index');
    await visible(page, `${root} .hl-draft-restored`);
    expect(await (await visible(page, `${root} .hl-input-description textarea`)).inputValue()).toBe(description);
    await screenshot(page, 'offline-02-draft-restored');

    // Sending again is the same post (same client key): still one order, and the draft is gone.
    await (await visible(page, `${root} .hl-btn-submit-order`)).click();
    await visible(page, '.hl-page-order-detail .hl-timeline');
    expect(await count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('honglin.orderDraft'))).toBeNull();
    await screenshot(page, 'offline-03-posted-once');
  }, 90_000);
});
