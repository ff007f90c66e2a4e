import { registerErrors, type ErrorTable } from '../errors';

/**
 * Volunteer service hours (SERVICE.*).
 * Registered when imported: the domain contract and the lifecycles and policies that refuse with
 * these codes import it, so every bundle that can answer with one carries these messages and the
 * bundles of unrelated domains do not (see shared/errors.ts).
 */
export const SERVICE_ERRORS = {
  'SERVICE.NOT_VOLUNTEER': { status: 403, message: '成为党员志愿者后才能记录服务时长' },
  'SERVICE.MANUAL_CAP': { status: 409, message: '本月自行填报的时长已达上限' },
  'SERVICE.ALREADY_REVIEWED': { status: 409, message: '这条填报已经审核过了' },
  'SERVICE.FUTURE_DATE': { status: 400, message: '不能填报今天以后的服务' },
  'SERVICE.HOURS_OVER_ENTRY': { status: 400, message: '通过的时长不能多于填报的时长' },
  'SERVICE.REASON_REQUIRED': { status: 400, message: '只通过一部分时长时，请写明原因' },
} as const satisfies ErrorTable;

registerErrors(SERVICE_ERRORS);
