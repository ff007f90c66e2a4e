import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { cloudThrough, ensureWeappBuilt, startWeapp, type PageInstance, type RenderNode } from '../helpers/weapp-harness';

/**
 * WeChat's privacy consent in the built mini-program. The fake WeChat here does what the base
 * library does: until the person agrees, a call that handles personal information (chooseLocation,
 * the map picker of the post form) is held and `onNeedPrivacyAuthorization` hands the app a
 * `resolve`; `{ event: 'agree', buttonId }` lets the call go on, `{ event: 'disagree' }` makes it fail
 * with "privacy permission is not authorized". Everything above it is the real bundle.
 */

type Resolve = (option: { event: string; buttonId?: string }) => void;
type Listener = (resolve: Resolve, eventInfo: { referrer: string }) => void;

const PLACE = { name: '幸福里小区3号楼', address: '幸福路12号', latitude: 30.27415, longitude: 120.15515 };

function fakePrivacyHost() {
  let listener: Listener | null = null;
  let agreed = false;
  /** What each held call's resolve was handed, one list per call. */
  const answers: { event: string; buttonId?: string }[][] = [];
  const contractOpened: unknown[] = [];
  const chosen: unknown[] = [];
  const failed: string[] = [];

  /** Holds a privacy-scoped call until the app resolves it, as the base library does. */
  const held = (referrer: string, go: () => void, fail: (errMsg: string) => void) => {
    if (agreed || !listener) return go();
    const mine: { event: string; buttonId?: string }[] = [];
    answers.push(mine);
    listener(
      (option) => {
        mine.push(option);
        if (option.event === 'agree') {
          agreed = true;
          setTimeout(go, 0);
        } else if (option.event === 'disagree') setTimeout(() => fail(`${referrer}:fail privacy permission is not authorized`), 0);
      },
      { referrer },
    );
  };

  const wx = {
    onNeedPrivacyAuthorization: (l: Listener) => {
      listener = l;
    },
    openPrivacyContract: (opts: { success?: (r: unknown) => void } = {}) => {
      contractOpened.push(opts);
      setTimeout(() => opts.success?.({ errMsg: 'openPrivacyContract:ok' }), 0);
    },
    chooseLocation: (opts: { success?: (r: unknown) => void; fail?: (r: unknown) => void }) =>
      held(
        'chooseLocation',
        () => {
          chosen.push(PLACE);
          opts.success?.({ errMsg: 'chooseLocation:ok', ...PLACE });
        },
        (errMsg) => {
          failed.push(errMsg);
          opts.fail?.({ errMsg });
        },
      ),
  };
  return {
    wx,
    answers,
    contractOpened,
    chosen,
    failed,
    /** A second privacy-scoped call held at the same moment (WeChat asks once per held call). */
    holdAnother: (referrer: string) =>
      held(
        referrer,
        () => undefined,
        () => undefined,
      ),
    listening: () => listener !== null,
  };
}

const sheetOf = (page: PageInstance): RenderNode | undefined => page.byClass('hl-privacy-sheet')[0];
const textOf = (page: PageInstance) => {
  const sheet = sheetOf(page);
  return sheet ? page.texts(sheet).join('') : '';
};

describe('privacy consent in the weapp bundle (fake WeChat privacy API)', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    ensureWeappBuilt();
    gateway = await startTestGateway();
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  async function postForm(fake: ReturnType<typeof fakePrivacyHost>, fontSizeScaleFactor?: number) {
    const host = await startWeapp({ cloud: cloudThrough(gateway, PERSONAS.resident), wx: fake.wx, fontSizeScaleFactor });
    const post = await host.openPage('packages/orders/post/index');
    return { host, post };
  }

  it('asks with our sheet before the map picker, and 同意并继续 lets the held call go on', async () => {
    const fake = fakePrivacyHost();
    const { host, post } = await postForm(fake);
    expect(fake.listening()).toBe(true);
    // Nothing is shown until WeChat asks.
    expect(sheetOf(post)).toBeUndefined();

    post.tap('hl-btn-choose-point');
    await host.settle(post);
    const text = textOf(post);
    expect(text).toContain('隐私保护提示');
    expect(text).toContain('这次要用到：在地图上选位置。');
    expect(text).toMatch(/位置：标出报事的地点/);
    expect(text).toContain('《红邻用户隐私保护指引》');
    expect(post.texts(sheetOf(post))).toEqual(expect.arrayContaining(['不同意', '同意并继续']));
    // The call is held; WeChat was told the sheet is showing.
    expect(fake.chosen).toEqual([]);
    expect(fake.answers).toEqual([[{ event: 'exposureAuthorization' }]]);

    // The link opens the guide configured in the admin console.
    post.tap('hl-privacy-link');
    await host.settle(post);
    expect(fake.contractOpened).toHaveLength(1);
    expect(sheetOf(post)).toBeDefined();

    // 同意并继续 is WeChat's own agree button: open-type agreePrivacyAuthorization, and its id is what resolve gets.
    const [agree] = post.byClass('hl-btn-privacy-agree');
    expect(Object.values(agree!)).toContain('agreePrivacyAuthorization');
    const buttonId = agree!.uid;
    expect(buttonId).toBe('hl-privacy-agree');
    post.tap('hl-btn-privacy-agree', 'agreeprivacyauthorization');
    await host.settle(post);

    expect(fake.answers).toEqual([[{ event: 'exposureAuthorization' }, { event: 'agree', buttonId }]]);
    expect(fake.chosen).toEqual([PLACE]);
    expect(sheetOf(post)).toBeUndefined();
    expect(post.texts()).toContain(`已选：${PLACE.address}`);
    expect(host.errors).toEqual([]);

    // Agreed once: the next call is not held and nothing is asked again.
    post.tap('hl-btn-choose-point');
    await host.settle(post);
    expect(fake.answers).toHaveLength(1);
    expect(sheetOf(post)).toBeUndefined();
  });

  it('answers every call held at the same moment with the one tap', async () => {
    const fake = fakePrivacyHost();
    const { host, post } = await postForm(fake);
    post.tap('hl-btn-choose-point');
    fake.holdAnother('chooseMedia');
    await host.settle(post);
    expect(textOf(post)).toContain('这次要用到：在地图上选位置、选照片或拍照。');

    post.tap('hl-btn-privacy-agree', 'agreeprivacyauthorization');
    await host.settle(post);
    const agreed = [{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'hl-privacy-agree' }];
    expect(fake.answers).toEqual([agreed, agreed]);
    expect(sheetOf(post)).toBeUndefined();
  });

  it('不同意 fails the held call and says so calmly until 知道了', async () => {
    const fake = fakePrivacyHost();
    const { host, post } = await postForm(fake);
    post.tap('hl-btn-choose-point');
    await host.settle(post);

    post.tap('hl-btn-privacy-disagree');
    await host.settle(post);
    expect(fake.answers).toEqual([[{ event: 'exposureAuthorization' }, { event: 'disagree' }]]);
    expect(fake.failed).toEqual(['chooseLocation:fail privacy permission is not authorized']);
    expect(fake.chosen).toEqual([]);
    expect(textOf(post)).toContain('未同意隐私保护指引，无法使用该功能。');
    expect(post.byClass('hl-btn-privacy-agree')).toHaveLength(0);

    post.tap('hl-btn-privacy-ok');
    await host.settle(post);
    expect(sheetOf(post)).toBeUndefined();
    // The form is still there to fill in without a place.
    expect(post.byClass('hl-input-description')).toHaveLength(1);
    expect(host.errors).toEqual([]);

    // Asked again the next time.
    post.tap('hl-btn-choose-point');
    await host.settle(post);
    expect(fake.answers).toHaveLength(2);
    expect(textOf(post)).toContain('同意并继续');
  });

  it('is drawn inside the page root, so 长辈版 makes its text and buttons large', async () => {
    const fake = fakePrivacyHost();
    // WeChat's large font (关怀模式) switches 长辈版 on by itself.
    const { host, post } = await postForm(fake, 1.4);
    post.tap('hl-btn-choose-point');
    await host.settle(post);
    const [root] = post.byClass('honglin-elder');
    expect(root).toBeDefined();
    expect(post.nodes(root).some((n) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes('hl-privacy-sheet'))).toBe(true);
    expect(post.nodes(root).filter((n) => typeof n.cl === 'string' && /\bhl-btn\b/.test(n.cl)).length).toBeGreaterThan(0);
  });

  it('does nothing where WeChat has no privacy API (old base library): the call simply runs', async () => {
    const chooseLocation = (opts: { success?: (r: unknown) => void }) => setTimeout(() => opts.success?.({ errMsg: 'chooseLocation:ok', ...PLACE }), 0);
    const host = await startWeapp({ cloud: cloudThrough(gateway, PERSONAS.resident), wx: { chooseLocation } });
    const post = await host.openPage('packages/orders/post/index');
    post.tap('hl-btn-choose-point');
    await host.settle(post);
    expect(sheetOf(post)).toBeUndefined();
    expect(post.texts()).toContain(`已选：${PLACE.address}`);
    expect(host.errors).toEqual([]);
  });
});
