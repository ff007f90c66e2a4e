import { createHash } from 'node:crypto';
import type { Doc } from '../../../cloudfunctions/_core/ports/store';
import { WEB_DENIED } from '../../../shared/accounts/web-login';
import { api } from '../../../shared/api/contract';
import { PERSONAS, snapshot, startTestGateway, type CallResult, type TestGateway } from '../../helpers/local-gateway';
import { later, MORNING } from '../../helpers/orders';

/**
 * 扫码登录: a leader signs in on a PC by scanning its code with the mini-program. Through the real
 * local gateway over SQLite: the PC's calls carry no persona at all (as through the CloudBase web
 * SDK), the phone's carry the leader's persona (as WeChat's OPENID).
 */

let gw: TestGateway;
let now = MORNING;
beforeEach(async () => {
  gw = await startTestGateway();
  now = MORNING;
  await gw.tick(now);
});
afterEach(async () => {
  await gw.stop();
});

const ok = <T = any>(res: CallResult<T>, what: string): T => {
  if (!res.body.ok) throw new Error(`${what}: ${res.body.error.code} ${res.body.error.field ?? ''}`);
  return res.body.data;
};
const refused = (res: CallResult, code: string, field?: string) => {
  expect(res.body).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/), ...(field ? { field } : {}) } });
};
/** Moves the local clock (and runs the scheduler at that instant, as the gateway's tick does). */
const wait = async (minutes: number) => {
  now = later(now, minutes);
  await gw.tick(now);
};

/** The PC: no persona, only what the envelope carries. */
const pc = (action: string, payload: unknown, extra: Record<string, unknown> = {}) => gw.post('/api/accounts', { action, payload, ...extra });
const withSession = (token: string, fn: string, action: string, payload: unknown = {}) => gw.post(`/api/${fn}`, { action, payload, session: token });

const start = async () =>
  ok<{ ticketId: string; secret: string; scene: string; imageDataUrl: string; expiresAt: string }>(await pc('startWebLogin', { userAgent: CHROME_ON_WINDOWS }), 'start');
const confirm = (persona: string, scene: string) => gw.call(persona, 'accounts', 'confirmWebLogin', { scene });
const poll = (t: { ticketId: string; secret: string }) => pc('pollWebLogin', { ticketId: t.ticketId, secret: t.secret });

const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function signIn(persona: string = PERSONAS.gridLeader) {
  const ticket = await start();
  ok(await confirm(persona, ticket.scene), 'confirm');
  const answer = ok(await poll(ticket), 'poll');
  return { ticket, token: answer.token as string, session: answer.session as { id: string } };
}

describe('the whole flow: start → confirm on the phone → poll → calls as the leader', () => {
  it('gives the PC a code, the leader confirms it, the PC gets a session once and acts as the leader', async () => {
    const ticket = await start();
    expect(ticket.ticketId).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
    expect(ticket.secret).toMatch(/^hlwlt_[0-9a-hjkmnp-tv-z]{32}$/);
    expect(ticket.imageDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(ticket.scene.length).toBeLessThanOrEqual(32);
    expect(Date.parse(ticket.expiresAt) - Date.parse(now)).toBe(2 * 60_000);

    const stored = await gw.store.get<Doc & { secretHash: string; label: string; state: string }>('web_login_tickets', ticket.ticketId);
    expect(stored).toMatchObject({ secretHash: sha256(ticket.secret), label: 'Chrome · Windows', state: 'pending' });
    expect(await snapshot(gw)).not.toContain(ticket.secret);

    expect(ok(await poll(ticket), 'poll before the scan')).toEqual({ status: 'pending', token: null, session: null, user: null });

    expect(ok(await confirm(PERSONAS.gridLeader, ticket.scene), 'confirm')).toEqual({ label: 'Chrome · Windows', confirmedAt: now });

    const got = ok(await poll(ticket), 'poll after the scan');
    expect(got).toMatchObject({ status: 'confirmed', token: expect.stringMatching(/^hlweb_[0-9a-hjkmnp-tv-z]{32}$/), user: { name: '李建国' } });
    expect(got.session).toMatchObject({ label: 'Chrome · Windows', createdAt: now, current: true });
    expect(await snapshot(gw)).not.toContain(got.token);
    const session = await gw.store.get<Doc & { hash: string }>('web_sessions', got.session.id);
    expect(session?.hash).toBe(sha256(got.token));

    // The token is answered once: the ticket is consumed.
    refused(await poll(ticket), 'ACCOUNTS.LOGIN_TICKET_USED', 'payload.ticketId');

    // The session acts as the leader: the same profile, the same authorization as from WeChat.
    const asWeb = ok(await withSession(got.token, 'accounts', 'me'), 'me with the session');
    const asPhone = ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'me', {}), 'me from the phone');
    expect(asWeb.user).toEqual(asPhone.user);
    const queue = { view: 'queue', nodeId: 'cm01-gd1' };
    expect(ok(await withSession(got.token, 'orders', 'list', queue), 'queue on the PC')).toEqual(
      ok(await gw.call(PERSONAS.gridLeader, 'orders', 'list', queue), 'queue on the phone'),
    );
    // …and not beyond it: a grid leader's session lists no street's members.
    refused(await withSession(got.token, 'accounts', 'listMembers', { nodeId: 'st01' }), 'COMMON.FORBIDDEN');
  });

  it('audits the start, the confirmation, the session and its end, without secrets', async () => {
    const { ticket, token, session } = await signIn();
    ok(await withSession(token, 'accounts', 'revokeWebSession', { sessionId: session.id }), 'logout');
    const rows = gw.store.db.prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.subjectId') IN (?, ?)").all(ticket.ticketId, session.id) as { doc: string }[];
    const events = rows.map((r) => (JSON.parse(r.doc) as { detail?: { event?: string } }).detail?.event);
    expect(events).toEqual(expect.arrayContaining(['accounts.startWebLogin', 'accounts.confirmWebLogin', 'accounts.webSessionStarted', 'accounts.revokeWebSession']));
    const all = rows.map((r) => r.doc).join('\n');
    expect(all).not.toContain(ticket.secret);
    expect(all).not.toContain(token);
  });
});

describe('who may confirm, and which tickets', () => {
  it('refuses a resident, with a clear message, and the ticket stays open for a leader', async () => {
    const ticket = await start();
    const res = await confirm(PERSONAS.resident, ticket.scene);
    expect(res.status).toBe(403);
    refused(res, 'ACCOUNTS.WEB_LOGIN_NOT_ALLOWED');
    expect(ok(await poll(ticket), 'poll').status).toBe('pending');
    ok(await confirm(PERSONAS.communityAdmin, ticket.scene), 'a community admin confirms');
  });

  it('refuses an expired ticket, and the PC sees it expired', async () => {
    const ticket = await start();
    await wait(3);
    refused(await confirm(PERSONAS.gridLeader, ticket.scene), 'ACCOUNTS.LOGIN_TICKET_EXPIRED', 'payload.scene');
    expect(ok(await poll(ticket), 'poll').status).toBe('expired');
  });

  it('refuses a ticket already confirmed or used', async () => {
    const ticket = await start();
    ok(await confirm(PERSONAS.gridLeader, ticket.scene), 'confirm');
    refused(await confirm(PERSONAS.streetAdmin, ticket.scene), 'ACCOUNTS.LOGIN_TICKET_USED', 'payload.scene');
    ok(await poll(ticket), 'poll');
    refused(await confirm(PERSONAS.gridLeader, ticket.scene), 'ACCOUNTS.LOGIN_TICKET_USED', 'payload.scene');
  });

  it('refuses a forged or altered code as not found', async () => {
    const ticket = await start();
    const forged = `w:${ticket.ticketId}.AAAAAAAAAAA`;
    refused(await confirm(PERSONAS.gridLeader, forged), 'ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'payload.scene');
    const stationCode = ok(await gw.call(PERSONAS.gridLeader, 'stations', 'permanentCode', { stationId: 'cm01-sta1' }), 'permanentCode').scene as string;
    refused(await confirm(PERSONAS.gridLeader, stationCode), 'ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'payload.scene');
  });

  it('answers a wrong secret like an unknown ticket, and gives nothing away', async () => {
    const ticket = await start();
    ok(await confirm(PERSONAS.gridLeader, ticket.scene), 'confirm');
    const other = await start();
    refused(await poll({ ticketId: ticket.ticketId, secret: other.secret }), 'ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'payload.ticketId');
    refused(await poll({ ticketId: 'zzzzzzzzzzzzzzzz', secret: ticket.secret }), 'ACCOUNTS.LOGIN_TICKET_NOT_FOUND', 'payload.ticketId');
    // The right secret still collects it.
    expect(ok(await poll(ticket), 'poll').status).toBe('confirmed');
  });

  it('lets a confirmed ticket be collected for two minutes only', async () => {
    const ticket = await start();
    ok(await confirm(PERSONAS.gridLeader, ticket.scene), 'confirm');
    await wait(3);
    expect(ok(await poll(ticket), 'poll').status).toBe('expired');
  });

  it('gives one session when two polls arrive at once', async () => {
    const ticket = await start();
    ok(await confirm(PERSONAS.gridLeader, ticket.scene), 'confirm');
    const answers = await Promise.all([poll(ticket), poll(ticket), poll(ticket)]);
    expect(answers.filter((a) => a.body.ok).length).toBe(1);
    expect(await gw.store.count('web_sessions', {})).toBe(1);
  });

  it('caps the codes started in a minute over the whole service', async () => {
    ok(await pc('startWebLogin', {}), 'the first start');
    // 59 more PCs asked within the same minute (written as startWebLogin writes them, to keep the test quick).
    const earlier = (await gw.store.find<Record<string, unknown> & { _id: string }>('web_login_tickets', {}, { limit: 1 }))[0]!;
    for (let i = 0; i < 59; i++) await gw.store.insert('web_login_tickets', { ...earlier, _id: `${i}`.padStart(16, 'x') });
    refused(await pc('startWebLogin', {}), 'COMMON.RATE_LIMITED');
    await wait(2);
    ok(await pc('startWebLogin', {}), 'a minute later');
  });
});

describe('sessions end', () => {
  it('refuses a revoked session at once, from the phone’s list or from the PC', async () => {
    const a = await signIn();
    const listed = ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'listWebSessions', {}), 'list');
    expect(listed.sessions).toEqual([expect.objectContaining({ id: a.session.id, label: 'Chrome · Windows', current: false })]);
    expect(JSON.stringify(listed)).not.toMatch(/hash|hlweb_/);
    ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'revokeWebSession', { sessionId: a.session.id }), 'revoke from the phone');
    const res = await withSession(a.token, 'accounts', 'me');
    expect(res.status).toBe(401);
    refused(res, 'ACCOUNTS.SESSION_REVOKED', 'session');
    expect(ok(await gw.call(PERSONAS.gridLeader, 'accounts', 'listWebSessions', {}), 'list').sessions).toEqual([]);

    const b = await signIn();
    expect(ok(await withSession(b.token, 'accounts', 'listWebSessions'), 'list on the PC').sessions).toEqual([expect.objectContaining({ id: b.session.id, current: true })]);
    ok(await withSession(b.token, 'accounts', 'revokeWebSession', { sessionId: b.session.id }), '退出登录 on the PC');
    refused(await withSession(b.token, 'orders', 'home'), 'ACCOUNTS.SESSION_REVOKED', 'session');
  });

  it('never lets one person end another’s session', async () => {
    const a = await signIn();
    refused(await gw.call(PERSONAS.communityAdmin, 'accounts', 'revokeWebSession', { sessionId: a.session.id }), 'ACCOUNTS.SESSION_NOT_FOUND');
    ok(await withSession(a.token, 'accounts', 'me'), 'still signed in');
  });

  it('expires after 12 hours without a call, and after 7 days whatever the use', async () => {
    const idle = await signIn();
    await wait(11 * 60);
    ok(await withSession(idle.token, 'accounts', 'me'), 'used after 11 hours');
    await wait(11 * 60);
    ok(await withSession(idle.token, 'accounts', 'me'), 'used 11 hours after that');
    await wait(12 * 60 + 1);
    refused(await withSession(idle.token, 'accounts', 'me'), 'ACCOUNTS.SESSION_EXPIRED', 'session');

    const busy = await signIn();
    const signedInAt = now;
    while (Date.parse(later(now, 10 * 60)) - Date.parse(signedInAt) < 7 * 24 * 3600_000) {
      await wait(10 * 60);
      ok(await withSession(busy.token, 'accounts', 'me'), `used at ${now}`);
    }
    await wait(10 * 60);
    refused(await withSession(busy.token, 'accounts', 'me'), 'ACCOUNTS.SESSION_EXPIRED', 'session');
  }, 30_000);

  it('writes the last use at most every ten minutes', async () => {
    const s = await signIn();
    const lastUsed = async () => (await gw.store.get<Doc & { lastUsedAt: string }>('web_sessions', s.session.id))!.lastUsedAt;
    const signedIn = await lastUsed();
    await wait(5);
    ok(await withSession(s.token, 'accounts', 'me'), 'me');
    expect(await lastUsed()).toBe(signedIn);
    await wait(6);
    ok(await withSession(s.token, 'accounts', 'me'), 'me');
    expect(await lastUsed()).toBe(now);
  });

  it('refuses an unknown or malformed session without reading anyone', async () => {
    refused(await withSession('hlweb_' + '0'.repeat(32), 'accounts', 'me'), 'ACCOUNTS.SESSION_UNKNOWN', 'session');
    refused(await withSession('not-a-token-at-all', 'accounts', 'me'), 'ACCOUNTS.SESSION_UNKNOWN', 'session');
    expect((await gw.post('/api/accounts', { action: 'me', session: "x' OR 1=1" })).body).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'COMMON.INVALID_INPUT', field: 'session' }),
    });
  });
});

describe('what a web session may not do', () => {
  it('names only actions that exist', () => {
    for (const name of Object.keys(WEB_DENIED)) {
      const [fn, action] = name.split('.') as [string, string];
      expect((api as Record<string, Record<string, unknown>>)[fn]?.[action]).toBeDefined();
    }
  });

  it.each(Object.keys(WEB_DENIED))('refuses %s from the web, and it works from WeChat', async (name) => {
    const { token } = await signIn();
    const [fn, action] = name.split('.') as [string, string];
    const before = await snapshot(gw);
    const res = await withSession(token, fn, action, {});
    expect(res.status).toBe(403);
    refused(res, 'ACCOUNTS.NOT_ON_WEB');
    expect(await snapshot(gw)).toBe(before);
  });

  it('does not let a web session confirm another PC', async () => {
    const { token } = await signIn();
    const ticket = await start();
    refused(await withSession(token, 'accounts', 'confirmWebLogin', { scene: ticket.scene }), 'ACCOUNTS.NOT_ON_WEB');
    expect(ok(await poll(ticket), 'poll').status).toBe('pending');
  });

  it('still serves a call from WeChat without any session exactly as before', async () => {
    expect((await gw.post('/api/accounts', { action: 'me' })).body).toEqual({ ok: false, error: expect.objectContaining({ code: 'COMMON.UNAUTHENTICATED' }) });
    expect(ok(await gw.call(PERSONAS.gridLeader, 'stations', 'myCode', {}), 'myCode from WeChat').scene).toEqual(expect.any(String));
  });
});
