export default definePageConfig({ navigationBarTitleText: '三方共治' })
