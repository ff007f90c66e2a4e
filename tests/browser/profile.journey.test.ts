import { journey, screenshot, visible } from '../helpers/browser';
import { PERSONAS } from '../helpers/local-gateway';

journey('journey: a person switches personas, sees and edits their profile (H5 in Chromium)', (j) => {
  it('opens 我的 as the default resident, with her phone masked and her place in the tree', async () => {
    await j.page.goto(`${j.gw.url}/#/pages/me/index`);
    await j.page.getByText('张桂英').first().waitFor();
    await expect(j.page.getByText('幸福里第一网格').first().isVisible()).resolves.toBe(true);
    const body = await j.page.locator('body').innerText();
    expect(body).toMatch(/1\d{2}\*{4}\d{4}/);
    await screenshot(j.page, '01-me-resident');
  }, 30_000);

  it('switches to the grid leader and shows his role', async () => {
    await (await visible(j.page, '.hl-btn-persona')).click();
    await (await visible(j.page, `.hl-persona-${PERSONAS.gridLeader}`)).waitFor();
    await screenshot(j.page, '02-persona-switcher');
    await (await visible(j.page, `.hl-persona-${PERSONAS.gridLeader}`)).click();
    await j.page.getByText('李建国').first().waitFor();
    await expect(j.page.getByText('网格长').first().isVisible()).resolves.toBe(true);
    await screenshot(j.page, '03-me-grid-leader');
  }, 30_000);

  it('edits the profile: a new name and phone with consent, saved and shown on 我的', async () => {
    await (await visible(j.page, '.hl-btn-edit-profile')).click();
    const name = await visible(j.page, '.hl-input-name input, input.hl-input-name');
    await name.waitFor();
    await name.fill('李建华');
    const phone = await visible(j.page, '.hl-input-phone input, input.hl-input-phone');
    await phone.fill('13911112222');
    await screenshot(j.page, '04-profile-edit');
    await (await visible(j.page, '.hl-btn-save')).click();
    await (await visible(j.page, '.hl-saved, .hl-notice-ok')).waitFor();
    const stored = await j.gw.store.find<{ _id: string; name: string; phone?: string }>('users', { openid: PERSONAS.gridLeader });
    expect(stored[0]).toEqual(expect.objectContaining({ name: '李建华', phone: '13911112222' }));
    await j.page.goBack();
    await j.page.waitForURL(/pages\/me\/index/);
    await visible(j.page, '.hl-title, .hl-card');
    await j.page.getByText('李建华').first().waitFor();
    await expect(j.page.getByText('139****2222').first().isVisible()).resolves.toBe(true);
    await screenshot(j.page, '05-me-after-edit');
  }, 30_000);

  it('shows a field-level error when the phone number is wrong, and saves nothing', async () => {
    await (await visible(j.page, '.hl-btn-edit-profile')).click();
    const phone = await visible(j.page, '.hl-input-phone input, input.hl-input-phone');
    await phone.waitFor();
    await phone.fill('12345');

    await (await visible(j.page, '.hl-btn-save')).click();
    // The error stands under the phone field itself, in words a resident understands.
    const error = await visible(j.page, '.hl-field-error-phone');
    expect(await error.innerText()).toMatch(/手机号/);
    const stored = await j.gw.store.find<{ _id: string; phone?: string }>('users', { openid: PERSONAS.gridLeader });
    expect(stored[0]?.phone).toBe('13911112222');
    await screenshot(j.page, '06-profile-edit-error');
  }, 30_000);

  it('turns on large text (长辈版) from 我的: text ≥ 18 px, touch targets ≥ 60 px, line height ≥ 1.3', async () => {
    const measure = () =>
      j.page.evaluate(() => {
        const onScreen = (e: Element) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth + 1;
        };
        const texts = Array.from(document.querySelectorAll('.hl-text, .hl-note, .hl-field-label')).filter(onScreen);
        const buttons = Array.from(document.querySelectorAll('.hl-btn')).filter(onScreen);
        const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
        const lineHeight = (e: Element) => parseFloat(getComputedStyle(e).lineHeight) / size(e);
        return {
          minText: Math.min(...texts.map(size)),
          minLineHeight: Math.min(...texts.map(lineHeight)),
          minButtonHeight: Math.min(...buttons.map((b) => b.getBoundingClientRect().height)),
          minButtonWidth: Math.min(...buttons.map((b) => b.getBoundingClientRect().width)),
          counted: [texts.length, buttons.length],
        };
      });
    await j.page.goBack();
    await j.page.waitForURL(/pages\/me\/index/);
    await visible(j.page, '.hl-toggle-large-text');
    const before = await measure();
    expect(before.minButtonHeight).toBeGreaterThanOrEqual(44);

    await (await visible(j.page, '.hl-toggle-large-text')).click();
    await j.page.waitForFunction(() => document.querySelector('.honglin-elder') !== null);
    await j.page.waitForTimeout(400);
    const after = await measure();
    expect(after.counted[0]).toBeGreaterThan(0);
    expect(after.counted[1]).toBeGreaterThan(0);
    expect(after.minText).toBeGreaterThanOrEqual(18);
    expect(after.minLineHeight).toBeGreaterThanOrEqual(1.3);
    expect(after.minButtonHeight).toBeGreaterThanOrEqual(60);
    expect(after.minButtonWidth).toBeGreaterThanOrEqual(60);
    expect(after.minText).toBeGreaterThan(before.minText);
    await screenshot(j.page, '07-me-large-text');
    // The preference is the person's own and is kept on the server.
    const stored = await j.gw.store.find<{ _id: string; largeText: boolean }>('users', { openid: PERSONAS.gridLeader });
    expect(stored[0]?.largeText).toBe(true);
  }, 30_000);
});
