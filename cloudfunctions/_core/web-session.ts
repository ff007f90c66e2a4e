import { createHash } from 'node:crypto';
import type { User } from '../../shared/accounts/accounts.schema';
import { SESSION_TOKEN_PATTERN, sessionRefusal, touchDue } from '../../shared/accounts/web-login';
import type { WebSession } from '../../shared/accounts/web-login.schema';
import { fail, ok, type Result } from '../../shared/api/envelope';
import type { Ports } from './ports';
import type { Doc } from './ports/store';

/** Web sessions (扫码登录): every function's pipeline reads them, so the look-up lives here. */
export const WEB_SESSIONS = 'web_sessions';

export type WebSessionDoc = WebSession & Doc;

/** SHA-256 of a secret, hex: what is stored and looked up (the secrets have 160 random bits, so no salt is needed). */
export const hashOfSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * The person a call's `session` acts as: the session is looked up by the hash of the token, must be
 * live (not revoked, not idle 12 hours, not older than 7 days), and its person must still exist. A
 * live session records its last use at most every ten minutes; that write never fails the call.
 */
export async function personOfSession(ports: Ports, token: string, now: string): Promise<Result<{ session: WebSessionDoc; user: User & Doc }>> {
  const found = SESSION_TOKEN_PATTERN.test(token) ? await ports.store.find<WebSessionDoc>(WEB_SESSIONS, { hash: hashOfSecret(token) }, { limit: 1 }) : [];
  const session = found[0] ?? null;
  const refusal = sessionRefusal(session, now);
  if (refusal || !session) return fail(refusal ?? 'ACCOUNTS.SESSION_UNKNOWN', 'session');
  const [user] = await Promise.all([
    ports.store.get<User & Doc>('users', session.userId),
    // A lost race only means another call of the same session recorded it first.
    touchDue(session.lastUsedAt, now) ? ports.store.update(WEB_SESSIONS, session._id, session.version, { $set: { lastUsedAt: now } }).catch(() => false) : null,
  ]);
  return user ? ok({ session, user }) : fail('ACCOUNTS.SESSION_UNKNOWN', 'session');
}
