import { EMERGENCIES } from '../../../shared/orders/categories';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, MORNING, post } from '../../helpers/orders';

/**
 * 说出来就懂 through the gateway: `orders.suggest` reads a resident's words on the function's own
 * model; a post whose words are an emergency is refused with the number to call and stores nothing,
 * unless the resident saw that number and said it is not one.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

const suggest = (text: unknown) => gw.call(PERSONAS.resident, 'orders', 'suggest', { text });

describe('orders.suggest', () => {
  it('fills in the category and the urgency from a resident’s own words', async () => {
    const res = await suggest('厨房水管爆了，水流了一地');
    expect(res.status).toBe(200);
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data).toMatchObject({ urgency: 'urgent', emergency: null, confident: true });
    expect(res.body.data.suggestions).toHaveLength(10);
    expect(res.body.data.suggestions[0].category).toBe('水电维修');
  });

  it('answers an emergency with its key and the number to call', async () => {
    const res = await suggest('闻到很大的煤气味');
    expect(res.body).toEqual({ ok: true, data: expect.objectContaining({ emergency: { key: 'gas', call: '119' }, urgency: 'urgent' }) });
  });

  it('gives a clear error, never a 500, for what is not words: empty, too long, not text', async () => {
    for (const [text, status] of [
      ['', 400],
      ['   ', 400],
      ['漏'.repeat(10_000), 400],
      [42, 400],
      [null, 400],
    ] as const) {
      const res = await suggest(text);
      expect({ text: String(text).slice(0, 10), status: res.status }).toEqual({ text: String(text).slice(0, 10), status });
      expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.text' }) });
    }
  });

  it('answers words it cannot read with low confidence: emoji only, control characters, another language', async () => {
    for (const text of ['🔥😱🙏', '\u0001\u0002\u0003abc', 'My kitchen tap is dripping', 'Mi grifo gotea']) {
      const res = await suggest(text);
      expect({ text, status: res.status, ok: res.body.ok, confident: res.body.ok ? res.body.data.confident : null }).toEqual({ text, status: 200, ok: true, confident: false });
    }
  });

  it('asks nothing of the store beyond who is calling, and writes nothing', async () => {
    const before = await snapshot(gw);
    await suggest('楼道的灯坏了好几天了');
    expect(await snapshot(gw)).toBe(before);
  });
});

describe('a post of an emergency', () => {
  const SAID = { fire: '楼下车棚着火了好大的烟', gas: '闻到很大的煤气味', medical: '老伴晕倒了叫不醒', crime: '有人在撬我家的门' } as const;

  it.each(EMERGENCIES.map((e) => [e.key, e.call] as const))('%s: is refused with the number %s, and nothing is stored', async (key, call) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '安全隐患', description: SAID[key], clientKey: clientKey() });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: `ORDER.EMERGENCY_${key.toUpperCase()}`, field: 'payload.description' }) });
    if (!res.body.ok) expect(res.body.error.message).toContain(call);
    expect(await snapshot(gw)).toBe(before);
  });

  it('is posted when the resident saw the number and said it is not an emergency, and the timeline says so', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '安全隐患', description: '楼道里的电线冒火花了，已经断电了', notEmergency: true });
    expect(order.timeline.map((t: { text: string }) => t.text)).toContain('发布时提示了紧急电话（着火了），居民确认不是紧急情况');
  });

  it('does not stop a hazard that might one day cause a fire', async () => {
    const order = await post(gw, PERSONAS.resident, { category: '安全隐患', description: '楼道里堆了好多纸箱，有火灾隐患' });
    expect(order.category).toBe('安全隐患');
  });
});
