import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../components/page-shell'
import { go, ROUTES } from '../../lib/nav'

const MEETINGS = [
  { key: 'micro', title: '微网格议事会', note: '楼栋、小区的事，邻居们坐下来商量' },
  { key: 'talk', title: '民情恳谈会', note: '听听大家的心里话' },
  { key: 'mediate', title: '民事协调会', note: '邻里矛盾，私下调解，不公开' },
  { key: 'hearing', title: '民意听证会', note: '大事先听居民意见' },
  { key: 'review', title: '民主评议会', note: '办得好不好，大家来评' },
] as const

export default function Council() {
  return (
    <PageShell name='council'>
      <Text className='hl-title'>议事</Text>
      <Text className='hl-notice'>网格议事功能正在建设中，上线后可在这里提议题、参加会议、看公示。</Text>
      <View className='hl-card'>
        <Text className='hl-title'>议事会有这几种</Text>
        {MEETINGS.map((m) => (
          <View key={m.key} className={`hl-row council-kind council-kind-${m.key}`}>
            <View className='hl-label'>
              <Text className='hl-text'>{m.title}</Text>
              <Text className='hl-note'>{m.note}</Text>
            </View>
          </View>
        ))}
      </View>
      <Button className='hl-btn hl-btn-block hl-btn-council-hall' type='primary' size='large' onClick={() => go(ROUTES.councilHall)}>
        查看建设进度
      </Button>
    </PageShell>
  )
}
