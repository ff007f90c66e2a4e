import * as cloudbase from '@cloudbase/node-sdk';
import { CloudbaseStore } from '../../../cloudfunctions/_core/adapters/cloudbase-store';
import { attachWireFake, decodeEjson, WIRE_FAKE_ENV, type WireFake } from '../../support/cloudbase-wire-fake';

/** What the CloudBase adapter puts on the wire, through the real SDK (see the fake for what this proves). */
describe('CloudBase adapter on the wire', () => {
  let store: CloudbaseStore;
  let wire: WireFake;
  const decoded = (text: unknown) => decodeEjson(JSON.parse(String(text)));
  const last = (api: string) => [...wire.requests].reverse().find((r) => r.api === api)!;

  beforeEach(() => {
    store = new CloudbaseStore(cloudbase.init({ env: WIRE_FAKE_ENV, secretId: 'offline', secretKey: 'offline' }));
    wire = attachWireFake(store);
  });

  it('a guarded update is one modifyDocument on { _id, version } that sets version + 1', async () => {
    await store.insert('invites', { _id: 'inv_1', version: 4, status: 'active', path: { gridId: 'g' } });
    expect(
      await store.update('invites', 'inv_1', 4, { $set: { status: 'redeemed', path: { gridId: 'h' } }, $unset: ['code'], $inc: { uses: 1 }, $push: { log: ['a', 'b'] } }),
    ).toBe(true);
    const req = last('database.modifyDocument');
    expect(req.params.collectionName).toBe('invites');
    expect(decoded(req.params.query)).toEqual({ _id: 'inv_1', version: 4 });
    expect(decoded(req.params.data)).toEqual({
      $set: { status: 'redeemed', path: { gridId: 'h' }, version: 5 },
      $unset: { code: '' },
      $inc: { uses: 1 },
      $push: { log: { $each: [['a', 'b']] } },
    });
    expect(req.params.upsert).toBe(false);
  });

  it('a find sends the filter as Mongo operators with dotted paths, the sort, skip and limit', async () => {
    await store.find(
      'users',
      { 'home.path.gridId': 'g1', createdAt: { $gte: '2026' }, $or: [{ role: { $in: ['a', null] } }, { gone: { $exists: false } }] },
      {
        sort: [
          ['createdAt', -1],
          ['_id', 1],
        ],
        skip: 40,
        limit: 20,
      },
    );
    const req = last('database.getDocument');
    expect(decoded(req.params.query)).toEqual({
      $and: [{ 'home.path.gridId': { $eq: 'g1' } }, { createdAt: { $gte: '2026' } }, { $or: [{ role: { $in: ['a', null] } }, { gone: { $exists: false } }] }],
    });
    expect(decoded(req.params.order)).toEqual({ createdAt: -1, _id: 1 });
    expect(req.params).toMatchObject({ offset: 40, limit: 20 });
  });

  it('a filter that can match nothing costs no request', async () => {
    const before = wire.requests.length;
    expect(await store.find('users', { role: { $in: [] } })).toEqual([]);
    expect(await store.count('users', { $or: [] })).toBe(0);
    expect(wire.requests.length).toBe(before);
  });

  it('a transaction reads each guarded document inside it and aborts on a stale version', async () => {
    await store.insert('invites', { _id: 'inv_2', version: 2 });
    const result = await store.transact([
      { op: 'insert', collection: 'memberships', doc: { _id: 'mem_1' } },
      { op: 'update', collection: 'invites', id: 'inv_2', version: 1, patch: { $set: { status: 'redeemed' } } },
    ]);
    expect(result).toEqual({ ok: false, reason: 'conflict', index: 1 });
    const apis = wire.requests.map((r) => r.api);
    expect(apis.slice(apis.indexOf('database.startTransaction'))).toEqual([
      'database.startTransaction',
      'database.insertDocument',
      'database.getDocument',
      'database.abortTransaction',
    ]);
    expect(wire.requests.filter((r) => r.api === 'database.insertDocument').pop()!.params.transactionId).toBeTruthy();
    expect(await store.get('memberships', 'mem_1')).toBeNull();
  });
});
