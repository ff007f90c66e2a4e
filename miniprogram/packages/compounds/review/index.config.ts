export default definePageConfig({ navigationBarTitleText: '评议监督' })
