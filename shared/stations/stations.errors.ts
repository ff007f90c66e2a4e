import { registerErrors, type ErrorTable } from '../errors';

/**
 * Station duty (DUTY.*) and the station's screens (STATION.*).
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
  // 大屏设备: the monitor at a station, signed in as the station by a device token.
  'STATION.DEVICE_UNKNOWN': { status: 401, message: '此大屏未获授权，请联系社区管理员重新授权' },
  'STATION.DEVICE_REVOKED': { status: 403, message: '此大屏已停用，请联系社区管理员重新授权' },
  'STATION.DEVICE_OTHER_STATION': { status: 403, message: '此大屏只能显示授权给它的服务站' },
  'STATION.DEVICE_NOT_ALLOWED': { status: 403, message: '大屏只能显示签到码和在岗情况' },
  'STATION.DEVICE_NOT_FOUND': { status: 404, message: '没有找到这块大屏' },
  'STATION.DEVICE_ALREADY_REVOKED': { status: 409, message: '这块大屏已经停用了' },
  'STATION.TOO_MANY_DEVICES': { status: 409, message: '这个服务站授权的大屏已达上限（10 块），请先停用不再使用的大屏' },
} as const satisfies ErrorTable;

registerErrors(STATIONS_ERRORS);
