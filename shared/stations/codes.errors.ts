import { registerErrors, type ErrorTable } from '../errors';

/**
 * Signed mini-program codes (CODE.*): scanned at stations and at council meetings.
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const CODES_ERRORS = {
  'CODE.INVALID': { status: 400, message: '这不是红邻的二维码，或二维码已损坏' },
  'CODE.EXPIRED': { status: 409, message: '二维码已过期，请扫描屏幕上最新的二维码' },
  'CODE.WRONG_KIND': { status: 400, message: '这个二维码不能用来做这件事' },
  'CODE.NOT_FOUND': { status: 404, message: '二维码对应的站点或人员已不存在' },
} as const satisfies ErrorTable;

registerErrors(CODES_ERRORS);
