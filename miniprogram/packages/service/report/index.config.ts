export default definePageConfig({ navigationBarTitleText: '单位服务报告' })
