import type { Page } from 'playwright-core';
import { CATEGORY_SLUGS, type Category } from '../../shared/orders/categories';
import { playDemoStory } from '../../scripts/demo-story';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';

/**
 * 数据看板 in Chromium (issue 11): the street admin opens the dashboard from 办事 at 390 px and sees
 * its charts drawn; switches month → quarter → year and back a year; opens the orders behind a bar
 * through the chart's text alternative, the list counting what the dashboard said; comes back and
 * exports the month as a file. The same in 长辈版; a grid leader sees only her grid. Screenshots in
 * test-results/browser/.
 *
 * The clock stands on Thursday 26 Nov 2026, the demo story's ten days of orders ending then.
 */
const AT = '2026-11-26T02:00:00.000Z';
const PAGE = '.hl-page-dashboard';
const RECORDS = '.hl-page-dashboard-records';

type Overview = { node: { id: string; name: string }; categories: { category: Category; posted: number }[]; children: unknown[] };

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

/** Taro keeps earlier pages in the DOM: the text of the element on screen. */
const textOf = async (page: Page, selector: string) => (await visible(page, selector)).innerText();

/** How many of the dashboard's canvases on screen have something drawn (a pixel not transparent). */
async function drawnCanvases(page: Page): Promise<{ shown: number; drawn: number }> {
  return page.evaluate((root) => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>(`${root} canvas`)).filter((c) => {
      const r = c.getBoundingClientRect();
      return r.width > 0 && r.left >= 0 && r.left < window.innerWidth;
    });
    const drawn = canvases.filter((c) => {
      if (!c.width || !c.height) return false;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    return { shown: canvases.length, drawn: drawn.length };
  }, PAGE);
}

/** Waits until every chart on screen is drawn, and answers how many there are. */
async function chartsDrawn(page: Page): Promise<number> {
  await page
    .waitForFunction((root) => {
      const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>(`${root} canvas`)).filter((c) => c.getBoundingClientRect().width > 0);
      return (
        canvases.length > 0 &&
        canvases.every(
          (c) =>
            c.width > 0 &&
            c
              .getContext('2d')!
              .getImageData(0, 0, c.width, c.height)
              .data.some((v, i) => i % 4 === 3 && v !== 0),
        )
      );
    }, PAGE)
    .catch(async (e: Error) => {
      // Say which charts stayed blank.
      const blank = await page.evaluate(
        (root) =>
          Array.from(document.querySelectorAll<HTMLCanvasElement>(`${root} canvas`))
            .filter((c) => c.getBoundingClientRect().width > 0)
            .filter(
              (c) =>
                !(
                  c.width > 0 &&
                  c
                    .getContext('2d')!
                    .getImageData(0, 0, c.width, c.height)
                    .data.some((v, i) => i % 4 === 3 && v !== 0)
                ),
            )
            .map((c) => `${c.closest('[class*="hl-chart-"]')?.className ?? '?'} ${c.width}×${c.height}`),
        PAGE,
      );
      throw new Error(`${e.message}; blank: ${blank.join(' | ')}`);
    });
  const { shown, drawn } = await drawnCanvases(page);
  expect(drawn).toBe(shown);
  return drawn;
}

journey(
  'journey: 数据看板 — the street admin reads the charts, switches the period, opens the orders behind a bar and exports the month; 长辈版; a grid leader sees her grid',
  (j) => {
    let street: Overview;

    beforeAll(async () => {
      await playDemoStory(j.gw.ports, Date.parse(AT));
      await j.gw.tick(AT);
      const me = await j.gw.call(PERSONAS.streetAdmin, 'accounts', 'me', {});
      if (!me.body.ok) throw new Error(me.body.error.code);
      const nodeId = me.body.data.user.scopes.stats[0].nodeId as string;
      const res = await j.gw.call(PERSONAS.streetAdmin, 'dashboards', 'overview', { nodeId, period: '2026-11' });
      if (!res.body.ok) throw new Error(res.body.error.code);
      street = res.body.data as Overview;
    }, 120_000);

    it('the street admin opens 数据看板 from 办事 and sees this month’s charts drawn, and her communities', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-btn-work-stats')).click();
      expect(await textOf(j.page, `${PAGE} .hl-dashboard-place`)).toBe(street.node.name);
      expect(await textOf(j.page, `${PAGE} .hl-period-label`)).toBe('2026年11月');
      // The trend, the categories' donut and their bars, the hours by source (and by work unit).
      expect(await chartsDrawn(j.page)).toBeGreaterThanOrEqual(4);
      await visible(j.page, `${PAGE} .hl-dashboard-heat`);
      expect(street.children.length).toBeGreaterThan(0);
      await screenshot(j.page, 'dashboard-01-month');
    }, 60_000);

    it('she switches to the quarter, the year and the year before', async () => {
      await (await visible(j.page, `${PAGE} .hl-tabs-period-kind .hl-tab-quarter`)).click();
      expect(await eventually(() => textOf(j.page, `${PAGE} .hl-period-label`), '2026年第4季度')).toBe('2026年第4季度');
      await visible(j.page, `${PAGE} .hl-dashboard-kpis`);
      expect(await textOf(j.page, `${PAGE} .hl-dashboard-period`)).toMatch(/2026年第3季度比较/);
      await chartsDrawn(j.page);
      await screenshot(j.page, 'dashboard-02-quarter');

      await (await visible(j.page, `${PAGE} .hl-tabs-period-kind .hl-tab-year`)).click();
      expect(await eventually(() => textOf(j.page, `${PAGE} .hl-period-label`), '2026年')).toBe('2026年');
      // This year is the latest: there is no next one to go to.
      expect(await j.page.locator(`${PAGE} .hl-btn-next-period`).filter({ visible: true }).count()).toBe(0);

      await (await visible(j.page, `${PAGE} .hl-btn-prev-period`)).click();
      expect(await eventually(() => textOf(j.page, `${PAGE} .hl-period-label`), '2025年')).toBe('2025年');
      await visible(j.page, `${PAGE} .hl-dashboard-kpis`);
      expect(await textOf(j.page, `${PAGE} .hl-kpi-posted .hl-kpi-value`)).toBe('0 件');
      await screenshot(j.page, 'dashboard-03-year-before');

      await (await visible(j.page, `${PAGE} .hl-btn-next-period`)).click();
      await (await visible(j.page, `${PAGE} .hl-tabs-period-kind .hl-tab-month`)).click();
      expect(await eventually(() => textOf(j.page, `${PAGE} .hl-period-label`), '2026年11月')).toBe('2026年11月');
    }, 60_000);

    it('she taps a category’s number under the bars and reads as many orders as the dashboard said; one opens its detail', async () => {
      const busiest = [...street.categories].sort((a, b) => b.posted - a.posted)[0]!;
      expect(busiest.posted).toBeGreaterThan(0);
      const link = `${PAGE} .hl-chart-compare .hl-chart-link-cmp-${CATEGORY_SLUGS[busiest.category]}-now`;
      expect(await textOf(j.page, `${link} .hl-chart-value`)).toBe(`${busiest.posted} 件`);
      await (await visible(j.page, link)).click();
      expect(await textOf(j.page, `${RECORDS} .hl-paged-count`)).toBe(`共 ${busiest.posted} 件`);
      expect(await textOf(j.page, `${RECORDS} .hl-records-title`)).toContain(busiest.category);
      const rows = j.page.locator(`${RECORDS} .hl-record-order`).filter({ visible: true });
      expect(await rows.count()).toBe(Math.min(busiest.posted, 20));
      await screenshot(j.page, 'dashboard-04-records');

      await rows.first().click();
      await visible(j.page, '.hl-page-order-detail');
      expect(j.page.url()).toMatch(/\/packages\/orders\/detail\/index\?id=/);
      await j.page.goBack();
      await (await visible(j.page, `${RECORDS} .hl-btn-back-to-dashboard`)).click();
      await visible(j.page, `${PAGE} .hl-dashboard-kpis`);
    }, 60_000);

    it('she exports the month’s orders: the server answers a file and the browser downloads it', async () => {
      const download = j.page.waitForEvent('download');
      await (await visible(j.page, `${PAGE} .hl-btn-export-orders`)).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(await textOf(j.page, `${PAGE} .hl-export-ok`)).toMatch(/已下载/);
      await screenshot(j.page, 'dashboard-05-exported');
    }, 60_000);

    it('the hours trend: this month’s 接单服务 opens the service records behind it, as many as the server counts', async () => {
      const expected = await j.gw.call(PERSONAS.streetAdmin, 'dashboards', 'records', {
        nodeId: street.node.id,
        period: '2026-11',
        figure: 'hours',
        source: 'order',
        offset: 0,
        limit: 1,
      });
      if (!expected.body.ok) throw new Error(expected.body.error.code);
      const link = `${PAGE} .hl-chart-hours-trend .hl-chart-link-2026-11-order`;
      await (await visible(j.page, link)).click();
      expect(await textOf(j.page, `${RECORDS} .hl-paged-count`)).toBe(`共 ${expected.body.data.total} 条服务记录`);
      await (await visible(j.page, `${RECORDS} .hl-btn-back-to-dashboard`)).click();
      await visible(j.page, `${PAGE} .hl-dashboard-kpis`);
    }, 60_000);

    it('a tap on a slice of the donut opens the orders of that category', async () => {
      // The first slice runs clockwise from the top: tap the middle of its arc, halfway through the ring.
      const slices = street.categories.filter((c) => c.posted > 0);
      const total = slices.reduce((n, c) => n + c.posted, 0);
      const angle = (slices[0]!.posted / total) * Math.PI;
      const canvas = await visible(j.page, `${PAGE} .hl-chart-categories canvas`);
      await canvas.scrollIntoViewIfNeeded();
      // Every chart on the page is drawn again now that the page shows again (back from the records).
      await chartsDrawn(j.page);
      const box = (await canvas.boundingBox())!;
      const r = (Math.min(box.width, box.height) / 2 - 8) * 0.9 * 0.78;
      // Relative to the canvas: Playwright scrolls it into view and waits until it stands still and takes the click.
      const pos = { x: box.width / 2 + r * Math.sin(angle), y: box.height / 2 - r * Math.cos(angle) };
      await canvas.click({ position: pos });
      await j.page.waitForURL(/\/packages\/dashboards\/records\/index\?.*figure=category/);
      expect(await textOf(j.page, `${RECORDS} .hl-records-title`)).toContain(slices[0]!.category);
      expect(await textOf(j.page, `${RECORDS} .hl-paged-count`)).toBe(`共 ${slices[0]!.posted} 件`);
      await (await visible(j.page, `${RECORDS} .hl-btn-back-to-dashboard`)).click();
      await visible(j.page, `${PAGE} .hl-dashboard-kpis`);
    }, 60_000);

    it('in 长辈版 the charts are drawn larger and every number is a readable row that opens its orders', async () => {
      await elder(j.gw, PERSONAS.streetAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/dashboards/index/index?period=2026-11');
      await visible(j.page, `${PAGE}.honglin-elder .hl-dashboard-kpis`);
      expect(await chartsDrawn(j.page)).toBeGreaterThanOrEqual(4);
      await screenshot(j.page, 'dashboard-06-elder');
      const busiest = [...street.categories].sort((a, b) => b.posted - a.posted)[0]!;
      await (await visible(j.page, `${PAGE} .hl-chart-categories .hl-chart-link-cat-${CATEGORY_SLUGS[busiest.category]}`)).click();
      expect(await textOf(j.page, `${RECORDS} .hl-paged-count`)).toBe(`共 ${busiest.posted} 件`);
      await screenshot(j.page, 'dashboard-07-elder-records');
      await elder(j.gw, PERSONAS.streetAdmin, false);
    }, 60_000);

    it('a grid leader sees only her grid: no places below, and the street’s numbers are refused', async () => {
      const me = await j.gw.call(PERSONAS.gridLeader, 'accounts', 'me', {});
      if (!me.body.ok) throw new Error(me.body.error.code);
      const places = me.body.data.user.scopes.stats as { nodeId: string; nodeName: string; nodeKind: string }[];
      expect(places.map((p) => p.nodeKind)).toEqual(['grid']);
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/dashboards/index/index?period=2026-11');
      expect(await textOf(j.page, `${PAGE} .hl-dashboard-place`)).toBe(places[0]!.nodeName);
      await chartsDrawn(j.page);
      expect(await j.page.locator(`${PAGE} .hl-dashboard-heat`).filter({ visible: true }).count()).toBe(0);
      expect(await j.page.locator(`${PAGE} .hl-node-picker`).filter({ visible: true }).count()).toBe(0);
      await screenshot(j.page, 'dashboard-08-grid-leader');
      const refused = await j.gw.call(PERSONAS.gridLeader, 'dashboards', 'overview', { nodeId: street.node.id, period: '2026-11' });
      expect(refused.body.ok ? 'ok' : refused.body.error.code).toBe('COMMON.FORBIDDEN');
    }, 60_000);
  },
  { at: AT },
);
