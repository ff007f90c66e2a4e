export default definePageConfig({ navigationBarTitleText: '统计依据' })
