import Taro from '@tarojs/taro'

/** Every route of the app, in one place. */
export const ROUTES = {
  home: '/pages/home/index',
  work: '/pages/work/index',
  council: '/pages/council/index',
  me: '/pages/me/index',
  profileEdit: '/packages/accounts/profile-edit/index',
  redeem: '/packages/accounts/redeem/index',
  persona: '/packages/accounts/persona/index',
  tree: '/packages/accounts/tree/index',
  orders: '/packages/orders/index/index',
  councilHall: '/packages/council/index/index',
} as const

const TABS: readonly string[] = [ROUTES.home, ROUTES.work, ROUTES.council, ROUTES.me]

export function go(url: string): void {
  if (TABS.includes(url)) void Taro.switchTab({ url })
  else void Taro.navigateTo({ url })
}

export function back(fallback: string = ROUTES.me): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else go(fallback)
}
