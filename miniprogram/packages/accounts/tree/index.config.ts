export default definePageConfig({ navigationBarTitleText: '辖区与成员' })
