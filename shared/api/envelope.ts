import { appError, type AppError, type ErrorCode } from '../errors';

/** What every cloud function answers with. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** Domain results use the same shape as the envelope, so a handler can return them unchanged. */
export type Result<T> = Envelope<T>;

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });

export const fail = (code: ErrorCode, field?: string): { ok: false; error: AppError } => ({
  ok: false,
  error: appError(code, field),
});

/** A failure whose message says more than its code's sentence (an agenda's overrun in minutes). */
export const failSaying = (code: ErrorCode, field: string | undefined, message: string): { ok: false; error: AppError } => {
  const failed = fail(code, field);
  failed.error.message = message;
  return failed;
};

/** The request body every function receives: from `wx.cloud.callFunction` data or the local gateway. */
export interface CallRequest {
  action: string;
  payload?: unknown;
  requestId?: string;
}
