import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { council, createMeeting, proposeTopic } from '../helpers/councils';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { MORNING } from '../helpers/orders';

/**
 * The agenda builder keeps what the organiser is typing: a one-tap change to the agenda (下移, 上移,
 * 移出) leaves the 添加议题 form open with its choice, presenter and minutes, instead of closing it
 * and losing them; so does 打印议程 and back. Screenshots at 390 px, normal and 长辈版, in test-results/browser/.
 */

type StoredMeeting = { _id: string; agenda: { topicId: string; title: string }[] };

/** 长辈版 for a persona, as the home page's switch saves it. */
async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

journey(
  'journey: 议程 — the grid leader reorders the agenda while adding an item, and keeps what he typed',
  (j) => {
    const L = PERSONAS.gridLeader;
    const page = '.hl-page-council-meeting';
    const form = `${page} .hl-form-add-item`;
    let meetingId = '';
    const titles = async () => (await j.gw.store.get<StoredMeeting>('meetings', meetingId))!.agenda.map((i) => i.title);

    beforeAll(async () => {
      const topics: string[] = [];
      for (const title of ['健身器材需要维修', '楼道堆放杂物清理', '小区北门晚上太黑']) {
        const id = await proposeTopic(j.gw, PERSONAS.resident, title);
        await council(j.gw, L, 'adopt', { topicId: id });
        topics.push(id);
      }
      meetingId = await createMeeting(j.gw, { title: '十二月议事会' });
      await council(j.gw, L, 'addItem', { meetingId, topicId: topics[0], presenterName: '张桂英', minutes: 15 });
      await council(j.gw, L, 'addItem', { meetingId, topicId: topics[1], presenterName: '刘子涵', minutes: 15 });
    });

    for (const mode of ['normal', 'elder'] as const) {
      it(`${mode}: 下移 an item with the 添加议题 form half filled; the form stays as he left it, and then adds the item`, async () => {
        await elder(j.gw, L, mode === 'elder');
        await openAs(j.page, j.gw.url, L, `/packages/councils/meeting/index?id=${meetingId}`);
        const before = await titles();
        await (await visible(j.page, `${page} .hl-btn-add-item`)).click();
        // The one topic not yet on the agenda (the third, once it has been added in the normal run, none).
        const choice = j.page.locator(`${form} .hl-item-topic`, { hasText: '小区北门晚上太黑' });
        if (mode === 'normal') await choice.first().click();
        await (await visible(j.page, `${form} .hl-input-presenter input`)).fill('王秀兰');
        await (await visible(j.page, `${form} .hl-input-item-minutes input`)).fill('10');

        await (await visible(j.page, `${page} .hl-agenda-item-0 .hl-btn-move-down`)).click();
        expect(await eventually(async () => (await titles()).join('|'), [before[1], before[0], ...before.slice(2)].join('|'))).toBe(
          [before[1], before[0], ...before.slice(2)].join('|'),
        );
        await j.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('已下移') ?? false, `${page} .hl-action-ok`);
        // The form is still open, with the presenter, the minutes and (in the normal run) the chosen topic.
        expect(await (await visible(j.page, `${form} .hl-input-presenter input`)).inputValue()).toBe('王秀兰');
        expect(await (await visible(j.page, `${form} .hl-input-item-minutes input`)).inputValue()).toBe('10');
        if (mode === 'normal') expect(await j.page.locator(`${form} .hl-item-topic.hl-choice-on`).count()).toBe(1);
        await (await visible(j.page, form)).scrollIntoViewIfNeeded();
        await screenshot(j.page, `meeting-forms-01-kept-${mode}`);

        if (mode === 'normal') {
          await (await visible(j.page, `${form} .hl-btn-submit-add-item`)).click();
          expect(await eventually(async () => (await titles()).length, 3)).toBe(3);
          expect((await titles())[2]).toBe('小区北门晚上太黑');
          expect((await j.gw.store.get<StoredMeeting & { agenda: { presenterName: string; minutes: number }[] }>('meetings', meetingId))!.agenda[2]).toEqual(
            expect.objectContaining({ presenterName: '王秀兰', minutes: 10 }),
          );
        } else {
          await (await visible(j.page, `${form} .hl-btn-cancel-add-item`)).click();
          expect(await j.page.locator(form).count()).toBe(0);
        }
      }, 60_000);
    }

    it('打印议程 and 返回会议 bring him back to the form as he left it', async () => {
      await elder(j.gw, L, false);
      await openAs(j.page, j.gw.url, L, `/packages/councils/meeting/index?id=${meetingId}`);
      // The browser's own print dialog is not part of this journey.
      await j.page.evaluate(() => {
        window.print = () => undefined;
      });
      await (await visible(j.page, `${page} .hl-btn-add-item`)).click();
      await (await visible(j.page, `${form} .hl-input-presenter input`)).fill('赵海燕');
      await (await visible(j.page, `${page} .hl-btn-print-agenda`)).click();
      await visible(j.page, `${page} .hc-print-mode`);
      expect(await j.page.locator(`${form}`).filter({ visible: true }).count()).toBe(0);
      await screenshot(j.page, 'meeting-forms-02-print');
      await (await visible(j.page, `${page} .hl-btn-leave-print`)).click();
      expect(await (await visible(j.page, `${form} .hl-input-presenter input`)).inputValue()).toBe('赵海燕');
      expect(await j.page.locator(`${page} .hc-print-mode`).count()).toBe(0);
    }, 60_000);
  },
  { at: MORNING },
);
