import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../components/page-shell'
import { go, ROUTES } from '../../lib/nav'

/** The request loop's entry. Nothing here pretends: the loop itself ships in packages/orders. */
const STEPS = [
  { key: 'post', title: '网上接单', note: '您在手机上说清楚遇到的难处' },
  { key: 'dispatch', title: '平台派单', note: '系统找到本网格合适的党员志愿者' },
  { key: 'accept', title: '党员接单', note: '志愿者接单上门，办好后告诉您' },
  { key: 'rate', title: '居民评单', note: '您给这次服务打分、提意见' },
] as const

export default function Work() {
  return (
    <PageShell name='work'>
      <Text className='hl-title'>办事</Text>
      <Text className='hl-notice'>报事办事功能正在建设中，上线后会在这里开放。</Text>
      <View className='hl-card'>
        <Text className='hl-title'>以后这样办</Text>
        {STEPS.map((s, i) => (
          <View key={s.key} className={`hl-row work-step work-step-${s.key}`}>
            <View className='hl-label'>
              <Text className='hl-text'>{`${i + 1}. ${s.title}`}</Text>
              <Text className='hl-note'>{s.note}</Text>
            </View>
          </View>
        ))}
      </View>
      <View className='hl-card'>
        <Text className='hl-text'>遇到火情、燃气泄漏、急病或违法犯罪，请直接拨打 119、120、110。</Text>
      </View>
      <Button className='hl-btn hl-btn-block hl-btn-orders' type='primary' size='large' onClick={() => go(ROUTES.orders)}>
        查看建设进度
      </Button>
    </PageShell>
  )
}
