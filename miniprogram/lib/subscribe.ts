import Taro from '@tarojs/taro'
import { templateEnvName, type TemplateKey } from '@shared/notices/templates'

/**
 * Subscribe-message consent (订阅消息, weapp only). A one-time subscription lets the functions send
 * one message of that template, so the app asks at the moment a message becomes likely: posting an
 * order (接单 / 办结请评价 / 上报或回派), a volunteer opening or accepting tasks (派单), a leader opening the
 * queue (上报). WeChat only shows the dialog from a tap, so callers ask at the start of the tap
 * handler, before any network call. The answer never matters to the action: refusal, an old
 * WeChat, a missing template id or any failure simply lets the action go on.
 */
export type { TemplateKey }

const templateId = (key: TemplateKey): string => HONGLIN_TEMPLATE_IDS[templateEnvName(key)] ?? ''

/** WeChat takes at most three templates per request. */
const MAX_PER_REQUEST = 3
/** Should the dialog never answer, the user's action still goes on after this long. */
const GUARD_MS = 20_000

/**
 * Asks consent for the given templates. Resolves (never rejects) once the user has answered, the
 * call failed, or nothing needed asking. Call it synchronously from a tap handler and await it
 * before the action's network call.
 */
export function askSubscribe(keys: readonly TemplateKey[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve()
  const tmplIds = [...new Set(keys.map(templateId).filter(Boolean))].slice(0, MAX_PER_REQUEST)
  if (tmplIds.length === 0) return Promise.resolve()
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, GUARD_MS)
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    try {
      Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option).then(done, done)
    } catch {
      done()
    }
  })
}
