import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

/** Beijing wall-clock time as an instant. 2026-11-23 is a Monday. */
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

async function submit(gw: TestGateway, persona: string, hours: number, date: string, description: string): Promise<string> {
  const res = await gw.call(persona, 'service', 'submitHours', { date, hours, description });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.entry.id;
}

/** 长辈版 for a persona: their own preference, as 我的 › 长辈版 saves it. */
async function setElder(gw: TestGateway, persona: string, on: boolean) {
  const [u] = await gw.store.find<{ _id: string; version: number }>('users', { openid: persona }, { limit: 1 });
  const res = await gw.store.transact([{ op: 'update', collection: 'users', id: u!._id, version: u!.version, patch: { $set: { largeText: on } } }]);
  if (!res.ok) throw new Error('could not set largeText');
}

async function openIn(page: Page, gw: TestGateway, persona: string, route: string, elder: boolean) {
  await setElder(gw, persona, elder);
  await openAs(page, gw.url, persona, route);
  await page.evaluate((on) => localStorage.setItem('honglin.largeText', on ? '1' : '0'), elder);
  await page.reload();
}

async function checkIn(gw: TestGateway, persona: string) {
  const code = await gw.call(PERSONAS.communityAdmin, 'stations', 'screenCode', { stationId: 'cm01-sta1' });
  if (!code.body.ok) throw new Error(code.body.error.code);
  const res = await gw.call(persona, 'stations', 'checkIn', { scene: code.body.data.scene });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.duty.id as string;
}

/** The smallest font size (CSS px) of an element's own text. */
const fontSize = async (page: Page, selector: string) => (await visible(page, selector)).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

journey(
  'journey: 时长审核 — a community admin approves part of an entry, and at the cap the page offers what still fits; forgotten check-outs read 自动签退',
  (j) => {
    const ids = { partial: '', cap: '', atCap: '' };

    beforeAll(async () => {
      ids.partial = await submit(j.gw, PERSONAS.volunteer, 8, '2026-11-21', '组织楼栋消防演练');
      // 赵海燕 has 16 h approved this month; her next 8 h entry fits only 4, and one more fits none.
      for (const date of ['2026-11-16', '2026-11-17']) {
        const id = await submit(j.gw, PERSONAS.inService, 8, date, '社区养老驿站陪护');
        const ok = await j.gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: id, approve: true });
        if (!ok.body.ok) throw new Error(ok.body.error.code);
      }
      ids.cap = await submit(j.gw, PERSONAS.inService, 8, '2026-11-18', '社区养老驿站陪护');
    });

    it('approves 4 of 8 hours, and asks for a reason first', async () => {
      await openIn(j.page, j.gw, PERSONAS.communityAdmin, '/packages/service/approve/index', false);
      const card = `.hl-page-service-approve .hl-pending-${ids.partial}`;
      // The first page of the journey loads cold (the whole app bundle): give it longer.
      await visible(j.page, `${card} .hl-approve-hours-value`, 30_000);
      expect((await (await visible(j.page, `${card} .hl-approve-hours-value`)).innerText()).trim()).toBe('8 小时');
      for (let i = 0; i < 8; i++) await (await visible(j.page, `${card} .hl-approve-minus`)).click();
      expect((await (await visible(j.page, `${card} .hl-approve-hours-value`)).innerText()).trim()).toBe('4 小时');
      await visible(j.page, `${card} .hl-approve-partial-hint`);
      expect((await (await visible(j.page, `${card} .hl-btn-approve`)).innerText()).trim()).toBe('通过 4 小时');
      await (await visible(j.page, `${card} .hl-btn-approve`)).click();
      await visible(j.page, `${card} .hl-review-reason-missing`);
      await screenshot(j.page, 'hours-01-partial-needs-reason');
      await (await visible(j.page, `${card} .hl-input-review-note input`)).fill('演练只进行了半天');
      await screenshot(j.page, 'hours-02-partial-with-reason');
      await (await visible(j.page, `${card} .hl-btn-approve`)).click();
      await visible(j.page, '.hl-page-service-approve .hl-review-done');
      expect(await eventually(async () => (await j.gw.store.get<{ _id: string; hours: number }>('service_records', ids.partial))?.hours, 4)).toBe(4);
      expect(await j.gw.store.get('service_records', ids.partial)).toEqual(expect.objectContaining({ status: 'approved', requestedHours: 8, reviewNote: '演练只进行了半天' }));
      await screenshot(j.page, 'hours-03-partial-approved');
    }, 60_000);

    it('at the monthly cap offers what still fits instead of a button that fails', async () => {
      const card = `.hl-page-service-approve .hl-pending-${ids.cap}`;
      await visible(j.page, `${card} .hl-pending-fits`);
      expect(await (await visible(j.page, `${card} .hl-pending-fits`)).innerText()).toContain('还能计入 4 小时');
      expect((await (await visible(j.page, `${card} .hl-btn-approve`)).innerText()).trim()).toBe('通过 4 小时');
      await (await visible(j.page, `${card} .hl-input-review-note input`)).fill('本月自行填报上限 20 小时');
      await screenshot(j.page, 'hours-04-cap-offers-what-fits');
      await (await visible(j.page, `${card} .hl-btn-approve`)).click();
      expect(await eventually(async () => (await j.gw.store.get<{ _id: string; status: string }>('service_records', ids.cap))?.status, 'approved')).toBe('approved');
      expect(await j.gw.store.get('service_records', ids.cap)).toEqual(expect.objectContaining({ hours: 4, requestedHours: 8 }));

      // Now at 20 h: a further entry offers only 退回, with the reason why.
      ids.atCap = await submit(j.gw, PERSONAS.inService, 2, '2026-11-19', '社区养老驿站陪护');
      for (const elder of [false, true]) {
        await openIn(j.page, j.gw, PERSONAS.communityAdmin, '/packages/service/approve/index', elder);
        const full = `.hl-page-service-approve .hl-pending-${ids.atCap}`;
        await visible(j.page, `${full} .hl-pending-at-cap`);
        expect(await j.page.locator(`${full} .hl-btn-approve`).count()).toBe(0);
        await visible(j.page, `${full} .hl-btn-reject`);
        await screenshot(j.page, `hours-05-at-cap${elder ? '-elder' : ''}`);
      }
      await setElder(j.gw, PERSONAS.communityAdmin, false);
    }, 60_000);

    it('the volunteer reads the approved hours and the reason in their record', async () => {
      for (const elder of [false, true]) {
        await openIn(j.page, j.gw, PERSONAS.volunteer, '/packages/service/record/index', elder);
        const item = '.hl-page-service-record .hl-entry-manual';
        await visible(j.page, `${item} .hl-entry-partial`);
        expect(await (await visible(j.page, `${item} .hl-entry-partial`)).innerText()).toContain('填报 8 小时，社区通过 4 小时');
        expect(await (await visible(j.page, `${item} .hl-entry-review-note`)).innerText()).toContain('演练只进行了半天');
        if (elder) expect(await fontSize(j.page, `${item} .hl-entry-review-note`)).toBeGreaterThanOrEqual(18);
        await (await visible(j.page, `${item} .hl-entry-review-note`)).scrollIntoViewIfNeeded();
        await screenshot(j.page, `hours-06-record-partial${elder ? '-elder' : ''}`);
      }
    }, 60_000);

    it('approving one entry updates what still fits on the same volunteer’s next card, and keeps the reason typed there', async () => {
      // The volunteer has 4 h approved this month, and 8 more once this entry is: 12 of 20.
      const done = await submit(j.gw, PERSONAS.volunteer, 8, '2026-11-19', '小区消防通道清理');
      const ok = await j.gw.call(PERSONAS.communityAdmin, 'service', 'reviewHours', { entryId: done, approve: true });
      if (!ok.body.ok) throw new Error(ok.body.error.code);
      // Both of these fit on their own (6 h, then 8 h: 12 + 8 = 20), but not both.
      const first = await submit(j.gw, PERSONAS.volunteer, 6, '2026-11-20', '楼道杂物清运');
      const second = await submit(j.gw, PERSONAS.volunteer, 8, '2026-11-22', '楼道杂物清运（续）');
      await openIn(j.page, j.gw, PERSONAS.communityAdmin, '/packages/service/approve/index', false);
      const next = `.hl-page-service-approve .hl-pending-${second}`;
      expect((await (await visible(j.page, `${next} .hl-approve-hours-value`)).innerText()).trim()).toBe('8 小时');
      await (await visible(j.page, `${next} .hl-input-review-note input`)).fill('本月只剩 2 小时额度');

      await (await visible(j.page, `.hl-page-service-approve .hl-pending-${first} .hl-btn-approve`)).click();
      expect(await eventually(async () => (await j.gw.store.get<{ _id: string; status: string }>('service_records', first))?.status, 'approved')).toBe('approved');
      // 12 + 6 = 18 of 20: the next card now offers 2, with the reason still in its field.
      await j.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === '2 小时', `${next} .hl-approve-hours-value`);
      expect(await (await visible(j.page, `${next} .hl-pending-fits`)).innerText()).toContain('还能计入 2 小时');
      expect(await (await visible(j.page, `${next} .hl-input-review-note input`)).inputValue()).toBe('本月只剩 2 小时额度');
      await screenshot(j.page, 'hours-04b-next-card-updated');
      await (await visible(j.page, `${next} .hl-btn-approve`)).click();
      expect(await eventually(async () => (await j.gw.store.get<{ _id: string; hours: number }>('service_records', second))?.hours, 2)).toBe(2);
      expect(await j.gw.store.get('service_records', second)).toEqual(expect.objectContaining({ status: 'approved', requestedHours: 8, reviewNote: '本月只剩 2 小时额度' }));
    }, 60_000);

    it('forgotten check-outs read 自动签退: a planned shift credited to its end, a closed day waiting for a leader', async () => {
      await j.gw.tick(bj('2026-11-23', '10:00'));
      await checkIn(j.gw, PERSONAS.volunteer); // planned Monday 9:00–12:00, late
      await j.gw.tick(bj('2026-11-29', '10:00')); // Sunday: the station is closed
      const sunday = await checkIn(j.gw, PERSONAS.inService);
      await j.gw.tick(bj('2026-11-30', '09:00'));

      for (const elder of [false, true]) {
        await openIn(j.page, j.gw, PERSONAS.volunteer, '/packages/stations/duty/index', elder);
        const item = '.hl-page-station-duty .hl-duty-autoClosed';
        expect(await (await visible(j.page, `${item} .hl-duty-auto-note`)).innerText()).toContain('按排班计到 12:00');
        expect(await (await visible(j.page, `${item} .hl-duty-item-minutes`)).innerText()).toContain('计入 2 小时');
        await visible(j.page, `${item} .hl-duty-chip-auto`);
        if (elder) expect(await fontSize(j.page, `${item} .hl-duty-auto-note`)).toBeGreaterThanOrEqual(18);
        await screenshot(j.page, `duty-01-planned-auto-closed${elder ? '-elder' : ''}`);

        await openIn(j.page, j.gw, PERSONAS.inService, '/packages/service/record/index', elder);
        const entry = '.hl-page-service-record .hl-entry-duty';
        await visible(j.page, `${entry} .hl-awaiting-chip`);
        const note = await (await visible(j.page, `${entry} .hl-entry-note`)).innerText();
        expect(note).toContain('服务站当天不开放');
        expect(note).not.toContain('按关门时间');
        await (await visible(j.page, `${entry} .hl-entry-note`)).scrollIntoViewIfNeeded();
        await screenshot(j.page, `duty-02-record-closed-day${elder ? '-elder' : ''}`);
      }
      await setElder(j.gw, PERSONAS.inService, false);
      await setElder(j.gw, PERSONAS.volunteer, false);

      // The community admin confirms 2.5 hours on the week's overview (the page's week follows the device clock).
      await j.page.clock.setFixedTime(new Date(bj('2026-11-29', '12:00')));
      await openIn(j.page, j.gw, PERSONAS.communityAdmin, '/packages/stations/overview/index', false);
      const row = '.hl-page-duty-overview .hl-overview-station-cm01-sta1';
      await (await visible(j.page, `${row} .hl-btn-confirm-duty`)).click();
      for (let i = 0; i < 1; i++) await (await visible(j.page, `${row} .hl-confirm-plus`)).click();
      expect((await (await visible(j.page, `${row} .hl-confirm-hours`)).innerText()).trim()).toBe('2.5 小时');
      await (await visible(j.page, `${row} .hl-input-confirm-note input`)).fill('周日义诊活动 10:00–12:30');
      await (await visible(j.page, `${row} .hl-confirm-form`)).scrollIntoViewIfNeeded();
      await screenshot(j.page, 'duty-03-overview-confirm');
      await (await visible(j.page, `${row} .hl-btn-confirm-submit`)).click();
      await visible(j.page, '.hl-page-duty-overview .hl-confirm-done');
      expect(await eventually(async () => (await j.gw.store.get<{ _id: string; confirmation: string }>('duty', sunday))?.confirmation, 'confirmed')).toBe('confirmed');
      expect(await j.gw.store.get('service_records', `duty.${sunday}`)).toEqual(expect.objectContaining({ verified: true, hours: 2.5 }));
      await screenshot(j.page, 'duty-04-overview-confirmed');
      await openIn(j.page, j.gw, PERSONAS.communityAdmin, '/packages/stations/overview/index', true);
      await (await visible(j.page, `${row} .hl-overview-auto-note`)).scrollIntoViewIfNeeded();
      expect(await fontSize(j.page, `${row} .hl-overview-auto-note`)).toBeGreaterThanOrEqual(18);
      await screenshot(j.page, 'duty-05-overview-elder');
      await setElder(j.gw, PERSONAS.communityAdmin, false);
    }, 90_000);

    it('the station screen prints its fallback code large enough to type (≥ 18 px, larger in 长辈版)', async () => {
      for (const elder of [false, true]) {
        await openIn(j.page, j.gw, PERSONAS.gridLeader, '/packages/stations/screen/index?stationId=cm01-sta1', elder);
        const size = await fontSize(j.page, '.hl-page-station-screen .hl-screen-scene');
        expect(size).toBeGreaterThanOrEqual(elder ? 24 : 18);
        await screenshot(j.page, `station-screen${elder ? '-elder' : ''}`);
      }
      await setElder(j.gw, PERSONAS.gridLeader, false);
    }, 60_000);
  },
  { at: MORNING },
);
