import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launch, phonePage, SCREENSHOTS } from '../helpers/browser';
import { PERSONAS, type TestGateway } from '../helpers/local-gateway';
import { auditLayout, formatViolations, type Mode, type Violation } from '../helpers/layout-audit';
import { act, MORNING, offereeOf, post } from '../helpers/orders';
import { councilFixtures, type CouncilIds } from '../helpers/councils';

/**
 * The layout audit (issue 7): every route of app.config.ts, as each persona that can open it, in
 * normal and 长辈版, at 390 × 844 — touch targets, text size, line height, contrast, horizontal
 * overflow, text running into text (see tests/helpers/layout-audit.ts). One full-page screenshot per
 * route and mode in test-results/browser/layout/. layout-audit.self.test.ts proves the audit fails on
 * the symptoms of an emptied stylesheet; the last test here shows it on the real order pages.
 */

type Persona = keyof typeof PERSONAS;
/** 六有 checks of the demo community in the states the check page shows (periods the demo story leaves alone). */
interface LiuyouIds {
  /** This period's check, partly filled. */
  liuyouFilling: string;
  /** Submitted: the street reviews it. */
  liuyouReview: string;
  /** Returned with an item failed and its 整改任务. */
  liuyouReturned: string;
  /** An automatic item of the filling check: what 查看记录 opens. */
  liuyouAutoItem: string;
}

async function liuyouFixtures(gw: TestGateway): Promise<LiuyouIds> {
  const call = async (who: string, action: string, payload: unknown) => {
    const res = await gw.call(who, 'liuyou', action, payload);
    if (!res.body.ok) throw new Error(`liuyou.${action}: ${res.body.error.code} ${res.body.error.field ?? ''}`);
    return res.body.data;
  };
  const me = await gw.call(PERSONAS.communityAdmin, 'accounts', 'me', {});
  const communityId: string = me.body.ok ? me.body.data.user.scopes.liuyou[0].nodeId : '';
  type Item = { id: string; kind: string; auto: string | null; evidenceRequired: boolean; target: number | null; mechanism: string };
  const fill = async (checkId: string, items: Item[]) => {
    for (const i of items) {
      if (i.auto) continue;
      if (i.kind === 'yesno') await call(PERSONAS.communityAdmin, 'fill', { checkId, itemId: i.id, answer: true });
      if (i.kind === 'count') await call(PERSONAS.communityAdmin, 'fill', { checkId, itemId: i.id, value: i.target ?? 3 });
      if (i.kind === 'evidence' || i.evidenceRequired) await call(PERSONAS.communityAdmin, 'addEvidence', { checkId, itemId: i.id, kind: 'note', text: '台账存社区党群服务中心' });
    }
  };
  const start = async (period?: string) =>
    (await call(PERSONAS.communityAdmin, 'startCheck', { communityId, ...(period ? { period } : {}) })).check as { id: string; state: string; items: Item[] };

  const filling = await start();
  if (filling.state === 'draft')
    await fill(
      filling.id,
      filling.items.filter((i) => i.mechanism === 'manage'),
    );
  const review = await start('2025-Q3');
  if (review.state === 'draft') {
    await fill(review.id, review.items);
    await call(PERSONAS.communityAdmin, 'submit', { checkId: review.id });
  }
  const returned = await start('2025-Q2');
  if (returned.state === 'draft') {
    await fill(returned.id, returned.items);
    await call(PERSONAS.communityAdmin, 'submit', { checkId: returned.id });
    for (const [k, i] of returned.items.entries())
      await call(PERSONAS.streetAdmin, 'review', {
        checkId: returned.id,
        itemId: i.id,
        verdict: k === 0 ? 'returned' : k === 1 ? 'failed' : 'approved',
        comment: k < 2 ? '照片看不清，请补拍' : '',
      });
    await call(PERSONAS.streetAdmin, 'finishReview', { checkId: returned.id });
    const owners = (await call(PERSONAS.streetAdmin, 'getCheck', { checkId: returned.id })).owners as { userId: string }[];
    const admin = (await gw.store.find<{ _id: string; openid: string }>('users', { openid: PERSONAS.communityAdmin }))[0]!;
    await call(PERSONAS.streetAdmin, 'createTask', {
      checkId: returned.id,
      itemId: returned.items[1]!.id,
      ownerId: owners.find((o) => o.userId === admin._id)?.userId ?? owners[0]!.userId,
      dueDate: '2026-12-20',
      note: '补齐计划文本',
    });
  }
  return { liuyouFilling: filling.id, liuyouReview: review.id, liuyouReturned: returned.id, liuyouAutoItem: filling.items.find((i) => i.auto)!.id };
}

interface Ids extends CouncilIds, LiuyouIds {
  /** Offered to a volunteer, not yet accepted. */
  offered: string;
  /** Accepted by the volunteer: what 办结 opens. */
  accepted: string;
  /** Resolved: what 评价 opens. */
  resolved: string;
  /** The volunteer the offered order waits on, and the one who accepted the accepted order (openids). */
  offeree: string;
  assignee: string;
  station: string;
}
interface Visit {
  route: string;
  query?: (ids: Ids) => string;
  personas: Array<Persona | 'offeree' | 'assignee'>;
  /** Why this variant of the route is audited too (e.g. 代办 on the post form). */
  variant?: string;
}

const EVERYONE: Persona[] = ['resident', 'residentYoung', 'volunteer', 'inService', 'gridLeader', 'communityAdmin', 'streetAdmin', 'police', 'property'];
const VOLUNTEERS: Persona[] = ['volunteer', 'inService'];
const LEADERS: Persona[] = ['gridLeader', 'communityAdmin', 'streetAdmin'];
const ADMINS: Persona[] = ['communityAdmin', 'streetAdmin'];

/** Who can open what: the entries pages show (我的, 办事) and the server's policies. */
const PLAN: Visit[] = [
  { route: 'pages/home/index', personas: EVERYONE },
  { route: 'pages/work/index', personas: EVERYONE },
  { route: 'pages/me/index', personas: EVERYONE },
  { route: 'packages/accounts/profile-edit/index', personas: EVERYONE },
  { route: 'packages/accounts/redeem/index', personas: EVERYONE },
  { route: 'packages/accounts/persona/index', personas: EVERYONE },
  { route: 'packages/accounts/tree/index', personas: LEADERS },
  { route: 'packages/accounts/messages/index', personas: EVERYONE },
  // 扫码登录: the phone's confirmation (a leader, and a resident who is told no), the PC's code, the list of web sessions.
  { route: 'packages/accounts/web-login/index', query: () => 'scene=w%3A0123456789abcdef.AAAAAAAAAAA', personas: [...LEADERS, 'resident'] },
  { route: 'packages/accounts/web-login-pc/index', personas: ['resident'] },
  { route: 'packages/accounts/web-sessions/index', personas: LEADERS },
  { route: 'packages/orders/post/index', personas: EVERYONE },
  { route: 'packages/orders/post/index', query: () => 'proxy=1', personas: ['gridLeader'], variant: '代办' },
  { route: 'packages/orders/mine/index', personas: ['resident', 'residentYoung', 'volunteer', 'gridLeader'] },
  { route: 'packages/orders/detail/index', query: (ids) => `id=${ids.offered}`, personas: ['resident', 'offeree', 'gridLeader', 'communityAdmin', 'streetAdmin'] },
  { route: 'packages/orders/detail/index', query: (ids) => `id=${ids.resolved}`, personas: ['resident'], variant: '已办结' },
  { route: 'packages/orders/resolve/index', query: (ids) => `id=${ids.accepted}`, personas: ['assignee'] },
  { route: 'packages/orders/rate/index', query: (ids) => `id=${ids.resolved}`, personas: ['resident'] },
  { route: 'packages/orders/tasks/index', personas: VOLUNTEERS },
  { route: 'packages/orders/desk/index', personas: ['property'] },
  { route: 'packages/orders/queue/index', personas: LEADERS },
  { route: 'packages/stations/scan/index', personas: EVERYONE },
  { route: 'packages/stations/list/index', personas: EVERYONE },
  { route: 'packages/stations/detail/index', query: (ids) => `id=${ids.station}`, personas: EVERYONE },
  { route: 'packages/stations/screen/index', query: (ids) => `stationId=${ids.station}`, personas: LEADERS },
  { route: 'packages/stations/duty/index', personas: [...VOLUNTEERS, 'gridLeader'] },
  { route: 'packages/stations/overview/index', personas: ADMINS },
  { route: 'packages/stations/mycode/index', personas: EVERYONE },
  { route: 'packages/service/record/index', personas: [...VOLUNTEERS, 'gridLeader'] },
  { route: 'packages/service/approve/index', personas: ADMINS },
  { route: 'packages/service/report/index', personas: ADMINS },
  // 议事: topics and decisions for everyone, meetings for leaders and the invited.
  { route: 'packages/councils/topics/index', personas: EVERYONE },
  { route: 'packages/councils/propose/index', personas: ['resident', 'residentYoung', 'volunteer', 'gridLeader'] },
  { route: 'packages/councils/propose/index', query: () => 'leader=1', personas: LEADERS, variant: '立题' },
  { route: 'packages/councils/topic/index', query: (ids) => `id=${ids.topic}`, personas: ['resident', 'residentYoung', 'volunteer', 'gridLeader', 'communityAdmin'] },
  { route: 'packages/councils/topic/index', query: (ids) => `id=${ids.actingTopic}`, personas: ['residentYoung', 'gridLeader'], variant: '落实中' },
  { route: 'packages/councils/meetings/index', personas: EVERYONE },
  { route: 'packages/councils/meeting-edit/index', personas: LEADERS },
  { route: 'packages/councils/meeting/index', query: (ids) => `id=${ids.draftMeeting}`, personas: ['gridLeader', 'communityAdmin'], variant: '草稿：议程' },
  { route: 'packages/councils/meeting/index', query: (ids) => `id=${ids.liveMeeting}`, personas: ['gridLeader', 'volunteer', 'inService', 'resident'], variant: '进行中' },
  { route: 'packages/councils/meeting/index', query: (ids) => `id=${ids.closedMeeting}`, personas: ['gridLeader', 'volunteer'], variant: '已结束：纪要' },
  { route: 'packages/councils/meeting/index', query: (ids) => `id=${ids.draftMeeting}&print=1`, personas: ['gridLeader'], variant: '打印议程' },
  { route: 'packages/councils/screen/index', query: (ids) => `id=${ids.liveMeeting}`, personas: ['gridLeader', 'communityAdmin'] },
  { route: 'packages/councils/decisions/index', personas: EVERYONE },
  // 六有: communities and their grid leaders fill, the street reviews and sees the matrix.
  { route: 'packages/liuyou/checks/index', personas: LEADERS },
  { route: 'packages/liuyou/check/index', query: (ids) => `id=${ids.liuyouFilling}`, personas: LEADERS, variant: '自查中' },
  { route: 'packages/liuyou/check/index', query: (ids) => `id=${ids.liuyouReview}`, personas: ['streetAdmin', 'communityAdmin'], variant: '待审核' },
  { route: 'packages/liuyou/check/index', query: (ids) => `id=${ids.liuyouReturned}`, personas: ['communityAdmin', 'gridLeader', 'streetAdmin'], variant: '退回与整改' },
  { route: 'packages/liuyou/matrix/index', personas: ['streetAdmin'] },
  { route: 'packages/liuyou/tasks/index', personas: ['communityAdmin', 'gridLeader'] },
  { route: 'packages/liuyou/records/index', query: (ids) => `check=${ids.liuyouFilling}&item=${ids.liuyouAutoItem}`, personas: LEADERS },
  { route: 'packages/liuyou/template/index', personas: ['streetAdmin', 'communityAdmin'] },
  { route: 'packages/liuyou/template/index', query: () => 'edit=1', personas: ['streetAdmin'], variant: '编辑新版本' },
  // 数据看板: each leader at their own place; the records behind a number (the place's orders this month).
  { route: 'packages/dashboards/index/index', personas: LEADERS },
  { route: 'packages/dashboards/records/index', query: () => 'figure=posted', personas: LEADERS },
  { route: 'packages/dashboards/keys/index', personas: ['streetAdmin'] },
  // 信息查看记录: the street's log of reveals, for its admin.
  { route: 'packages/dashboards/reveal-log/index', personas: ['streetAdmin'] },
  // 个人信息: my data and account deletion (its preview only: nothing is deleted here), a resident and a leader with roles to release.
  { route: 'packages/privacy/mine/index', personas: ['resident', 'residentYoung', 'gridLeader'] },
  { route: 'packages/privacy/delete/index', personas: ['resident', 'residentYoung', 'gridLeader'] },
  // 谁查看了我的信息: a resident with reveals (her order's assignee, her grid leader) and one who may have none.
  { route: 'packages/privacy/reveals/index', personas: ['resident', 'residentYoung'] },
  // 三方共治: the compounds for the community, the street and a property desk (its own compound); the 公示 for its
  // editor, the property desk and a resident (by her home, as 办事 opens it).
  { route: 'packages/compounds/list/index', personas: ['communityAdmin', 'streetAdmin', 'property'] },
  { route: 'packages/compounds/responsibilities/index', personas: ['communityAdmin', 'property'] },
  { route: 'packages/compounds/responsibilities/index', query: () => 'home=1', personas: ['resident', 'residentYoung'], variant: '居民' },
  // 评议监督: 幸福花园's month, for its desk and the community (the demo month may hold no desk order: the page's empty state).
  { route: 'packages/compounds/review/index', query: () => 'compoundId=cm01-gd2-cp1', personas: ['property', 'communityAdmin', 'streetAdmin'] },
  // 物业服务评价: the desk's own staff read the questions (no answer); residents outside any compound are told why.
  // A resident of 幸福花园 answering it is audited in survey.journey.test.ts.
  { route: 'packages/compounds/survey/index', personas: ['property', 'resident', 'residentYoung'] },
];
const MODES: Mode[] = ['normal', 'elder'];
const LAYOUT_SHOTS = join(SCREENSHOTS, 'layout');

/** Every page of app.config.ts (main package and subpackages), read from the file itself. */
function configuredRoutes(): string[] {
  const source = readFileSync(join(__dirname, '..', '..', 'miniprogram', 'app.config.ts'), 'utf8').replace(/export\s+default/, 'return');
  const config = new Function('defineAppConfig', source)((c: unknown) => c) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };
  return [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

/** Requests the page has on the wire, to know when it has finished loading. */
function trackRequests(page: Page): () => number {
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  return () => inFlight;
}

const h5Dir = join(__dirname, '..', '..', 'dist', 'h5');
const run = browserAvailable();
if (run && !existsSync(join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test builds it first)');

(run ? describe : describe.skip)('layout audit: every route, every persona that opens it, normal and 长辈版, 390 × 844', () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let inFlight: () => number;
  let ids: Ids;
  let loads = 0;
  const modeOf = new Map<string, Mode>();

  beforeAll(async () => {
    const { startTestGateway } = await import('../helpers/local-gateway');
    gw = await startTestGateway({ h5Dir });
    await gw.tick(MORNING);
    // Real orders of the seeded demo in the states the id-taking pages show.
    const offered = await post(gw, PERSONAS.resident, { description: '楼道灯不亮了，晚上看不清台阶' });
    const offeree = await offereeOf(gw, offered.id);
    const accepted = await post(gw, PERSONAS.resident, { description: '卫生间水管接口渗水' });
    const assignee = await offereeOf(gw, accepted.id);
    await act(gw, assignee, 'accept', { orderId: accepted.id });
    const resolved = await post(gw, PERSONAS.resident, { category: '代买代办', description: '帮忙去药店买一盒降压药' });
    const resolver = await offereeOf(gw, resolved.id);
    await act(gw, resolver, 'accept', { orderId: resolved.id });
    await act(gw, resolver, 'resolve', { orderId: resolved.id, note: '药已买好送到家中' });
    const stations = await gw.store.find<{ _id: string; kind: string }>('nodes', { kind: 'station' });
    // Topics and meetings in the states the council pages show (until the demo data holds councils).
    const councils = await councilFixtures(gw);
    const liuyou = await liuyouFixtures(gw);
    ids = { offered: offered.id, accepted: accepted.id, resolved: resolved.id, offeree, assignee, station: stations[0]!._id, ...councils, ...liuyou };

    browser = await launch();
    ({ page, errors } = await phonePage(browser));
    // The phone's clock agrees with the server's pinned morning, so the pages read as on that day.
    await page.clock.install({ time: new Date(MORNING) });
    inFlight = trackRequests(page);
    // The persona and the 长辈版 preference, written before the app's own scripts read them.
    await page.addInitScript(() => {
      const q = new URLSearchParams(location.search);
      const persona = q.get('persona');
      if (persona) localStorage.setItem('honglin.persona', JSON.stringify({ data: persona }));
      const large = q.get('large');
      if (large) localStorage.setItem('honglin.largeText', JSON.stringify({ data: large }));
    });
    // This run's pictures only (a route that was removed leaves none behind).
    rmSync(LAYOUT_SHOTS, { recursive: true, force: true });
    mkdirSync(LAYOUT_SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  /** Loads `route` from scratch as `openid` in `mode`, and waits until it has settled. */
  async function open(openid: string, mode: Mode, route: string, query = ''): Promise<string | null> {
    if (modeOf.get(openid) !== mode) {
      // The preference is the person's own, kept on the server: the app applies it when it loads the profile.
      const res = await gw.call(openid, 'accounts', 'updateProfile', { largeText: mode === 'elder' });
      if (!res.body.ok) throw new Error(`largeText for ${openid}: ${res.body.error.code}`);
      modeOf.set(openid, mode);
    }
    const search = new URLSearchParams({ persona: openid, large: mode === 'elder' ? '1' : '0', load: String(++loads) });
    await page.goto(`${gw.url}/?${search}#/${route}${query ? `?${query}` : ''}`);
    // Settled: the page is drawn, shows no spinner, and nothing has been on the wire for 150 ms.
    const until = Date.now() + 8000;
    let quietSince = 0;
    let busy = 'nothing drawn';
    while (Date.now() < until) {
      busy = await page.evaluate(() =>
        !document.querySelector('.taro_page .hl-page') ? 'nothing drawn' : document.querySelector('[aria-busy=true], .hl-spinner') ? 'a spinner' : '',
      );
      if (!busy && inFlight() <= 0) {
        if (!quietSince) quietSince = Date.now();
        else if (Date.now() - quietSince >= 150) break;
      } else quietSince = 0;
      await page.waitForTimeout(50);
    }
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
    return quietSince ? null : `still loading after 8 s (${busy || `${inFlight()} requests on the wire`})`;
  }

  /**
   * A full-page screenshot: Taro scrolls inside `.taro_page`, so let it grow for the picture. A bar held
   * at the bottom of the screen (sticky: the order's action bar) is drawn where it stands at the end of
   * the page; a picture taller than the screen would otherwise show it over the middle of the page.
   */
  async function fullShot(name: string): Promise<void> {
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('*'))) if (getComputedStyle(el).position === 'sticky') el.setAttribute('data-hl-unstuck', '');
    });
    const style = await page.addStyleTag({
      content:
        'html, body, #app, .taro-tabbar__container, .taro-tabbar__panel, .taro_page { height: auto !important; max-height: none !important; overflow: visible !important; } [data-hl-unstuck] { position: static !important; }',
    });
    await page.screenshot({ path: join(LAYOUT_SHOTS, `${name}.png`), fullPage: true });
    await style.evaluate((e) => (e as Element).remove());
    await page.evaluate(() => document.querySelectorAll('[data-hl-unstuck]').forEach((el) => el.removeAttribute('data-hl-unstuck')));
  }

  it('audits every route of app.config.ts (a new page cannot be forgotten)', () => {
    const planned = new Set(PLAN.map((v) => v.route));
    const configured = configuredRoutes();
    expect(configured.length).toBeGreaterThan(20);
    expect(configured.filter((r) => !planned.has(r))).toEqual([]);
    expect([...planned].filter((r) => !configured.includes(r))).toEqual([]);
  });

  for (const visit of PLAN) {
    const label = `${visit.route}${visit.variant ? ` (${visit.variant})` : ''}`;
    it(`${label}: as ${visit.personas.join(', ')}`, async () => {
      const failures: string[] = [];
      for (const mode of MODES) {
        let shot = false;
        for (const who of visit.personas) {
          const openid = who === 'offeree' || who === 'assignee' ? ids[who] : PERSONAS[who];
          const where = `${label} · ${who} · ${mode === 'elder' ? '长辈版' : 'normal'}`;
          errors.length = 0;
          const unsettled = await open(openid, mode, visit.route, visit.query?.(ids));
          if (unsettled) failures.push(`${where} · ${unsettled}`);
          const state = await page.evaluate(() => ({
            page: Boolean(document.querySelector('.taro_page .hl-page')),
            elder: Boolean(document.querySelector('.taro_page .hl-page.honglin-elder')),
            error: Array.from(document.querySelectorAll('.taro_page .hl-state-error'))
              .map((e) => (e as HTMLElement).innerText.trim())
              .join(' / '),
          }));
          // The audit measures the page the person was meant to see, in the mode asked for.
          if (!state.page) failures.push(`${where} · the page did not render`);
          if (state.elder !== (mode === 'elder')) failures.push(`${where} · 长辈版 is ${state.elder ? 'on' : 'off'}, expected ${mode}`);
          if (state.error) failures.push(`${where} · the page shows an error: ${state.error}`);
          if (errors.length) failures.push(`${where} · page errors: ${errors.join(' | ')}`);
          const violations: Violation[] = await auditLayout(page, { mode });
          if (violations.length) failures.push(formatViolations(where, violations));
          if (!shot) {
            await fullShot(`${label.replace(/[/ ()]+/g, '-').replace(/-+$/, '')}--${mode}--${who}`);
            shot = true;
          }
        }
      }
      expect(failures.join('\n')).toBe('');
    }, 120_000);
  }

  it('fails the real order pages when the orders stylesheet is taken away (what the bad merge did)', async () => {
    // Classes that the orders package's stylesheets style and no shared one does (app.scss,
    // components/*.scss): their rules are what the merge removed. (A class also covers what SCSS
    // nests under it with `&-…`.)
    const src = join(__dirname, '..', '..', 'miniprogram');
    const classesOf = (files: string[]) => new Set(files.flatMap((f) => Array.from(readFileSync(f, 'utf8').matchAll(/\.([a-z][a-z0-9_-]*)/gi), (m) => m[1]!)));
    const scssUnder = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scssUnder(join(dir, e.name)) : e.name.endsWith('.scss') ? [join(dir, e.name)] : []));
    const shared = classesOf([join(src, 'app.scss'), ...scssUnder(join(src, 'components'))]);
    const ordersOnly = [...classesOf(scssUnder(join(src, 'packages', 'orders')))].filter((c) => !shared.has(c));
    expect(ordersOnly.length).toBeGreaterThan(20);
    const cases: Array<[Persona, string, string]> = [
      ['gridLeader', 'packages/orders/queue/index', ''],
      // As the leader: the resident's view of it is now drawn by shared components (rows, forms, timeline).
      ['gridLeader', 'packages/orders/detail/index', `id=${ids.offered}`],
    ];
    for (const [who, route, query] of cases) {
      const openid = PERSONAS[who];
      await open(openid, 'normal', route, query);
      const before = await auditLayout(page, { mode: 'normal' });
      // Delete every loaded rule that styles one of those classes (wherever the build bundled it).
      const removed = await page.evaluate((classes) => {
        const mentions = (sel: string) => classes.some((c) => new RegExp(`\\.${c}(?![a-z0-9_])`).test(sel));
        let count = 0;
        const prune = (list: CSSRuleList, remove: (i: number) => void) => {
          for (let i = list.length - 1; i >= 0; i--) {
            const rule = list[i]!;
            if (rule instanceof CSSStyleRule && mentions(rule.selectorText)) {
              remove(i);
              count++;
            } else if (rule instanceof CSSGroupingRule) prune(rule.cssRules, (k) => rule.deleteRule(k));
          }
        };
        for (const sheet of Array.from(document.styleSheets)) prune(sheet.cssRules, (k) => sheet.deleteRule(k));
        return count;
      }, ordersOnly);
      expect(removed).toBeGreaterThan(20);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const after = await auditLayout(page, { mode: 'normal' });
      await fullShot(`orders-stylesheet-removed--${route.split('/')[2]}`);
      const added = after.filter((v) => !before.some((b) => b.rule === v.rule && b.selector === v.selector && b.text === v.text));
      // Run-in texts (chips into titles, labels into values) or too-small targets (the filter tabs).
      expect(added.filter((v) => v.rule === 'text-run-in' || v.rule === 'touch-target').length).toBeGreaterThan(0);
    }
  }, 60_000);
});
