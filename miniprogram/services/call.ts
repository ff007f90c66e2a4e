import Taro from '@tarojs/taro'
import type { ActionName, ApiInput, ApiOutput, FunctionName } from '@shared/api/contract'
import type { AppError, ErrorCode } from '@shared/errors'
import { currentPersona } from './persona'
import { RETRY_BACKOFF_MS, UnansweredRequests, untilAnswered } from './retry'

/** A failure the client makes up itself when no answer came back at all. */
export const NETWORK_ERROR = { code: 'COMMON.NETWORK', message: '网络不给力，请稍后再试' } as const

export type ClientError = Omit<AppError, 'code'> & { code: ErrorCode | typeof NETWORK_ERROR.code }
/** The envelope every function answers with, plus the client's own network failure. */
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ClientError }

const TIMEOUT_MS = 15_000

/**
 * A new request id (what the functions accept: 8–64 of A–Z a–z 0–9 _ -). One per tap: a page that
 * offers 重试 after a failure keeps it and passes it again, so a write the server did receive is
 * answered again rather than done twice.
 */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export interface CallOptions {
  /** The id of the tap this call belongs to; a new one when absent. Reuse it to retry the same tap. */
  requestId?: string
  /** How many times a call without an answer is sent again with the same id (default 2). */
  retries?: number
}

function isEnvelope(body: unknown): body is Answer<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false
  const b = body as { ok: unknown; error?: { code?: unknown; message?: unknown } }
  if (b.ok === true) return 'data' in b
  return b.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string'
}

/** Unanswered requests of this app session, for 重试 to reuse their ids. */
const unanswered = new UnansweredRequests()

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
 * same origin). Never throws. A call that gets no usable answer is sent again a couple of times,
 * shortly after, with the SAME request id: the first attempt may have reached the server and
 * written, and the server answers a repeated id of a write with its first answer instead of doing
 * it twice (docs/api.md). Only when every attempt failed does it answer COMMON.NETWORK; the
 * person's 重试 — the same request sent again — then reuses that id by itself (UnansweredRequests),
 * and a page may also pass `options.requestId` to keep one id across a changed payload.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: ApiInput<F, A>,
  options: CallOptions = {},
): Promise<Answer<ApiOutput<F, A>>> {
  const request = `${fn}.${String(action)}:${JSON.stringify(payload) ?? ''}`
  const requestId = options.requestId ?? unanswered.idFor(request, Date.now(), newRequestId)
  const body = { action, payload, requestId }
  const answer = await untilAnswered(
    async () => {
      const res = await send(fn, body)
      return isEnvelope(res) ? (res as Answer<ApiOutput<F, A>>) : null
    },
    Math.max(0, options.retries ?? RETRY_BACKOFF_MS.length),
  )
  unanswered.settle(request, requestId, answer !== null, Date.now())
  return answer ?? { ok: false, error: { ...NETWORK_ERROR } }
}
