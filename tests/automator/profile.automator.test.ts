/**
 * The profile journey in the real WeChat runtime, through miniprogram-automator. It needs WeChat
 * DevTools (Windows or macOS; there is no Linux build): set WECHAT_DEVTOOLS_CLI to its `cli` and run
 * `npm run build:weapp && npm run test:automator`. Elsewhere it skips and says why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const cliPath = process.env.WECHAT_DEVTOOLS_CLI;
const available = Boolean(cliPath && existsSync(cliPath));
if (!available) {
  console.warn(
    'automator: skipped — WeChat DevTools is not installed here. Set WECHAT_DEVTOOLS_CLI=/path/to/wechatwebdevtools/cli (DevTools → 设置 → 安全设置 → 服务端口 on) to run the weapp journey.',
  );
}

const d = available ? describe : describe.skip;

d('profile journey in WeChat DevTools', () => {
  let miniProgram: any;

  beforeAll(async () => {
    const automator = require('miniprogram-automator');
    miniProgram = await automator.launch({ cliPath, projectPath: join(__dirname, '..', '..') });
  }, 120_000);

  afterAll(async () => {
    await miniProgram?.close();
  });

  it('shows 我的 with the profile, then saves a new name', async () => {
    const page = await miniProgram.switchTab('/pages/me/index');
    await page.waitFor(1500);
    const title = await page.$('.hl-btn-edit-profile');
    expect(title).toBeTruthy();
    await title.tap();
    await page.waitFor(1000);
    const edit = await miniProgram.currentPage();
    expect(edit.path).toBe('packages/accounts/profile-edit/index');
    const name = await edit.$('.hl-input-name');
    await name.input('王秀兰');
    await (await edit.$('.hl-btn-save')).tap();
    await edit.waitFor(1500);
    expect(await (await edit.$('.hl-saved'))?.text()).toBeTruthy();
  }, 120_000);
});
