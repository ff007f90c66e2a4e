import Taro from '@tarojs/taro'
import type { ActionName, ApiInput, ApiOutput, FunctionName } from '@shared/api/contract'
import type { AppError, ErrorCode } from '@shared/errors'
import { currentPersona } from './persona'

/** A failure the client makes up itself when no answer came back at all. */
export const NETWORK_ERROR = { code: 'COMMON.NETWORK', message: '网络不给力，请稍后再试' } as const

export type ClientError = Omit<AppError, 'code'> & { code: ErrorCode | typeof NETWORK_ERROR.code }
/** The envelope every function answers with, plus the client's own network failure. */
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ClientError }

const TIMEOUT_MS = 15_000

function requestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

function isEnvelope(body: unknown): body is Answer<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false
  const b = body as { ok: unknown; error?: { code?: unknown; message?: unknown } }
  if (b.ok === true) return 'data' in b
  return b.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string'
}

let cloudReady = false
function ensureCloud(): void {
  if (cloudReady) return
  const env = HONGLIN_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

async function send(fn: string, body: { action: string; payload: unknown; requestId: string }): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    // The local gateway answers with the envelope even on 4xx/5xx: the body is the answer.
    const res = await Taro.request({
      url: `/api/${fn}`,
      method: 'POST',
      data: body,
      header: { 'content-type': 'application/json', 'x-honglin-persona': currentPersona() },
      dataType: 'json',
      timeout: TIMEOUT_MS,
    })
    return typeof res.data === 'string' ? JSON.parse(res.data) : res.data
  }
  ensureCloud()
  const res = await Taro.cloud.callFunction({ name: fn, data: body })
  return res.result
}

/**
 * Calls one action of one cloud function (weapp: wx.cloud.callFunction; H5: POST /api/<fn> on the
 * same origin). Never throws: a missing or unreadable answer becomes COMMON.NETWORK.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: ApiInput<F, A>,
): Promise<Answer<ApiOutput<F, A>>> {
  try {
    const body = await send(fn, { action, payload, requestId: requestId() })
    if (isEnvelope(body)) return body as Answer<ApiOutput<F, A>>
  } catch {
    // fall through: no usable answer
  }
  return { ok: false, error: { ...NETWORK_ERROR } }
}
