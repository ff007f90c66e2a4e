export default definePageConfig({ navigationBarTitleText: '责任清单公示' })
