import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

const me = (persona: string) => gw.call(persona, 'accounts', 'me', {});

describe('accounts.me', () => {
  it('registers a new WeChat user as a resident on the first call, once', async () => {
    const first = await me('brand-new-openid-1');
    expect(first.status).toBe(200);
    if (!first.body.ok) throw new Error(first.body.error.code);
    expect(first.body.data.registered).toBe(true);
    expect(first.body.data.user.roles.map((r: { role: string }) => r.role)).toEqual(['resident']);
    const again = await me('brand-new-openid-1');
    expect(again.body.ok && again.body.data.user.id).toBe(first.body.data.user.id);
    expect(again.body.ok && again.body.data.registered).toBe(false);
  });

  it('gives the first twenty simultaneous calls of one new person one account', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => me('brand-new-openid-2')));
    const ids = new Set(results.map((r) => (r.body.ok ? r.body.data.user.id : r.body.error.code)));
    expect(ids.size).toBe(1);
    expect(await gw.store.count('users', { openid: 'brand-new-openid-2' })).toBe(1);
  });

  it('shows a seeded resident her home and place in the tree, with her own phone unmasked', async () => {
    const res = await me(PERSONAS.resident);
    if (!res.body.ok) throw new Error(res.body.error.code);
    const user = res.body.data.user;
    expect(user.name).toBe('张桂英');
    expect(user.largeText).toBe(true);
    expect(user.home.breadcrumb).toEqual(['红星街道', '幸福里社区', '幸福里第一网格', '1-1微网格', '1栋']);
    expect(user.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(user.phoneMasked).toBe(`${user.phone.slice(0, 3)}****${user.phone.slice(7)}`);
    expect(user.allowedActions).toEqual(['updateProfile', 'redeemInvite']);
  });

  it('lists a grid leader’s role at the grid and offers the admin actions', async () => {
    const res = await me(PERSONAS.gridLeader);
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.user.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'gridLeader', roleLabel: '网格长', nodeName: '幸福里第一网格' })]));
    expect(res.body.data.user.allowedActions).toEqual(expect.arrayContaining(['createInvite', 'listMembers']));
  });

  it('refuses a call without a WeChat identity with 401', async () => {
    const res = await gw.call(null, 'accounts', 'me', {});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('takes identity only from the server side, never from the body', async () => {
    const res = await gw.post(
      '/api/accounts',
      { action: 'me', payload: {}, openid: PERSONAS.streetAdmin, userInfo: { openId: PERSONAS.streetAdmin } },
      { 'x-honglin-persona': 'someone-else-9' },
    );
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.user.roles.map((r: { role: string }) => r.role)).toEqual(['resident']);
  });
});

describe('accounts.updateProfile', () => {
  const update = (persona: string, payload: unknown) => gw.call(persona, 'accounts', 'updateProfile', payload);

  it('changes the name, the phone with consent, and large text', async () => {
    await me('profile-editor-1');
    const res = await update('profile-editor-1', { name: '王秀兰', phone: '13912345678', phoneConsent: true, largeText: true });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.user).toEqual(expect.objectContaining({ name: '王秀兰', phone: '13912345678', phoneMasked: '139****5678', hasPhoneConsent: true, largeText: true }));
  });

  it('derives the grid from the building of the household', async () => {
    await me('profile-editor-2');
    const res = await update('profile-editor-2', { buildingId: 'cm02-gd3-mg2-bd4', room: '2-301' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.user.home).toEqual(
      expect.objectContaining({ gridId: 'cm02-gd3', gridName: '和平新村第三网格', communityName: '和平新村社区', room: '2-301', buildingName: '24栋' }),
    );
  });

  it('refuses a phone number without consent, naming the field, and changes nothing', async () => {
    await me('profile-editor-3');
    const before = await snapshot(gw);
    const res = await update('profile-editor-3', { phone: '13912345678' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'ACCOUNT.PHONE_CONSENT_REQUIRED', message: expect.stringMatching(/同意/), field: 'payload.phoneConsent' } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('removes the phone number when consent is withdrawn', async () => {
    await me('profile-editor-4');
    await update('profile-editor-4', { phone: '13700001111', phoneConsent: true });
    const res = await update('profile-editor-4', { phoneConsent: false });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.user.phone).toBeUndefined();
    expect(res.body.data.user.hasPhoneConsent).toBe(false);
  });

  it('refuses a building that does not exist, or a node that is not a building', async () => {
    await me('profile-editor-5');
    for (const buildingId of ['no-such-building', 'cm01-gd1']) {
      const res = await update('profile-editor-5', { buildingId, room: '101' });
      expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'ACCOUNT.BUILDING_NOT_FOUND', field: 'payload.buildingId' }) });
    }
  });
});

describe('invites', () => {
  const createInvite = (persona: string, payload: unknown, requestId?: string) => gw.call(persona, 'accounts', 'createInvite', payload, requestId);
  const redeem = (persona: string, code: string) => gw.call(persona, 'accounts', 'redeemInvite', { code });

  it('lets a grid leader invite a volunteer to the grid, and the invitee become one', async () => {
    const made = await createInvite(PERSONAS.gridLeader, { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 24 });
    if (!made.body.ok) throw new Error(made.body.error.code);
    const { code, nodeName, roleLabel } = made.body.data.invite;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect([nodeName, roleLabel]).toEqual(['幸福里第一网格', '党员志愿者']);

    await me('invitee-1');
    const used = await redeem('invitee-1', code.toLowerCase());
    if (!used.body.ok) throw new Error(used.body.error.code);
    expect(used.body.data.role).toEqual(expect.objectContaining({ role: 'volunteer', nodeId: 'cm01-gd1' }));
    const profile = await me('invitee-1');
    expect(profile.body.ok && profile.body.data.user.roles.map((r: { role: string }) => r.role)).toEqual(['resident', 'volunteer']);

    // The leader hears that the code was used.
    const outbox = await gw.store.find('outbox', { template: 'invite.redeemed' });
    expect(outbox.length).toBeGreaterThanOrEqual(1);
  });

  it('cannot be redeemed twice', async () => {
    const made = await createInvite(PERSONAS.communityAdmin, { role: 'gridMember', nodeId: 'cm01-gd2' });
    if (!made.body.ok) throw new Error(made.body.error.code);
    await me('invitee-2');
    await me('invitee-3');
    expect((await redeem('invitee-2', made.body.data.invite.code)).body.ok).toBe(true);
    const before = await snapshot(gw);
    const second = await redeem('invitee-3', made.body.data.invite.code);
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVITE.ALREADY_REDEEMED', field: 'payload.code' }) });
    expect(await snapshot(gw)).toBe(before);
  });

  it('goes to exactly one of ten people redeeming it at the same moment', async () => {
    const made = await createInvite(PERSONAS.communityAdmin, { role: 'volunteer', nodeId: 'cm01-gd3' });
    if (!made.body.ok) throw new Error(made.body.error.code);
    const people = Array.from({ length: 10 }, (_, i) => `racer-${i}`);
    await Promise.all(people.map(me));
    const results = await Promise.all(people.map((p) => redeem(p, made.body.ok ? made.body.data.invite.code : '')));
    expect(results.filter((r) => r.body.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.body.ok).map((r) => !r.body.ok && r.body.error.code)).toEqual(Array(9).fill('INVITE.ALREADY_REDEEMED'));
    expect(await gw.store.count('memberships', { nodeId: 'cm01-gd3', role: 'volunteer', inviteId: { $exists: true, $ne: null } })).toBe(1);
  });

  it('cannot be redeemed after it expires; the scheduler marks it, and a second tick changes nothing', async () => {
    const made = await createInvite(PERSONAS.gridLeader, { role: 'liaison', nodeId: 'cm01-gd1-mg1', expiresInHours: 1 });
    if (!made.body.ok) throw new Error(made.body.error.code);
    const later = new Date(Date.parse(made.body.data.invite.expiresAt) + 60_000).toISOString();
    const tick = await gw.tick(later);
    expect(tick.body.ok && tick.body.data.jobs.expireInvites).toBeGreaterThanOrEqual(1);
    const again = await gw.tick(later);
    expect(again.body.ok && again.body.data.jobs.expireInvites).toBe(0);
    await me('invitee-late');
    const res = await redeem('invitee-late', made.body.data.invite.code);
    expect(res.status).toBe(409);
    expect(res.body.ok || res.body.error.code).toBe('INVITE.EXPIRED');
  });

  it('refuses a resident who tries to create an invite, and records the refusal', async () => {
    const before = await gw.store.count('invites', {});
    const res = await createInvite(PERSONAS.resident, { role: 'volunteer', nodeId: 'cm01-gd1' });
    expect(res.status).toBe(403);
    expect(res.body.ok || res.body.error.code).toBe('ACCOUNT.ROLE_NOT_GRANTABLE');
    expect(await gw.store.count('invites', {})).toBe(before);
    expect(await gw.store.count('audit', { action: 'createInvite', outcome: 'read', 'detail.denied': 'ACCOUNT.ROLE_NOT_GRANTABLE' })).toBeGreaterThanOrEqual(1);
  });

  it('stops a grid leader at the edge of the grid', async () => {
    const res = await createInvite(PERSONAS.gridLeader, { role: 'volunteer', nodeId: 'cm01-gd2' });
    expect(res.status).toBe(403);
  });

  it('makes one invite for a double tap (same requestId)', async () => {
    const before = await gw.store.count('invites', {});
    const a = await createInvite(PERSONAS.gridLeader, { role: 'volunteer', nodeId: 'cm01-gd1' }, 'double-tap-0001');
    const b = await createInvite(PERSONAS.gridLeader, { role: 'volunteer', nodeId: 'cm01-gd1' }, 'double-tap-0001');
    expect(a.body).toEqual(b.body);
    expect(await gw.store.count('invites', {})).toBe(before + 1);
  });
});

describe('accounts.listMembers and revealContact', () => {
  it('lists the role holders of a grid for its leader, phones masked', async () => {
    const res = await gw.call(PERSONAS.gridLeader, 'accounts', 'listMembers', { nodeId: 'cm01-gd1', kind: 'roles', limit: 50 });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.total).toBeGreaterThanOrEqual(5);
    for (const m of res.body.data.members) if (m.phoneMasked) expect(m.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(JSON.stringify(res.body.data)).not.toMatch(/1[3-9]\d{9}/);
  });

  it('offers the grid leader 代办 for each resident of the grid, as an allowed action', async () => {
    const res = await gw.call(PERSONAS.gridLeader, 'accounts', 'listMembers', { nodeId: 'cm01-gd1', kind: 'residents', limit: 10 });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.members.length).toBeGreaterThan(0);
    for (const m of res.body.data.members) expect(m.allowedActions).toEqual(['postOnBehalf']);
  });

  it('pages through the residents of a community for its admin', async () => {
    const page1 = await gw.call(PERSONAS.communityAdmin, 'accounts', 'listMembers', { nodeId: 'cm01', kind: 'residents', offset: 0, limit: 20 });
    const page2 = await gw.call(PERSONAS.communityAdmin, 'accounts', 'listMembers', { nodeId: 'cm01', kind: 'residents', offset: 20, limit: 20 });
    if (!page1.body.ok || !page2.body.ok) throw new Error('listing failed');
    expect(page1.body.data.members).toHaveLength(20);
    expect(page1.body.data.total).toBeGreaterThan(40);
    const ids1 = page1.body.data.members.map((m: { userId: string }) => m.userId);
    const ids2 = page2.body.data.members.map((m: { userId: string }) => m.userId);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
  });

  it('refuses residents, volunteers and leaders of other places', async () => {
    for (const [persona, nodeId] of [
      [PERSONAS.resident, 'cm01-gd1'],
      [PERSONAS.volunteer, 'cm01-gd1'],
      [PERSONAS.gridLeader, 'cm01'],
      [PERSONAS.communityAdmin, 'cm02'],
    ] as const) {
      const res = await gw.call(persona, 'accounts', 'listMembers', { nodeId });
      expect([persona, res.status]).toEqual([persona, 403]);
    }
  });

  it('reveals a resident’s phone to the leader of her grid and records who, when and why', async () => {
    const resident = await me(PERSONAS.resident);
    if (!resident.body.ok) throw new Error('me failed');
    const res = await gw.call(PERSONAS.gridLeader, 'accounts', 'revealContact', { userId: resident.body.data.user.id, reason: '上门维修前电话确认' });
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.phone).toBe(resident.body.data.user.phone);
    const audit = await gw.store.find('audit', { action: 'revealContact', subjectId: resident.body.data.user.id });
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audit)).not.toContain(resident.body.data.user.phone);
  });

  it('does not reveal a phone to a volunteer', async () => {
    const resident = await me(PERSONAS.resident);
    if (!resident.body.ok) throw new Error('me failed');
    const res = await gw.call(PERSONAS.volunteer, 'accounts', 'revealContact', { userId: resident.body.data.user.id, reason: '想联系' });
    expect(res.status).toBe(403);
  });
});

describe('accounts.tree and personas', () => {
  it('returns the whole territory top-down, stations last', async () => {
    const res = await gw.call(PERSONAS.resident, 'accounts', 'tree', {});
    if (!res.body.ok) throw new Error(res.body.error.code);
    const kinds = res.body.data.nodes.map((n: { kind: string }) => n.kind);
    expect(kinds.filter((k: string) => k === 'street')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'community')).toHaveLength(2);
    expect(kinds.filter((k: string) => k === 'settlement')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'grid')).toHaveLength(7);
    expect(kinds.filter((k: string) => k === 'station')).toHaveLength(2);
    expect(kinds[0]).toBe('street');
    expect(kinds[kinds.length - 1]).toBe('station');
  });

  it('lists the demo personas for the local switcher', async () => {
    const res = await gw.call(PERSONAS.resident, 'accounts', 'personas', {});
    if (!res.body.ok) throw new Error(res.body.error.code);
    expect(res.body.data.personas.map((p: { openid: string }) => p.openid)).toEqual(Object.values(PERSONAS));
  });
});
