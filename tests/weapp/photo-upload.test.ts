import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { act, MORNING, offereeOf, post } from '../helpers/orders';
import { cloudThrough, ensureWeappBuilt, startWeapp, type PageInstance } from '../helpers/weapp-harness';

/**
 * The photo picker in the built mini-program: the picture goes straight from the phone to cloud
 * storage (`wx.cloud.uploadFile`) into the caller's own folder, and the order only ever receives
 * its file id. WeChat's cloud is faked: functions are the local gateway, storage is its folder.
 */

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

interface Upload {
  cloudPath: string;
  filePath: string;
}

/** wx.chooseMedia, the file system manager and wx.cloud (callFunction through the gateway, uploadFile into its folder). */
function fakeWeChat(gateway: TestGateway, openid: string, picked: string) {
  const uploads: Upload[] = [];
  const called: { name: string; data: { action: string; payload: Record<string, unknown> } }[] = [];
  const cloudCall = cloudThrough(gateway, openid);
  const later = (fn: () => void) => setTimeout(fn, 0);
  const wx = {
    chooseMedia: (opts: { count: number; success?: (r: unknown) => void }) => {
      const res = { errMsg: 'chooseMedia:ok', type: 'image', tempFiles: [{ tempFilePath: picked, size: statSync(picked).size, fileType: 'image' }] };
      later(() => opts.success?.(res));
      return Promise.resolve(res);
    },
    getFileSystemManager: () => ({
      statSync: (path: string) => ({ size: statSync(path).size }),
      readFileSync: (path: string, encoding?: string) => (encoding === 'base64' ? readFileSync(path).toString('base64') : readFileSync(path)),
    }),
    cloud: {
      init: () => undefined,
      callFunction: (opts: { name: string; data: any; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
        called.push({ name: opts.name, data: JSON.parse(JSON.stringify(opts.data)) });
        return cloudCall(opts.name, opts.data).then((result) => {
          const res = { errMsg: 'cloud.callFunction:ok', result };
          opts.success?.(res);
          return res;
        });
      },
      // CloudBase storage, played by the gateway's file folder: the file id names the path the app chose.
      uploadFile: (opts: { cloudPath: string; filePath: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
        uploads.push({ cloudPath: opts.cloudPath, filePath: opts.filePath });
        return gateway.ports.files.put(opts.cloudPath, new Uint8Array(readFileSync(opts.filePath)), 'image/png').then(({ fileId }) => {
          const res = { errMsg: 'cloud.uploadFile:ok', fileID: fileId, statusCode: 204 };
          opts.success?.(res);
          return res;
        });
      },
    },
  };
  return { wx, uploads, called };
}

/** Types into a text box the way WeChat delivers it: an `input` event to the page's handler. */
function type(page: PageInstance, className: string, value: string): void {
  const [node] = page.byClass(className);
  if (!node) throw new Error(`no node with class ${className}`);
  const id = (node.sid ?? node.uid) as string;
  const target = { id, dataset: { sid: id }, offsetLeft: 0, offsetTop: 0 };
  page.eh.call(page, { type: 'input', timeStamp: Date.now(), target, currentTarget: target, detail: { value, cursor: value.length } });
}

describe('photo upload in the weapp bundle (fake wx.cloud.uploadFile)', () => {
  let gateway: TestGateway;
  let dir: string;
  let picked: string;

  beforeAll(async () => {
    ensureWeappBuilt();
    gateway = await startTestGateway();
    await gateway.tick(MORNING);
    dir = mkdtempSync(join(tmpdir(), 'honglin-picked-'));
    picked = join(dir, 'wxfile-tmp-photo.png');
    writeFileSync(picked, PNG);
  }, 120_000);

  afterAll(async () => {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads the picked photo into the volunteer’s own folder and resolves the order with its file id, never the picture itself', async () => {
    const order = await post(gateway, PERSONAS.resident);
    const volunteer = await offereeOf(gateway, order.id);
    await act(gateway, volunteer, 'accept', { orderId: order.id });
    const [user] = await gateway.store.find<{ _id: string }>('users', { openid: volunteer }, { limit: 1 });

    const fake = fakeWeChat(gateway, volunteer, picked);
    const host = await startWeapp({ cloud: cloudThrough(gateway, volunteer), wx: fake.wx });
    const page = await host.openPage('packages/orders/resolve/index', { id: order.id });
    expect(page.byClass('hl-btn-add-photo')).toHaveLength(1);

    page.tap('hl-btn-add-photo');
    await host.settle(page, 150);
    // Straight to storage, into photos/<the volunteer's user id>/, from the file the phone picked.
    expect(fake.uploads).toEqual([{ cloudPath: expect.stringMatching(new RegExp(`^photos/${user!._id}/img_[0-9a-z_]+\\.png$`)), filePath: picked }]);
    expect(page.byClass('hl-photo-error')).toEqual([]);
    expect(page.texts()).toContain('已选 1 / 9 张');

    type(page, 'hl-input-note', '已更换阀芯，试用不再滴水');
    await host.settle(page);
    page.tap('hl-btn-submit-resolve');
    await host.settle(page, 150);

    const fileId = `local://${fake.uploads[0]!.cloudPath}`;
    const resolve = fake.called.filter((c) => c.name === 'orders' && c.data.action === 'resolve');
    expect(resolve.map((c) => c.data.payload)).toEqual([{ orderId: order.id, note: '已更换阀芯，试用不再滴水', photos: [fileId] }]);
    // The picture never travels through a function: no upload action, no base64 anywhere.
    expect(fake.called.map((c) => c.data.action)).not.toContain('uploadPhoto');
    expect(JSON.stringify(fake.called)).not.toContain(PNG.toString('base64'));

    const seen = await gateway.call(PERSONAS.resident, 'orders', 'get', { orderId: order.id });
    if (!seen.body.ok) throw new Error(seen.body.error.code);
    expect(seen.body.data.order.state).toBe('resolved');
    expect(seen.body.data.order.resolution.photos.map((p: { fileId: string }) => p.fileId)).toEqual([fileId]);
  }, 60_000);
});
