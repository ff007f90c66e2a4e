import fc from 'fast-check';
import { INVITE_ALPHABET, INVITE_STATUSES, InviteCode } from '../../../shared/accounts/accounts.schema';
import { effectiveInviteStatus, makeInviteCode, nextInviteStatus, type InviteEvent } from '../../../shared/accounts/invite.machine';

const EVENTS: InviteEvent[] = ['redeem', 'revoke', 'expire'];

describe('invite lifecycle', () => {
  it('moves an active invite to exactly one final status per event', () => {
    expect(nextInviteStatus('active', 'redeem')).toBe('redeemed');
    expect(nextInviteStatus('active', 'revoke')).toBe('revoked');
    expect(nextInviteStatus('active', 'expire')).toBe('expired');
  });

  it.each(['redeemed', 'revoked', 'expired'] as const)('lets nothing happen to a %s invite', (status) => {
    for (const e of EVENTS) expect(nextInviteStatus(status, e)).toBeNull();
  });

  it('never leaves a final status, whatever happens after (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 20 }), (events) => {
        let status: (typeof INVITE_STATUSES)[number] = 'active';
        let changes = 0;
        for (const e of events) {
          const next = nextInviteStatus(status, e);
          if (next) {
            status = next;
            changes++;
          }
        }
        expect(changes).toBeLessThanOrEqual(1);
        expect(INVITE_STATUSES).toContain(status);
      }),
    );
  });

  it('treats an active invite as expired from its expiry instant on', () => {
    const invite = { status: 'active' as const, expiresAt: '2026-11-22T10:00:00.000Z' };
    expect(effectiveInviteStatus(invite, '2026-11-22T09:59:59.999Z')).toBe('active');
    expect(effectiveInviteStatus(invite, '2026-11-22T10:00:00.000Z')).toBe('expired');
    expect(effectiveInviteStatus({ ...invite, status: 'redeemed' }, '2027-01-01T00:00:00.000Z')).toBe('redeemed');
  });
});

describe('invite codes', () => {
  it('are 8 characters of the unambiguous alphabet and pass the redeem schema (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), (ints) => {
        const code = makeInviteCode(ints, INVITE_ALPHABET);
        expect(code).toHaveLength(8);
        expect(InviteCode.safeParse(code).success).toBe(true);
        expect(code).not.toMatch(/[01ILO]/);
      }),
    );
  });

  it('accepts a code typed in lower case with spaces around it', () => {
    expect(InviteCode.parse('  abcd2345 ')).toBe('ABCD2345');
  });

  it('refuses look-alike characters and wrong lengths', () => {
    for (const bad of ['ABCD234O', 'ABCD2341', 'ABC', 'ABCDEFGHJ', '', 'ABCD-234']) expect(InviteCode.safeParse(bad).success).toBe(false);
  });
});
