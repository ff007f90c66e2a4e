export default definePageConfig({ navigationBarTitleText: '六有自查' })
