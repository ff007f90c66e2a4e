import { api } from '../../../shared/api/contract';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { MORNING } from '../../helpers/orders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

/** Malformed input for every privacy action of a person's own data, and the field the error must name. None may name another person. */
const MALFORMED: ReadonlyArray<readonly [action: string, payload: unknown, field: string]> = [
  ['exportMine', { userId: 'usr-0004' }, 'payload'],
  ['exportMine', { openid: 'demo-resident-001' }, 'payload'],
  ['exportMine', [], 'payload'],
  ['deletePreview', { userId: 'usr-0004' }, 'payload'],
  ['deletePreview', 'all', 'payload'],
  ['deleteAccount', {}, 'payload.confirm'],
  ['deleteAccount', { confirm: 42 }, 'payload.confirm'],
  ['deleteAccount', { confirm: '注销'.repeat(10) }, 'payload.confirm'],
  ['deleteAccount', { confirm: '注销', openOrders: 'keep' }, 'payload.openOrders'],
  ['deleteAccount', { confirm: '注销', userId: 'usr-0004' }, 'payload'],
  ['deleteAccount', { confirm: { $ne: null } }, 'payload.confirm'],
];

describe('every privacy action on one’s own data refuses malformed input with a field-level error and changes nothing', () => {
  it.each(MALFORMED)('privacy.%s %j → %s', async (action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.gridLeader, 'privacy', action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers every action this part owns', () => {
    const owned = ['exportMine', 'deletePreview', 'deleteAccount'];
    expect(Object.keys(api.privacy)).toEqual(expect.arrayContaining(owned));
    expect(new Set(MALFORMED.map(([a]) => a))).toEqual(new Set(owned));
  });

  it('answers a caller without identity with UNAUTHENTICATED, and an unknown WeChat user as not registered', async () => {
    const before = await snapshot(gw);
    for (const action of ['exportMine', 'deletePreview']) {
      expect((await gw.call(null, 'privacy', action, {})).body).toMatchObject({ ok: false, error: { code: 'COMMON.UNAUTHENTICATED' } });
      expect((await gw.call('nobody-ever-seen-0001', 'privacy', action, {})).body).toMatchObject({ ok: false, error: { code: 'ACCOUNT.NOT_REGISTERED' } });
    }
    expect((await gw.call('nobody-ever-seen-0001', 'privacy', 'deleteAccount', { confirm: '注销' })).body).toMatchObject({ ok: false, error: { code: 'ACCOUNT.NOT_REGISTERED' } });
    expect(await snapshot(gw)).toBe(before);
  });
});
