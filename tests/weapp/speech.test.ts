import { spokenStatus } from '../../shared/orders/spoken';
import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { clientKey } from '../helpers/orders';
import { ensureWeappBuilt, startWeapp, cloudThrough, type PageInstance } from '../helpers/weapp-harness';

/** The order as the resident's page reads it. */
async function viewOf(gw: TestGateway, orderId: string) {
  const res = await gw.call(PERSONAS.resident, 'orders', 'get', { orderId });
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.order;
}

/**
 * 语音输入 and 朗读 in the built mini-program, with a fake 同声传译 plugin (WechatSI) handed to
 * requirePlugin: the plugin's recogniser and text-to-speech are WeChat's, everything above them is
 * the real bundle.
 */

interface FakeManager {
  onRecognize: ((res: { result: string }) => void) | null;
  onStop: ((res: { result: string }) => void) | null;
  onError: ((res: { retcode: number; msg: string }) => void) | null;
  started: { duration: number; lang: string }[];
  stops: number;
  start(options: { duration: number; lang: string }): void;
  stop(): void;
}

function fakeWechatSI(heard: string) {
  const manager: FakeManager = {
    onRecognize: null,
    onStop: null,
    onError: null,
    started: [],
    stops: 0,
    start(options) {
      this.started.push(options);
    },
    stop() {
      this.stops++;
      setTimeout(() => this.onStop?.({ result: heard }), 5);
    },
  };
  const spoken: { lang: string; tts: boolean; content: string }[] = [];
  const plugin = {
    getRecordRecognitionManager: () => manager,
    textToSpeech(opts: { lang: string; tts: boolean; content: string; success?: (res: unknown) => void }) {
      spoken.push({ lang: opts.lang, tts: opts.tts, content: opts.content });
      setTimeout(() => opts.success?.({ retcode: 0, filename: 'https://tts.example/said.mp3', expired_time: 0 }), 5);
    },
  };
  const played: string[] = [];
  const createInnerAudioContext = () => {
    const audio = {
      src: '',
      onEnded: () => undefined,
      onError: () => undefined,
      play: () => played.push(audio.src),
      stop: () => undefined,
      destroy: () => undefined,
    };
    return audio;
  };
  // The microphone: not asked yet, then granted at the prompt.
  const authorized: string[] = [];
  const later = (fn: (() => void) | undefined) => setTimeout(() => fn?.(), 0);
  const getSetting = (opts: { success?: (r: unknown) => void }) => later(() => opts.success?.({ errMsg: 'getSetting:ok', authSetting: {} }));
  const authorize = (opts: { scope: string; success?: (r: unknown) => void }) => {
    authorized.push(opts.scope);
    later(() => opts.success?.({ errMsg: 'authorize:ok' }));
  };
  return { manager, spoken, played, authorized, plugin, wx: { createInnerAudioContext, getSetting, authorize } };
}

/** The text a box shows: setData carries a Textarea's value under a short attribute key (p20…). */
const showsValue = (page: PageInstance, className: string, value: string) => page.byClass(className).some((n) => Object.values(n).includes(value));

describe('speech in the weapp bundle (fake WechatSI)', () => {
  let gateway: TestGateway;
  const cloudAs = (openid: string) => cloudThrough(gateway, openid);

  beforeAll(async () => {
    ensureWeappBuilt();
    gateway = await startTestGateway();
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  it('puts what the resident said into the description of the post form', async () => {
    const fake = fakeWechatSI('厨房水管爆了，水流了一地');
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.resident), plugins: { WechatSI: fake.plugin }, wx: fake.wx });
    const post = await host.openPage('packages/orders/post/index');
    expect(post.texts()).toContain('按住说话');

    post.tap('hl-btn-voice');
    await host.settle(post);
    // Asked for the microphone, then recorded Mandarin for at most a minute.
    expect(fake.authorized).toEqual(['scope.record']);
    expect(fake.manager.started).toEqual([{ duration: 60000, lang: 'zh_CN' }]);

    fake.manager.onRecognize?.({ result: '厨房水管' });
    await host.settle(post);
    expect(post.texts()).toEqual(expect.arrayContaining(['正在听…', '厨房水管']));

    post.tap('hl-btn-voice');
    await host.settle(post);
    expect(fake.manager.stops).toBe(1);
    expect(showsValue(post, 'hl-input-description', '厨房水管爆了，水流了一地')).toBe(true);
    expect(post.texts()).not.toContain('正在听…');
    expect(host.errors).toEqual([]);
  });

  it('says where to turn the microphone on when it was refused', async () => {
    const fake = fakeWechatSI('不会听到');
    const host = await startWeapp({
      cloud: cloudAs(PERSONAS.resident),
      plugins: { WechatSI: fake.plugin },
      wx: {
        getSetting: (opts: { success?: (r: unknown) => void }) => {
          const res = { errMsg: 'getSetting:ok', authSetting: { 'scope.record': false } };
          setTimeout(() => opts.success?.(res), 0);
        },
      },
    });
    const post = await host.openPage('packages/orders/post/index');
    post.tap('hl-btn-voice');
    await host.settle(post);
    expect(fake.manager.started).toEqual([]);
    expect(post.texts().join('')).toMatch(/没有麦克风权限.*设置.*麦克风/);
  });

  it('hides the button when the plugin is not there', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.resident) });
    const post = await host.openPage('packages/orders/post/index');
    expect(post.byClass('hl-btn-voice')).toHaveLength(0);
    expect(post.byClass('hl-input-description')).toHaveLength(1);
  });

  it('reads the order’s state aloud in 长辈版 with the plugin’s text-to-speech', async () => {
    const posted = await gateway.call(PERSONAS.resident, 'orders', 'post', { category: '水电维修', description: '卫生间灯不亮了', clientKey: clientKey() });
    if (!posted.body.ok) throw new Error(posted.body.error.code);
    const id: string = posted.body.data.order.id;
    const fake = fakeWechatSI('');
    // WeChat's large font (关怀模式) switches 长辈版 on by itself.
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.resident), plugins: { WechatSI: fake.plugin }, wx: fake.wx, fontSizeScaleFactor: 1.4 });
    const detail = await host.openPage('packages/orders/detail/index', { id });
    expect(detail.byClass('honglin-elder').length).toBeGreaterThan(0);
    expect(detail.texts()).toContain('朗读');

    detail.tap('hl-btn-read-aloud');
    await host.settle(detail);

    const view = await viewOf(gateway, id);
    expect(fake.spoken).toEqual([{ lang: 'zh_CN', tts: true, content: spokenStatus(view, Date.now()) }]);
    expect(fake.spoken[0]!.content).toMatch(/^您的水电维修.*。$/);
    expect(fake.played).toEqual(['https://tts.example/said.mp3']);
    expect(detail.texts()).toContain('停止');
  });

  it('shows no 朗读 outside 长辈版', async () => {
    const posted = await gateway.call(PERSONAS.resident, 'orders', 'post', { category: '家居小修', description: '门锁坏了打不开', clientKey: clientKey() });
    if (!posted.body.ok) throw new Error(posted.body.error.code);
    const off = await gateway.call(PERSONAS.resident, 'accounts', 'updateProfile', { largeText: false });
    if (!off.body.ok) throw new Error(off.body.error.code);
    const fake = fakeWechatSI('');
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.resident), plugins: { WechatSI: fake.plugin }, wx: fake.wx, storage: { 'honglin.largeText': '0' } });
    const detail = await host.openPage('packages/orders/detail/index', { id: posted.body.data.order.id });
    await host.settle(detail);
    expect(detail.byClass('hl-btn-read-aloud')).toHaveLength(0);
  });
});
