import type { Page } from 'playwright-core';
import { spokenStatus } from '../../shared/orders/spoken';
import { eventually, journey, openAs, screenshot, visible } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { MORNING, post } from '../helpers/orders';

/** The order as the resident's page reads it. */
async function viewOf(gw: TestGateway, orderId: string) {
  const res = await gw.call(PERSONAS.resident, 'orders', 'get', { orderId });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.order;
}

/**
 * 语音输入 and 朗读 in Chromium at 390 px. The browser's speech services are played by fakes put in
 * before the app loads: a SpeechRecognition that hears `window.__heard` when it is stopped, and a
 * speechSynthesis that writes down what it was asked to say. `localStorage['test.noRecognition']`
 * takes recognition away (both the plain and the webkit-prefixed one), as in a browser without it.
 */
const FAKES = () => {
  const w = window as unknown as Record<string, unknown>;
  const define = (name: string, value: unknown) => Object.defineProperty(window, name, { value, configurable: true, writable: true });
  w.__heard = '';
  w.__recognitions = [];
  class FakeRecognition {
    lang = '';
    interimResults = false;
    continuous = false;
    onresult: ((e: unknown) => void) | null = null;
    onerror: ((e: unknown) => void) | null = null;
    onend: (() => void) | null = null;
    start() {
      (w.__recognitions as unknown[]).push({ lang: this.lang, interimResults: this.interimResults });
      const heard = String(w.__heard);
      setTimeout(() => this.onresult?.({ results: [{ isFinal: false, 0: { transcript: heard.slice(0, 4) }, length: 1 }] }), 50);
    }
    stop() {
      const heard = String(w.__heard);
      setTimeout(() => {
        this.onresult?.({ results: [{ isFinal: true, 0: { transcript: heard }, length: 1 }] });
        this.onend?.();
      }, 30);
    }
    abort() {
      setTimeout(() => this.onend?.(), 0);
    }
  }
  if (localStorage.getItem('test.noRecognition') === '1') {
    define('SpeechRecognition', undefined);
    define('webkitSpeechRecognition', undefined);
  } else {
    define('SpeechRecognition', FakeRecognition);
    define('webkitSpeechRecognition', undefined);
  }
  const spoken: { text: string; lang: string; rate: number }[] = [];
  w.__spoken = spoken;
  class FakeUtterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    onend: ((e: unknown) => void) | null = null;
    onerror: ((e: unknown) => void) | null = null;
    constructor(public text: string) {}
  }
  define('SpeechSynthesisUtterance', FakeUtterance);
  define('speechSynthesis', {
    speak(u: FakeUtterance) {
      spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
      setTimeout(() => u.onend?.({}), 1500);
    },
    cancel() {},
    getVoices: () => [],
  });
};

async function setElder(gw: TestGateway, page: Page, on: boolean) {
  const res = await gw.call(PERSONAS.resident, 'accounts', 'updateProfile', { largeText: on });
  if (!res.body.ok) throw new Error(res.body.error.code);
  await page.evaluate((v) => localStorage.setItem('honglin.largeText', JSON.stringify({ data: v ? '1' : '0' })), on).catch(() => undefined);
}

const POST = '.hl-page-order-post';
const DETAIL = '.hl-page-order-detail';
const HEARD = '厨房水管爆了，水流了一地';

/** Nothing of the voice card overlaps the text box, its count or the field below. */
async function noOverlap(page: Page) {
  const boxes = await page.evaluate((root) => {
    const pages = document.querySelectorAll(`.taro_page ${root}`);
    const scope = pages[pages.length - 1]!;
    const rect = (sel: string) => {
      const r = scope.querySelector(sel)?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height } : null;
    };
    return { box: rect('.hl-text-box'), voice: rect('.hl-btn-voice'), next: rect('.hl-field-photos'), card: rect('.hl-field-description') };
  }, POST);
  expect(boxes.voice).not.toBeNull();
  expect(boxes.voice!.top).toBeGreaterThanOrEqual(boxes.box!.bottom - 1);
  expect(boxes.voice!.bottom).toBeLessThanOrEqual(boxes.card!.bottom);
  expect(boxes.next!.top).toBeGreaterThanOrEqual(boxes.card!.bottom);
  return boxes.voice!;
}

journey(
  'journey: 语音输入 and 朗读 in Chromium (fake speech services)',
  (j) => {
    beforeAll(async () => {
      await j.page.context().addInitScript(FAKES);
    });

    it('a resident in 长辈版 presses 按住说话 and what they said lands in the description', async () => {
      await setElder(j.gw, j.page, true);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      await setElder(j.gw, j.page, true);
      await visible(j.page, `${POST}.honglin-elder`);
      const button = await visible(j.page, `${POST} .hl-btn-voice`);
      expect(await button.innerText()).toMatch(/按住说话/);
      const size = await noOverlap(j.page);
      // 长辈版: the full width of its card and at least 64 px tall.
      expect(size.height).toBeGreaterThanOrEqual(64);
      await button.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'voice-01-post-elder');

      await j.page.evaluate((t) => ((window as unknown as { __heard: string }).__heard = t), HEARD);
      await button.click();
      await visible(j.page, `${POST} .hl-voice-listening`);
      expect(await (await visible(j.page, `${POST} .hl-voice-listening`)).innerText()).toMatch(/正在听…/);
      await eventually(async () => (await j.page.locator(`${POST} .hl-voice-partial`).last().innerText()).trim(), '厨房水管');
      await screenshot(j.page, 'voice-02-post-listening-elder');
      await (await visible(j.page, `${POST} .hl-btn-voice`)).click();

      const description = async () => j.page.locator(`${POST} .hl-input-description textarea`).last().inputValue();
      expect(await eventually(description, HEARD)).toBe(HEARD);
      const started = await j.page.evaluate(() => (window as unknown as { __recognitions: unknown[] }).__recognitions);
      expect(started).toEqual([{ lang: 'zh-CN', interimResults: true }]);
      await screenshot(j.page, 'voice-03-post-heard-elder');
    }, 60_000);

    it('what is said next is added after what is already there', async () => {
      await j.page.evaluate(() => ((window as unknown as { __heard: string }).__heard = '请尽快来修'));
      const button = await visible(j.page, `${POST} .hl-btn-voice`);
      await button.click();
      await visible(j.page, `${POST} .hl-voice-listening`);
      await (await visible(j.page, `${POST} .hl-btn-voice`)).click();
      const description = async () => j.page.locator(`${POST} .hl-input-description textarea`).last().inputValue();
      expect(await eventually(description, `${HEARD}，请尽快来修`)).toBe(`${HEARD}，请尽快来修`);
    }, 60_000);

    it('the button looks right in the normal mode too', async () => {
      await setElder(j.gw, j.page, false);
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      await setElder(j.gw, j.page, false);
      await j.page.reload();
      const button = await visible(j.page, `${POST} .hl-btn-voice`);
      expect(await j.page.locator(`.taro_page ${POST}.honglin-elder`).count()).toBe(0);
      const size = await noOverlap(j.page);
      expect(size.height).toBeGreaterThanOrEqual(44);
      await button.scrollIntoViewIfNeeded();
      await screenshot(j.page, 'voice-04-post-normal');
    }, 60_000);

    it('without speech recognition in the browser the button is not there, and typing still works', async () => {
      await j.page.evaluate(() => localStorage.setItem('test.noRecognition', '1'));
      await openAs(j.page, j.gw.url, PERSONAS.resident, '/packages/orders/post/index');
      const box = await visible(j.page, `${POST} .hl-input-description textarea`);
      expect(await j.page.locator(`${POST} .hl-btn-voice`).count()).toBe(0);
      await box.fill('门口的灯坏了');
      expect(await box.inputValue()).toBe('门口的灯坏了');
      await j.page.evaluate(() => localStorage.removeItem('test.noRecognition'));
    }, 60_000);

    it('in 长辈版 the order page reads its state aloud with 朗读; the normal mode has no 朗读', async () => {
      const order = await post(j.gw, PERSONAS.resident, { category: '水电维修', description: HEARD, preferredTime: '今天下午' });
      const view = await viewOf(j.gw, order.id);
      const expected = spokenStatus(view, Date.now());
      expect(expected).toContain('您希望的时间是：今天下午。');

      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${order.id}`);
      await visible(j.page, `${DETAIL} .hl-order-head`);
      expect(await j.page.locator(`${DETAIL} .hl-btn-read-aloud`).count()).toBe(0);
      await screenshot(j.page, 'voice-05-detail-normal');

      await setElder(j.gw, j.page, true);
      await openAs(j.page, j.gw.url, PERSONAS.resident, `/packages/orders/detail/index?id=${order.id}`);
      await setElder(j.gw, j.page, true);
      const read = await visible(j.page, `${DETAIL}.honglin-elder .hl-btn-read-aloud`);
      expect(await read.innerText()).toMatch(/朗读/);
      await read.click();
      const spoken = async () => JSON.stringify(await j.page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken));
      expect(await eventually(spoken, JSON.stringify([{ text: expected, lang: 'zh-CN', rate: 0.9 }]))).toBe(JSON.stringify([{ text: expected, lang: 'zh-CN', rate: 0.9 }]));
      expect(await (await visible(j.page, `${DETAIL} .hl-btn-read-aloud`)).innerText()).toMatch(/停止/);
      await screenshot(j.page, 'voice-06-detail-elder-reading');
      // The fake finishes after 1.5 s: the button says 朗读 again.
      expect(await eventually(async () => (await j.page.locator(`${DETAIL} .hl-btn-read-aloud`).last().innerText()).replace(/\s+/g, ''), '▶朗读')).toBe('▶朗读');
      await setElder(j.gw, j.page, false);
    }, 60_000);
  },
  { at: MORNING },
);
