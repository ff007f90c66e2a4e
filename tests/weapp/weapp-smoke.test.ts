import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { ensureWeappBuilt, startWeapp, WEAPP_DIR, cloudThrough, type WeappHost } from '../helpers/weapp-harness';

/**
 * The built mini-program (dist/weapp, production) loads in a fake WeChat host, its 我的 tab draws
 * real labels and a real profile, and taps reach the app's handlers. WeChat's cloud is played by the
 * local gateway (the same cloud-function handlers over SQLite), the caller being a demo persona the
 * way WeChat would inject an OPENID.
 */
describe('weapp bundle', () => {
  let gateway: TestGateway;

  const cloudAs = (openid: string) => cloudThrough(gateway, openid);

  beforeAll(async () => {
    ensureWeappBuilt();
    gateway = await startTestGateway();
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  it('loads app.js and draws the 我的 tab with its labels and the caller’s profile', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.resident) });
    const me = await host.openPage('pages/me/index');
    const texts = me.texts();

    expect(texts).toEqual(expect.arrayContaining(['我的资料', '我的身份', '手机号', '住址', '编辑资料', '兑换邀请码', '长辈版（大字）']));
    // Persona switching is for the local H5 build only.
    expect(texts).not.toContain('切换身份（本地演示）');
    // The profile came from the cloud function: a masked phone, never the full number on screen.
    expect(host.calls.some((c) => c.api === 'cloud.callFunction')).toBe(true);
    expect(texts.some((t) => /^1\d{2}\*{4}\d{4}$/.test(t))).toBe(true);
    expect(me.byClass('hl-page-me')).toHaveLength(1);
  });

  it('navigates to the profile editor when 编辑资料 is tapped', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.resident) });
    const me = await host.openPage('pages/me/index');
    me.tap('hl-btn-edit-profile');
    await host.settle(me);
    const nav = host.calls.find((c) => c.api === 'navigateTo');
    expect(nav?.args[0]).toMatchObject({ url: '/packages/accounts/profile-edit/index' });
  });

  it('switches 长辈版 on from the home tab: the page root gets honglin-elder and the choice is saved', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.gridLeader) });
    const home = await host.openPage('pages/home/index');
    // 邻里议事 left the home page with the 议事 tab (no entry leads to a page still being built).
    expect(home.texts()).toEqual(expect.arrayContaining(['扫一扫', '我要办事', '附近服务站']));
    expect(home.texts()).not.toContain('邻里议事');
    const wasOn = home.byClass('honglin-elder').length > 0;

    home.tap('hl-toggle-elder-row');
    await host.settle(home);

    expect(home.byClass('honglin-elder').length > 0).toBe(!wasOn);
    const save = host.calls.find((c) => c.api === 'cloud.callFunction' && (c.args[0] as { data: { action: string } }).data.action === 'updateProfile');
    expect(save?.args[0]).toMatchObject({ name: 'accounts', data: { payload: { largeText: !wasOn } } });
  });

  it('puts a waiting offer first on a volunteer’s home tab and its number on the 办事 tab', async () => {
    const posted = await gateway.call(PERSONAS.resident, 'orders', 'post', { category: '家居小修', description: '卧室门锁坏了，钥匙转不动', clientKey: 'weapp-smoke-home-offer' });
    if (!posted.body.ok) throw new Error(posted.body.error.code);
    const offer = (await gateway.store.get<{ _id: string; offer: { volunteerId: string } | null }>('orders', posted.body.data.order.id))!.offer;
    if (!offer) throw new Error('the order was not offered');
    const volunteer = (await gateway.store.get<{ _id: string; openid: string }>('users', offer.volunteerId))!.openid;
    const host = await startWeapp({ cloud: cloudAs(volunteer) });
    const home = await host.openPage('pages/home/index');
    await host.settle(home);
    expect(home.texts()).toEqual(expect.arrayContaining(['派给您的事（1 件）', '家居小修', '查看并接单 ›']));
    expect(home.texts().some((t) => /^剩余 \d\d:\d\d$/.test(t))).toBe(true);
    expect(host.calls.find((c) => c.api === 'setTabBarBadge')?.args[0]).toMatchObject({ index: 1, text: '1' });
  });

  it('turns 长辈版 on by itself when WeChat’s font is large', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.gridLeader), fontSizeScaleFactor: 1.4 });
    const home = await host.openPage('pages/home/index');
    expect(home.byClass('honglin-elder')).toHaveLength(1);
    expect(home.texts()).toContain('您在微信里调大了字体，已自动开启');
  });

  it('loads every page of app.json, subpackages included, and draws its page root', async () => {
    const appJson = JSON.parse(readFileSync(join(WEAPP_DIR, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages?: { root: string; pages: string[] }[];
    };
    const routes = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const host = await startWeapp({ cloud: cloudAs(PERSONAS.communityAdmin) });
      const page = await host.openPage(route);
      expect({ route, roots: page.byClass('hl-page').length }).toEqual({ route, roots: 1 });
      expect(page.texts().length).toBeGreaterThan(0);
    }
    // ~30 pages, each in a fresh host (≈ 0.2 s apiece; the personal code draws a QR image).
  }, 30_000);

  it('shows an error with a retry instead of crashing when the cloud is unreachable', async () => {
    const host: WeappHost = await startWeapp({
      cloud: async () => {
        throw new Error('offline');
      },
    });
    const me = await host.openPage('pages/me/index');
    // A call without an answer is sent twice more (after 0.4 s and 1.2 s) before the page says so.
    await host.settle(me, 2_000);
    expect(me.texts()).toEqual(expect.arrayContaining(['网络不给力，请稍后再试', '重试', '编辑资料']));
    const attempts = host.calls.filter((c) => c.api === 'cloud.callFunction' && (c.args[0] as { data: { action: string } }).data.action === 'me');
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    // Every attempt of one call carries the same requestId, so the server can replay a lost answer.
    const first = attempts[0]!.args[0] as { data: { requestId: string } };
    expect(attempts.slice(0, 3).every((c) => (c.args[0] as { data: { requestId: string } }).data.requestId === first.data.requestId)).toBe(true);
  });
});
