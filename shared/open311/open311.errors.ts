import { registerErrors, type ErrorTable } from '../errors';

/**
 * The Open311 GeoReport v2 view and its API keys (OPEN311.*).
 * Registered when imported: the domain contract and the HTTP handler import it, so the `open311`
 * bundle carries these messages and the bundles of unrelated domains do not (see shared/errors.ts).
 * The HTTP answers put these sentences, with the English beside them, in GeoReport's error array.
 */
export const OPEN311_ERRORS = {
  'OPEN311.KEY_NOT_FOUND': { status: 404, message: '没有找到这个接口密钥' },
  'OPEN311.KEY_ALREADY_REVOKED': { status: 409, message: '这个接口密钥已经停用了' },
  'OPEN311.TOO_MANY_KEYS': { status: 409, message: '本街道有效的接口密钥已达上限（20 个），请先停用不再使用的密钥' },
  'OPEN311.API_KEY_MISSING': { status: 401, message: '请在 api_key 参数中提供接口密钥' },
  'OPEN311.API_KEY_INVALID': { status: 401, message: '接口密钥无效' },
  'OPEN311.API_KEY_REVOKED': { status: 403, message: '接口密钥已被街道停用' },
  'OPEN311.BAD_PARAMETER': { status: 400, message: '查询参数有误' },
  'OPEN311.REQUEST_NOT_FOUND': { status: 404, message: '没有找到这件诉求' },
  'OPEN311.UNKNOWN_RESOURCE': { status: 404, message: '没有这个接口；可用：services.json、requests.json、requests/{id}.json' },
  'OPEN311.METHOD_NOT_ALLOWED': { status: 405, message: '只支持 GET 请求' },
} as const satisfies ErrorTable;

registerErrors(OPEN311_ERRORS);
