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
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
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
