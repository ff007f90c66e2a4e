import { registerErrors, type ErrorTable } from '../errors';

/**
 * Personal data (PRIVACY.*): export, account deletion, the reveal log. Registered when imported:
 * the privacy contract imports it, so the privacy function's bundle carries these messages.
 */
export const PRIVACY_ERRORS = {
  'PRIVACY.CONFIRM_REQUIRED': { status: 400, message: '请输入“注销”两个字，确认注销账号' },
  'PRIVACY.OPEN_ORDERS_CHOICE_REQUIRED': { status: 409, message: '您还有没办完的事，请先选择：撤销这些事，或交给网格长继续办' },
  'PRIVACY.LAST_ADMIN': { status: 409, message: '您是这里唯一的管理员，请先请上级为这里安排新的管理员，再注销账号' },
} as const satisfies ErrorTable;

registerErrors(PRIVACY_ERRORS);
