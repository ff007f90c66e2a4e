import { auditLayout, formatViolations } from '../helpers/layout-audit';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING, offereeOf } from '../helpers/orders';

/** Where the phone says it is: beside the demo's 幸福里 station. */
const HERE = { latitude: 30.5731, longitude: 104.0671 };

type Stored = { _id: string; state: string; place: { point: { lat: number; lng: number; name?: string | null } | null } };

/** 长辈版 for a persona, as the home page's switch saves it. */
async function largeText(j: Parameters<Parameters<typeof journey>[1]>[0], persona: string, on: boolean) {
  const res = await j.gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

const orderIdFrom = (url: string) => /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

journey(
  'journey: a street light placed on the map (使用我的位置) and found again with 导航, in Chromium',
  (j) => {
    let orderId = '';
    const post = '.hl-page-order-post';
    const detail = '.hl-page-order-detail';

    /** 公共设施 chosen: the form asks for the point first, before the building. */
    async function startLampReport() {
      await (await visible(j.page, `${post} .hl-category-facility`)).click();
      await visible(j.page, `${post} .hl-field-point-first`);
      const cards = await j.page.evaluate(
        (root) =>
          Array.from(document.querySelectorAll(`${root} .hl-field-point, ${root} .hl-field-place`))
            .filter((e) => e.getBoundingClientRect().width > 0)
            .map((e) => e.className),
        post,
      );
      expect(cards[0]).toMatch(/hl-field-point-first/);
      expect(await (await visible(j.page, `${post} .hl-location-title`)).innerText()).toBe('在哪里？请在地图上选个位置');
      await (await visible(j.page, `${post} .hl-input-description textarea`)).fill('小区东门路灯不亮了，晚上很黑');
      await (await visible(j.page, `${post} .hl-btn-use-my-location`)).click();
      await visible(j.page, `${post} .hl-location-chosen`);
      await (await visible(j.page, `${post} .hl-input-point-name input`)).fill('3号楼东侧路灯');
    }

    it('a resident reports a broken street light with 使用我的位置 and names the spot', async () => {
      await j.page.context().grantPermissions(['geolocation'], { origin: j.gw.url });
      await j.page.context().setGeolocation(HERE);
      await largeText(j, PERSONAS.resident, false);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      await startLampReport();
      expect(await (await visible(j.page, `${post} .hl-location-coords`)).innerText()).toContain('30.57310');
      await (await visible(j.page, `${post} .hl-field-point`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'map-01-post-normal');
      await (await visible(j.page, `${post} .hl-btn-submit-order`)).click();
      await visible(j.page, `${detail} .hl-timeline`);
      orderId = orderIdFrom(j.page.url());
      expect(orderId).toMatch(/^ord_/);
      const stored = (await j.gw.store.get<Stored>('orders', orderId))!;
      expect(stored.place.point).toEqual({ lat: HERE.latitude, lng: HERE.longitude, name: '3号楼东侧路灯' });
      expect(await (await visible(j.page, `${detail} .hl-order-point-name`)).innerText()).toContain('3号楼东侧路灯');
      await screenshot(j.page, 'map-02-posted-normal');
    }, 60_000);

    it('the same form in 长辈版 keeps its targets and text large', async () => {
      await largeText(j, PERSONAS.resident, true);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      await startLampReport();
      await (await visible(j.page, `${post} .hl-field-point`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'map-03-post-elder');
      const violations = await auditLayout(j.page, { mode: 'elder', root: `${post} .hl-field-point` });
      expect(formatViolations('map-point', violations)).toBe('');
      // Not sent: the draft is forgotten so the next visit starts clean.
      await (await visible(j.page, `${post} .hl-btn-clear-point`)).click();
      await j.page.waitForFunction((root) => !document.querySelector(`${root} .hl-location-chosen`), post);
      await largeText(j, PERSONAS.resident, false);
    }, 60_000);

    it('the volunteer it is offered to sees the place and 导航, which opens Amap in a browser', async () => {
      const volunteer = await offereeOf(j.gw, orderId);
      await largeText(j, volunteer, false);
      await openAs(j.page, j.gw.url, volunteer, `/packages/orders/detail/index?id=${orderId}`);
      expect(await (await visible(j.page, `${detail} .hl-order-point-name`)).innerText()).toContain('3号楼东侧路灯');
      // No map tiles or network needed: 导航 opens Amap's marker page in a new tab (caught here, not loaded).
      await j.page.evaluate(() => {
        (window as unknown as { opened: string[] }).opened = [];
        window.open = ((url: string) => {
          (window as unknown as { opened: string[] }).opened.push(url);
          return null;
        }) as typeof window.open;
      });
      const nav = await visible(j.page, `${detail} .hl-btn-navigate`);
      await nav.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'map-04-detail-volunteer-normal');
      await nav.click();
      await j.page.waitForFunction(() => (window as unknown as { opened: string[] }).opened.length > 0);
      const urls = await j.page.evaluate(() => (window as unknown as { opened: string[] }).opened);
      expect(urls).toHaveLength(1);
      expect(urls[0]).toContain(`https://uri.amap.com/marker?position=${HERE.longitude},${HERE.latitude}`);
      expect(decodeURIComponent(urls[0]!)).toContain('3号楼东侧路灯');

      await (await visible(j.page, `${detail} .hl-btn-accept`)).click();
      await visible(j.page, `${detail} .hl-btn-resolve`);
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.state, 'accepted')).toBe('accepted');
      await visible(j.page, `${detail} .hl-btn-navigate`);

      await largeText(j, volunteer, true);
      await openAs(j.page, j.gw.url, volunteer, `/packages/orders/detail/index?id=${orderId}`);
      const navElder = await visible(j.page, `${detail} .hl-btn-navigate`);
      await navElder.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'map-05-detail-volunteer-elder');
      // The page scrolls inside its own container and the action bar stands over its foot: the place and 导航 brought to the top.
      await j.page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).pop()?.scrollIntoView({ block: 'start' }), `${detail} .hl-order-point`);
      await screenshot(j.page, 'map-05b-detail-point-elder');
      const violations = await auditLayout(j.page, { mode: 'elder', root: `${detail} .hl-order-info` });
      expect(formatViolations('map-point', violations)).toBe('');
      await largeText(j, volunteer, false);
    }, 60_000);

    it('a browser that refuses the location says so in Chinese and leaves a way on', async () => {
      await j.page.context().clearPermissions();
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/orders/post/index');
      await (await visible(j.page, `${post} .hl-category-sanitation`)).click();
      await (await visible(j.page, `${post} .hl-btn-use-my-location`)).click();
      const problem = await visible(j.page, `${post} .hl-location-problem`);
      expect(await problem.innerText()).toMatch(/没有允许使用位置|暂时没能取得位置/);
      await problem.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'map-06-refused-normal');
      // The way on: the pad of the grid's known places (its station), where a tap places the point.
      const pad = await visible(j.page, `${post} .hl-point-pad`);
      expect(await (await visible(j.page, `${post} .hl-point-pad-legend`)).innerText()).toMatch(/党群服务站/);
      await pad.click({ position: { x: 60, y: 60 } });
      await visible(j.page, `${post} .hl-location-chosen`);
      expect(await j.page.locator(`${post} .hl-location-problem`).count()).toBe(0);
      await screenshot(j.page, 'map-07-pad-picked-normal');
    }, 60_000);
  },
  { at: MORNING },
);
