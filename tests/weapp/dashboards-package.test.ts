import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { ensureWeappBuilt, startWeapp, WEAPP_DIR, cloudThrough } from '../helpers/weapp-harness';

/**
 * The 数据看板 subpackage of the built mini-program (dist/weapp, production): its charts library (F2)
 * travels with it and not with the main package, it stays within the 500 KB WeChat allows a
 * subpackage, and its pages load and draw in the fake WeChat host (which has no canvas: the numbers
 * are there as the charts' text alternative).
 */
const PACKAGE = join(WEAPP_DIR, 'packages', 'dashboards');
/** WeChat's limit for one subpackage. */
const LIMIT = 500_000;
/** A sentence only F2's canvas code carries. */
const F2_MARK = 'Please specify the id, el or context of the chart';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the 数据看板 subpackage', () => {
  let gateway: TestGateway;
  const cloudAs = (openid: string) => cloudThrough(gateway, openid);

  beforeAll(async () => {
    ensureWeappBuilt();
    gateway = await startTestGateway();
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
  });

  it(`weighs at most ${LIMIT.toLocaleString('en')} bytes, F2 included`, () => {
    const bytes = files(PACKAGE).reduce((n, f) => n + statSync(f).size, 0);
    expect(bytes).toBeGreaterThan(100_000); // F2 is in it …
    expect(bytes).toBeLessThanOrEqual(LIMIT); // … and it fits.
  });

  it('carries F2 itself; the main package does not', () => {
    const inPackage = files(PACKAGE).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(F2_MARK));
    expect(inPackage.map((f) => relative(WEAPP_DIR, f))).toHaveLength(1);
    const main = files(WEAPP_DIR).filter((f) => f.endsWith('.js') && !relative(WEAPP_DIR, f).startsWith('packages/'));
    expect(main.filter((f) => readFileSync(f, 'utf8').includes(F2_MARK)).map((f) => relative(WEAPP_DIR, f))).toEqual([]);
  });

  it('loads the dashboard for a street admin: the street, its measures and the numbers of its charts', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.streetAdmin) });
    const page = await host.openPage('packages/dashboards/index/index');
    await host.settle(page, 200);
    expect(page.byClass('hl-page-dashboard')).toHaveLength(1);
    const overview = host.calls.find((c) => c.api === 'cloud.callFunction' && (c.args[0] as { name: string }).name === 'dashboards');
    expect(overview?.args[0]).toMatchObject({ data: { action: 'overview' } });
    expect(page.texts()).toEqual(expect.arrayContaining(['数据看板', '红星街道', '主要指标', '出格率', '办结率', '满意度', '按来源（小时）', '导出工单明细']));
    // No canvas in this host: each chart still lists its numbers, each a link.
    expect(page.byClass('hl-chart-sources')).toHaveLength(1);
    expect(page.byClass('hl-chart-link').length).toBeGreaterThanOrEqual(6);
    expect(page.byClass('hl-dashboard-heat')).toHaveLength(1);
  });

  it('opens the records behind a KPI on a tap, and the records page lists them', async () => {
    const host = await startWeapp({ cloud: cloudAs(PERSONAS.streetAdmin) });
    const page = await host.openPage('packages/dashboards/index/index');
    await host.settle(page, 200);
    page.tap('hl-kpi-posted');
    await host.settle(page);
    const nav = host.calls.find((c) => c.api === 'navigateTo');
    expect((nav?.args[0] as { url: string }).url).toMatch(/^\/packages\/dashboards\/records\/index\?nodeId=st01&period=\d{4}-\d{2}&figure=posted$/);

    const records = await host.openPage('packages/dashboards/records/index', { nodeId: 'st01', figure: 'posted' });
    await host.settle(records, 200);
    expect(records.byClass('hl-page-dashboard-records')).toHaveLength(1);
    expect(records.texts()).toEqual(expect.arrayContaining(['数字背后的记录', '返回数据看板']));
  });
});
