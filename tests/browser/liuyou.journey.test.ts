import type { Page } from 'playwright-core';
import { RATING_LABELS, type Rating } from '../../shared/liuyou/score';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { later } from '../helpers/orders';

/**
 * 六有 in Chromium (issue 10): a community admin fills two mechanisms item by item (有/无, numbers,
 * a photo and notes as evidence) and submits; the street admin returns one item with a comment; the
 * community fixes it and resubmits; the street approves and scores it; the street's matrix shows the
 * new score and its rating word. Screenshots at 390 px, normal and 长辈版, in test-results/browser/.
 *
 * The clock stands in 2027-Q1, a period the demo data leaves alone, so the check is this journey's own.
 */
const AT = '2027-01-12T02:00:00.000Z';

/** A small real PNG (1×1, red), as a phone camera would hand over a file. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

type StoredItem = {
  id: string;
  title: string;
  mechanism: string;
  kind: 'yesno' | 'count' | 'evidence';
  auto: string | null;
  evidenceRequired: boolean;
  target: number | null;
  answer: boolean | null;
  value: number | null;
  evidence: { kind: string }[];
  review: string;
};
type StoredCheck = { _id: string; state: string; communityId: string; items: StoredItem[]; score: { overall: number; rating: Rating } };

const PAGE = '.hl-page-liuyou-check';
const itemRoot = (id: string) => `${PAGE} .hl-item-${id.replace('.', '-')}`;
const idFrom = (url: string) => /[?&]id=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';

/** 长辈版 for a persona, as the home page's switch saves it. */
async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

/** Taro keeps earlier pages in the DOM: the text of the element on screen. */
const textOf = async (page: Page, selector: string) => (await visible(page, selector)).innerText();

journey(
  'journey: 六有 — a community fills its check with evidence and submits; the street returns an item, the community fixes it, the street scores it; the matrix shows the change',
  (j) => {
    let checkId = '';
    let items: StoredItem[] = [];
    /** The 有人管事 item she answers 无, which the street returns. */
    let returnedId = '';
    const stored = async () => (await j.gw.store.get<StoredCheck>('liuyou_checks', checkId))!;
    const item = async (id: string) => (await stored()).items.find((i) => i.id === id)!;

    /** Fills one item on the page as a person would, and waits until the server has it. */
    async function fillOnPage(it: StoredItem, options: { answer?: boolean; photo?: boolean } = {}) {
      if (it.auto) return;
      const root = itemRoot(it.id);
      if (it.kind === 'yesno') {
        const yes = options.answer ?? true;
        await (await visible(j.page, `${root} .hl-answer-${yes ? 'yes' : 'no'}`)).click();
        expect(await eventually(async () => (await item(it.id)).answer, yes)).toBe(yes);
      } else if (it.kind === 'count') {
        const value = it.target ?? 6;
        // The card stays the same card through the save: a button under it found now is still there to tap.
        await (await visible(j.page, root)).evaluate((e) => e.setAttribute('data-kept', '1'));
        await (await visible(j.page, `${root} .hl-input-count input`)).fill(String(value));
        await (await visible(j.page, `${root} .hl-btn-save-count`)).click();
        expect(await eventually(async () => (await item(it.id)).value, value)).toBe(value);
        // The save's answer has arrived: its notice is on the page (the notice of an earlier save went at the tap).
        await j.page.waitForFunction(([sel, text]) => Array.from(document.querySelectorAll(sel)).some((e) => e.textContent?.includes(text)), [
          `${PAGE} .hl-action-ok`,
          `已保存：${it.title}`,
        ] as const);
        expect(await (await visible(j.page, `${root} .hl-input-count input`)).inputValue()).toBe(String(value));
        expect(await j.page.locator(`${root}[data-kept="1"]`).count()).toBe(1);
      }
      if (it.kind === 'evidence' || it.evidenceRequired) {
        const before = (await item(it.id)).evidence.length;
        if (options.photo) {
          const chooser = j.page.waitForEvent('filechooser');
          await (await visible(j.page, `${root} .hl-btn-add-evidence-photo`)).click();
          await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
          await visible(j.page, `${root} .hl-evidence-photo`);
        } else {
          await (await visible(j.page, `${root} .hl-btn-add-evidence-note`)).click();
          await (await visible(j.page, `${root} .hl-input-note textarea`)).fill('台账和会议记录存社区党群服务中心，可随时查阅');
          await (await visible(j.page, `${root} .hl-btn-submit-note`)).click();
          await visible(j.page, `${root} .hl-evidence-note`);
        }
        expect(await eventually(async () => (await item(it.id)).evidence.length, before + 1)).toBe(before + 1);
      }
    }

    /** What the street's matrix shows for the community: its overall (number and word) and state. */
    async function matrixRow(): Promise<{ overall: string; state: string }> {
      const community = (await stored()).communityId;
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/liuyou/matrix/index');
      const row = `.hl-page-liuyou-matrix .hl-matrix-row-${community}`;
      await visible(j.page, `${row} .hl-matrix-overall`);
      return { overall: await textOf(j.page, `${row} .hl-matrix-overall`), state: await textOf(j.page, `${row} .hl-check-state`) };
    }

    it('the community admin finds 六有自查 on 办事 and starts this period’s check', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/pages/work/index');
      await (await visible(j.page, '.hl-page-work .hl-btn-work-liuyou')).click();
      await (await visible(j.page, '.hl-page-liuyou-checks .hl-btn-start-check')).click();
      await visible(j.page, `${PAGE} .hl-check-head`);
      checkId = idFrom(j.page.url());
      expect(checkId).toMatch(/^lyc_/);
      const check = await stored();
      expect(check.state).toBe('draft');
      items = check.items;
      expect(await textOf(j.page, `${PAGE} .hl-check-head`)).toMatch(/2027年第一季度/);
      // The gaps come first: nothing is filled yet.
      await visible(j.page, `${PAGE} .hl-liuyou-gaps`);
      await screenshot(j.page, 'liuyou-01-started');
    }, 60_000);

    it('a note half-written on one item stays open, with its words, while she answers another', async () => {
      const plan = itemRoot('manage.plan');
      const party = itemRoot('manage.partyOrg');
      await (await visible(j.page, `${plan} .hl-btn-add-evidence-note`)).click();
      await (await visible(j.page, `${plan} .hl-input-note textarea`)).fill('年度计划文本');
      await (await visible(j.page, `${party} .hl-answer-yes`)).click();
      expect(await eventually(async () => (await item('manage.partyOrg')).answer, true)).toBe(true);
      await j.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('已保存：') ?? false, `${PAGE} .hl-action-ok`);
      expect(await (await visible(j.page, `${plan} .hl-input-note textarea`)).inputValue()).toBe('年度计划文本');
      await screenshot(j.page, 'liuyou-01b-note-kept');
      // She takes both back: the answer (a second tap on 有) and the note (取消).
      await (await visible(j.page, `${party} .hl-answer-yes`)).click();
      expect(await eventually(async () => (await item('manage.partyOrg')).answer, null)).toBeNull();
      await (await visible(j.page, `${plan} .hl-btn-cancel-note`)).click();
      expect(await j.page.locator(`${plan} .hl-input-note textarea`).count()).toBe(0);
    }, 60_000);

    it('she fills 有人管事 with a photo — answering 无 where the property company has no party group yet — and 有人做事', async () => {
      const manage = items.filter((i) => i.mechanism === 'manage');
      const people = items.filter((i) => i.mechanism === 'people');
      const photoItem = manage.find((i) => i.kind === 'yesno' && i.evidenceRequired)!;
      const noItem = manage.find((i) => i.kind === 'yesno' && i !== photoItem)!;
      expect(photoItem && noItem).toBeTruthy();
      returnedId = noItem.id;
      await visible(j.page, `${PAGE} .hl-mechanism-manage.hl-mechanism-on`);
      for (const it of manage) await fillOnPage(it, { photo: it === photoItem, answer: it === noItem ? false : true });
      expect((await item(photoItem.id)).evidence.map((e) => e.kind)).toContain('photo');
      expect((await stored()).state).toBe('filling');
      await screenshot(j.page, 'liuyou-02-manage-filled');

      await (await visible(j.page, `${PAGE} .hl-btn-next-mechanism`)).click();
      await visible(j.page, `${PAGE} .hl-mechanism-people.hl-mechanism-on`);
      for (const it of people) await fillOnPage(it);
      await screenshot(j.page, 'liuyou-03-people-filled');

      // The same page in 长辈版.
      await elder(j.gw, PERSONAS.communityAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/liuyou/check/index?id=${checkId}`);
      await visible(j.page, `.hl-page-liuyou-check.honglin-elder .hl-check-head`);
      await screenshot(j.page, 'liuyou-04-check-elder');
      await elder(j.gw, PERSONAS.communityAdmin, false);
    }, 120_000);

    it('the grid leader fills the other four mechanisms; she submits, confirming on the page', async () => {
      // The rest of the checklist, filled by a grid leader of the community through the API.
      for (const it of items.filter((i) => !['manage', 'people'].includes(i.mechanism) && !i.auto)) {
        if (it.kind === 'yesno') await j.gw.call(PERSONAS.gridLeader, 'liuyou', 'fill', { checkId, itemId: it.id, answer: true });
        if (it.kind === 'count') await j.gw.call(PERSONAS.gridLeader, 'liuyou', 'fill', { checkId, itemId: it.id, value: it.target ?? 4 });
        if (it.kind === 'evidence' || it.evidenceRequired) {
          const res = await j.gw.call(PERSONAS.gridLeader, 'liuyou', 'addEvidence', { checkId, itemId: it.id, kind: 'note', text: '网格台账已归档，见社区办公室' });
          if (!res.body.ok) throw new Error(`${it.id}: ${res.body.error.code}`);
        }
      }
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/liuyou/check/index?id=${checkId}`);
      await (await visible(j.page, `${PAGE} .hl-btn-submit`)).click();
      expect(await textOf(j.page, `${PAGE} .hl-form-confirm-submit`)).toMatch(/确认提交/);
      await screenshot(j.page, 'liuyou-05-confirm-submit');
      await (await visible(j.page, `${PAGE} .hl-btn-submit-confirm-submit`)).click();
      expect(await eventually(async () => (await stored()).state, 'submitted')).toBe('submitted');
      await visible(j.page, `${PAGE} .hl-check-state-submitted`);
      expect(await j.page.locator(`${PAGE} .hl-answer-yes`).filter({ visible: true }).count()).toBe(0);
      await screenshot(j.page, 'liuyou-06-submitted');
    }, 120_000);

    let before = { overall: '', state: '' };

    it('the street admin reviews item by item, returns the 无 with a comment, and finishes the review', async () => {
      const manage = items.filter((i) => i.mechanism === 'manage');
      // Everything outside 有人管事 approved through the API; 有人管事 on the page.
      for (const it of items.filter((i) => i.mechanism !== 'manage')) await j.gw.call(PERSONAS.streetAdmin, 'liuyou', 'review', { checkId, itemId: it.id, verdict: 'approved' });

      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, `/packages/liuyou/check/index?id=${checkId}`);
      await visible(j.page, `${PAGE} .hl-review-progress`);
      await visible(j.page, `${PAGE} .hl-mechanism-manage.hl-mechanism-on`);
      for (const it of manage) {
        const root = itemRoot(it.id);
        if (it.id === returnedId) {
          await (await visible(j.page, `${root} .hl-btn-return-item`)).click();
          await (await visible(j.page, `${root} .hl-input-return-item textarea`)).fill('物业公司已派驻党建指导员，请核实后改为“有”并附照片');
          await screenshot(j.page, 'liuyou-07-return-item');
          await (await visible(j.page, `${root} .hl-btn-submit-return-item`)).click();
          expect(await eventually(async () => (await item(it.id)).review, 'returned')).toBe('returned');
        } else {
          await (await visible(j.page, `${root} .hl-btn-approve`)).click();
          expect(await eventually(async () => (await item(it.id)).review, 'approved')).toBe('approved');
        }
      }
      await visible(j.page, `${itemRoot(returnedId)} .hl-review-returned`);
      await (await visible(j.page, `${PAGE} .hl-btn-finish-review`)).click();
      expect(await textOf(j.page, `${PAGE} .hl-form-confirm-finish-review`)).toMatch(/退回/);
      await (await visible(j.page, `${PAGE} .hl-btn-submit-confirm-finish-review`)).click();
      expect(await eventually(async () => (await stored()).state, 'returned')).toBe('returned');
      await visible(j.page, `${PAGE} .hl-check-state-returned`);
      await screenshot(j.page, 'liuyou-08-returned');

      before = await matrixRow();
      expect(before.state).toMatch(/退回修改/);
      await screenshot(j.page, 'liuyou-09-matrix-returned');
    }, 120_000);

    it('the next day the community sees the returned item first, with the comment; she changes it to 有 with a photo and resubmits', async () => {
      await j.gw.tick(later(AT, 24 * 60));
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/liuyou/check/index?id=${checkId}`);
      const firstGap = await textOf(j.page, `${PAGE} .hl-liuyou-gaps .hl-gap`);
      expect(firstGap).toMatch(/退回修改/);
      expect(firstGap).toMatch(/党建指导员/);
      await screenshot(j.page, 'liuyou-10-gaps-first');
      await (await visible(j.page, `${PAGE} .hl-liuyou-gaps .hl-gap-${returnedId.replace('.', '-')}`)).click();
      const root = itemRoot(returnedId);
      expect(await textOf(j.page, `${root} .hl-review-comment`)).toMatch(/党建指导员/);
      // Only the returned item can be changed now.
      const others = items.filter((i) => i.mechanism === 'manage' && i.id !== returnedId && i.kind === 'yesno');
      for (const o of others)
        expect(
          await j.page
            .locator(`${itemRoot(o.id)} .hl-answer-yes`)
            .filter({ visible: true })
            .count(),
        ).toBe(0);
      await fillOnPage(await item(returnedId), { answer: true, photo: true });
      await screenshot(j.page, 'liuyou-11-fixed');

      await elder(j.gw, PERSONAS.communityAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, `/packages/liuyou/check/index?id=${checkId}`);
      await (await visible(j.page, `.hl-page-liuyou-check.honglin-elder .hl-btn-resubmit`)).click();
      await visible(j.page, `${PAGE} .hl-form-confirm-resubmit`);
      await screenshot(j.page, 'liuyou-12-resubmit-elder');
      await (await visible(j.page, `${PAGE} .hl-btn-submit-confirm-resubmit`)).click();
      expect(await eventually(async () => (await stored()).state, 'resubmitted')).toBe('resubmitted');
      await elder(j.gw, PERSONAS.communityAdmin, false);
    }, 120_000);

    it('the street approves the fixed item and scores the check; the matrix shows the new score and its word', async () => {
      await j.gw.tick(later(AT, 2 * 24 * 60));
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, `/packages/liuyou/check/index?id=${checkId}`);
      // The one item waiting is the fixed one: the page opens its mechanism.
      await (await visible(j.page, `${itemRoot(returnedId)} .hl-btn-approve`)).click();
      expect(await eventually(async () => (await item(returnedId)).review, 'approved')).toBe('approved');
      await (await visible(j.page, `${PAGE} .hl-btn-finish-review`)).click();
      expect(await textOf(j.page, `${PAGE} .hl-form-confirm-finish-review`)).toMatch(/评定/);
      await (await visible(j.page, `${PAGE} .hl-btn-submit-confirm-finish-review`)).click();
      expect(await eventually(async () => (await stored()).state, 'scored')).toBe('scored');
      await visible(j.page, `${PAGE} .hl-check-state-scored`);
      await screenshot(j.page, 'liuyou-13-scored');

      const { score } = await stored();
      const after = await matrixRow();
      expect(after.state).toMatch(/已评定/);
      expect(after.overall).toContain(String(score.overall));
      expect(after.overall).toContain(RATING_LABELS[score.rating]);
      // 无 → 有 with its photo: the score went up, and the matrix says so.
      expect(Number(/\d+/.exec(after.overall)![0])).toBeGreaterThan(Number(/\d+/.exec(before.overall)![0]));
      await screenshot(j.page, 'liuyou-14-matrix-scored');

      await elder(j.gw, PERSONAS.streetAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/liuyou/matrix/index');
      await visible(j.page, '.hl-page-liuyou-matrix.honglin-elder .hl-matrix-overall');
      await screenshot(j.page, 'liuyou-15-matrix-elder');
      await elder(j.gw, PERSONAS.streetAdmin, false);
    }, 120_000);
  },
  { at: AT },
);
