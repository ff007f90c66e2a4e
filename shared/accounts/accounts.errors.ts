import { registerErrors, type ErrorTable } from '../errors';

/**
 * Invitation codes (INVITE.*): only the accounts function redeems them.
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const ACCOUNTS_ERRORS = {
  'INVITE.NOT_FOUND': { status: 404, message: '邀请码不存在，请核对后再试' },
  'INVITE.ALREADY_REDEEMED': { status: 409, message: '邀请码已被使用' },
  'INVITE.EXPIRED': { status: 409, message: '邀请码已过期，请联系发放人重新生成' },
  'INVITE.REVOKED': { status: 409, message: '邀请码已作废' },
} as const satisfies ErrorTable;

registerErrors(ACCOUNTS_ERRORS);
