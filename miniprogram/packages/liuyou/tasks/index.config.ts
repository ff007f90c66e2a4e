export default definePageConfig({ navigationBarTitleText: '整改任务' })
