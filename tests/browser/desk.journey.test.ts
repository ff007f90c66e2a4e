import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

/** A small real PNG (1×1), as a phone camera would hand over a file. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
/** 黄秀兰 lives in 幸福花园, the demo's 1+3 compound, and reads the app in 长辈版. */
const GARDEN_RESIDENT = 'seed-resident-cp1-001';

type Stored = { _id: string; state: string; assigneeId: string | null; desk: { name: string } | null; rating: { stars: number } | null };

async function addPhoto(page: Page, root: string) {
  const chooser = page.waitForEvent('filechooser');
  await (await visible(page, `${root} .hl-btn-add-photo`)).click();
  await (await chooser).setFiles({ name: 'lift.png', mimeType: 'image/png', buffer: PNG });
  await visible(page, `${root} .hl-thumb`);
}

const orderIdFrom = (url: string) => /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

journey(
  'journey: 三方共治 — a broken lift goes to the property desk, which fixes it; the resident rates it; the community sees the month',
  (j) => {
    let orderId = '';

    it('a resident of 幸福花园 reports the lift; the responsibility list sends it to 安居物业', async () => {
      await openAs(j.page, j.gw.url, GARDEN_RESIDENT, '/packages/orders/post/index');
      const root = '.hl-page-order-post';
      await (await visible(j.page, `${root} .hl-category-facility`)).click();
      await (await visible(j.page, `${root} .hl-input-description textarea`)).fill('3栋的电梯停在5楼不动了，老人下不了楼');
      await screenshot(j.page, 'desk-01-post-elder');
      await (await visible(j.page, `${root} .hl-btn-submit-order`)).click();
      await visible(j.page, '.hl-page-order-detail .hl-desk-card');
      orderId = orderIdFrom(j.page.url());
      expect(orderId).toMatch(/^ord_/);
      const page = await j.page.locator('.hl-page-order-detail').last().innerText();
      expect(page).toMatch(/待物业服务中心处理/);
      expect(page).toMatch(/安居物业服务有限公司/);
      await screenshot(j.page, 'desk-02-posted-elder');
      expect((await j.gw.store.get<Stored>('orders', orderId))!.state).toBe('desk');
    }, 60_000);

    it('the property desk finds it under 物业工单 from 办事, takes it and now sees the phone', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.property, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-entry-desk')).click();
      await visible(j.page, '.hl-page-order-desk .hl-order-card');
      expect(await j.page.locator('.hl-page-order-desk').last().innerText()).toMatch(/电梯停在5楼/);
      await screenshot(j.page, 'desk-03-desk-list');
      await (await visible(j.page, '.hl-page-order-desk .hl-btn-desk-accept')).click();
      await visible(j.page, '.hl-page-order-desk .hl-action-ok');
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.state, 'accepted')).toBe('accepted');
      await openAs(j.page, j.gw.url, PERSONAS.property, `/packages/orders/detail/index?id=${orderId}`);
      expect(await (await visible(j.page, '.hl-page-order-detail .hl-order-contact-phone')).innerText()).toMatch(/1[3-9]\d{9}/);
      await visible(j.page, '.hl-page-order-detail .hl-btn-refuse');
      await screenshot(j.page, 'desk-04-taken');
    }, 60_000);

    it('the desk resolves it with a photo, and the resident rates it 5★', async () => {
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-resolve')).click();
      const root = '.hl-page-order-resolve';
      await (await visible(j.page, `${root} .hl-input-note textarea`)).fill('电梯已复位，维保公司检查了门机');
      await addPhoto(j.page, root);
      await (await visible(j.page, `${root} .hl-btn-submit-resolve`)).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.state, 'resolved')).toBe('resolved');

      await openAs(j.page, j.gw.url, GARDEN_RESIDENT, `/packages/orders/detail/index?id=${orderId}`);
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-rate')).click();
      const rate = '.hl-page-order-rate';
      await (await visible(j.page, `${rate} .hl-star-5`)).click();
      await (await visible(j.page, `${rate} .hl-btn-submit-rate`)).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', orderId))!.state, 'closed')).toBe('closed');
      await openAs(j.page, j.gw.url, GARDEN_RESIDENT, `/packages/orders/detail/index?id=${orderId}`);
      await visible(j.page, '.hl-page-order-detail .hl-rating');
      expect(await j.page.locator('.hl-page-order-detail').last().innerText()).toMatch(/钱晓梅/);
      await screenshot(j.page, 'desk-05-closed-elder');
    }, 60_000);

    it('the community secretary sees the compound’s month under 评议监督: on time, 5 stars', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-entry-compounds')).click();
      await (await visible(j.page, '.hl-compound-cm01-gd2-cp1 .hl-btn-compound-review')).click();
      const stars = await visible(j.page, '.hl-review-stars');
      expect(await stars.innerText()).toMatch(/5\.0/);
      expect(await (await visible(j.page, '.hl-review-on-time')).innerText()).toMatch(/100%/);
      await screenshot(j.page, 'desk-06-review');
    }, 60_000);

    it('"not ours": the desk gives another one back with a reason, and the grid leader reads it', async () => {
      const res = await j.gw.call(GARDEN_RESIDENT, 'orders', 'post', {
        category: '环境卫生',
        description: '小区门口的绿化带里堆满了装修垃圾',
        clientKey: `desk-journey-${Date.now()}`,
      });
      if (!res.body.ok) throw new Error(res.body.error.code);
      const id = res.body.data.order.id as string;
      await openAs(j.page, j.gw.url, PERSONAS.property, `/packages/orders/detail/index?id=${id}`);
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-refuse')).click();
      await (await visible(j.page, '.hl-page-order-detail .hl-input-refuse textarea')).fill('绿化带属于市政，不在物业服务合同范围');
      await screenshot(j.page, 'desk-07-refuse');
      await (await visible(j.page, '.hl-page-order-detail .hl-btn-submit-refuse')).click();
      expect(await eventually(async () => (await j.gw.store.get<Stored>('orders', id))!.state, 'waiting')).toBe('waiting');
      await openAs(j.page, j.gw.url, 'seed-gridleader-cm01-gd2', `/packages/orders/detail/index?id=${id}`);
      await visible(j.page, '.hl-page-order-detail .hl-order-refusals');
      expect(await j.page.locator('.hl-page-order-detail').last().innerText()).toMatch(/绿化带属于市政/);
      await screenshot(j.page, 'desk-08-leader-reads-refusal');
    }, 60_000);
  },
  { at: MORNING },
);
