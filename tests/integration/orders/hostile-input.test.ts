import fc from 'fast-check';
import { api } from '../../../shared/api/contract';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { clientKey, MORNING, post } from '../../helpers/orders';

let gw: TestGateway;
let orderId: string;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
  orderId = (await post(gw, PERSONAS.resident)).id;
});
afterAll(async () => {
  await gw.stop();
});

const key = 'abcdefgh12345678';
const huge = 'x'.repeat(600);
/** Malformed input for every orders action, and the field the error must name. */
const MALFORMED: () => ReadonlyArray<readonly [action: string, payload: unknown, field: string]> = () => [
  ['post', { category: '火灾', description: '着火了', clientKey: key }, 'payload.category'],
  ['post', { category: '水电维修', description: '漏', clientKey: key }, 'payload.description'],
  ['post', { category: '水电维修', description: huge, clientKey: key }, 'payload.description'],
  ['post', { category: '水电维修', description: '厨房漏水很严重' }, 'payload.clientKey'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: 'short' }, 'payload.clientKey'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: key, photos: Array(10).fill('local://photos/a.png') }, 'payload.photos'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: key, photos: ['http://evil.example/x.png'] }, 'payload.photos.0'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: key, urgency: 'now!!' }, 'payload.urgency'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: key, point: { lat: 200, lng: 0 } }, 'payload.point.lat'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: key, posterId: 'usr-0001' }, 'payload'],
  ['post', { category: '水电维修', description: '厨房漏水很严重', clientKey: key, contactPhone: '123' }, 'payload.contactPhone'],
  ['uploadPhoto', { contentType: 'image/gif', dataBase64: 'R0lGODlhAQABAAAAACw=' }, 'payload.contentType'],
  ['uploadPhoto', { contentType: 'image/png', dataBase64: 'not base64 at all!!' }, 'payload.dataBase64'],
  ['uploadPhoto', { contentType: 'image/png', dataBase64: Buffer.from('<?php system($_GET[1]); ?>').toString('base64') }, 'payload.dataBase64'],
  ['get', {}, 'payload.orderId'],
  ['get', { orderId: { $ne: null } }, 'payload.orderId'],
  ['list', { view: 'everything' }, 'payload.view'],
  ['list', { view: 'queue', limit: 500 }, 'payload.limit'],
  ['list', { view: 'queue' }, 'payload.nodeId'],
  ['suggest', {}, 'payload.text'],
  ['suggest', { text: '' }, 'payload.text'],
  ['suggest', { text: '\u3000 \n' }, 'payload.text'],
  ['suggest', { text: huge }, 'payload.text'],
  ['suggest', { text: ['漏水'] }, 'payload.text'],
  ['suggest', { text: '漏水了', model: 'gpt' }, 'payload'],
  ['accept', { orderId: '' }, 'payload.orderId'],
  ['decline', { orderId: 'x1' }, 'payload.reason'],
  ['handBack', { orderId: 'x1', reason: huge }, 'payload.reason'],
  ['resolve', { orderId: 'x1' }, 'payload.note'],
  ['rate', { orderId: 'x1', stars: 6 }, 'payload.stars'],
  ['rate', { orderId: 'x1', stars: 4.5 }, 'payload.stars'],
  ['rate', { orderId: 'x1', stars: 5, tags: ['很棒'] }, 'payload.tags.0'],
  ['comment', { orderId: 'x1', text: '' }, 'payload.text'],
  ['cancel', { orderId: 'x1', reason: 1 }, 'payload.reason'],
  ['candidates', { orderId: ['x1'] }, 'payload.orderId'],
  ['dispatchByHand', { orderId: 'x1' }, 'payload.volunteerId'],
  ['openPool', { orderId: 'x1', everyone: true }, 'payload'],
  ['escalate', { orderId: 'x1', reason: '' }, 'payload.reason'],
  ['sendBack', { orderId: 'x1' }, 'payload.reason'],
  ['closeAfterReview', { orderId: 'x1' }, 'payload.reason'],
  ['toCouncil', { orderId: 'x1', title: '短' }, 'payload.title'],
  ['stats', { nodeId: 'cm01', month: '2026-13' }, 'payload.month'],
  ['home', { view: 'all' }, 'payload'],
  ['queueCounts', {}, 'payload.nodeId'],
  ['queueCounts', { nodeId: { $gt: '' } }, 'payload.nodeId'],
  ['proxyFor', {}, 'payload.userId'],
  ['proxyFor', { userId: { $ne: null } }, 'payload.userId'],
  ['similar', { text: '' }, 'payload.text'],
  ['similar', { text: huge }, 'payload.text'],
  ['similar', { text: '楼道灯坏了', category: '火灾' }, 'payload.category'],
  ['similar', { text: '楼道灯坏了', buildingId: { $ne: null } }, 'payload.buildingId'],
  ['metoo', { orderId: '' }, 'payload.orderId'],
  ['metoo', { orderId: 'x1', households: 99 }, 'payload'],
  ['deskAccept', { orderId: '' }, 'payload.orderId'],
  ['deskAccept', { orderId: 'x1', staffId: { $ne: null } }, 'payload.staffId'],
  ['deskAccept', { orderId: 'x1', assigneeId: 'usr-0001' }, 'payload'],
  ['refuse', { orderId: 'x1' }, 'payload.reason'],
  ['refuse', { orderId: 'x1', reason: huge }, 'payload.reason'],
  ['list', { view: 'desk', compoundId: 'cm01-gd2-cp1' }, 'payload'],
  ['deskStaff', {}, 'payload.orderId'],
  ['deskStaff', { orderId: { $ne: null } }, 'payload.orderId'],
  ['deskStaff', { orderId: 'x1', withPhones: true }, 'payload'],
];

describe('every orders action refuses malformed input with a field-level error and changes nothing', () => {
  it.each(MALFORMED())('%s %j → %s', async (action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.gridLeader, 'orders', action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers every action of the contract', () => {
    expect(new Set(MALFORMED().map(([a]) => a))).toEqual(new Set(Object.keys(api.orders)));
  });

  it('refuses unsafe words in a description, naming the field, and posts nothing', async () => {
    const before = await gw.store.count('orders', {});
    const res = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '其他', description: '加微信带你网络赌博稳赚不赔', clientKey: clientKey() });
    expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.CONTENT_UNSAFE', field: 'payload.description' }) });
    expect(await gw.store.count('orders', {})).toBe(before);
  });

  it('answers an order id that does not exist with 404 and one the caller may not see with 404 too', async () => {
    expect((await gw.call(PERSONAS.resident, 'orders', 'get', { orderId: 'ord_nope' })).status).toBe(404);
    expect((await gw.call(PERSONAS.residentYoung, 'orders', 'get', { orderId })).status).toBe(404);
  });
});

describe('random input to every orders action by random people (property)', () => {
  it('always answers with an envelope, never a 5xx, and never changes an order it refused', async () => {
    const actions = Object.keys(api.orders);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ orderId: fc.constantFrom(orderId, 'x', '../etc'), reason: fc.string(), stars: fc.integer(), text: fc.string() })),
        fc.constantFrom(PERSONAS.resident, PERSONAS.volunteer, PERSONAS.gridLeader, PERSONAS.property, 'fuzz-stranger'),
        async (action, payload, persona) => {
          const before = (await gw.store.get<{ _id: string; version: number }>('orders', orderId))!.version;
          const res = await gw.call(persona, 'orders', action, payload);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.ok).toBe('boolean');
          if (!res.body.ok) {
            expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
            expect((await gw.store.get<{ _id: string; version: number }>('orders', orderId))!.version).toBe(before);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
