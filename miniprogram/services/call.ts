import Taro from '@tarojs/taro'
import type { ActionName, ApiInput, ApiOutput, FunctionName } from '@shared/api/contract'
import type { AppError, ErrorCode } from '@shared/errors'
import { currentPersona } from './persona'
import { RETRY_BACKOFF_MS, UnansweredRequests, untilAnswered } from './retry'
import { webCloudSender } from './web-cloud'
import { dropWebSession, SESSION_ENDED_CODES, showWebLogin, webSession } from './web-session'

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
  /**
   * A station screen's device token: the call then acts as that station's screen, not as a person
   * (the server looks the token up; only the screen's reads accept it). No persona goes with it.
   */
  device?: string
}

type Body = { action: string; payload: unknown; requestId: string; device?: string; session?: string }

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

/**
 * H5 built for a CloudBase environment (HONGLIN_CLOUD_ENV): the web SDK, loaded on the first call.
 * The condition is made of build constants, so a local build or a weapp build drops the import and
 * never emits the SDK's chunk.
 */
const webCloud =
  process.env.TARO_ENV === 'h5' && HONGLIN_CLOUD_ENV
    ? webCloudSender(HONGLIN_CLOUD_ENV, async (env) => (await import(/* webpackChunkName: "cloudbase" */ './cloudbase-web')).initCloudbase(env))
    : null

async function send(fn: string, body: Body): Promise<unknown> {
  if (webCloud) return webCloud(fn, body)
  if (process.env.TARO_ENV === 'h5') {
    // The local gateway answers with the envelope even on 4xx/5xx: the body is the answer.
    const res = await Taro.request({
      url: `/api/${fn}`,
      method: 'POST',
      data: body,
      header: { 'content-type': 'application/json', ...(body.device || body.session ? {} : { 'x-honglin-persona': currentPersona() }) },
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
 * same origin, or the CloudBase web SDK in an H5 build made for a CloudBase env). Never throws. A call that gets no usable answer is sent again a couple of times,
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
  // A PC signed in by scan (H5) sends its web session with every call; the server acts as its person.
  const session = options.device ? null : webSession()
  const body: Body = { action, payload, requestId, ...(options.device ? { device: options.device } : session ? { session: session.token } : {}) }
  const answer = await untilAnswered(
    async () => {
      const res = await send(fn, body)
      return isEnvelope(res) ? (res as Answer<ApiOutput<F, A>>) : null
    },
    Math.max(0, options.retries ?? RETRY_BACKOFF_MS.length),
  )
  unanswered.settle(request, requestId, answer !== null, Date.now())
  const result: Answer<ApiOutput<F, A>> = answer ?? { ok: false, error: { ...NETWORK_ERROR } }
  if (!result.ok && session && SESSION_ENDED_CODES.includes(result.error.code)) {
    // Ended or expired: forget it and show the code to scan again.
    dropWebSession()
    showWebLogin()
  } else if (!result.ok && webCloud && !options.device && result.error.code === 'COMMON.UNAUTHENTICATED') {
    // The hosted H5 without a session: a page that needs a person shows the sign-in code instead.
    showWebLogin()
  }
  return result
}
