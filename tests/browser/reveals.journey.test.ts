import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { act, MORNING, offereeOf, post } from '../helpers/orders';

/**
 * 谁查看了我的信息 in Chromium at 390 px: 张桂英 (the resident) sees that her grid leader read her phone
 * and that the volunteer who took her order read its contact (as 接单志愿者, no name); the street admin
 * opens 信息查看记录 from 办事, sees the grid leader who read many phones stand out in the ranking,
 * filters by kind, by reader and by day. Both pages in normal and 长辈版. Screenshots in test-results/browser/.
 */
const MINE = '.hl-page-privacy-reveals';
const LOG = '.hl-page-reveal-log';

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

async function userOf(gw: TestGateway, persona: string): Promise<{ id: string; name: string }> {
  const res = await gw.call(persona, 'accounts', 'me', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.user;
}

journey(
  'journey: 谁查看了我的信息 — a resident sees who read her phone; the street admin spots the reader who read most',
  (j) => {
    let leader = { id: '', name: '' };

    beforeAll(async () => {
      const resident = await userOf(j.gw, PERSONAS.resident);
      const young = await userOf(j.gw, PERSONAS.residentYoung);
      leader = await userOf(j.gw, PERSONAS.gridLeader);
      const revealed = await j.gw.call(PERSONAS.gridLeader, 'accounts', 'revealContact', { userId: resident.id, reason: '上门维修前电话确认' });
      if (!revealed.body.ok) throw new Error(revealed.body.error.code);
      const order = await post(j.gw, PERSONAS.resident);
      await act(j.gw, await offereeOf(j.gw, order.id), 'accept', { orderId: order.id });
      // The grid leader goes on to read a dozen more phones of his grid: one reader far ahead of the rest.
      const members = await j.gw.call(PERSONAS.gridLeader, 'accounts', 'listMembers', { nodeId: 'cm01-gd1', kind: 'residents', limit: 20 });
      if (!members.body.ok) throw new Error(members.body.error.code);
      const others = (members.body.data.members as { userId: string }[]).map((m) => m.userId).filter((id) => ![resident.id, young.id, leader.id].includes(id));
      for (const userId of others.slice(0, 12)) await j.gw.call(PERSONAS.gridLeader, 'accounts', 'revealContact', { userId, reason: '逐户核对电话' });
    }, 60_000);

    it('张桂英 sees her grid leader by role and name, and the volunteer as 接单志愿者', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/privacy/reveals/index');
      await visible(j.page, `${MINE} .hl-reveal-row`);
      const text = await j.page.locator(MINE).filter({ visible: true }).innerText();
      expect(text).toContain(`网格长 ${leader.name} 查看了您的手机号`);
      expect(text).toContain('原因：上门维修前电话确认');
      expect(text).toContain('接单志愿者 查看了您的联系人和电话');
      expect(text).toMatch(/为了办：水电维修 · \d+月\d+日/);
      await screenshot(j.page, 'reveals-01-resident');
    }, 30_000);

    it('长辈版: her list in large text', async () => {
      await elder(j.gw, PERSONAS.resident, true);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/privacy/reveals/index');
      await visible(j.page, `.honglin-elder${MINE} .hl-reveal-row`);
      await screenshot(j.page, 'reveals-02-resident-elder');
      await elder(j.gw, PERSONAS.resident, false);
    }, 30_000);

    it('another resident is told that nobody has read hers', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.residentYoung, '/packages/privacy/reveals/index');
      expect(await (await visible(j.page, `${MINE} .hl-state-empty`)).innerText()).toContain('还没有人查看过您的信息');
    }, 30_000);

    it('the street admin opens 信息查看记录 from 办事: the grid leader tops the ranking with the longest bar', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-btn-work-revealLog')).click();
      await visible(j.page, `${LOG} .hl-reveal-ranking`);
      const top = j.page.locator(`${LOG} .hl-reveal-bar`).first();
      expect(await top.innerText()).toContain(`网格长 ${leader.name}`);
      expect(await top.innerText()).toContain('13 次');
      const widths = await j.page.locator(`${LOG} .hl-reveal-bar .hl-bar-fill`).evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().width));
      expect(widths[0]).toBe(Math.max(...widths));
      await visible(j.page, `${LOG} .hl-reveal-entry`);
      expect(await j.page.locator(`${LOG} .hl-reveal-log`).innerText()).toMatch(/查看了 \S\*+ 的手机号/);
      await screenshot(j.page, 'reveals-03-street-log');
    }, 30_000);

    it('she filters: contacts only, then one reader, then a day without reveals', async () => {
      await (await visible(j.page, `${LOG} .hl-kind-contact`)).click();
      expect(await eventually(async () => (await j.page.locator(`${LOG} .hl-reveal-entry.hl-reveal-phone`).count()) === 0, true)).toBe(true);
      await visible(j.page, `${LOG} .hl-reveal-entry.hl-reveal-contact`);
      expect(await j.page.locator(`${LOG} .hl-reveal-log`).innerText()).toContain('接单志愿者');

      await (await visible(j.page, `${LOG} .hl-kind-all`)).click();
      await (await visible(j.page, `${LOG} .rl-reader-row`)).click();
      expect(await (await visible(j.page, `${LOG} .rl-reader`)).innerText()).toContain(`只看：${leader.name}`);
      await eventually(async () => (await j.page.locator(`${LOG} .hl-paged-count`).innerText()).trim(), '共 13 次');
      await screenshot(j.page, 'reveals-04-one-reader');

      await j.page.locator(`${LOG} .hl-input-to input`).fill('2026-11-01');
      expect(await (await visible(j.page, `${LOG} .hl-state-empty`)).innerText()).toContain('这段时间没有查看记录');
    }, 30_000);

    it('长辈版: the log in large text', async () => {
      await elder(j.gw, PERSONAS.streetAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/dashboards/reveal-log/index');
      await visible(j.page, `.honglin-elder${LOG} .hl-reveal-ranking`);
      await screenshot(j.page, 'reveals-05-street-log-elder');
      await elder(j.gw, PERSONAS.streetAdmin, false);
    }, 30_000);
  },
  { at: MORNING },
);
