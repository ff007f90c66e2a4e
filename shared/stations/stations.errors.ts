import { registerErrors, type ErrorTable } from '../errors';

/**
 * Station duty (DUTY.*).
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const STATIONS_ERRORS = {
  'DUTY.NOT_ON_DUTY': { status: 409, message: '您还没有签到，不能签退' },
  'DUTY.ON_DUTY_ELSEWHERE': { status: 409, message: '您正在另一个服务站值班，请先在那里签退' },
  'DUTY.NOT_STAFF': { status: 403, message: '只有本站服务网格的网格长和志愿者可以签到' },
  'DUTY.OWN_DUTY': { status: 403, message: '不能确认自己的值班时长' },
  'DUTY.NOTHING_TO_CONFIRM': { status: 409, message: '这次值班不需要确认时长，或已经有人确认过了' },
} as const satisfies ErrorTable;

registerErrors(STATIONS_ERRORS);
