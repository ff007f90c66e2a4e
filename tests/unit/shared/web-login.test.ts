import fc from 'fast-check';
import { authorizeAccounts } from '../../../shared/accounts/accounts.policy';
import {
  confirmRefusal,
  deviceLabel,
  newSessionToken,
  newTicketId,
  newTicketSecret,
  pollState,
  SESSION_TOKEN_PATTERN,
  sessionEndsAt,
  sessionRefusal,
  TICKET_ID_PATTERN,
  TICKET_SECRET_PATTERN,
  ticketExpiry,
  ticketIdOf,
  ticketPayload,
  touchDue,
} from '../../../shared/accounts/web-login';
import { ACTORS, EVERYONE } from './actors.fixture';

const T0 = '2026-11-23T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('who may sign in on a PC (accounts.confirmWebLogin)', () => {
  const ALLOWED = ['gridLeader@G1', 'gridLeader@G3', 'communityAdmin@C1', 'communityAdmin@C2', 'streetAdmin@S'];
  it.each(EVERYONE)('%s', (who) => {
    const decision = authorizeAccounts(ACTORS[who]!, { action: 'confirmWebLogin' });
    expect(decision).toEqual(ALLOWED.includes(who) ? { allow: true } : { allow: false, code: 'ACCOUNTS.WEB_LOGIN_NOT_ALLOWED' });
  });
});

describe('whose web sessions one may list and end', () => {
  it.each(EVERYONE)('%s lists their own and ends only their own', (who) => {
    const actor = ACTORS[who]!;
    expect(authorizeAccounts(actor, { action: 'listWebSessions' })).toEqual({ allow: true });
    expect(authorizeAccounts(actor, { action: 'revokeWebSession', session: { userId: actor.user._id } })).toEqual({ allow: true });
    expect(authorizeAccounts(actor, { action: 'revokeWebSession', session: { userId: 'someone-else' } })).toEqual({ allow: false, code: 'ACCOUNTS.SESSION_NOT_FOUND' });
  });
});

describe('tickets', () => {
  it('makes ids, secrets and tokens of the expected shape from any random integers', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 32, maxLength: 32 }), (ints) => {
        expect(newTicketId(ints)).toMatch(TICKET_ID_PATTERN);
        expect(newTicketSecret(ints)).toMatch(TICKET_SECRET_PATTERN);
        expect(newSessionToken(ints)).toMatch(SESSION_TOKEN_PATTERN);
        expect(ticketIdOf(ticketPayload(newTicketId(ints)))).toBe(newTicketId(ints));
        expect(ticketPayload(newTicketId(ints)).length).toBeLessThanOrEqual(20);
      }),
    );
  });

  it('reads only login payloads', () => {
    expect(ticketIdOf('s:cm01-sta1')).toBeNull();
    expect(ticketIdOf('w:short')).toBeNull();
    expect(ticketIdOf('w:0123456789abcdeI')).toBeNull();
  });

  it('may be confirmed while pending and fresh; used beats expired', () => {
    const pending = { state: 'pending' as const, expiresAt: ticketExpiry(T0) };
    expect(confirmRefusal(pending, at(1))).toBeNull();
    expect(confirmRefusal(pending, at(2))).toBe('ACCOUNTS.LOGIN_TICKET_EXPIRED');
    expect(confirmRefusal({ ...pending, state: 'confirmed' }, at(1))).toBe('ACCOUNTS.LOGIN_TICKET_USED');
    expect(confirmRefusal({ ...pending, state: 'consumed' }, at(5))).toBe('ACCOUNTS.LOGIN_TICKET_USED');
    expect(confirmRefusal(null, at(0))).toBe('ACCOUNTS.LOGIN_TICKET_NOT_FOUND');
  });

  it('tells the PC to wait, to show a new code, to collect its session, or that it was collected', () => {
    const t = { state: 'pending' as const, expiresAt: ticketExpiry(T0), confirmedAt: null };
    expect(pollState(t, at(1))).toBe('pending');
    expect(pollState(t, at(2))).toBe('expired');
    expect(pollState({ ...t, state: 'confirmed', confirmedAt: at(1) }, at(2.5))).toBe('collect');
    expect(pollState({ ...t, state: 'confirmed', confirmedAt: at(1) }, at(3))).toBe('expired');
    expect(pollState({ ...t, state: 'consumed', confirmedAt: at(1) }, at(1.5))).toBe('used');
  });
});

describe('sessions', () => {
  const live = { createdAt: T0, lastUsedAt: T0, revokedAt: null };
  it('end 12 hours after the last recorded use, and 7 days after the sign-in at the latest', () => {
    expect(sessionEndsAt(live)).toBe(at(12 * 60));
    expect(sessionEndsAt({ ...live, lastUsedAt: at(7 * 24 * 60 - 60) })).toBe(at(7 * 24 * 60));
    expect(sessionRefusal(live, at(12 * 60 - 1))).toBeNull();
    expect(sessionRefusal(live, at(12 * 60))).toBe('ACCOUNTS.SESSION_EXPIRED');
  });

  it('refuse unknown before revoked before expired', () => {
    expect(sessionRefusal(null, T0)).toBe('ACCOUNTS.SESSION_UNKNOWN');
    expect(sessionRefusal({ ...live, revokedAt: T0 }, at(13 * 60))).toBe('ACCOUNTS.SESSION_REVOKED');
  });

  it('record their use at most every ten minutes', () => {
    expect(touchDue(null, T0)).toBe(true);
    expect(touchDue(T0, at(9))).toBe(false);
    expect(touchDue(T0, at(10))).toBe(true);
  });
});

describe('the PC as its person sees it listed', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome · Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge · Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari · Mac'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox · Linux'],
    [undefined, '浏览器'],
  ])('%s → %s', (ua, label) => {
    expect(deviceLabel(ua)).toBe(label);
  });
});
