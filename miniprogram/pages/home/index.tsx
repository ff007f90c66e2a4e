import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../components/page-shell'
import { LargeTextToggle } from '../../components/large-text-toggle'
import { loadProfile, useProfile } from '../../lib/profile'
import { go, ROUTES } from '../../lib/nav'
import './index.scss'

function greeting(hour: number): string {
  if (hour < 5) return '夜深了'
  if (hour < 11) return '早上好'
  if (hour < 13) return '中午好'
  if (hour < 18) return '下午好'
  return '晚上好'
}

const ENTRIES = [
  { key: 'work', title: '办事', note: '我的事项、志愿者接单、待办', url: ROUTES.work },
  { key: 'stations', title: '附近服务站', note: '党群服务站在哪、几点开门、谁在值班', url: ROUTES.stationList },
  { key: 'council', title: '邻里议事', note: '小区的事，大家商量着办', url: ROUTES.council },
  { key: 'me', title: '我的资料', note: '住址、手机号、长辈版', url: ROUTES.me },
] as const

export default function Home() {
  const state = useProfile()
  useDidShow(() => {
    void loadProfile()
  })

  const name = state.profile?.name
  const place = state.profile?.home?.gridName ?? state.profile?.home?.communityName

  return (
    <PageShell name='home'>
      <View className='hl-card home-hello'>
        <Text className='hl-hero home-greeting'>
          {greeting(new Date().getHours())}
          {name ? `，${name}` : ''}
        </Text>
        <Text className='hl-note home-place'>
          {place ? `您在${place}` : '红邻：党建引领，邻里互助'}
        </Text>
      </View>

      <View className='hl-card home-post hl-entry-post' role='button' onClick={() => go(ROUTES.orderPost)}>
        <Text className='hl-hero home-post-title'>我要办事</Text>
        <Text className='hl-note'>家里有难处，找党员志愿者帮忙</Text>
      </View>

      <View className='hl-card'>
        <LargeTextToggle testId='hl-toggle-elder' />
      </View>

      <Button className='hl-btn hl-btn-block hl-btn-scan' type='primary' size='large' onClick={() => go(ROUTES.stationScan)}>
        扫一扫
      </Button>
      <Text className='hl-note home-scan-note'>扫服务站的码报事、值班签到，网格长扫居民的个人码代办</Text>

      <View className='home-entries'>
        {ENTRIES.map((e) => (
          <View key={e.key} className={`hl-card home-entry hl-entry-${e.key}`} onClick={() => go(e.url)}>
            <Text className='hl-title home-entry-title'>{e.title}</Text>
            <Text className='hl-note'>{e.note}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
