export default definePageConfig({ navigationBarTitleText: '六有评估清单' })
