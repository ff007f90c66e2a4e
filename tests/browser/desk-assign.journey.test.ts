import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { clientKey, MORNING } from '../helpers/orders';

/**
 * 派给同事 in Chromium at 390 px: 钱晓梅 (物业客服, 幸福花园) opens 物业工单 from 办事, taps 派给同事 on a
 * broken lift, picks her colleague 张三 from the desk's list and reads 已派给 张三; the order is his. In
 * 长辈版 she does the same from the order's detail page. At a desk with nobody else, the list says so.
 * Screenshots in test-results/browser/.
 */
const DESK = PERSONAS.property;
const GARDEN_RESIDENT = 'seed-resident-cp1-001';
const GARDEN_HOME = 'cm01-gd2-mg1-bd1';
const LIST = '.hl-page-order-desk';
const DETAIL = '.hl-page-order-detail';

type Stored = { _id: string; state: string; assigneeId: string | null };

async function ok<T = any>(gw: TestGateway, persona: string, fn: string, action: string, payload: unknown): Promise<T> {
  const res = await gw.call(persona, fn, action, payload);
  if (!res.body.ok) throw new Error(`${fn}.${action}: ${res.body.error.code}`);
  return res.body.data;
}

/** A resident's report that the responsibility list sends to a desk. */
async function report(gw: TestGateway, description: string, buildingId = GARDEN_HOME): Promise<string> {
  const made = await ok(gw, GARDEN_RESIDENT, 'orders', 'post', { category: '公共设施', description, buildingId, clientKey: clientKey() });
  if (made.order.state !== 'desk') throw new Error(`went to ${made.order.state}`);
  return made.order.id as string;
}

/** A person the community admin grants 物业客服 at `compoundId` by an invite code. */
async function grantDesk(gw: TestGateway, openid: string, name: string, compoundId: string, buildingId: string): Promise<string> {
  await ok(gw, openid, 'accounts', 'me', {});
  await ok(gw, openid, 'accounts', 'updateProfile', { name, buildingId, room: '2-301' });
  const invite = await ok(gw, PERSONAS.communityAdmin, 'accounts', 'createInvite', { role: 'property', nodeId: compoundId, expiresInHours: 24 });
  await ok(gw, openid, 'accounts', 'redeemInvite', { code: invite.invite.code });
  return (await gw.store.find<{ _id: string }>('users', { openid }, { limit: 1 }))[0]!._id;
}

/**
 * Waits for the page's own scroll to end, then checks that `selector` is on screen and not under the
 * action bar fixed at the bottom.
 */
async function settled(page: Page, selector: string): Promise<void> {
  await page.waitForTimeout(700);
  const box = await page
    .locator(selector)
    .last()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      const bar = document.querySelector('.hl-page-order-detail .hl-action-bar');
      return { top: r.top, bottom: r.bottom, limit: bar ? bar.getBoundingClientRect().top : window.innerHeight };
    });
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.bottom).toBeLessThanOrEqual(box.limit + 1);
}

const elder = (gw: TestGateway, persona: string, on: boolean) => ok(gw, persona, 'accounts', 'updateProfile', { largeText: on });

journey(
  'journey: 派给同事 — the property desk hands an order to a colleague of the same desk',
  (j) => {
    let colleagueId = '';
    beforeAll(async () => {
      colleagueId = await grantDesk(j.gw, 'desk-assign-colleague', '张三', 'cm01-gd2-cp1', GARDEN_HOME);
      await elder(j.gw, DESK, false);
    });

    it('钱晓梅 opens 物业工单, taps 派给同事, picks 张三 and reads 已派给 张三', async () => {
      const lift = await report(j.gw, '3栋的电梯停在5楼不动了，老人下不了楼');
      await openAs(j.page, j.gw.url, DESK, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-entry-desk')).click();
      await visible(j.page, `${LIST} .hl-order-card`);
      await (await visible(j.page, `${LIST} .hl-btn-desk-assign`)).click();
      const first = await visible(j.page, `${LIST} .hl-desk-colleagues .hl-colleague-0`);
      expect(await first.innerText()).toMatch(/张三[\s\S]*手上没有在办的事/);
      // Only colleagues: she takes it herself with 接单, so she is not on the list.
      expect(await j.page.locator(`${LIST} .hl-desk-colleagues`).last().innerText()).not.toContain('钱晓梅');
      await screenshot(j.page, 'desk-assign-01-picker');
      await (await visible(j.page, `${LIST} .hl-colleague-0 .hl-btn-assign-to`)).click();
      const notice = await visible(j.page, `${LIST} .hl-action-ok`);
      expect(await notice.innerText()).toContain('已派给 张三');
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', lift))!.assigneeId, colleagueId)).toBe(colleagueId);
      expect((await j.gw.store.get<Stored>('orders', lift))!.state).toBe('accepted');
      await screenshot(j.page, 'desk-assign-02-sent');
    }, 60_000);

    it('in 长辈版 she does the same from the order’s page, where 张三 already has one in hand', async () => {
      const gate = await report(j.gw, '小区东门的门禁坏了，刷卡进不去');
      await elder(j.gw, DESK, true);
      try {
        await openAs(j.page, j.gw.url, DESK, `/packages/orders/detail/index?id=${gate}`);
        await visible(j.page, `.honglin-elder${DETAIL} .hl-btn-desk-accept`);
        await (await visible(j.page, `${DETAIL} .hl-order-actions .hl-btn-desk-assign`)).click();
        const first = await visible(j.page, `${DETAIL} .hl-desk-colleagues .hl-colleague-0`);
        expect(await first.innerText()).toMatch(/张三[\s\S]*手上有 1 件在办/);
        // The page brings the list into view above the action bar (its scroll takes a moment).
        await settled(j.page, `${DETAIL} .hl-desk-colleagues .hl-btn-assign-to`);
        await screenshot(j.page, 'desk-assign-03-detail-picker-elder');
        await (await visible(j.page, `${DETAIL} .hl-colleague-0 .hl-btn-assign-to`)).click();
        const notice = await visible(j.page, `${DETAIL} .hl-action-ok`);
        expect(await notice.innerText()).toContain('已派给 张三');
        // Back at the top, where the notice is.
        await settled(j.page, `${DETAIL} .hl-action-ok`);
        expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', gate))!.assigneeId, colleagueId)).toBe(colleagueId);
        // The order moved on: no desk buttons are left for her.
        expect(await j.page.locator(`${DETAIL} .hl-btn-desk-assign`).count()).toBe(0);
        expect(await (await visible(j.page, `${DETAIL} .hl-order-assignee`)).innerText()).toContain('张三');
        await screenshot(j.page, 'desk-assign-04-detail-sent-elder');
      } finally {
        await elder(j.gw, DESK, false);
      }
    }, 60_000);

    it('长辈版 物业工单: the list of colleagues in large text, closed again without sending', async () => {
      const hall = await report(j.gw, '2栋大堂的灯全灭了，晚上黑漆漆的');
      await elder(j.gw, DESK, true);
      try {
        await openAs(j.page, j.gw.url, DESK, '/packages/orders/desk/index');
        const card = `.honglin-elder${LIST} .hl-order-desk`;
        await (await visible(j.page, `${card} .hl-btn-desk-assign`)).click();
        const first = await visible(j.page, `${LIST} .hl-desk-colleagues .hl-colleague-0`);
        expect(await first.innerText()).toMatch(/张三[\s\S]*手上有 2 件在办/);
        // Large touch targets: 派给 is a full-width button at least 64 CSS px high.
        const button = await (await visible(j.page, `${LIST} .hl-colleague-0 .hl-btn-assign-to`)).boundingBox();
        expect(button!.height).toBeGreaterThanOrEqual(63);
        expect(button!.width).toBeGreaterThan(300);
        await first.scrollIntoViewIfNeeded();
        await screenshot(j.page, 'desk-assign-06-list-picker-elder');
        await (await visible(j.page, `${LIST} .hl-btn-close-colleagues`)).click();
        expect(await j.page.locator(`${LIST} .hl-desk-colleagues`).count()).toBe(0);
        expect((await j.gw.store.get<Stored>('orders', hall))!.state).toBe('desk');
      } finally {
        await elder(j.gw, DESK, false);
      }
    }, 60_000);

    it('at a desk with nobody else the list says how to get a colleague', async () => {
      // The 1+1 纺织厂宿舍's party branch gets its first account; its public facilities then go to it.
      const secretary = 'desk-assign-secretary';
      await grantDesk(j.gw, secretary, '周书记', 'cm01-gd3-cp1', 'cm01-gd3-mg2-bd1');
      const bench = await report(j.gw, '院子里的长椅坏了一条腿', 'cm01-gd3-mg2-bd1');
      await openAs(j.page, j.gw.url, secretary, `/packages/orders/detail/index?id=${bench}`);
      await (await visible(j.page, `${DETAIL} .hl-order-actions .hl-btn-desk-assign`)).click();
      const empty = await visible(j.page, `${DETAIL} .hl-desk-colleagues .hl-state-empty`);
      expect(await empty.innerText()).toContain('没有其他同事，可由社区书记为物业开通账号');
      await settled(j.page, `${DETAIL} .hl-btn-close-colleagues`);
      await screenshot(j.page, 'desk-assign-05-nobody-else');
      await (await visible(j.page, `${DETAIL} .hl-btn-close-colleagues`)).click();
      expect(await j.page.locator(`${DETAIL} .hl-desk-colleagues`).count()).toBe(0);
      expect((await j.gw.store.get<Stored>('orders', bench))!.state).toBe('desk');
    }, 60_000);
  },
  { at: MORNING },
);
