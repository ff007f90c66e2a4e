import type { Page, Request } from 'playwright-core';
import { eventually, journey, openAs, phonePage, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

/**
 * 大屏设备: the community admin authorizes the station's monitor from the station's page; the
 * monitor opens the link and shows the rotating check-in code as the station, with nobody signed in
 * on it; the admin stops it and the monitor says so at its next refresh. The admin's page in 长辈版
 * too. Screenshots in test-results/browser/.
 */

const DETAIL = '.hl-page-station-detail';
const SCREEN = '.hl-page-station-screen';
const STATION = 'cm01-sta1';

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

journey(
  'journey: 大屏设备 — the admin authorizes a screen, the screen shows the code as the station, the admin stops it',
  (j) => {
    let link = '';
    let screen: Page;
    const screenErrors: string[] = [];
    /** What the screen sent to the functions: the header that would name a person, and the envelope. */
    const sent: Array<{ persona: string | undefined; body: { action?: string; device?: string } }> = [];

    afterAll(async () => {
      await screen?.context().close();
    });

    it('the admin finds 大屏设备 on the station page, with nothing authorized yet', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/stations/detail/index?id=${STATION}`);
      await visible(j.page, `${DETAIL} .hl-station-devices .hl-state-empty`);
      await screenshot(j.page, 'station-device-01-none');
    }, 60_000);

    it('authorizes a new screen and gets its link once', async () => {
      await (await visible(j.page, `${DETAIL} .hl-btn-add-device`)).click();
      await (await visible(j.page, `${DETAIL} .hl-input-device-label input, ${DETAIL} input.hl-input-device-label`)).fill('一楼大厅电视');
      await (await visible(j.page, `${DETAIL} .hl-btn-issue-device`)).click();
      link = (await (await visible(j.page, `${DETAIL} .hl-device-link`)).innerText()).trim();
      expect(link).toMatch(new RegExp(`^${j.gw.url}/#/packages/stations/screen/index\\?stationId=${STATION}&device=hlscr_[0-9a-z]{32}$`));
      await visible(j.page, `${DETAIL} .hl-device-row.hl-device-active`);
      await screenshot(j.page, 'station-device-02-issued');
    }, 60_000);

    it('the screen opened with the link shows the rotating code as the station, with no person behind its calls', async () => {
      // A fresh browser profile: no persona stored, nobody signed in.
      ({ page: screen } = await phonePage(j.browser));
      screen.on('pageerror', (e) => screenErrors.push(e.message));
      screen.on('request', (r: Request) => {
        if (!r.url().includes('/api/stations')) return;
        sent.push({ persona: r.headers()['x-honglin-persona'], body: JSON.parse(r.postData() ?? '{}') as { action?: string; device?: string } });
      });
      await screen.clock.install({ time: new Date(MORNING) });
      await screen.goto(link);
      await visible(screen, `${SCREEN} .hl-screen-code`);
      const scene = (await (await visible(screen, `${SCREEN} .hl-screen-scene`)).innerText()).trim();
      expect(scene).toMatch(new RegExp(`^c:${STATION}:[0-9a-z]+\\.[A-Za-z0-9_-]{11}$`));
      await visible(screen, `${SCREEN} .hl-screen-name`);
      const token = link.split('device=')[1]!;
      // The token left the address bar and stays in the screen's storage.
      expect(screen.url()).not.toContain('device=');
      expect(screen.url()).toContain(`stationId=${STATION}`);
      expect(await screen.evaluate(() => localStorage.getItem('honglin.stationDevice'))).toContain(token);
      // Every call of the screen carried the token and no persona.
      expect(sent.length).toBeGreaterThanOrEqual(2);
      expect(sent.every((s) => s.persona === undefined && s.body.device === token)).toBe(true);
      expect(new Set(sent.map((s) => s.body.action))).toEqual(new Set(['screenCode', 'get']));
      await screenshot(screen, 'station-device-03-screen');
      expect(screenErrors).toEqual([]);
    }, 60_000);

    it('the admin sees when the screen was last used, and stops it after confirming', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/stations/detail/index?id=${STATION}`);
      const row = await visible(j.page, `${DETAIL} .hl-device-row.hl-device-active`);
      expect(await row.innerText()).toContain('最近使用');
      await (await visible(j.page, `${DETAIL} .hl-btn-revoke-device`)).click();
      await (await visible(j.page, '.taro-model__confirm')).click();
      await visible(j.page, `${DETAIL} .hl-device-ok`);
      await visible(j.page, `${DETAIL} .hl-device-row.hl-device-revoked`);
      await screenshot(j.page, 'station-device-04-revoked');
    }, 60_000);

    it('the screen shows 此大屏已停用 at its next refresh, takes the code down, and says so again after a reload', async () => {
      const before = sent.length;
      await screen.clock.fastForward(61_000);
      const gone = await visible(screen, `${SCREEN} .hl-screen-gone`);
      expect((await gone.innerText()).trim()).toBe('此大屏已停用，请联系社区管理员重新授权');
      expect(await screen.locator(`${SCREEN} .hl-screen-code`).count()).toBe(0);
      expect(sent.length).toBeGreaterThan(before);
      await screenshot(screen, 'station-device-05-screen-revoked');
      // It stops asking: a further minute sends nothing.
      const after = sent.length;
      await screen.clock.fastForward(61_000);
      expect(await eventually(async () => sent.length, after, 1_000)).toBe(after);
      await screen.reload();
      await visible(screen, `${SCREEN} .hl-screen-gone`);
      expect(screenErrors).toEqual([]);
    }, 60_000);

    it('the admin’s devices section in 长辈版', async () => {
      await elder(j.gw, PERSONAS.communityAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/stations/detail/index?id=${STATION}`);
      await visible(j.page, `${DETAIL}.honglin-elder .hl-station-devices .hl-device-row`);
      await (await visible(j.page, `${DETAIL} .hl-btn-add-device`)).click();
      await visible(j.page, `${DETAIL} .hl-btn-issue-device`);
      await (await visible(j.page, `${DETAIL} .hl-station-devices`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'station-device-06-elder');
      await elder(j.gw, PERSONAS.communityAdmin, false);
    }, 60_000);
  },
  { at: MORNING },
);
