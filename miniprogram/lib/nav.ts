import Taro from '@tarojs/taro'

/** Every route of the app, in one place. */
export const ROUTES = {
  home: '/pages/home/index',
  work: '/pages/work/index',
  me: '/pages/me/index',
  profileEdit: '/packages/accounts/profile-edit/index',
  redeem: '/packages/accounts/redeem/index',
  persona: '/packages/accounts/persona/index',
  tree: '/packages/accounts/tree/index',
  messages: '/packages/accounts/messages/index',
  /** 扫码登录: the phone's confirmation, the PC's sign-in code (H5), the list of web sessions. */
  webLogin: '/packages/accounts/web-login/index',
  webLoginPc: '/packages/accounts/web-login-pc/index',
  webSessions: '/packages/accounts/web-sessions/index',
  orderPost: '/packages/orders/post/index',
  orderMine: '/packages/orders/mine/index',
  orderDetail: '/packages/orders/detail/index',
  orderResolve: '/packages/orders/resolve/index',
  orderRate: '/packages/orders/rate/index',
  orderTasks: '/packages/orders/tasks/index',
  orderDesk: '/packages/orders/desk/index',
  orderQueue: '/packages/orders/queue/index',
  stationScan: '/packages/stations/scan/index',
  stationList: '/packages/stations/list/index',
  stationDetail: '/packages/stations/detail/index',
  stationScreen: '/packages/stations/screen/index',
  stationDuty: '/packages/stations/duty/index',
  dutyOverview: '/packages/stations/overview/index',
  myCode: '/packages/stations/mycode/index',
  serviceRecord: '/packages/service/record/index',
  serviceApprove: '/packages/service/approve/index',
  serviceReport: '/packages/service/report/index',
  councilTopics: '/packages/councils/topics/index',
  councilPropose: '/packages/councils/propose/index',
  councilTopic: '/packages/councils/topic/index',
  councilMeetings: '/packages/councils/meetings/index',
  councilMeetingEdit: '/packages/councils/meeting-edit/index',
  councilMeeting: '/packages/councils/meeting/index',
  councilScreen: '/packages/councils/screen/index',
  councilDecisions: '/packages/councils/decisions/index',
  liuyouChecks: '/packages/liuyou/checks/index',
  liuyouCheck: '/packages/liuyou/check/index',
  liuyouMatrix: '/packages/liuyou/matrix/index',
  liuyouTasks: '/packages/liuyou/tasks/index',
  liuyouRecords: '/packages/liuyou/records/index',
  liuyouTemplate: '/packages/liuyou/template/index',
  dashboard: '/packages/dashboards/index/index',
  dashboardRecords: '/packages/dashboards/records/index',
  open311Keys: '/packages/dashboards/keys/index',
  /** 信息查看记录: the street's log of who read residents' phones and addresses. */
  revealLog: '/packages/dashboards/reveal-log/index',
  /** 个人信息: my data (view, save as a file), account deletion, who read my data. */
  privacyMine: '/packages/privacy/mine/index',
  privacyDelete: '/packages/privacy/delete/index',
  privacyReveals: '/packages/privacy/reveals/index',
  /** 三方共治: the community's compounds; its responsibility list (责任清单公示, edited by the community). */
  compoundList: '/packages/compounds/list/index',
  responsibilities: '/packages/compounds/responsibilities/index',
  /** 评议监督: a compound desk's month, for the community, the street, the owners' committee and the desk. */
  compoundReview: '/packages/compounds/review/index',
  /** 物业服务评价: a resident rates their compound's desk once a quarter. */
  compoundSurvey: '/packages/compounds/survey/index',
} as const

/** The tab bar, in app.config.ts's order. */
const TABS: readonly string[] = [ROUTES.home, ROUTES.work, ROUTES.me]

/** Puts a number on a tab (办事: offers waiting), or takes it off at 0. Only a tab page may call it. */
export function setTabCount(route: string, count: number): void {
  const index = TABS.indexOf(route)
  if (index < 0) return
  // A badge is a courtesy: a host without it (an old base library) must not break the page.
  try {
    const done = count > 0 ? Taro.setTabBarBadge({ index, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index })
    void Promise.resolve(done).catch(() => undefined)
  } catch {
    // no badge, nothing else lost
  }
}

/** Opens a page; tab pages by switchTab (which takes no query string). */
export function go(url: string): void {
  void openPage(url).catch(() => undefined)
}

/** Like `go`, for callers that want to know when the page could not be opened. */
export function openPage(url: string): Promise<unknown> {
  const path = url.split('?')[0]!
  return TABS.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url })
}

/** A route with its query string (values are URL-encoded). */
export function withQuery(url: string, query: Record<string, string | undefined>): string {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return q ? `${url}?${q}` : url
}

export function back(fallback: string = ROUTES.me): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else go(fallback)
}
