import type { Page } from 'playwright-core';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';

/**
 * The street's 六有 template in Chromium (issue 10): the street admin opens 评估清单 from the matrix,
 * raises an item's weight and the 达标 threshold, publishes with the confirmation on the page, and
 * sees the next version (第 2 版 after the built-in default, version 1; the demo street has published
 * its own already) with the history; a community admin reads the same list from 六有自查 and has no
 * editing controls. Screenshots at 390 px, normal and 长辈版.
 */
const AT = '2027-01-12T02:00:00.000Z';
const PAGE = '.hl-page-liuyou-template';

type StoredTemplate = { _id: string; version: number; streetId: string; thresholds: { green: number; amber: number }; items: { id: string; weight: number }[] };

/** 长辈版 for a persona, as the home page's switch saves it. */
async function elder(gw: TestGateway, persona: string, on: boolean) {
  const res = await gw.call(persona, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
}

/** Taro keeps earlier pages in the DOM: the text of the element on screen. */
const textOf = async (page: Page, selector: string) => (await visible(page, selector)).innerText();

journey(
  'journey: 六有 template — the street admin changes a weight and a threshold and publishes the next version; a community admin reads it',
  (j) => {
    /** The street's own versions, newest first (the built-in default, version 1, is not stored). */
    const published = async () => (await j.gw.store.find<StoredTemplate>('liuyou_templates', {})).sort((a, b) => b.version - a.version);
    /** The version the street had when she opened the page (1: the built-in default), and the next. */
    let current = 1;
    let next = 2;
    /** The first item of 有人管事, whose weight she raises. */
    let itemId = '';
    let weight = 0;

    it('the street admin opens 评估清单 from the matrix: the current version, its thresholds and items by mechanism, the history', async () => {
      const mine = await published();
      current = mine[0]?.version ?? 1;
      next = current + 1;
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/liuyou/matrix/index');
      await (await visible(j.page, '.hl-page-liuyou-matrix .hl-btn-to-template')).click();
      expect(await textOf(j.page, `${PAGE} .hl-template-version`)).toBe(`第 ${current} 版`);
      const t = mine[0]?.thresholds ?? { green: 85, amber: 60 };
      expect(await textOf(j.page, `${PAGE} .hl-threshold-legend`)).toMatch(new RegExp(`达标 ≥ ${t.green}[\\s\\S]*基本达标 ≥ ${t.amber}`));
      expect(await textOf(j.page, `${PAGE} .hl-template-mechanism-manage`)).toMatch(/有人管事/);
      expect(await textOf(j.page, `${PAGE} .hl-template-mechanism-grid`)).toMatch(/系统统计/);
      expect(await textOf(j.page, `${PAGE} .hl-template-versions`)).toMatch(new RegExp(`第 ${current} 版（当前）`));
      await screenshot(j.page, 'liuyou-template-01-read');
    }, 60_000);

    it('she edits the next version: one more weight on the first item, 达标 at 90; publishing asks first and says running checks keep theirs', async () => {
      const before = (await published()).length;
      await (await visible(j.page, `${PAGE} .hl-btn-edit-template`)).click();
      await visible(j.page, `${PAGE} .hl-template-editing`);
      const first = await visible(j.page, `${PAGE} .hl-template-mechanism-manage .hl-template-item`);
      itemId = ((await first.getAttribute('class')) ?? '').match(/hl-template-item-([a-z]+-[A-Za-z0-9]+)/)![1]!.replace('-', '.');
      const root = `${PAGE} .hl-template-item-${itemId.replace('.', '-')}`;
      weight = Number(await textOf(j.page, `${root} .hl-stepper-value`));
      await (await visible(j.page, `${root} .hl-btn-more`)).click();
      expect(await textOf(j.page, `${root} .hl-stepper-value`)).toBe(String(weight + 1));

      // A threshold below the other is refused beside the field, before anything is sent.
      await (await visible(j.page, `${PAGE} .hl-input-green input`)).fill('50');
      await (await visible(j.page, `${PAGE} .hl-btn-publish`)).click();
      expect(await textOf(j.page, `${PAGE} .hl-field-error-thresholds`)).toMatch(/高于/);
      expect((await published()).length).toBe(before);
      await (await visible(j.page, `${PAGE} .hl-input-green input`)).fill('90');
      await screenshot(j.page, 'liuyou-template-02-editing');

      await (await visible(j.page, `${PAGE} .hl-btn-publish`)).click();
      expect(await textOf(j.page, `${PAGE} .hl-form-publish`)).toMatch(/进行中的自查仍按原版本，下次发起的自查使用新版本/);
      await screenshot(j.page, 'liuyou-template-03-confirm');
      await (await visible(j.page, `${PAGE} .hl-btn-submit-publish`)).click();
      expect(await eventually(async () => (await published()).length, before + 1)).toBe(before + 1);
      const [made] = await published();
      expect(made!.version).toBe(next);
      expect(made!.thresholds.green).toBe(90);
      expect(made!.items.find((i) => i.id === itemId)!.weight).toBe(weight + 1);

      await visible(j.page, `${PAGE} .hl-action-ok`);
      expect(await textOf(j.page, `${PAGE} .hl-template-version`)).toBe(`第 ${next} 版`);
      expect(await textOf(j.page, `${PAGE} .hl-threshold-legend`)).toMatch(/达标 ≥ 90/);
      const history = await textOf(j.page, `${PAGE} .hl-template-versions`);
      expect(history).toMatch(new RegExp(`第 ${next} 版（当前）`));
      // The earlier versions stay listed, down to the built-in default (第 1 版).
      expect(history).toMatch(new RegExp(`第 ${current} 版`));
      expect(history).toMatch(/第 1 版/);
      expect(history).toMatch(/发布人/);
      await screenshot(j.page, 'liuyou-template-04-published');

      await elder(j.gw, PERSONAS.streetAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.streetAdmin, '/packages/liuyou/template/index?edit=1');
      await visible(j.page, `${PAGE}.honglin-elder .hl-template-editing`);
      await screenshot(j.page, 'liuyou-template-05-editing-elder');
      await elder(j.gw, PERSONAS.streetAdmin, false);
    }, 120_000);

    it('a community admin opens 查看评估清单 from 六有自查: the new version with the new weight, and nothing to edit', async () => {
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/packages/liuyou/checks/index');
      await (await visible(j.page, '.hl-page-liuyou-checks .hl-btn-to-template')).click();
      expect(await textOf(j.page, `${PAGE} .hl-template-version`)).toBe(`第 ${next} 版`);
      expect(await textOf(j.page, `${PAGE} .hl-template-item-${itemId.replace('.', '-')} .hl-item-weight`)).toBe(`权重 ${weight + 1}`);
      expect(await j.page.locator(`${PAGE} .hl-btn-edit-template`).count()).toBe(0);
      await screenshot(j.page, 'liuyou-template-06-community');

      await elder(j.gw, PERSONAS.communityAdmin, true);
      await openAs(j.page, j.gw.url, PERSONAS.communityAdmin, '/packages/liuyou/template/index?edit=1');
      await visible(j.page, `${PAGE}.honglin-elder .hl-template-versions`);
      expect(await j.page.locator(`${PAGE} .hl-template-editing`).count()).toBe(0);
      await screenshot(j.page, 'liuyou-template-07-community-elder');
      await elder(j.gw, PERSONAS.communityAdmin, false);
    }, 60_000);
  },
  { at: AT },
);
