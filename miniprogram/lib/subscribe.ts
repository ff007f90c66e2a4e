import Taro from '@tarojs/taro'

/**
 * Subscribe-message consent (订阅消息, weapp only). A one-time subscription lets the functions send
 * one message of that template, so the app asks at the moment a message becomes likely: posting an
 * order (接单 / 办结请评价 / 上报或回派), a volunteer opening or accepting tasks (派单), a leader opening the
 * queue (上报). WeChat only shows the dialog from a tap, so callers ask at the start of the tap
 * handler, before any network call. The answer never matters to the action: refusal, an old
 * WeChat, a missing template id or any failure simply lets the action go on.
 */
export type TemplateKey =
  | 'orderAccepted'
  | 'orderResolved'
  | 'orderOffered'
  | 'orderEscalated'
  // 议事: the councils' notices (templates topic.* / meeting.* / council.* of the functions).
  | 'topicSupported'
  | 'topicAdopted'
  | 'topicAnswered'
  | 'topicDecided'
  | 'topicRate'
  | 'meetingInvited'
  | 'meetingCancelled'
  | 'meetingReminder'
  | 'meetingMinutesDue'
  | 'meetingMinutes'
  | 'councilDecision'
  // 六有: the checks' notices (templates liuyou.* of the functions).
  | 'liuyouSubmitted'
  | 'liuyouReturned'
  | 'liuyouScored'
  | 'liuyouTaskOverdue'

/** Build-time constants (config/index.ts, from HONGLIN_TEMPLATE_*); '' = not configured. */
const TEMPLATE_IDS: Record<TemplateKey, string> = {
  orderAccepted: HONGLIN_TEMPLATE_ORDER_ACCEPTED,
  orderResolved: HONGLIN_TEMPLATE_ORDER_RESOLVED,
  orderOffered: HONGLIN_TEMPLATE_ORDER_OFFERED,
  orderEscalated: HONGLIN_TEMPLATE_ORDER_ESCALATED,
  topicSupported: HONGLIN_TEMPLATE_TOPIC_SUPPORTED,
  topicAdopted: HONGLIN_TEMPLATE_TOPIC_ADOPTED,
  topicAnswered: HONGLIN_TEMPLATE_TOPIC_ANSWERED,
  topicDecided: HONGLIN_TEMPLATE_TOPIC_DECIDED,
  topicRate: HONGLIN_TEMPLATE_TOPIC_RATE,
  meetingInvited: HONGLIN_TEMPLATE_MEETING_INVITED,
  meetingCancelled: HONGLIN_TEMPLATE_MEETING_CANCELLED,
  meetingReminder: HONGLIN_TEMPLATE_MEETING_REMINDER,
  meetingMinutesDue: HONGLIN_TEMPLATE_MEETING_MINUTESDUE,
  meetingMinutes: HONGLIN_TEMPLATE_MEETING_MINUTES,
  councilDecision: HONGLIN_TEMPLATE_COUNCIL_DECISION,
  liuyouSubmitted: HONGLIN_TEMPLATE_LIUYOU_SUBMITTED,
  liuyouReturned: HONGLIN_TEMPLATE_LIUYOU_RETURNED,
  liuyouScored: HONGLIN_TEMPLATE_LIUYOU_SCORED,
  liuyouTaskOverdue: HONGLIN_TEMPLATE_LIUYOU_TASKOVERDUE,
}

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
  const tmplIds = [...new Set(keys.map((k) => TEMPLATE_IDS[k]).filter(Boolean))].slice(0, MAX_PER_REQUEST)
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
