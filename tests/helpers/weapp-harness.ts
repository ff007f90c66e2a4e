import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';

/**
 * Runs the BUILT mini-program (dist/weapp) in a Node vm with a fake WeChat host: `App`, `Page`,
 * `Component`, `wx` and `getApp` are ours, every file of the bundle is the real one, loaded with the
 * same relative `require`s the WeChat runtime would follow. A page's render is whatever Taro hands
 * to `setData`; events go in through the page's own handler, as WeChat would deliver them.
 * The fake host is the platform only: the app code and its Taro runtime are never replaced.
 */

export const ROOT = resolve(__dirname, '..', '..');
export const WEAPP_DIR = join(ROOT, 'dist', 'weapp');

/** Builds dist/weapp when it is not there (production build, as shipped). */
export function ensureWeappBuilt(dir = WEAPP_DIR): void {
  if (existsSync(join(dir, 'app.js'))) return;
  const taro = join(ROOT, 'node_modules', '.bin', 'taro');
  const result = spawnSync(taro, ['build', '--type', 'weapp'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(join(dir, 'app.js'))) {
    throw new Error(`dist/weapp is missing and \`taro build --type weapp\` failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** A node of Taro's render tree as it travels in setData: nn = node name, cn = children, v = text. */
export interface RenderNode {
  nn?: string;
  cn?: RenderNode[];
  v?: string;
  cl?: string;
  sid?: string;
  uid?: string;
  [key: string]: unknown;
}

export interface WxCall {
  api: string;
  args: unknown[];
}

export type CloudHandler = (name: string, data: unknown) => Promise<unknown>;

/** WeChat's cloud played by the local gateway, the caller a persona, as WeChat would inject an OPENID. */
export const cloudThrough =
  (gateway: { post(path: string, body: unknown, headers: Record<string, string>): Promise<{ body: unknown }> }, openid: string): CloudHandler =>
  async (name, data) =>
    (await gateway.post(`/api/${name}`, data, { 'x-honglin-persona': openid })).body;

export interface HostOptions {
  /** Answers wx.cloud.callFunction: the value becomes `result`. Throwing makes the call fail. */
  cloud: CloudHandler;
  /** What wx.getAppBaseInfo reports as the WeChat font scale. */
  fontSizeScaleFactor?: number;
  storage?: Record<string, unknown>;
  /** What requirePlugin(name) returns (a fake WechatSI…); `{}` for any other name. */
  plugins?: Record<string, unknown>;
  /** Extra or replaced wx APIs (createInnerAudioContext…). */
  wx?: Record<string, unknown>;
}

/** Sets `root.cn.[0].cn.[2].v`-style paths, the way the WeChat runtime applies setData. */
function setPath(target: Record<string, any>, path: string, value: unknown): void {
  const keys = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((k) => k !== '');
  let cur: any = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    if (cur[k] === undefined || cur[k] === null) cur[k] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    cur = cur[k];
  }
  cur[keys[keys.length - 1]!] = value;
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export class PageInstance {
  data: Record<string, any>;
  /** Every setData payload, in order: what the page asked WeChat to draw. */
  readonly updates: Record<string, unknown>[] = [];
  route: string;
  __route__: string;
  options: Record<string, string> = {};
  [key: string]: any;

  constructor(route: string, config: Record<string, any>) {
    this.route = route;
    this.__route__ = route;
    for (const [k, v] of Object.entries(config)) {
      if (k === 'data') continue;
      this[k] = typeof v === 'function' ? v : clone(v);
    }
    this.data = clone(config.data ?? {});
  }

  setData(patch: Record<string, unknown>, cb?: () => void): void {
    this.updates.push(clone(patch));
    for (const [path, value] of Object.entries(patch)) setPath(this.data, path, clone(value));
    if (cb) setTimeout(cb, 0);
  }

  /** The rendered tree. */
  get root(): RenderNode {
    return this.data.root as RenderNode;
  }

  /** All nodes, depth-first. */
  nodes(from: RenderNode = this.root): RenderNode[] {
    const out: RenderNode[] = [];
    const walk = (n: RenderNode | undefined) => {
      if (!n) return;
      out.push(n);
      (n.cn ?? []).forEach(walk);
    };
    walk(from);
    return out;
  }

  /** Every text on the page, in document order. */
  texts(from?: RenderNode): string[] {
    return this.nodes(from)
      .filter((n) => typeof n.v === 'string' && n.v.trim() !== '')
      .map((n) => n.v as string);
  }

  byClass(className: string): RenderNode[] {
    return this.nodes().filter((n) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className));
  }

  /** Delivers a tap the way WeChat does: to the page's event handler, naming the node by its id. */
  tap(className: string, type = 'tap'): void {
    const [node] = this.byClass(className);
    if (!node) throw new Error(`no node with class ${className}; classes here: ${this.classes().join(' ')}`);
    const id = (node.sid ?? node.uid) as string;
    const target = { id, dataset: { sid: id }, offsetLeft: 0, offsetTop: 0 };
    const handler = this.eh as ((e: unknown) => void) | undefined;
    if (typeof handler !== 'function') throw new Error('the page has no event handler (eh)');
    handler.call(this, { type, timeStamp: Date.now(), target, currentTarget: target, detail: { x: 10, y: 10 }, touches: [], changedTouches: [] });
  }

  classes(): string[] {
    return this.nodes()
      .map((n) => n.cl)
      .filter((c): c is string => typeof c === 'string' && c !== '');
  }
}

export interface WeappHost {
  app: Record<string, any>;
  /** Every wx API the bundle called, with its arguments (cloud calls included). */
  calls: WxCall[];
  storage: Map<string, unknown>;
  errors: unknown[];
  /** Loads a page's bundle (and what it requires), creates its instance and runs onLoad/onShow/onReady. */
  openPage(route: string, query?: Record<string, string>): Promise<PageInstance>;
  /** Lets timers and promises run until the page stops drawing. */
  settle(page?: PageInstance, quietMs?: number): Promise<void>;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

export async function startWeapp(options: HostOptions, dir = WEAPP_DIR): Promise<WeappHost> {
  const calls: WxCall[] = [];
  const errors: unknown[] = [];
  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const pageConfigs = new Map<string, Record<string, any>>();
  const stack: PageInstance[] = [];
  let appConfig: Record<string, any> | null = null;
  let loadingRoute: string | null = null;

  const record = (api: string, ...args: unknown[]) => calls.push({ api, args: clone(args) as unknown[] });
  /** wx-style async API: callbacks and, when none is given, a promise. */
  const asyncApi =
    (api: string, answer: (opts: any) => unknown = () => ({})) =>
    (opts: any = {}) => {
      record(api, opts);
      const res = { errMsg: `${api}:ok`, ...(answer(opts) as object) };
      setTimeout(() => {
        opts.success?.(res);
        opts.complete?.(res);
      }, 0);
      return Promise.resolve(res);
    };

  const systemInfo = {
    brand: 'devtools',
    model: 'fake',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 812,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17',
    platform: 'devtools',
    SDKVersion: '3.7.0',
    fontSizeSetting: 16,
    safeArea: { top: 20, left: 0, right: 375, bottom: 812, width: 375, height: 792 },
  };

  const known: Record<string, unknown> = {
    getSystemInfoSync: () => systemInfo,
    getSystemInfo: asyncApi('getSystemInfo', () => systemInfo),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo, fontSizeScaleFactor: options.fontSizeScaleFactor ?? 1, theme: 'light' }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 368, bottom: 56, left: 281 }),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => {
      record('setStorageSync', key, value);
      storage.set(key, clone(value));
    },
    removeStorageSync: (key: string) => storage.delete(key),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    navigateTo: asyncApi('navigateTo'),
    redirectTo: asyncApi('redirectTo'),
    switchTab: asyncApi('switchTab'),
    reLaunch: asyncApi('reLaunch'),
    navigateBack: asyncApi('navigateBack'),
    setTabBarBadge: asyncApi('setTabBarBadge'),
    removeTabBarBadge: asyncApi('removeTabBarBadge'),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh'),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    createSelectorQuery: () => {
      const q: any = {
        in: () => q,
        select: () => q,
        selectAll: () => q,
        selectViewport: () => q,
        boundingClientRect: () => q,
        scrollOffset: () => q,
        fields: () => q,
        exec: (cb?: (r: unknown[]) => void) => cb?.([]),
      };
      return q;
    },
    cloud: {
      init: (opts: unknown) => record('cloud.init', opts),
      callFunction: (opts: { name: string; data: unknown; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
        record('cloud.callFunction', { name: opts.name, data: opts.data });
        return options.cloud(opts.name, clone(opts.data)).then(
          (result) => {
            const res = { errMsg: 'cloud.callFunction:ok', result: clone(result) };
            opts.success?.(res);
            return res;
          },
          (err) => {
            const e = { errMsg: `cloud.callFunction:fail ${String(err)}` };
            opts.fail?.(e);
            throw e;
          },
        );
      },
    },
  };

  Object.assign(known, options.wx);

  // Any other wx API: recorded and answered with a bare success, like a permissive simulator.
  const wx = new Proxy(known, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in target) return target[prop];
      // Not APIs: webpack's chunk list lives on `wx`; `then` is asked by promise checks.
      if (prop === 'webpackJsonp' || prop === 'then' || prop.startsWith('__')) return undefined;
      return (...args: unknown[]) => {
        record(prop, ...args);
        const opts = args[0] as { success?: (r: unknown) => void; complete?: (r: unknown) => void } | undefined;
        if (opts && typeof opts === 'object') {
          setTimeout(() => {
            opts.success?.({ errMsg: `${prop}:ok` });
            opts.complete?.({ errMsg: `${prop}:ok` });
          }, 0);
        }
        return undefined;
      };
    },
  });

  const sandbox: Record<string, unknown> = {
    wx,
    console,
    setTimeout,
    clearTimeout,
    // A page's ticking countdown must not keep the test process alive after the test is done.
    setInterval: (fn: () => void, ms?: number) => setInterval(fn, ms).unref(),
    clearInterval,
    queueMicrotask,
    App: (config: Record<string, any>) => {
      appConfig = config;
    },
    Page: (config: Record<string, any>) => {
      if (!loadingRoute) throw new Error('Page() called outside a page file');
      pageConfigs.set(loadingRoute, config);
    },
    Component: (config: Record<string, any>) => config,
    Behavior: (config: Record<string, any>) => config,
    getApp: () => appConfig,
    getCurrentPages: () => [...stack],
    requirePlugin: (name: string) => options.plugins?.[name] ?? {},
  };
  sandbox.global = sandbox;
  const context = vm.createContext(sandbox);

  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const abs = file.endsWith('.js') ? file : `${file}.js`;
    const hit = cache.get(abs);
    if (hit) return hit.exports;
    if (!existsSync(abs)) throw new Error(`the bundle requires ${abs}, which is not in dist/weapp`);
    const module = { exports: {} as unknown };
    cache.set(abs, module);
    const code = readFileSync(abs, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports, __filename, __dirname) {${code}\n})`, context, { filename: abs });
    fn((p: string) => load(resolve(dirname(abs), p)), module, module.exports, abs, dirname(abs));
    return module.exports;
  };

  load(join(dir, 'app.js'));
  if (!appConfig) throw new Error('app.js did not call App()');
  const app = appConfig as Record<string, any>;

  const settle = async (page?: PageInstance, quietMs = 60) => {
    let last = -1;
    let quietSince = Date.now();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      await tick();
      const n = page ? page.updates.length : calls.length;
      if (n !== last) {
        last = n;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) return;
    }
  };

  const launch = { path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);
  await settle();

  return {
    app,
    calls,
    storage,
    errors,
    settle,
    async openPage(route: string, query: Record<string, string> = {}) {
      loadingRoute = route;
      try {
        load(join(dir, route));
      } finally {
        loadingRoute = null;
      }
      const config = pageConfigs.get(route);
      if (!config) throw new Error(`${route}.js did not call Page()`);
      const page = new PageInstance(route, config);
      page.options = query;
      stack.push(page);
      page.onLoad?.call(page, query);
      page.onShow?.call(page);
      page.onReady?.call(page);
      await settle(page);
      return page;
    },
  };
}
