import Taro from '@tarojs/taro'

/**
 * 扫码登录 on a PC (H5): the web session this browser holds, kept in local storage. Every call sends
 * its token (`session` in the envelope), and the server acts as the person it belongs to. The
 * mini-program never holds one: WeChat says who its caller is.
 */
export const WEB_SESSION_KEY = 'honglin.webSession'

/** The PC's sign-in page (H5): shown when a call needs a person and no live session is held. */
export const WEB_LOGIN_PC_ROUTE = '/packages/accounts/web-login-pc/index'

/** What a refused session answers: the session is dropped and the sign-in page shown again. */
export const SESSION_ENDED_CODES: readonly string[] = ['ACCOUNTS.SESSION_EXPIRED', 'ACCOUNTS.SESSION_REVOKED', 'ACCOUNTS.SESSION_UNKNOWN']

export interface WebSession {
  token: string
  sessionId: string
  name: string
}

const isWeb = process.env.TARO_ENV === 'h5'

export function webSession(): WebSession | null {
  if (!isWeb) return null
  try {
    const kept = Taro.getStorageSync(WEB_SESSION_KEY) as unknown
    const s = typeof kept === 'string' && kept ? (JSON.parse(kept) as Partial<WebSession>) : null
    return s && typeof s.token === 'string' && typeof s.sessionId === 'string' ? { token: s.token, sessionId: s.sessionId, name: String(s.name ?? '') } : null
  } catch {
    return null
  }
}

export function keepWebSession(s: WebSession): void {
  Taro.setStorageSync(WEB_SESSION_KEY, JSON.stringify(s))
}

export function dropWebSession(): void {
  try {
    Taro.removeStorageSync(WEB_SESSION_KEY)
  } catch {
    // nothing kept, nothing to drop
  }
}

/** The page the browser is on, to come back to after signing in. */
function here(): string {
  const pages = Taro.getCurrentPages()
  const page = pages[pages.length - 1] as { route?: string; $taroPath?: string } | undefined
  const route = page?.route ? `/${page.route.replace(/^\//, '')}` : ''
  return route && !route.startsWith(WEB_LOGIN_PC_ROUTE) ? route : ''
}

let showing = false

/** Shows the sign-in page (once, however many calls were refused at the same time). */
export function showWebLogin(): void {
  if (!isWeb || showing) return
  showing = true
  const back = here()
  void Promise.resolve(Taro.reLaunch({ url: back ? `${WEB_LOGIN_PC_ROUTE}?back=${encodeURIComponent(back)}` : WEB_LOGIN_PC_ROUTE }))
    .catch(() => undefined)
    .finally(() => {
      showing = false
    })
}
