// Tab pages live in the main package; every domain is a subpackage loaded on demand.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/work/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/accounts',
      pages: ['profile-edit/index', 'redeem/index', 'persona/index', 'tree/index', 'messages/index', 'web-login/index', 'web-login-pc/index', 'web-sessions/index'],
    },
    {
      root: 'packages/orders',
      pages: ['post/index', 'mine/index', 'detail/index', 'resolve/index', 'rate/index', 'tasks/index', 'queue/index', 'desk/index'],
    },
    { root: 'packages/stations', pages: ['scan/index', 'list/index', 'detail/index', 'screen/index', 'duty/index', 'overview/index', 'mycode/index'] },
    { root: 'packages/service', pages: ['record/index', 'approve/index', 'report/index'] },
    {
      root: 'packages/councils',
      pages: ['topics/index', 'propose/index', 'topic/index', 'meetings/index', 'meeting-edit/index', 'meeting/index', 'screen/index', 'decisions/index'],
    },
    { root: 'packages/liuyou', pages: ['checks/index', 'check/index', 'matrix/index', 'tasks/index', 'records/index', 'template/index'] },
    // 数据看板: its charts (F2) load with it, never with the main package.
    { root: 'packages/dashboards', pages: ['index/index', 'records/index', 'keys/index', 'reveal-log/index'] },
    // 我的数据: export, 注销账号, 谁查看了我的信息.
    { root: 'packages/privacy', pages: ['mine/index', 'delete/index', 'reveals/index'] },
    // 三方共治: the community's compounds and its responsibility list (责任清单).
    { root: 'packages/compounds', pages: ['list/index', 'responsibilities/index', 'review/index', 'survey/index'] },
  ],
  window: {
    navigationBarTitleText: '红邻',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F5F5F5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/work/index', text: '办事', iconPath: 'assets/tabbar/work.png', selectedIconPath: 'assets/tabbar/work-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // 附近服务站 sorts by distance; asked only when the person taps for it.
  permission: { 'scope.userLocation': { desc: '用于找到离您最近的党群服务站，和标出报事的位置' } },
  // chooseLocation: the map picker of an order's place and a volunteer's 常在位置.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // 语音输入 and 朗读 (miniprogram/lib/speech-weapp.ts): WeChat's 同声传译 plugin, added in the admin console too.
  plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } },
  // Subpackages are fetched ahead when the user lands on the tab that leads to them.
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['packages/accounts'] },
    'pages/home/index': { network: 'all', packages: ['packages/orders', 'packages/stations'] },
    'pages/work/index': { network: 'all', packages: ['packages/orders', 'packages/councils'] },
    // A topic's action items open their work orders.
    'packages/councils/topic/index': { network: 'all', packages: ['packages/orders'] },
  },
})
