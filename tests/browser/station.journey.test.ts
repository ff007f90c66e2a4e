import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

journey(
  'journey: 党群服务站 — the station screen shows a code, a grid leader scans it and is on duty; a resident scans the door code and posts',
  (j) => {
    let scene = '';

    it('shows a rotating, signed check-in code on the station screen', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/stations/screen/index?stationId=cm01-sta1');
      await visible(j.page, '.hl-page-station-screen .hl-screen-code');
      // The test "scans" the code the way a phone camera would read it: from the screen.
      scene = (await (await visible(j.page, '.hl-page-station-screen .hl-screen-scene')).innerText()).trim();
      expect(scene).toMatch(/^c:cm01-sta1:[0-9a-z]+\.[A-Za-z0-9_-]{11}$/);
      await screenshot(j.page, 'station-01-screen');
    }, 60_000);

    it('the grid leader scans it and is checked in, once, however often he scans', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/packages/stations/scan/index');
      const root = '.hl-page-station-scan';
      await (await visible(j.page, `${root} .hl-input-scene input, ${root} input.hl-input-scene`)).fill(scene);
      await (await visible(j.page, `${root} .hl-btn-resolve-scene`)).click();
      await visible(j.page, `${root} .hl-scan-result`);
      await screenshot(j.page, 'station-02-scanned');
      await (await visible(j.page, `${root} .hl-btn-offer-checkIn`)).click();
      await visible(j.page, `${root} .hl-duty-result`);
      expect(await eventually(() => j.gw.store.count('duty', { status: 'open' }), 1)).toBe(1);
      await screenshot(j.page, 'station-03-checked-in');
      const again = await j.gw.call(PERSONAS.gridLeader, 'stations', 'checkIn', { scene });
      expect(again.body.ok && again.body.data.repeated).toBe(true);
      expect(await j.gw.store.count('duty', {})).toBe(1);
    }, 60_000);

    it('a resident scans the station’s door code and posts, with the grid filled in', async () => {
      const door = await j.gw.call(PERSONAS.resident, 'stations', 'permanentCode', { stationId: 'cm01-sta1' });
      if (!door.body.ok) throw new Error(door.body.error.code);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/stations/scan/index');
      const root = '.hl-page-station-scan';
      await (await visible(j.page, `${root} .hl-input-scene input, ${root} input.hl-input-scene`)).fill(door.body.data.scene);
      await (await visible(j.page, `${root} .hl-btn-resolve-scene`)).click();
      await (await visible(j.page, `${root} .hl-btn-offer-postOrder`)).click();

      const post = '.hl-page-order-post';
      await (await visible(j.page, `${post} .hl-category-facility`)).click();
      await (await visible(j.page, `${post} .hl-input-description textarea`)).fill('服务站门口的台阶坏了，老人上下不方便');
      await screenshot(j.page, 'station-04-post-from-door-code');
      await (await visible(j.page, `${post} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-timeline');
      const [order] = await j.gw.store.find<{ _id: string; place: { path: { gridId: string } } }>('orders', { description: '服务站门口的台阶坏了，老人上下不方便' });
      expect(order?.place.path.gridId).toBe('cm01-gd1');
      await screenshot(j.page, 'station-05-posted');
    }, 60_000);
  },
  { at: MORNING },
);
