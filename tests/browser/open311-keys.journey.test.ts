import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';

/**
 * 数据对接 in Chromium (issue 11, Open311): the street admin opens 数据对接 from 办事 at 390 px, issues
 * a key for the district platform and sees it once; the platform reads the street's requests with
 * it; she stops the key after confirming, and the platform is refused from then on. The same page in
 * 长辈版. Screenshots in test-results/browser/.
 */
const PAGE = '.hl-page-open311-keys';

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

journey('journey: 数据对接 — a street admin issues an Open311 key, the platform reads with it, she stops it', (j) => {
  let apiKey = '';
  const requests = (key: string) => fetch(`${j.gw.url}/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`);

  it('she opens 数据对接 from 办事 and issues a key for the district platform; it is shown once', async () => {
    await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/pages/work/index');
    await (await visible(j.page, '.hl-page-work .hl-btn-work-dataAccess')).click();
    await visible(j.page, `${PAGE} .hl-input-platform`);
    expect(await j.page.locator(`${PAGE} .hl-state-empty`).filter({ visible: true }).count()).toBe(1);
    await j.page.locator(`${PAGE} .hl-input-platform input`).fill('区城市运行管理平台');
    await (await visible(j.page, `${PAGE} .hl-btn-issue-key`)).click();
    apiKey = (await (await visible(j.page, `${PAGE} .hl-open311-key`)).innerText()).trim();
    expect(apiKey.length).toBeGreaterThanOrEqual(20);
    await screenshot(j.page, 'open311-keys-01-issued');
  }, 60_000);

  it('the platform reads the street’s requests with the key', async () => {
    const res = await requests(apiKey);
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  }, 30_000);

  it('after “已交给对方” the key is no longer on screen; the list shows it in use, by its last four characters only', async () => {
    await (await visible(j.page, `${PAGE} .hl-btn-done-key`)).click();
    await visible(j.page, `${PAGE} .hl-key-active`);
    const text = await j.page.locator(PAGE).filter({ visible: true }).innerText();
    expect(text).not.toContain(apiKey);
    expect(text).toContain('区城市运行管理平台');
    expect(text).toContain(apiKey.slice(-4));
    await screenshot(j.page, 'open311-keys-02-list');
  }, 30_000);

  it('she stops the key after confirming; the platform is refused', async () => {
    await (await visible(j.page, `${PAGE} .hl-btn-revoke-key`)).click();
    await (await visible(j.page, '.taro-model__confirm')).click();
    await visible(j.page, `${PAGE} .hl-key-revoked`);
    expect(await eventually(() => j.page.locator(`${PAGE} .hl-key-active`).filter({ visible: true }).count(), 0)).toBe(0);
    expect((await requests(apiKey)).status).toBe(403);
  }, 30_000);

  it('长辈版: the same page in large text', async () => {
    await elder(j.gw, PERSONAS.streetAdmin, true);
    await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/dashboards/keys/index');
    await visible(j.page, `${PAGE} .hl-key-revoked`);
    await screenshot(j.page, 'open311-keys-03-elder');
    await elder(j.gw, PERSONAS.streetAdmin, false);
  }, 30_000);
});
