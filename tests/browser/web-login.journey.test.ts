import type { Page, Request, Response } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';

/**
 * 扫码登录: a grid leader signs in on a PC. The PC (a 1280-wide browser with nobody signed in)
 * shows the code; the leader opens it on the phone (the confirmation page, as the leader's persona
 * through the gateway, standing in for WeChat) and taps 登录; the PC moves on to the 办事 page as
 * the leader, its calls carrying the session and no persona; 退出登录 brings the code back. Then a
 * session ended from the phone's list sends the PC back to the code at its next call. Screenshots
 * in test-results/browser/, at 1280 and 390 wide, the phone's page in normal mode and in 长辈版.
 */

const PC_LOGIN = '.hl-page-web-login-pc';
const CONFIRM = '.hl-page-web-login';
const SESSIONS = '.hl-page-web-sessions';
const SESSION_KEY = 'honglin.webSession';

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

/** The session the PC keeps (Taro's storage wraps it in `{ data }`). */
async function keptSession(pc: Page): Promise<{ token: string; sessionId: string } | null> {
  const raw = await pc.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  if (!raw) return null;
  const inner = (JSON.parse(raw) as { data?: string }).data;
  return inner ? (JSON.parse(inner) as { token: string; sessionId: string }) : null;
}

journey('journey: 扫码登录 — the PC shows a code, the leader confirms on the phone, the PC works as the leader, 退出登录', (j) => {
  let pc: Page;
  const pcErrors: string[] = [];
  /** The scenes of the codes the PC was given, newest last. */
  const scenes: string[] = [];
  /** What the PC sent to the functions after signing in: the header that would name a person, and the envelope's session. */
  const sent: Array<{ persona: string | undefined; session: string | undefined; action: string | undefined }> = [];

  beforeAll(async () => {
    const context = await j.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    pc = await context.newPage();
    pc.setDefaultTimeout(8_000);
    pc.on('pageerror', (e) => pcErrors.push(e.message));
    pc.on('response', async (r: Response) => {
      if (!r.url().includes('/api/accounts') || !(r.request().postData() ?? '').includes('startWebLogin')) return;
      const body = (await r.json().catch(() => null)) as { ok?: boolean; data?: { scene?: string } } | null;
      if (body?.ok && body.data?.scene) scenes.push(body.data.scene);
    });
    pc.on('request', (r: Request) => {
      if (!r.url().includes('/api/')) return;
      const body = JSON.parse(r.postData() ?? '{}') as { action?: string; session?: string };
      sent.push({ persona: r.headers()['x-honglin-persona'], session: body.session, action: body.action });
    });
  }, 60_000);
  afterAll(async () => {
    await pc?.context().close();
  });
  afterEach(() => expect(pcErrors).toEqual([]));

  it('the PC with nobody signed in shows the code to scan', async () => {
    await pc.goto(`${j.gw.url}/#/packages/accounts/web-login-pc/index`);
    await visible(pc, `${PC_LOGIN} .wl-pc-code`);
    expect(await (await visible(pc, `${PC_LOGIN} .wl-pc-hint`)).innerText()).toContain('请用微信扫一扫，在红邻小程序里确认登录');
    await eventually(async () => scenes.length > 0, true);
    await screenshot(pc, 'web-login-01-pc-code-1280');
    // The same page at a phone's width.
    await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/accounts/web-login-pc/index');
    await visible(j.page, `${PC_LOGIN} .wl-pc-code`);
    await screenshot(j.page, 'web-login-01-pc-code-390');
  }, 60_000);

  it('every two minutes a new code takes the old one’s place directly, never a blank spinner between them', async () => {
    const page = await pc.context().newPage();
    await page.clock.install();
    await page.goto(`${j.gw.url}/#/packages/accounts/web-login-pc/index`);
    const code = await visible(page, `${PC_LOGIN} .wl-pc-code`);
    const first = await code.getAttribute('src');
    // From here on, note any moment the code gives way to the spinner.
    await page.evaluate((root) => {
      const w = window as unknown as { blanked: boolean };
      w.blanked = false;
      new MutationObserver(() => {
        if (document.querySelector(`${root} .hl-state-loading`)) w.blanked = true;
      }).observe(document.body, { subtree: true, childList: true });
    }, PC_LOGIN);
    await page.clock.fastForward(2 * 60_000);
    await page.waitForFunction(
      ([sel, before]) => {
        const src = document.querySelector(sel)?.getAttribute('src');
        return !!src && src !== before;
      },
      [`${PC_LOGIN} .wl-pc-code`, first] as const,
    );
    expect(await page.evaluate(() => (window as unknown as { blanked: boolean }).blanked)).toBe(false);
    await page.close();
  }, 60_000);

  it('a resident who scans it is told that the PC is for leaders, with no 登录 button', async () => {
    const scene = scenes[scenes.length - 1]!;
    await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/accounts/web-login/index?scene=${encodeURIComponent(scene)}`);
    await visible(j.page, `${CONFIRM} .wl-not-allowed`);
    expect(await j.page.locator(`.taro_page ${CONFIRM} .hl-btn-web-login-confirm`).count()).toBe(0);
    await screenshot(j.page, 'web-login-02-phone-resident');
  }, 60_000);

  it('the leader sees who is about to sign in, in normal mode and in 长辈版, and taps 登录', async () => {
    const scene = scenes[scenes.length - 1]!;
    const route = `/packages/accounts/web-login/index?scene=${encodeURIComponent(scene)}`;
    await elder(j.gw, PERSONAS.gridLeader, true);
    await openAs(j.page, j.gw.url, PERSONAS.gridLeader, route);
    await visible(j.page, `${CONFIRM}.honglin-elder .wl-name`);
    await screenshot(j.page, 'web-login-03-phone-confirm-elder');
    await elder(j.gw, PERSONAS.gridLeader, false);
    await openAs(j.page, j.gw.url, PERSONAS.gridLeader, route);
    const name = await visible(j.page, `${CONFIRM} .wl-name`);
    expect(await name.innerText()).toBe('李建国');
    expect(await (await visible(j.page, `${CONFIRM} .wl-question`)).innerText()).toBe('确认在电脑上登录红邻？');
    expect(await (await visible(j.page, `${CONFIRM} .wl-role`)).innerText()).toContain('网格长');
    await screenshot(j.page, 'web-login-04-phone-confirm');
    await (await visible(j.page, `${CONFIRM} .hl-btn-web-login-confirm`)).click();
    await visible(j.page, `${CONFIRM} .wl-done`);
    await screenshot(j.page, 'web-login-05-phone-confirmed');
  }, 60_000);

  it('the PC moves on to 办事 as the leader, its calls carrying the session and no persona', async () => {
    await visible(pc, '.hl-page-work', 15_000);
    const kept = await keptSession(pc);
    expect(kept?.token).toMatch(/^hlweb_[0-9a-z]{32}$/);
    sent.length = 0;
    await pc.reload();
    await visible(pc, '.hl-page-work');
    await eventually(async () => sent.some((s) => s.action === 'me'), true);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((s) => s.persona === undefined && s.session === kept!.token)).toBe(true);
    // The leader's own menus: the server answered as the leader.
    const me = await j.gw.post('/api/accounts', { action: 'me', payload: {}, session: kept!.token });
    expect(me.body.ok && me.body.data.user.name).toBe('李建国');
    await screenshot(pc, 'web-login-06-pc-work-1280');
  }, 60_000);

  it('the phone lists the PC under 我的 → 电脑登录', async () => {
    await openAs(j.page, j.gw.url, PERSONAS.gridLeader, '/pages/me/index');
    await (await visible(j.page, '.hl-page-me .hl-btn-web-sessions')).click();
    const row = await visible(j.page, `${SESSIONS} .hl-web-session`);
    expect(await row.innerText()).toContain('Chrome · Linux');
    await screenshot(j.page, 'web-login-07-phone-sessions');
  }, 60_000);

  it('退出登录 on the PC ends the session and brings the code back', async () => {
    const kept = (await keptSession(pc))!;
    await pc.goto(`${j.gw.url}/#/pages/me/index`);
    await (await visible(pc, '.hl-page-me .hl-btn-web-logout')).click();
    await visible(pc, `${PC_LOGIN} .wl-pc-signed-in`);
    await screenshot(pc, 'web-login-08-pc-signed-in-1280');
    await (await visible(pc, `${PC_LOGIN} .hl-btn-web-logout`)).click();
    await visible(pc, `${PC_LOGIN} .wl-pc-code`);
    expect(await keptSession(pc)).toBeNull();
    const after = await j.gw.post('/api/accounts', { action: 'me', payload: {}, session: kept.token });
    expect(after.body.ok || after.body.error.code).toBe('ACCOUNTS.SESSION_REVOKED');
  }, 60_000);

  it('a session ended from the phone sends the PC back to the code at its next call', async () => {
    const before = scenes.length;
    await pc.reload();
    await visible(pc, `${PC_LOGIN} .wl-pc-code`);
    await eventually(async () => scenes.length > before, true);
    const confirmed = await j.gw.call(PERSONAS.gridLeader, 'accounts', 'confirmWebLogin', { scene: scenes[scenes.length - 1] });
    expect(confirmed.body.ok).toBe(true);
    await visible(pc, '.hl-page-work', 15_000);
    const kept = (await keptSession(pc))!;
    const ended = await j.gw.call(PERSONAS.gridLeader, 'accounts', 'revokeWebSession', { sessionId: kept.sessionId });
    expect(ended.body.ok).toBe(true);
    await pc.reload();
    await visible(pc, `${PC_LOGIN} .wl-pc-code`, 15_000);
    expect(await keptSession(pc)).toBeNull();
  }, 60_000);
});
