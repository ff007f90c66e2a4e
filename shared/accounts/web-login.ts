// Registers the messages of the ACCOUNTS.* codes these rules refuse with.
import './accounts.errors';
import type { Membership } from './accounts.schema';
import { LEADER_ROLES, PLACE_ADMIN_ROLES, type GrantedRole } from './roles';
import type { WebLoginTicket, WebSession } from './web-login.schema';
import { BASE32_CLASS, newSecret, randomText, SECRET_LENGTH, secretPattern } from '../kernel/secret';

/**
 * 扫码登录: a leader signs in on a PC (the hosted H5 build) by scanning a code with the mini-program.
 *
 * 1. The PC asks for a login ticket (`accounts.startWebLogin`, no login needed): a random secret,
 *    shown to the PC once and stored only as its SHA-256, and a mini-program code whose signed scene
 *    names the ticket. The ticket may be confirmed for TICKET_TTL_MS.
 * 2. The leader scans it with the mini-program and confirms (`accounts.confirmWebLogin`): the ticket
 *    is bound to the caller, as WeChat identifies them.
 * 3. The PC polls with the ticket's secret (`accounts.pollWebLogin`); once confirmed, it gets a web
 *    session token, once, and the ticket is consumed. Only the token's SHA-256 is stored.
 * 4. A call with `session` in the envelope acts as that person: the pipeline loads them exactly as
 *    for a call from WeChat, so every action's own authorization applies; WEB_DENIED actions are
 *    refused. The person sees their web sessions under 我的 → 电脑登录 and may end each.
 */

/** A ticket id: 16 base32 characters (80 random bits), short enough for a mini-program code's scene. */
export const TICKET_ID_LENGTH = 16;
export const TICKET_ID_PATTERN = new RegExp(`^${BASE32_CLASS}{${TICKET_ID_LENGTH}}$`);
/** Secrets and tokens: a prefix and 32 base32 characters (shared/kernel/secret.ts). */
export { SECRET_LENGTH };
export const TICKET_SECRET_PREFIX = 'hlwlt_';
export const SESSION_PREFIX = 'hlweb_';
export const TICKET_SECRET_PATTERN = secretPattern(TICKET_SECRET_PREFIX);
export const SESSION_TOKEN_PATTERN = secretPattern(SESSION_PREFIX);

/** A ticket may be confirmed for two minutes after it was made (the PC shows a new code then). */
export const TICKET_TTL_MS = 2 * 60_000;
/** A confirmed ticket must be collected by the PC within two minutes of the confirmation. */
export const COLLECT_WITHIN_MS = 2 * 60_000;
/** Tickets started per minute, over the whole service: a start needs no login, so this bounds what anyone can make. */
export const STARTS_PER_MINUTE = 60;

/**
 * A web session ends after 12 hours without a call (measured from `lastUsedAt`, which is written at
 * most every TOUCH_EVERY_MS, so up to ten minutes earlier than the last call) or 7 days after the
 * sign-in, whichever comes first; the person or the PC may end it before.
 */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** How often a session's `lastUsedAt` is written. */
export const TOUCH_EVERY_MS = 10 * 60_000;

/** The page a login code opens in the mini-program. */
export const WEB_LOGIN_PAGE = 'packages/accounts/web-login/index';

/** The roles that may sign in on the web: those who lead a place (the PC views are theirs). */
export const WEB_LOGIN_ROLES: readonly GrantedRole[] = [...new Set<GrantedRole>([...LEADER_ROLES, ...PLACE_ADMIN_ROLES])];

/** May this person sign in on the web? At least one leader or admin role. */
export const mayLogInOnWeb = (memberships: readonly Pick<Membership, 'role'>[]): boolean => memberships.some((m) => WEB_LOGIN_ROLES.includes(m.role));

/**
 * Actions a web session never runs (`<function>.<action>`): they need the phone in the person's hand
 * or their WeChat identity itself. Everything else runs under the action's own authorization.
 */
export const WEB_DENIED: Readonly<Record<string, string>> = {
  'accounts.confirmWebLogin': 'a web session never opens another: the phone confirms',
  'stations.checkIn': 'duty starts by scanning the station screen with the phone, on the spot',
  'stations.checkOut': 'duty ends by scanning the station screen with the phone, on the spot',
  'councils.signIn': 'a meeting is signed in by scanning its screen with the phone, in the room',
  'stations.myCode': "a person's own code is shown on their phone, to be scanned there",
  'privacy.deleteAccount': 'an account is deleted by its owner on their own phone, never from a signed-in PC',
};

export const deniedOnWeb = (fn: string, action: string): boolean => Object.prototype.hasOwnProperty.call(WEB_DENIED, `${fn}.${action}`);

export const newTicketId = (randomInts: readonly number[]): string => randomText(randomInts, TICKET_ID_LENGTH);
export const newTicketSecret = (randomInts: readonly number[]): string => newSecret(TICKET_SECRET_PREFIX, randomInts);
export const newSessionToken = (randomInts: readonly number[]): string => newSecret(SESSION_PREFIX, randomInts);

/** What a login code says before its signature: `w:<ticketId>` (18 characters, within the 20 a signed scene allows). */
export const ticketPayload = (ticketId: string): string => `w:${ticketId}`;

/** The ticket id of a verified payload, or null when it is not a login code. */
export function ticketIdOf(payload: string): string | null {
  const m = /^w:(.+)$/.exec(payload);
  return m && TICKET_ID_PATTERN.test(m[1]!) ? m[1]! : null;
}

const plus = (instant: string, ms: number): string => new Date(Date.parse(instant) + ms).toISOString();

/** When a ticket made at `now` stops being confirmable. */
export const ticketExpiry = (now: string): string => plus(now, TICKET_TTL_MS);

/** Why a ticket may not be confirmed now, or null when it may. Used beats expired. */
export function confirmRefusal(ticket: Pick<WebLoginTicket, 'state' | 'expiresAt'> | null, now: string) {
  if (!ticket) return 'ACCOUNTS.LOGIN_TICKET_NOT_FOUND' as const;
  if (ticket.state !== 'pending') return 'ACCOUNTS.LOGIN_TICKET_USED' as const;
  return now >= ticket.expiresAt ? ('ACCOUNTS.LOGIN_TICKET_EXPIRED' as const) : null;
}

/** What the PC's poll finds: still waiting, too late (show a new code), ready to collect, or already collected. */
export function pollState(ticket: Pick<WebLoginTicket, 'state' | 'expiresAt' | 'confirmedAt'>, now: string): 'pending' | 'expired' | 'collect' | 'used' {
  if (ticket.state === 'consumed') return 'used';
  if (ticket.state === 'confirmed') return ticket.confirmedAt && now < plus(ticket.confirmedAt, COLLECT_WITHIN_MS) ? 'collect' : 'expired';
  return now >= ticket.expiresAt ? 'expired' : 'pending';
}

/** When a session stops, if nothing ends it before: 12 hours after its last recorded use, at most 7 days after the sign-in. */
export function sessionEndsAt(session: Pick<WebSession, 'createdAt' | 'lastUsedAt'>): string {
  const idle = plus(session.lastUsedAt ?? session.createdAt, SESSION_IDLE_MS);
  const absolute = plus(session.createdAt, SESSION_MAX_MS);
  return idle < absolute ? idle : absolute;
}

/** Why a session may not act now, or null when it may. Unknown beats revoked beats expired. */
export function sessionRefusal(session: Pick<WebSession, 'createdAt' | 'lastUsedAt' | 'revokedAt'> | null, now: string) {
  if (!session) return 'ACCOUNTS.SESSION_UNKNOWN' as const;
  if (session.revokedAt !== null) return 'ACCOUNTS.SESSION_REVOKED' as const;
  return now >= sessionEndsAt(session) ? ('ACCOUNTS.SESSION_EXPIRED' as const) : null;
}

/** Whether a call at `now` should record itself as the session's last use. */
export const touchDue = (lastUsedAt: string | null, now: string): boolean => lastUsedAt === null || Date.parse(now) - Date.parse(lastUsedAt) >= TOUCH_EVERY_MS;

/**
 * A short label for the PC from its browser's user agent: `Chrome · Windows`. Only the browser and
 * the system family are kept (no versions, no device model), so the label says which PC it is
 * without fingerprinting it.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/i.test(ua)
      ? '微信'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /(Chrome|Chromium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '浏览器';
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'Mac'
      : /Android/.test(ua)
        ? 'Android'
        : /iPhone|iPad/.test(ua)
          ? 'iOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return system ? `${browser} · ${system}` : browser;
}
