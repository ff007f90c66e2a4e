import fc from 'fast-check';
import { api } from '../../../shared/api/contract';
import { PERSONAS, snapshot, startTestGateway, type TestGateway } from '../../helpers/local-gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
});

/** Malformed input for every accounts action, and the field the error must name. */
const MALFORMED: ReadonlyArray<readonly [action: string, payload: unknown, field: string]> = [
  ['me', { extra: 1 }, 'payload'],
  ['updateProfile', {}, 'payload'],
  ['updateProfile', { name: '' }, 'payload.name'],
  ['updateProfile', { name: 'x'.repeat(21) }, 'payload.name'],
  ['updateProfile', { name: '<script>alert(1)</script>' }, 'payload.name'],
  ['updateProfile', { phone: '12345' }, 'payload.phone'],
  ['updateProfile', { phone: 13812345678 }, 'payload.phone'],
  ['updateProfile', { phone: '13812345678', phoneConsent: 'yes' }, 'payload.phoneConsent'],
  ['updateProfile', { buildingId: '../../etc/passwd', room: '101' }, 'payload.buildingId'],
  ['updateProfile', { buildingId: 'cm01-gd1-mg1-bd1', room: '1; DROP TABLE users' }, 'payload.room'],
  ['updateProfile', { largeText: 'true' }, 'payload.largeText'],
  ['updateProfile', { isAdmin: true }, 'payload'],
  ['createInvite', { role: 'god', nodeId: 'cm01-gd1' }, 'payload.role'],
  ['createInvite', { role: 'volunteer' }, 'payload.nodeId'],
  ['createInvite', { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 0 }, 'payload.expiresInHours'],
  ['createInvite', { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 10_000 }, 'payload.expiresInHours'],
  ['createInvite', { role: 'volunteer', nodeId: 'cm01-gd1', expiresInHours: 1.5 }, 'payload.expiresInHours'],
  ['redeemInvite', {}, 'payload.code'],
  ['redeemInvite', { code: 'O0O0O0O0' }, 'payload.code'],
  ['redeemInvite', { code: { $ne: null } }, 'payload.code'],
  ['listMembers', { nodeId: 'cm01', limit: 51 }, 'payload.limit'],
  ['listMembers', { nodeId: 'cm01', offset: -1 }, 'payload.offset'],
  ['listMembers', { nodeId: 'cm01', kind: 'everyone' }, 'payload.kind'],
  ['listMembers', { nodeId: { $gt: '' } }, 'payload.nodeId'],
  ['revealContact', { userId: 'usr-0004' }, 'payload.reason'],
  ['revealContact', { userId: 'usr-0004', reason: 'x'.repeat(101) }, 'payload.reason'],
  ['tree', { depth: 3 }, 'payload'],
  ['inbox', { limit: 100 }, 'payload.limit'],
  ['personas', [], 'payload'],
  ['startWebLogin', { userAgent: 'x'.repeat(513) }, 'payload.userAgent'],
  ['startWebLogin', { userId: 'usr-0001' }, 'payload'],
  ['confirmWebLogin', {}, 'payload.scene'],
  ['confirmWebLogin', { scene: 'x'.repeat(33) }, 'payload.scene'],
  ['confirmWebLogin', { scene: 'w:abc <script>' }, 'payload.scene'],
  ['confirmWebLogin', { ticketId: '0123456789abcdef' }, 'payload.scene'],
  ['pollWebLogin', { ticketId: '0123456789abcdef' }, 'payload.secret'],
  ['pollWebLogin', { ticketId: { $ne: null }, secret: 'hlwlt_' + '0'.repeat(32) }, 'payload.ticketId'],
  ['pollWebLogin', { ticketId: '0123456789abcdef', secret: 'hlweb_' + '0'.repeat(32) }, 'payload.secret'],
  ['listWebSessions', { userId: 'usr-0001' }, 'payload'],
  ['revokeWebSession', {}, 'payload.sessionId'],
  ['revokeWebSession', { sessionId: '../../etc/passwd' }, 'payload.sessionId'],
];

describe('every accounts action refuses malformed input with a field-level error and changes nothing', () => {
  it.each(MALFORMED)('%s %j → %s', async (action, payload, field) => {
    const before = await snapshot(gw);
    const res = await gw.call(PERSONAS.streetAdmin, 'accounts', action, payload);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ ok: false, error: { code: 'COMMON.INVALID_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), field } });
    expect(await snapshot(gw)).toBe(before);
  });

  it('covers every action of the contract', () => {
    expect(new Set(MALFORMED.map(([a]) => a))).toEqual(new Set(Object.keys(api.accounts)));
  });
});

describe('the gateway refuses hostile requests without a 500', () => {
  it('refuses a body over 1 MB with 413', async () => {
    const res = await gw.post('/api/accounts', JSON.stringify({ action: 'me', payload: { pad: 'x'.repeat(1024 * 1024 + 10) } }), { 'x-honglin-persona': PERSONAS.resident });
    expect(res.status).toBe(413);
    expect(res.body.ok || res.body.error.code).toBe('COMMON.BODY_TOO_LARGE');
  });

  it('refuses broken JSON, a missing action, an unknown action and an unknown function', async () => {
    const h = { 'x-honglin-persona': PERSONAS.resident };
    expect((await gw.post('/api/accounts', '{"action": "me",', h)).status).toBe(400);
    expect((await gw.post('/api/accounts', { payload: {} }, h)).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'action' }) });
    expect((await gw.post('/api/accounts', { action: 'dropDatabase' }, h)).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.UNKNOWN_ACTION' }) });
    expect((await gw.post('/api/accounts', { action: '__proto__' }, h)).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.UNKNOWN_ACTION' }) });
    expect((await gw.post('/api/accounts', { action: 'constructor' }, h)).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.UNKNOWN_ACTION' }) });
    expect((await gw.post('/api/nothing-here', { action: 'me' }, h)).status).toBe(404);
  });

  it('refuses a persona header that is not an openid', async () => {
    const res = await gw.post('/api/accounts', { action: 'me' }, { 'x-honglin-persona': "x' OR 1=1 --" });
    expect(res.status).toBe(401);
  });

  it('answers random bodies from random people with an envelope and never a 5xx (property)', async () => {
    const actions = [...Object.keys(api.accounts), 'nope'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(PERSONAS.resident, PERSONAS.gridLeader, 'fuzz-person'),
        async (action, payload, persona) => {
          const res = await gw.call(persona, 'accounts', action, payload);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.ok).toBe('boolean');
          if (!res.body.ok) expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
