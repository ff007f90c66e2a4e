import { openAs, journey, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { act, later, MORNING, post } from '../helpers/orders';
import { uploadPhoto } from '../helpers/photos';

/**
 * 评议监督 in Chromium at 390 px: in 幸福花园 a broken lift went to 安居物业's desk, which took it,
 * fixed it within the day and was rated 5★; a pile of litter it answered "not ours". 冯国栋 of the
 * owners' committee opens 评议监督 from 办事 and sees the month as big tiles — 按时办结率 100%,
 * 满意度 5.0 星, 1 refusal, nothing open — the six months as bars, and the desk's reason in its own
 * words. Normal and 长辈版. Screenshots in test-results/browser/.
 */
const PAGE = '.hl-page-compound-review';
const OWNERS = 'seed-owners-cm01-gd2-cp1';
const GARDEN_RESIDENT = 'seed-resident-cp1-001';
const LIFT = { category: '公共设施', description: '3栋电梯停在5楼不动了，老人下不了楼', buildingId: 'cm01-gd2-mg1-bd1' } as const;
const REASON = '绿化带属于市政，不在物业合同范围';

async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

journey(
  'journey: 评议监督 — the owners’ committee reviews the property desk’s month',
  (j) => {
    beforeAll(async () => {
      const lift = await post(j.gw, GARDEN_RESIDENT, LIFT);
      await act(j.gw, PERSONAS.property, 'deskAccept', { orderId: lift.id });
      await j.gw.tick(later(MORNING, 2 * 60));
      await act(j.gw, PERSONAS.property, 'resolve', { orderId: lift.id, note: '电梯已复位，维保公司检查了门机', photos: [await uploadPhoto(j.gw, PERSONAS.property)] });
      await act(j.gw, GARDEN_RESIDENT, 'rate', { orderId: lift.id, stars: 5, tags: [], comment: '物业来得很快' });
      const litter = await post(j.gw, GARDEN_RESIDENT, { ...LIFT, category: '环境卫生', description: '小区门口的绿化带里堆满了装修垃圾' });
      await act(j.gw, PERSONAS.property, 'refuse', { orderId: litter.id, reason: REASON });
    }, 60_000);

    it('冯国栋 opens 评议监督 from 办事: the tiles, the bars and the desk’s reason', async () => {
      await openAs(j.page, j.gw.url, OWNERS, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-btn-work-compoundReview')).click();
      await visible(j.page, `${PAGE} .hl-review-tile`);
      const tiles = await j.page.locator(`${PAGE} .hl-review-tile`).allInnerTexts();
      expect(tiles.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
        '按时办结率 100% 物业办结 1 件，按时 1 件',
        '满意度 5.0 星 居民评价 1 件，4–5 星占 100%',
        '物业退回 1 次 说“不归我们管”的事，理由见下方',
        '办理中 0 件 派给物业 2 件，已接单 1 件',
      ]);
      expect(await j.page.locator(`${PAGE} .hl-review-month`).innerText()).toBe('2026年11月');
      expect(await j.page.locator(`${PAGE} .hl-review-compound`).innerText()).toContain('幸福花园');
      expect(await j.page.locator(`${PAGE} .hl-review-desk`).innerText()).toBe('安居物业服务有限公司');
      // Six bars, the month on the page the only one filled.
      const bars = j.page.locator(`${PAGE} .hl-review-bar`);
      expect(await bars.count()).toBe(6);
      const widths = await j.page.locator(`${PAGE} .hl-review-bar .hl-bar-fill`).evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().width));
      expect(widths.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
      expect(widths[5]).toBeGreaterThan(100);
      expect(await bars.last().innerText()).toContain('按时办结 100%');
      expect(await j.page.locator(`${PAGE} .hl-review-refusal`).innerText()).toContain(REASON);
      expect(await j.page.locator(PAGE).innerText()).not.toContain('黄秀兰');
      await screenshot(j.page, 'compound-review-01-owners');
      // Taro scrolls inside the page: the chart and the refusals further down, in a picture of their own.
      await j.page.locator(`${PAGE} .hl-review-refusals`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'compound-review-01-owners-lower');
    }, 30_000);

    it('the month before has no desk orders: told so, and back again', async () => {
      await (await visible(j.page, `${PAGE} .hl-btn-month-prev`)).click();
      expect(await (await visible(j.page, `${PAGE} .hl-state-empty`)).innerText()).toContain('2026年10月没有派给物业的事项');
      // May to October: no bars to draw, and the chart says so.
      expect(await j.page.locator(`${PAGE} .hl-review-bar`).count()).toBe(0);
      expect(await j.page.locator(`${PAGE} .hl-review-chart`).innerText()).toContain('近 6 个月都没有派给物业的事项');
      await (await visible(j.page, `${PAGE} .hl-btn-month-next`)).click();
      await visible(j.page, `${PAGE} .hl-review-tile`);
      // No month after this one yet.
      expect(await j.page.locator(`${PAGE} .hl-btn-month-next`).getAttribute('class')).toContain('nut-button-disabled');
    }, 30_000);

    it('长辈版: the same month in large text, a tile to a row', async () => {
      await elder(j.gw, OWNERS, true);
      await openAs(j.page, j.gw.url, OWNERS, '/packages/compounds/review/index?compoundId=cm01-gd2-cp1');
      await visible(j.page, `.honglin-elder${PAGE} .hl-review-tile`);
      const boxes = await j.page.locator(`${PAGE} .hl-review-tile`).evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().width));
      for (const w of boxes) expect(w).toBeGreaterThan(300);
      await screenshot(j.page, 'compound-review-02-owners-elder');
      // Taro scrolls inside the page: the chart and the refusals further down, in a picture of their own.
      await j.page.locator(`${PAGE} .hl-review-refusals`).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'compound-review-02-owners-elder-lower');
      await elder(j.gw, OWNERS, false);
    }, 30_000);

    it('a resident who opens the address is told it is not for them', async () => {
      await openAs(j.page, j.gw.url, GARDEN_RESIDENT, '/packages/compounds/review/index?compoundId=cm01-gd2-cp1');
      await visible(j.page, `${PAGE} .hl-state-error`);
      expect(await j.page.locator(`${PAGE} .hl-review-tile`).count()).toBe(0);
    }, 30_000);
  },
  { at: MORNING },
);
