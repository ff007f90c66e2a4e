import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';
import { auditLayout, formatViolations, type Mode } from '../helpers/layout-audit';

/**
 * The privacy consent sheet (components/privacy-sheet.tsx) under the layout audit, in normal and
 * 长辈版. WeChat alone opens it (H5 has no privacy API, so the H5 app never shows it): here its markup,
 * element for element as Taro's H5 components draw it (its buttons are clones of a real button of the
 * page), is put on the post form with the real stylesheets of the H5 build. The sheet's behaviour is
 * tested on the weapp bundle (tests/weapp/privacy.test.ts); this is how it looks and whether it fits.
 */

const SHEET_SOURCE = readFileSync(join(__dirname, '..', '..', 'miniprogram', 'components', 'privacy-sheet.tsx'), 'utf8');
/** The sheet's lines as the component writes them (so the fixture cannot drift from its words). */
const USES = Array.from(SHEET_SOURCE.matchAll(/\{ what: '([^']+)', why: '([^']+)' \}/g), (m) => `${m[1]}：${m[2]}`);

async function showSheet(page: Page, elder: boolean) {
  await page.evaluate(
    ({ uses, elder }) => {
      const root = Array.from(document.querySelectorAll('.hl-page-order-post')).find((e) => e.getBoundingClientRect().width > 0)!;
      root.classList.toggle('honglin-elder', elder);
      document.body.classList.toggle('honglin-elder', elder);
      root.querySelector('.hl-privacy')?.remove();
      const button = root.querySelector('taro-button-core')!;
      const el = (tag: string, cls: string, text?: string) => {
        const e = document.createElement(tag);
        if (cls) e.className = cls;
        if (text) e.textContent = text;
        return e;
      };
      const sheet = el('taro-view-core', 'hl-privacy-sheet');
      sheet.setAttribute('role', 'dialog');
      sheet.append(el('taro-text-core', 'hl-privacy-title', '隐私保护提示'));
      const body = el('taro-view-core', 'hl-privacy-body');
      body.append(el('taro-text-core', 'hl-privacy-text', '这次要用到：在地图上选位置。'));
      body.append(el('taro-text-core', 'hl-privacy-text', '红邻只在您用到下面的功能时才使用这些信息：'));
      for (const u of uses) body.append(el('taro-text-core', 'hl-privacy-use', u));
      body.append(el('taro-text-core', 'hl-privacy-text', '详细内容请看'));
      const link = el('taro-view-core', 'hl-privacy-link');
      link.setAttribute('role', 'link');
      link.append(el('taro-text-core', '', '《红邻用户隐私保护指引》'));
      body.append(link);
      sheet.append(body);
      const buttons = el('taro-view-core', 'hl-privacy-buttons');
      for (const [cls, text] of [
        ['hl-btn hl-btn-privacy-disagree', '不同意'],
        ['hl-btn hl-btn-privacy-agree', '同意并继续'],
      ] as const) {
        const b = button.cloneNode(false) as Element;
        b.className = cls;
        b.textContent = text;
        b.removeAttribute('type');
        buttons.append(b);
      }
      sheet.append(buttons);
      const overlay = el('taro-view-core', 'hl-privacy');
      overlay.append(el('taro-view-core', 'hl-privacy-mask'), sheet);
      root.append(overlay);
    },
    { uses: USES, elder },
  );
}

journey('the privacy consent sheet, in both modes', (j) => {
  beforeAll(async () => {
    await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
    await visible(j.page, '.hl-page-order-post taro-button-core');
  }, 30_000);

  it('reads the sheet’s lines from the component', () => {
    expect(USES).toHaveLength(4);
    expect(USES[0]).toMatch(/^位置：/);
  });

  for (const mode of ['normal', 'elder'] as Mode[]) {
    it(`passes the layout audit in ${mode === 'elder' ? '长辈版' : 'normal mode'}: touch targets, text size, no overflow`, async () => {
      await showSheet(j.page, mode === 'elder');
      const sheet = await visible(j.page, '.hl-privacy-sheet');
      const box = (await sheet.boundingBox())!;
      // The whole sheet is on the screen, from edge to edge, its buttons reachable (it scrolls inside when taller).
      expect(box.x).toBe(0);
      expect(box.width).toBe(390);
      expect(box.y + box.height).toBeLessThanOrEqual(844 + 1);
      const violations = await auditLayout(j.page, { mode, root: '.hl-privacy-sheet' });
      await screenshot(j.page, `privacy-sheet-${mode}`);
      expect(formatViolations(`privacy sheet (${mode})`, violations)).toBe('');
    });
  }
});
