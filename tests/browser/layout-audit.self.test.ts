import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launch, phonePage } from '../helpers/browser';
import { auditLayout, formatViolations, type Mode, type Violation } from '../helpers/layout-audit';

/**
 * The layout audit can fail: on fixture pages that reproduce what the emptied orders.scss did
 * (issue 7), each symptom is reported, with its element and measured value; a page laid out as
 * intended passes in both modes. (layout-audit.test.ts shows the same on the real order pages.)
 */
const fixture = (name: string) => pathToFileURL(join(__dirname, '..', 'fixtures', 'layout', name)).href;

(browserAvailable() ? describe : describe.skip)('layout audit: it reports what an emptied stylesheet does', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    ({ page } = await phonePage(browser));
  }, 30_000);
  afterAll(() => browser?.close());

  const audit = async (name: string, mode: Mode) => {
    await page.goto(fixture(name));
    return auditLayout(page, { mode });
  };
  const find = (vs: Violation[], rule: Violation['rule'], selector: string) => vs.filter((v) => v.rule === rule && v.selector.includes(selector));

  it('reports every symptom of the unstyled request-loop screens at once', async () => {
    const vs = await audit('emptied.html', 'normal');
    // Filter tabs as 25 px-tall plain lines.
    const tabs = find(vs, 'touch-target', '.fx-tab');
    expect(tabs).toHaveLength(3);
    for (const t of tabs) {
      const [, h] = /× ([\d.]+) px/.exec(t.value)!;
      expect(Number(h)).toBeLessThan(44);
    }
    expect(tabs[0]).toEqual(expect.objectContaining({ text: '全部', limit: '≥ 44 × 44 px' }));
    // A <View onClick> as Taro renders it (handler kept in __events), too small.
    expect(find(vs, 'touch-target', '.fx-clicky')).toHaveLength(1);
    // The chip running into the title, the label into its value, one timeline line into the next.
    const runIns = vs.filter((v) => v.rule === 'text-run-in').map((v) => v.text);
    expect(runIns).toEqual(expect.arrayContaining(['“○ 待接单” ↔ “水电维修”', '“发起时间” ↔ “11月29日 09:44”', '“志愿者 王志强” ↔ “志愿者 王志强 已接单”']));
    // Texts drawn over each other.
    expect(vs.filter((v) => v.rule === 'text-overlap').map((v) => v.text)).toContain('“已上报社区” ↔ “超时”');
    // A row wider than the 390 px screen.
    const wide = find(vs, 'overflow', '.fx-wide');
    expect(wide).toHaveLength(1);
    expect(wide[0]!.value).toMatch(/…5\d\d(\.\d)? px/);
    expect(vs.some((v) => v.rule === 'overflow' && v.selector === 'document')).toBe(true);
    // Grey #bbb on white: 1.9:1.
    const grey = find(vs, 'contrast', '.fx-grey');
    expect(grey).toHaveLength(1);
    expect(grey[0]!.value).toMatch(/^1\.9\d:1/);
    // Line height 1.0.
    expect(find(vs, 'line-height', '.fx-tight')[0]?.value).toMatch(/= 1\.00$/);
    // Nothing about the elder-only rule in normal mode.
    expect(vs.filter((v) => v.rule === 'font-size')).toEqual([]);
    expect(formatViolations('fixture', vs)).toContain(
      'fixture · touch-target · div.hl-page.hl-page-order-queue > div.hl-tabs > div.hl-tab.fx-tab · “全部” · 390 × 24 px (≥ 44 × 44 px)',
    );
  }, 30_000);

  it('in 长辈版 reports 12.5 px and 16 px text and a button under 60 px, and not the 64 px one', async () => {
    const vs = await audit('elder-small.html', 'elder');
    expect(find(vs, 'font-size', '.fx-code')[0]).toEqual(expect.objectContaining({ text: 'K7Q2-93XD', value: '12.5 px', limit: '≥ 18 px in 长辈版' }));
    expect(find(vs, 'font-size', '.fx-note')[0]?.value).toBe('16 px');
    expect(find(vs, 'font-size', '.fx-big')).toEqual([]);
    expect(find(vs, 'touch-target', '.fx-small-button')[0]?.value).toBe('200 × 50 px');
    expect(find(vs, 'touch-target', '.fx-ok-button')).toEqual([]);
    // The same page in normal mode: 50 px is enough there, and small text is not an error.
    const normal = await audit('elder-small.html', 'normal');
    expect(normal.filter((v) => v.rule === 'touch-target' || v.rule === 'font-size')).toEqual([]);
  }, 30_000);

  it('passes the same content laid out as intended, in both modes', async () => {
    for (const mode of ['normal', 'elder'] as const) {
      const vs = await audit('good.html', mode);
      expect(formatViolations(`good.html ${mode}`, vs)).toBe('');
    }
  }, 30_000);
});
