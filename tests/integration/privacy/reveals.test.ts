import { PERSONAS, startTestGateway, type TestGateway } from '../../helpers/local-gateway';
import { act, later, MORNING, offereeOf, post } from '../../helpers/orders';
import { beijingDate } from '../../../shared/kernel/time';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await gw.tick(MORNING);
});
afterAll(async () => {
  await gw.stop();
});

/** The caller's own user record, as accounts.me sends it. */
async function me(persona: string): Promise<{ id: string; name: string; phone?: string }> {
  const res = await gw.call(persona, 'accounts', 'me', {});
  if (!res.body.ok) throw new Error(res.body.error.code);
  return res.body.data.user;
}

async function myReveals(persona: string, page: { offset?: number; limit?: number } = {}) {
  const res = await gw.call(persona, 'privacy', 'myReveals', page);
  if (!res.body.ok) throw new Error(`myReveals failed: ${res.body.error.code}`);
  return res.body.data as {
    items: { by: string; kind: string; kindLabel: string; orderId: string | null; orderLabel: string | null; reason: string | null; at: string }[];
    total: number;
  };
}

async function revealLog(persona: string, payload: Record<string, unknown>) {
  const res = await gw.call(persona, 'privacy', 'revealLog', { streetId: 'st01', ...payload });
  if (!res.body.ok) throw new Error(`revealLog failed: ${res.body.error.code}`);
  return res.body.data as {
    items: { actorName: string; actorRoleLabel: string; personMasked: string; kind: string; orderId: string | null; reason: string | null; at: string; actorId: string }[];
    total: number;
    byActor: { actorId: string; actorName: string; actorRoleLabel: string; count: number }[];
    capped: boolean;
  };
}

describe('谁查看了我的信息: every full read of a phone or a contact is on the person’s own list', () => {
  let orderId: string;

  it('lists the grid leader’s reveal of her phone by role and name, and the assignee’s reveal of her order’s contact without a name', async () => {
    const resident = await me(PERSONAS.resident);
    const leader = await me(PERSONAS.gridLeader);
    const revealed = await gw.call(PERSONAS.gridLeader, 'accounts', 'revealContact', { userId: resident.id, reason: '上门维修前电话确认' });
    expect(revealed.body.ok).toBe(true);

    await gw.tick(later(MORNING, 5));
    const order = await post(gw, PERSONAS.resident);
    orderId = order.id;
    const volunteer = await offereeOf(gw, order.id);
    await act(gw, volunteer, 'accept', { orderId: order.id });

    const list = await myReveals(PERSONAS.resident);
    const byAssignee = list.items.find((x) => x.orderId === order.id);
    expect(byAssignee).toEqual(
      expect.objectContaining({
        by: '接单志愿者',
        kind: 'contact',
        kindLabel: '联系人和电话',
        orderLabel: `水电维修 · ${Number(beijingDate(order.postedAt).slice(5, 7))}月${Number(beijingDate(order.postedAt).slice(8))}日`,
      }),
    );
    const byLeader = list.items.find((x) => x.kind === 'phone');
    expect(byLeader).toEqual(expect.objectContaining({ by: `网格长 ${leader.name}`, kindLabel: '手机号', orderId: null, orderLabel: null, reason: '上门维修前电话确认' }));
    // Newest first; and the list carries neither the volunteer's name nor anyone's number.
    expect(list.items.indexOf(byAssignee!)).toBeLessThan(list.items.indexOf(byLeader!));
    expect(JSON.stringify(list)).not.toMatch(/1[3-9]\d{9}/);
    const volunteerName = (await gw.store.get<{ _id: string; name: string }>('users', (await gw.store.get<{ _id: string; assigneeId: string }>('orders', order.id))!.assigneeId))!
      .name;
    expect(JSON.stringify(list)).not.toContain(volunteerName);
  });

  it('does not count her own reads, and shows another resident none of hers', async () => {
    const resident = await me(PERSONAS.resident);
    const before = (await myReveals(PERSONAS.resident)).total;
    await gw.call(PERSONAS.resident, 'accounts', 'revealContact', { userId: resident.id, reason: '看看自己的号码' });
    await act(gw, PERSONAS.resident, 'get', { orderId });
    expect((await myReveals(PERSONAS.resident)).total).toBe(before);
    const other = await myReveals(PERSONAS.residentYoung);
    expect(other.items.filter((x) => x.orderId === orderId || x.reason === '上门维修前电话确认')).toEqual([]);
  });

  it('marks a leader’s full view of an order’s contact as the leader’s', async () => {
    const leader = await me(PERSONAS.gridLeader);
    await gw.tick(later(MORNING, 10));
    await act(gw, PERSONAS.gridLeader, 'get', { orderId });
    const list = await myReveals(PERSONAS.resident);
    expect(list.items[0]).toEqual(expect.objectContaining({ by: `网格长 ${leader.name}`, kind: 'contact', orderId }));
  });
});

describe('the other full views of someone’s data are marked too', () => {
  it('a leader about to post 代办 sees her room: an address reveal on her list', async () => {
    const resident = await me(PERSONAS.resident);
    const leader = await me(PERSONAS.gridLeader);
    await gw.tick(later(MORNING, 15));
    const res = await gw.call(PERSONAS.gridLeader, 'orders', 'proxyFor', { userId: resident.id });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect((await myReveals(PERSONAS.resident)).items[0]).toEqual(expect.objectContaining({ by: `网格长 ${leader.name}`, kind: 'address', kindLabel: '门牌地址' }));
  });

  it('an order typed in for a resident without an account names no one: its contact reveal is audited, on nobody’s list', async () => {
    const before = (await myReveals(PERSONAS.gridLeader)).total;
    const order = await post(gw, PERSONAS.gridLeader, {
      buildingId: 'cm01-gd1-mg1-bd2',
      room: '101',
      contactName: '孙大爷',
      contactPhone: '13800001111',
      description: '代孙大爷报修：水管漏水',
    });
    await act(gw, await offereeOf(gw, order.id), 'accept', { orderId: order.id });
    const audits = await gw.store.find<{ _id: string; reveal?: unknown }>('audit', { subjectId: order.id, 'detail.reveal': 'contact' });
    expect(audits.length).toBeGreaterThanOrEqual(1);
    expect(audits.every((a) => a.reveal === undefined)).toBe(true);
    expect((await myReveals(PERSONAS.gridLeader)).total).toBe(before);
  });
});

describe('信息查看记录: the street admin reads the street’s reveals to spot abuse', () => {
  it('names the reader and masks the person', async () => {
    const resident = await me(PERSONAS.resident);
    const log = await revealLog(PERSONAS.streetAdmin, { kind: 'phone' });
    const entry = log.items.find((x) => x.reason === '上门维修前电话确认');
    expect(entry).toEqual(
      expect.objectContaining({ actorRoleLabel: '网格长', kind: 'phone', personMasked: `${Array.from(resident.name)[0]}${'*'.repeat(Array.from(resident.name).length - 1)}` }),
    );
    expect(log.items.every((x) => x.kind === 'phone')).toBe(true);
    expect(JSON.stringify(log)).not.toContain(resident.name);
    expect(JSON.stringify(log)).not.toMatch(/1[3-9]\d{9}/);
  });

  it('ranks a grid leader who reads 30 residents’ phones first, and filters by reader, kind and day', async () => {
    const leader = await me(PERSONAS.gridLeader);
    const members = await gw.call(PERSONAS.gridLeader, 'accounts', 'listMembers', { nodeId: 'cm01-gd1', kind: 'residents', limit: 40 });
    if (!members.body.ok) throw new Error(members.body.error.code);
    const residents = (members.body.data.members as { userId: string }[])
      .map((m) => m.userId)
      .filter((id) => id !== leader.id)
      .slice(0, 30);
    expect(residents).toHaveLength(30);
    for (const userId of residents) {
      const res = await gw.call(PERSONAS.gridLeader, 'accounts', 'revealContact', { userId, reason: '逐户核对电话' });
      expect(res.body.ok).toBe(true);
    }

    const all = await revealLog(PERSONAS.streetAdmin, {});
    expect(all.byActor[0]).toEqual(expect.objectContaining({ actorId: leader.id, actorName: leader.name, actorRoleLabel: '网格长' }));
    expect(all.byActor[0]!.count).toBeGreaterThanOrEqual(31);
    expect(all.byActor.map((r) => r.count)).toEqual([...all.byActor.map((r) => r.count)].sort((a, b) => b - a));
    expect(all.byActor.find((r) => r.actorRoleLabel === '接单志愿者')?.count).toBeGreaterThanOrEqual(1);
    expect(all.capped).toBe(false);

    const hisPhones = await revealLog(PERSONAS.streetAdmin, { actorId: leader.id, kind: 'phone' });
    expect(hisPhones.total).toBe(31);
    expect(hisPhones.items.every((x) => x.actorId === leader.id && x.kind === 'phone')).toBe(true);
    expect(hisPhones.byActor).toEqual([expect.objectContaining({ actorId: leader.id, count: 31 })]);

    const contacts = await revealLog(PERSONAS.streetAdmin, { kind: 'contact' });
    expect(contacts.items.length).toBeGreaterThanOrEqual(2);
    expect(contacts.items.every((x) => x.kind === 'contact' && x.orderId)).toBe(true);

    // The reveals happened today (the gateway's clock); a range that ends yesterday holds none of them.
    const today = beijingDate(all.items[0]!.at);
    expect((await revealLog(PERSONAS.streetAdmin, { from: today, to: today })).total).toBe(all.total);
    expect((await revealLog(PERSONAS.streetAdmin, { to: '2020-01-01' })).total).toBe(0);
    expect((await revealLog(PERSONAS.streetAdmin, { from: '2099-01-01' })).byActor).toEqual([]);
  });

  it('pages newest first with the same total on every page', async () => {
    const page1 = await revealLog(PERSONAS.streetAdmin, { limit: 20, offset: 0 });
    const page2 = await revealLog(PERSONAS.streetAdmin, { limit: 20, offset: 20 });
    expect(page1.items).toHaveLength(20);
    expect(page2.total).toBe(page1.total);
    expect(page2.items.length).toBe(Math.min(20, page1.total - 20));
    const ats = [...page1.items, ...page2.items].map((x) => x.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const ids = new Set([...page1.items, ...page2.items].map((x) => (x as unknown as { id: string }).id));
    expect(ids.size).toBe(page1.items.length + page2.items.length);

    const mine1 = await myReveals(PERSONAS.resident, { limit: 2, offset: 0 });
    const mine2 = await myReveals(PERSONAS.resident, { limit: 2, offset: 2 });
    expect(mine1.items).toHaveLength(2);
    expect(mine2.total).toBe(mine1.total);
    expect(mine2.items.map((x) => x.at).every((at) => at <= mine1.items[1]!.at)).toBe(true);
  });

  it('counts the ranking from at most 1,000 entries and says so', async () => {
    const leader = await me(PERSONAS.gridLeader);
    const reveal = { personId: 'usr-0001', streetId: 'st01', kind: 'phone', as: 'leader', orderId: null };
    const entries = Array.from({ length: 1005 }, (_, i) => ({
      op: 'insert' as const,
      collection: 'audit',
      doc: {
        _id: `aud_bulk_${i}`,
        at: new Date(Date.parse('2025-06-01T02:00:00.000Z') + i * 60_000).toISOString(),
        requestId: `bulk-${i}`,
        function: 'accounts',
        action: 'revealContact',
        actorId: leader.id,
        subjectId: 'usr-0001',
        outcome: 'read',
        detail: { reveal: 'phone', role: 'gridLeader' },
        reveal,
      },
    }));
    expect(await gw.store.transact(entries)).toEqual({ ok: true });
    const june = await revealLog(PERSONAS.streetAdmin, { from: '2025-06-01', to: '2025-06-30', limit: 5 });
    expect(june.total).toBe(1005);
    expect(june.capped).toBe(true);
    expect(june.byActor).toEqual([expect.objectContaining({ actorId: leader.id, count: 1000 })]);
  });

  it('is for the street admin of that street only', async () => {
    for (const persona of [PERSONAS.communityAdmin, PERSONAS.gridLeader, PERSONAS.resident, PERSONAS.volunteer]) {
      const res = await gw.call(persona, 'privacy', 'revealLog', { streetId: 'st01' });
      expect([persona, res.status, res.body.ok ? null : res.body.error.code]).toEqual([persona, 403, 'COMMON.FORBIDDEN']);
    }
    // The admin of another street.
    const at = '2026-11-01T00:00:00.000Z';
    await gw.store.insert('nodes', { _id: 'st02', kind: 'street', name: '东风街道', parentId: null, path: { streetId: 'st02' }, order: 2 });
    await gw.store.insert('users', { _id: 'usr-other-street', openid: 'other-street-admin', name: '周立新', largeText: false, createdAt: at, updatedAt: at, version: 1 });
    await gw.store.insert('memberships', {
      _id: 'usr-other-street.streetAdmin.st02',
      userId: 'usr-other-street',
      role: 'streetAdmin',
      nodeId: 'st02',
      nodeKind: 'street',
      path: { streetId: 'st02' },
      grantedBy: null,
      inviteId: null,
      grantedAt: at,
      version: 1,
    });
    const other = await gw.call('other-street-admin', 'privacy', 'revealLog', { streetId: 'st01' });
    expect([other.status, other.body.ok ? null : other.body.error.code]).toEqual([403, 'COMMON.FORBIDDEN']);
    expect((await revealLog('other-street-admin', { streetId: 'st02' })).total).toBe(0);

    const unknown = await gw.call(PERSONAS.streetAdmin, 'privacy', 'revealLog', { streetId: 'st99' });
    expect(unknown.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TERRITORY.NODE_NOT_FOUND', field: 'payload.streetId' }) });
    const notStreet = await gw.call(PERSONAS.streetAdmin, 'privacy', 'revealLog', { streetId: 'cm01' });
    expect(notStreet.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'TERRITORY.NODE_NOT_FOUND' }) });
  });
});
