export default definePageConfig({ navigationBarTitleText: '居民议事' })
