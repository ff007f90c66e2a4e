import { registerErrors, type ErrorTable } from '../errors';

/**
 * Invitation codes (INVITE.*): only the accounts function redeems them. Web sign-in (ACCOUNTS.*).
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const ACCOUNTS_ERRORS = {
  'INVITE.NOT_FOUND': { status: 404, message: '邀请码不存在，请核对后再试' },
  'INVITE.ALREADY_REDEEMED': { status: 409, message: '邀请码已被使用' },
  'INVITE.EXPIRED': { status: 409, message: '邀请码已过期，请联系发放人重新生成' },
  'INVITE.REVOKED': { status: 409, message: '邀请码已作废' },
  // 扫码登录 (shared/accounts/web-login.ts). The SESSION_* codes are answered by every function: the pipeline checks the session.
  'ACCOUNTS.LOGIN_TICKET_NOT_FOUND': { status: 404, message: '登录二维码无效，请在电脑上刷新二维码后重新扫码' },
  'ACCOUNTS.LOGIN_TICKET_EXPIRED': { status: 409, message: '登录二维码已过期，请在电脑上刷新二维码后重新扫码' },
  'ACCOUNTS.LOGIN_TICKET_USED': { status: 409, message: '这个登录二维码已经用过了，请在电脑上刷新二维码后重新扫码' },
  'ACCOUNTS.WEB_LOGIN_NOT_ALLOWED': { status: 403, message: '电脑端只对网格长、社区书记和街道管理员开放' },
  'ACCOUNTS.SESSION_UNKNOWN': { status: 401, message: '登录已失效，请重新扫码登录' },
  'ACCOUNTS.SESSION_EXPIRED': { status: 401, message: '登录已过期，请重新扫码登录' },
  'ACCOUNTS.SESSION_REVOKED': { status: 401, message: '这台电脑的登录已退出，请重新扫码登录' },
  'ACCOUNTS.NOT_ON_WEB': { status: 403, message: '这件事请在微信小程序里办理' },
  'ACCOUNTS.SESSION_NOT_FOUND': { status: 404, message: '没有找到这个电脑登录' },
  'ACCOUNTS.SESSION_ALREADY_ENDED': { status: 409, message: '这个电脑登录已经退出了' },
} as const satisfies ErrorTable;

registerErrors(ACCOUNTS_ERRORS);
