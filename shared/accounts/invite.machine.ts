import type { Invite, InviteStatus } from './accounts.schema';

/** What can happen to an invite code. */
export type InviteEvent = 'redeem' | 'revoke' | 'expire';

/**
 * The invite lifecycle, one table: active → redeemed | revoked | expired; the rest are final.
 * Returns the next status, or null when the event is not allowed in that status.
 */
export function nextInviteStatus(status: InviteStatus, event: InviteEvent): InviteStatus | null {
  switch (status) {
    case 'active':
      switch (event) {
        case 'redeem':
          return 'redeemed';
        case 'revoke':
          return 'revoked';
        case 'expire':
          return 'expired';
        default:
          return assertNever(event);
      }
    case 'redeemed':
    case 'revoked':
    case 'expired':
      return null;
    default:
      return assertNever(status);
  }
}

/** An active invite whose time has passed is expired, whether or not the scheduler has marked it yet. */
export function effectiveInviteStatus(invite: Pick<Invite, 'status' | 'expiresAt'>, now: string): InviteStatus {
  if (invite.status === 'active' && now >= invite.expiresAt) return 'expired';
  return invite.status;
}

/** Makes an invite code from random integers (ids and randomness come in from the edge). */
export function makeInviteCode(randomInts: readonly number[], alphabet: string): string {
  if (randomInts.length < 8) throw new Error('an invite code needs 8 random values');
  return randomInts
    .slice(0, 8)
    .map((n) => alphabet[Math.abs(n) % alphabet.length])
    .join('');
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
