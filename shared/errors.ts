import type { ACCOUNTS_ERRORS } from './accounts/accounts.errors';
import type { COMPOUNDS_ERRORS } from './compounds/compounds.errors';
import type { COUNCILS_ERRORS } from './councils/councils.errors';
import type { LIUYOU_ERRORS } from './liuyou/liuyou.errors';
import type { DASHBOARD_ERRORS } from './dashboard/dashboard.errors';
import type { OPEN311_ERRORS } from './open311/open311.errors';
import type { PRIVACY_ERRORS } from './privacy/privacy.errors';
import type { ORDERS_ERRORS } from './orders/orders.errors';
import type { SERVICE_ERRORS } from './service/service.errors';
import type { CODES_ERRORS } from './stations/codes.errors';
import type { STATIONS_ERRORS } from './stations/stations.errors';

/**
 * The errors the system can answer with. Codes are stable and namespaced; messages are what a
 * resident reads (Chinese); the HTTP status is what the local gateway answers with. No personal data
 * ever goes in here.
 *
 * This file holds the codes every function can answer with (COMMON.*, and ACCOUNT.* and TERRITORY.*,
 * which the pipeline and the shared place lookups emit). Each domain keeps its own codes in a table
 * beside it (`shared/<domain>/<domain>.errors.ts`), which registers itself here when imported; the
 * domain contract and the lifecycles and policies that refuse with its codes import it, so a
 * function bundle carries the messages of the codes it can answer with and not every domain's. `ErrorCode` is still every code (the imports above are types only);
 * tests/integration/error-messages.test.ts checks that every code a bundle can emit is registered in
 * it, and `shared/errors.catalog.ts` lists all of them for the docs and the local gateway.
 */
export const ERRORS = {
  'COMMON.INVALID_INPUT': { status: 400, message: '填写的内容有误，请检查后再试' },
  'COMMON.BODY_TOO_LARGE': { status: 413, message: '提交的内容太大了' },
  'COMMON.UNKNOWN_FUNCTION': { status: 404, message: '没有这个服务' },
  'COMMON.UNKNOWN_ACTION': { status: 400, message: '没有这个操作' },
  'COMMON.UNAUTHENTICATED': { status: 401, message: '请先登录微信后再试' },
  'COMMON.FORBIDDEN': { status: 403, message: '您没有权限做这件事' },
  'COMMON.NOT_FOUND': { status: 404, message: '没有找到相关内容' },
  'COMMON.CONFLICT': { status: 409, message: '内容刚被别人改过，请刷新后再试' },
  'COMMON.IN_PROGRESS': { status: 409, message: '上一次提交还在处理中，请稍后刷新查看' },
  'COMMON.RATE_LIMITED': { status: 429, message: '操作太频繁了，请稍等片刻' },
  'COMMON.LOCAL_ONLY': { status: 403, message: '此功能只在本地演示环境可用' },
  'COMMON.INTERNAL': { status: 500, message: '系统开小差了，请稍后再试' },
  'COMMON.CONTENT_UNSAFE': { status: 400, message: '内容含有不适宜的信息，请修改后再提交' },
  'COMMON.OPEN_APP_FIRST': { status: 409, message: '请先在手机上打开一次红邻小程序，再回来提交（微信要据此检查填写的内容）' },
  'ACCOUNT.NOT_REGISTERED': { status: 404, message: '还没有您的账户信息' },
  'ACCOUNT.PHONE_CONSENT_REQUIRED': { status: 400, message: '填写手机号需要您同意用于联系办事' },
  'ACCOUNT.BUILDING_NOT_FOUND': { status: 400, message: '没有找到这个楼栋' },
  'ACCOUNT.ROLE_NOT_GRANTABLE': { status: 403, message: '您不能授予这个角色' },
  'ACCOUNT.ROLE_NODE_MISMATCH': { status: 400, message: '这个角色不能设在这一级' },
  'ACCOUNT.ROLE_ALREADY_HELD': { status: 409, message: '您已经拥有这个角色' },
  'TERRITORY.NODE_NOT_FOUND': { status: 404, message: '没有找到这个网格或社区' },
} as const satisfies ErrorTable;

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 500;
export interface ErrorEntry {
  status: ErrorStatus;
  message: string;
}
export type ErrorTable = Record<string, ErrorEntry>;

export type ErrorCode =
  | keyof typeof ERRORS
  | keyof typeof ACCOUNTS_ERRORS
  | keyof typeof ORDERS_ERRORS
  | keyof typeof CODES_ERRORS
  | keyof typeof STATIONS_ERRORS
  | keyof typeof SERVICE_ERRORS
  | keyof typeof COUNCILS_ERRORS
  | keyof typeof LIUYOU_ERRORS
  | keyof typeof DASHBOARD_ERRORS
  | keyof typeof OPEN311_ERRORS
  | keyof typeof PRIVACY_ERRORS
  | keyof typeof COMPOUNDS_ERRORS;

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the input field at fault, when one is. */
  field?: string;
}

/** The messages of this process: the common ones and every domain table imported so far. */
const registered = new Map<string, ErrorEntry>(Object.entries(ERRORS));

/** Called by each domain table when its module loads. */
export function registerErrors(table: ErrorTable): void {
  for (const [code, entry] of Object.entries(table)) registered.set(code, entry);
}

/**
 * A code whose table this bundle lacks still answers, with the generic message and a 500 (the
 * test named above keeps that from happening).
 */
const entryOf = (code: ErrorCode): ErrorEntry => registered.get(code) ?? ERRORS['COMMON.INTERNAL'];

export function appError(code: ErrorCode, field?: string): AppError {
  const { message } = entryOf(code);
  return field === undefined ? { code, message } : { code, message, field };
}

export function httpStatusOf(code: ErrorCode): number {
  return entryOf(code).status;
}

/** Whether the code is registered in this process (every code, where the catalog is imported). */
export function isErrorCode(code: string): code is ErrorCode {
  return registered.has(code);
}
