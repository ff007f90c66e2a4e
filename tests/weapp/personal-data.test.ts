import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { cloudThrough, ensureWeappBuilt, startWeapp, type WeappHost } from '../helpers/weapp-harness';

/**
 * 我的数据 in the built mini-program: the page loads the export through the real privacy function
 * (the local gateway plays WeChat's cloud), and 保存为文件 writes the JSON into WeChat's user data
 * folder and hands it to the chat share sheet (转发给自己或家人). The fake WeChat here is the file
 * system manager and the share sheet only; everything above them is the real bundle.
 */
const USER_DATA_PATH = 'wxfile://usr';
const ROUTE = 'packages/privacy/mine/index';

interface Written {
  filePath: string;
  data: string;
  encoding: string;
}

/** WeChat's file system and share sheet: writes are kept; the share sheet answers as told. */
function fakeFiles(share: 'ok' | 'cancel' | 'absent', write: 'ok' | 'full' = 'ok') {
  const written: Written[] = [];
  const shared: { filePath: string; fileName: string }[] = [];
  const wx: Record<string, unknown> = {
    env: { USER_DATA_PATH },
    getFileSystemManager: () => ({
      writeFile: (o: Written & { success?: () => void; fail?: (e: unknown) => void }) =>
        setTimeout(() => {
          if (write === 'full') return o.fail?.({ errMsg: 'writeFile:fail the maximum size of the file storage limit is exceeded' });
          written.push({ filePath: o.filePath, data: o.data, encoding: o.encoding });
          o.success?.();
        }, 0),
    }),
    canIUse: (what: string) => share !== 'absent' || what !== 'shareFileMessage',
  };
  if (share !== 'absent') {
    wx.shareFileMessage = (o: { filePath: string; fileName: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) =>
      setTimeout(() => {
        if (share === 'cancel') return o.fail?.({ errMsg: 'shareFileMessage:fail cancel' });
        shared.push({ filePath: o.filePath, fileName: o.fileName });
        o.success?.({ errMsg: 'shareFileMessage:ok' });
      }, 0);
  }
  return { wx, written, shared };
}

describe('我的数据 in the mini-program', () => {
  let gateway: TestGateway;
  let userId = '';

  beforeAll(async () => {
    ensureWeappBuilt();
    gateway = await startTestGateway();
    const [her] = await gateway.store.find<{ _id: string }>('users', { openid: PERSONAS.resident });
    userId = her!._id;
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
  });

  async function open(files: ReturnType<typeof fakeFiles>): Promise<{ host: WeappHost; page: Awaited<ReturnType<WeappHost['openPage']>> }> {
    const host = await startWeapp({ cloud: cloudThrough(gateway, PERSONAS.resident), wx: files.wx });
    const page = await host.openPage(ROUTE);
    await host.settle(page, 200);
    return { host, page };
  }

  it('shows her sections, read through the privacy function', async () => {
    const { host, page } = await open(fakeFiles('ok'));
    const call = host.calls.find((c) => c.api === 'cloud.callFunction' && (c.args[0] as { name: string }).name === 'privacy');
    expect(call?.args[0]).toMatchObject({ data: { action: 'exportMine' } });
    expect(page.byClass('hl-page-privacy-mine')).toHaveLength(1);
    expect(page.byClass('pv-section').length).toBeGreaterThanOrEqual(2);
    expect(page.texts()).toEqual(expect.arrayContaining(['我的数据', '保存为文件', '谁查看了我的信息', '注销账号']));
    expect(page.texts().join('')).toContain('张桂英');
    expect(host.errors).toEqual([]);
  });

  it('保存为文件 writes the pretty-printed JSON to the user data folder and offers it to a chat', async () => {
    const files = fakeFiles('ok');
    const { host, page } = await open(files);
    page.tap('hl-btn-save-file');
    await host.settle(page, 200);
    expect(files.written).toHaveLength(1);
    const [file] = files.written;
    expect(file!.filePath).toMatch(new RegExp(`^${USER_DATA_PATH}/红邻-我的数据-\\d{8}\\.json$`));
    expect(file!.encoding).toBe('utf8');
    expect(file!.data).toContain('\n  "userId": ');
    const saved = JSON.parse(file!.data);
    expect(saved).toMatchObject({ format: 'honglin.personal-data/1', userId });
    expect(saved.sections.length).toBeGreaterThanOrEqual(2);
    expect(files.shared).toEqual([{ filePath: file!.filePath, fileName: file!.filePath.slice(USER_DATA_PATH.length + 1) }]);
    expect(page.texts().join('')).toContain('已转发');
  });

  it('closing the share sheet is no error: the file is kept, quietly', async () => {
    const files = fakeFiles('cancel');
    const { host, page } = await open(files);
    page.tap('hl-btn-save-file');
    await host.settle(page, 200);
    expect(files.written).toHaveLength(1);
    expect(page.byClass('hl-notice-error')).toHaveLength(0);
    expect(page.texts().join('')).toContain('已保存在微信里');
  });

  it('where WeChat cannot share files it only writes it; a full phone is told in plain words', async () => {
    const noShare = fakeFiles('absent');
    const a = await open(noShare);
    a.page.tap('hl-btn-save-file');
    await a.host.settle(a.page, 200);
    expect(noShare.written).toHaveLength(1);
    expect(a.host.calls.filter((c) => c.api === 'shareFileMessage')).toHaveLength(0);
    expect(a.page.texts().join('')).toContain('已保存在微信里');

    const full = fakeFiles('ok', 'full');
    const b = await open(full);
    b.page.tap('hl-btn-save-file');
    await b.host.settle(b.page, 200);
    expect(full.written).toHaveLength(0);
    expect(full.shared).toHaveLength(0);
    expect(b.page.byClass('hl-notice-error')).toHaveLength(1);
    expect(b.page.texts().join('')).toContain('文件没能保存到手机');
  });

  it('注销账号 shows its preview; nothing is deleted by opening it', async () => {
    const host = await startWeapp({ cloud: cloudThrough(gateway, PERSONAS.resident) });
    const page = await host.openPage('packages/privacy/delete/index');
    await host.settle(page, 200);
    expect(page.texts()).toEqual(expect.arrayContaining(['注销账号', '会删除的信息', '会保留的内容', '确认注销']));
    const actions = host.calls.filter((c) => c.api === 'cloud.callFunction').map((c) => (c.args[0] as { data: { action: string } }).data.action);
    expect(actions).toContain('deletePreview');
    expect(actions).not.toContain('deleteAccount');
    expect(host.errors).toEqual([]);
  });
});
