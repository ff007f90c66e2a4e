import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'browser');

/**
 * Browser journeys need Debian's Chromium. Without it they are skipped with a loud notice — unless
 * CI is set, where a missing browser is a failure (the journeys are part of what CI proves).
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const notice = `\n${'!'.repeat(78)}\n!! BROWSER JOURNEYS SKIPPED: no Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium\n${'!'.repeat(78)}\n`;
  if (process.env.CI) throw new Error(`Chromium is required when CI is set.${notice}`);
  console.warn(notice);
  return false;
}

/** Chromium with a fresh, throw-away profile (playwright makes a new one for each launch). */
export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized page that fails the test on any uncaught page error. */
export async function phonePage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  // Fail a step well inside the test's own timeout, so the report names the step.
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Taro's H5 router keeps earlier pages in the DOM and slides new ones in: act only on the element a
 * person can see, once it has settled fully inside the screen.
 */
let marks = 0;
export async function visible(page: Page, selector: string, timeout?: number) {
  const mark = `m${++marks}`;
  await page.waitForFunction(
    ({ selector, mark }) => {
      const settled = Array.from(document.querySelectorAll(selector)).filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth + 1 && getComputedStyle(e).visibility !== 'hidden';
      });
      if (settled.length === 0) return false;
      settled[0]!.setAttribute('data-hl-mark', mark);
      return true;
    },
    { selector, mark },
    timeout === undefined ? {} : { timeout },
  );
  return page.locator(`[data-hl-mark="${mark}"]`);
}

/** Opens the H5 app as a demo persona (what 切换身份 stores), from a fresh load. */
export async function openAs(page: Page, baseUrl: string, openid: string, route: string): Promise<void> {
  // A page may still be moving on by itself (a form that redirects after it is sent); a load it
  // interrupts is aborted, so let it settle first, and load once more if the app still got there first.
  await page.waitForLoadState('load').catch(() => undefined);
  await page.goto(`${baseUrl}/`).catch(async (e: Error) => {
    if (!/ERR_ABORTED|interrupted by another navigation/.test(e.message)) throw e;
    await page.goto(`${baseUrl}/`);
  });
  await page.evaluate((id) => {
    localStorage.setItem('honglin.persona', JSON.stringify({ data: id }));
  }, openid);
  await page.goto(`${baseUrl}/#${route}`);
  await page.reload();
}

/** Waits until `read()` gives `expected` (the page's call may still be on its way), then returns it. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

export interface Journey {
  gw: import('./local-gateway').TestGateway;
  browser: Browser;
  page: Page;
  errors: string[];
}

/**
 * A browser journey: a real gateway over a fresh SQLite file serving the built H5 app, a phone-sized
 * Chromium page, and a check after every step that the page threw nothing. Skipped (loudly) without
 * Chromium, except under CI; the clock is pinned to `at` when given.
 */
export function journey(name: string, body: (j: Journey) => void, options: { at?: string } = {}): void {
  const h5Dir = join(__dirname, '..', '..', 'dist', 'h5');
  const run = browserAvailable();
  if (run && !existsSync(join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test builds it first)');
  (run ? describe : describe.skip)(name, () => {
    const j = {} as Journey;
    beforeAll(async () => {
      const { startTestGateway } = await import('./local-gateway');
      j.gw = await startTestGateway({ h5Dir });
      if (options.at) await j.gw.tick(options.at);
      j.browser = await launch();
      ({ page: j.page, errors: j.errors } = await phonePage(j.browser));
      // The phone's clock agrees with the server's, as on a real phone: times on the pages (还剩…,
      // 已超出…) read as they would on the pinned day, and then run on in real time.
      if (options.at) await j.page.clock.install({ time: new Date(options.at) });
    }, 60_000);
    afterAll(async () => {
      await j.browser?.close();
      await j.gw?.stop();
    });
    afterEach(() => expect(j.errors).toEqual([]));
    body(j);
  });
}
