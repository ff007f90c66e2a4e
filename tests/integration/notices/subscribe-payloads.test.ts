import { subscribeMessageNotifier, type SubscribeMessageApi } from '../../../cloudfunctions/_core/adapters/notifier';
import { SUBSCRIBE_TEMPLATES, templateEnvName, TEMPLATE_KEYS, type SubscribePayload, type TemplateKey } from '../../../shared/notices/templates';
import { valueProblem } from '../../../shared/notices/wechat-values';
import { playDemoStory } from '../../../scripts/demo-story';
import { startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

type Row = { _id: string; recipientOpenid?: string; template: TemplateKey; title: string; body: string; page: string | null; wx: SubscribePayload | null; wxProblems?: string[] };

/**
 * The demo story (ten days of orders, councils and 六有 checks through the real handlers) writes its
 * notifications as outbox rows. Every row must hold a subscribe message WeChat accepts, and that
 * payload must be exactly what the production notifier sends for the row.
 */
describe('subscribe messages of the demo story, as the outbox keeps them', () => {
  let gw: TestGateway;
  let rows: Row[];
  beforeAll(async () => {
    gw = await startTestGateway();
    await playDemoStory(gw.ports, Date.parse(MORNING));
    rows = (gw.store.db.prepare('SELECT doc FROM outbox').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as Row);
  }, 60_000);
  afterAll(async () => {
    await gw.stop();
  });

  it('covers most templates with hundreds of messages', () => {
    expect(rows.length).toBeGreaterThan(100);
    const seen = new Set(rows.map((r) => r.template));
    expect(seen.size).toBeGreaterThanOrEqual(15);
    for (const t of seen) expect(TEMPLATE_KEYS).toContain(t);
  });

  it("keeps for every message a payload with the template's keys, each value within WeChat's rule", () => {
    const broken = rows.filter((r) => r.wx === null).map((r) => `${r.template}: ${r.wxProblems?.join('; ')}`);
    expect(broken).toEqual([]);
    for (const row of rows) {
      expect(Object.keys(row.wx!.data)).toEqual(SUBSCRIBE_TEMPLATES[row.template].fields.map((f) => f.key));
      for (const [key, { value }] of Object.entries(row.wx!.data))
        expect({ template: row.template, key, value, problem: valueProblem(key, value) }).toMatchObject({ problem: null });
      expect(row.wx!.page).toBe(row.page?.replace(/^\//, ''));
    }
  });

  it('puts no phone number and no room into a message', () => {
    const values = rows.flatMap((r) => Object.values(r.wx!.data).map((d) => d.value));
    expect(values.filter((v) => /1[3-9]\d{9}/.test(v) || /\d+室/.test(v))).toEqual([]);
  });

  it('is what production sends for the row: the kept payload, with the environment’s template id and miniprogramState added', async () => {
    const sent: Parameters<SubscribeMessageApi['subscribeMessage']['send']>[0][] = [];
    const env = Object.fromEntries(TEMPLATE_KEYS.map((k) => [templateEnvName(k), `tmpl-${k}`]));
    const notifier = subscribeMessageNotifier({ subscribeMessage: { send: async (p) => void sent.push(p) } }, { ...env, HONGLIN_MINIPROGRAM_STATE: 'developer' });
    const sample = [...new Map(rows.map((r) => [r.template, r])).values()];
    for (const row of sample) {
      await expect(
        notifier.send(
          { outboxId: row._id, recipientId: 'r', template: row.template, title: row.title, body: row.body, ...(row.page ? { page: row.page } : {}), wx: row.wx },
          row.recipientOpenid!,
        ),
      ).resolves.toEqual({ delivered: true });
    }
    expect(sent).toEqual(sample.map((row) => ({ touser: row.recipientOpenid, templateId: `tmpl-${row.template}`, miniprogramState: 'developer', ...row.wx })));
  });
});
