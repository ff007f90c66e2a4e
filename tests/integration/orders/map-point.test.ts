import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, clientKey, MORNING, offereeOf, post } from '../../helpers/orders';

/** A lamp post near the demo's 幸福里 station, and points north of it. */
const LAMP = { lat: 30.5728, lng: 104.0668 };
const north = (meters: number) => ({ lat: Math.round((LAMP.lat + meters / 111_195) * 1e6) / 1e6, lng: LAMP.lng });

type VolunteerDoc = Doc & { userId: string; gridId: string; active: boolean; version: number; point?: { lat: number; lng: number } | null };
type StoredOrder = Doc & { place: { point: { lat: number; lng: number; name?: string | null } | null }; offer: { volunteerId: string } | null; dispatchReason: string | null };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

describe('a point on the map', () => {
  it('keeps the point and its name with the order, and shows it to the assignee but not to others for a home category', async () => {
    const posted = await post(gw, PERSONAS.resident, { point: { ...north(20), name: '  厨房窗户对着的那棵树 ' } });
    const stored = (await gw.store.get<StoredOrder>('orders', posted.id))!;
    expect(stored.place.point).toEqual({ ...north(20), name: '厨房窗户对着的那棵树' });
    // The poster sees her own point; not the navigation (she is there already).
    expect(posted.point).toEqual({ ...north(20), name: '厨房窗户对着的那棵树', navigate: false });

    const volunteer = await offereeOf(gw, posted.id);
    // Offered, not yet accepted: a home's point is as personal as the room.
    expect((await act(gw, volunteer, 'get', { orderId: posted.id })).point).toBeNull();
    const accepted = await act(gw, volunteer, 'accept', { orderId: posted.id });
    expect(accepted.point).toEqual({ ...north(20), name: '厨房窗户对着的那棵树', navigate: true });
    expect((await act(gw, PERSONAS.gridLeader, 'get', { orderId: posted.id })).point).toEqual(expect.objectContaining({ navigate: true }));
    // Another resident of the street sees nothing of it (not even the order).
    const other = await gw.call(PERSONAS.residentYoung, 'orders', 'get', { orderId: posted.id });
    expect(other.body.ok ? other.body.data.order.point : null).toBeNull();
  });

  it('shows a public place’s point to the volunteer it is offered to, with 导航', async () => {
    const posted = await post(gw, PERSONAS.resident, { category: '公共设施', description: '东门路灯不亮了，晚上很黑', point: { ...LAMP, name: '3号楼东侧路灯' } });
    const volunteer = await offereeOf(gw, posted.id);
    const offered = await act(gw, volunteer, 'get', { orderId: posted.id });
    expect(offered.contactRevealed).toBe(false);
    expect(offered.point).toEqual({ ...LAMP, name: '3号楼东侧路灯', navigate: true });
  });

  it('keeps orders without a point or a name valid', async () => {
    const bare = await post(gw, PERSONAS.resident, { category: '公共设施', description: '健身器材松动了' });
    expect(bare.point).toBeNull();
    const unnamed = await post(gw, PERSONAS.resident, { category: '环境卫生', description: '楼下垃圾堆了好几天', point: LAMP });
    expect(unnamed.point).toEqual({ ...LAMP, name: null, navigate: false });
  });

  it('refuses a bad point with a stable code, a Chinese message and the field', async () => {
    const far = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '公共设施', description: '路灯不亮', clientKey: clientKey(), point: { lat: 95, lng: 104 } });
    expect(far.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.point.lat' }) });
    const long = await gw.call(PERSONAS.resident, 'orders', 'post', {
      category: '公共设施',
      description: '路灯不亮',
      clientKey: clientKey(),
      point: { ...LAMP, name: '路'.repeat(41) },
    });
    expect(long.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.point.name', message: expect.stringMatching(/40/) }) });
    const extra = await gw.call(PERSONAS.resident, 'orders', 'post', { category: '公共设施', description: '路灯不亮', clientKey: clientKey(), point: { ...LAMP, address: 'x' } });
    expect(extra.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT' }) });
  });
});

describe('dispatch by distance', () => {
  it('lets a volunteer keep a 常在位置, and clear it', async () => {
    const profile = { partyMember: true, inService: false, skills: ['公共设施'], availability: [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }] };
    const set = await gw.call(PERSONAS.volunteer, 'service', 'updateVolunteerProfile', { ...profile, point: north(100) });
    if (!set.body.ok) throw new Error(set.body.error.code);
    expect(set.body.data.profile.point).toEqual(north(100));
    const [me] = await gw.store.find<{ _id: string }>('users', { openid: PERSONAS.volunteer });
    expect((await gw.store.get<VolunteerDoc>('volunteers', me!._id))!.point).toEqual(north(100));
    // Left out, it stays; null clears it.
    const kept = await gw.call(PERSONAS.volunteer, 'service', 'updateVolunteerProfile', profile);
    expect(kept.body.ok && kept.body.data.profile.point).toEqual(north(100));
    const cleared = await gw.call(PERSONAS.volunteer, 'service', 'updateVolunteerProfile', { ...profile, point: null });
    expect(cleared.body.ok && cleared.body.data.profile.point).toBeNull();
    const bad = await gw.call(PERSONAS.volunteer, 'service', 'updateVolunteerProfile', { ...profile, point: { lat: 30, lng: 200 } });
    expect(bad.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'payload.point.lng' }) });
  });

  it('offers the order to the nearer of two otherwise equal volunteers, and says how far', async () => {
    const [resident] = await gw.store.find<Doc & { home: { path: { gridId: string } } }>('users', { openid: PERSONAS.resident });
    const gridId = resident!.home.path.gridId;
    const pool = await gw.store.find<VolunteerDoc>('volunteers', { gridId }, { limit: 1000 });
    expect(pool.length).toBeGreaterThanOrEqual(2);
    // Two volunteers the same in everything but where they usually are; the rest of the grid away.
    const [a, b] = pool;
    const same = {
      active: true,
      skills: ['公共设施'],
      availability: [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }],
      openLoad: 0,
      lastAssignedAt: '2026-11-01T02:00:00.000Z',
      ratingSum: 0,
      ratingCount: 0,
    };
    const place = async (v: VolunteerDoc, patch: Record<string, unknown>) => {
      const now = (await gw.store.get<VolunteerDoc>('volunteers', v._id))!;
      await gw.store.update('volunteers', v._id, now.version, { $set: patch });
    };
    for (const v of pool.slice(2)) await place(v, { active: false });
    const offeredFor = async () => {
      const o = await post(gw, PERSONAS.resident, { category: '公共设施', description: '路灯杆歪了，怕倒', point: LAMP });
      const stored = (await gw.store.get<StoredOrder>('orders', o.id))!;
      await act(gw, PERSONAS.resident, 'cancel', { orderId: o.id, reason: '测试完毕' });
      return stored;
    };

    await place(a!, { ...same, point: north(250), microGridId: 'x', buildingId: 'x' });
    await place(b!, { ...same, point: north(1_500), microGridId: 'x', buildingId: 'x' });
    const first = await offeredFor();
    expect(first.offer?.volunteerId).toBe(a!.userId);
    expect(first.dispatchReason).toContain('距离约 250 米');

    // The same two, the other way round: it is the distance that decides, not the id.
    await place(a!, { point: north(1_500), openLoad: 0 });
    await place(b!, { point: north(250), openLoad: 0 });
    const second = await offeredFor();
    expect(second.offer?.volunteerId).toBe(b!.userId);
  });
});
