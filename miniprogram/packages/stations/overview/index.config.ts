export default definePageConfig({ navigationBarTitleText: '值班总览' })
