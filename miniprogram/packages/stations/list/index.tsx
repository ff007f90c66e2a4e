import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import type { ClientError } from '../../../services/call'
import { stations, type Point, type StationView } from '../../../services/stations'
import { distanceText, hm, daysText } from '../common/format'
import { OpenChip } from '../common/ui'
import '../common/stations.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; list: StationView[] }
type Where = { status: 'unknown' } | { status: 'asking' } | { status: 'known'; point: Point } | { status: 'denied'; text: string }

/** The person's position, only in WeChat and never with a dialog nobody asked for. */
async function locate(): Promise<Point> {
  const res = await Taro.getLocation({ type: 'gcj02' })
  return { lat: res.latitude, lng: res.longitude }
}

async function locationAlreadyAllowed(): Promise<boolean> {
  try {
    const setting = await Taro.getSetting()
    return setting.authSetting['scope.userLocation'] === true
  } catch {
    return false
  }
}

function StationCard({ s }: { s: StationView }) {
  return (
    <View className={`hl-card hl-station-card hl-station-${s.id}${s.openNow ? '' : ' hs-closed'}`} role='button' onClick={() => go(withQuery(ROUTES.stationDetail, { id: s.id }))}>
      <View className='hs-card-head'>
        <Text className='hs-card-title hl-station-name'>{s.name}</Text>
        <OpenChip open={s.openNow} />
      </View>
      <Text className='hl-text hl-station-hours'>{s.openingHours || (s.hours ? `${daysText(s.hours.days)} ${hm(s.hours.open)}–${hm(s.hours.close)}` : '开放时间未公布')}</Text>
      <Text className='hl-note hl-station-address'>{s.address || s.communityName}</Text>
      {s.distanceMeters !== null ? <Text className='hl-text hl-station-distance'>{`离您约 ${distanceText(s.distanceMeters)}`}</Text> : null}
      {s.onDutyNow.length ? <Text className='hl-note hl-station-onduty'>{`此刻在岗：${s.onDutyNow.join('、')}`}</Text> : null}
      <Text className='hs-more'>查看详情 ›</Text>
    </View>
  )
}

/** 附近服务站: every 党群服务站, nearest first when we know where the person is. */
export default function StationList() {
  const weapp = process.env.TARO_ENV === 'weapp'
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [where, setWhere] = useState<Where>({ status: 'unknown' })

  const fetchList = async (point?: Point) => {
    setLoad((l) => (l.status === 'ready' ? l : { status: 'loading' }))
    const answer = await stations.list(point)
    setLoad(answer.ok ? { status: 'ready', list: answer.data.stations } : { status: 'error', error: answer.error })
  }

  const locateAndList = async () => {
    setWhere({ status: 'asking' })
    try {
      const point = await locate()
      setWhere({ status: 'known', point })
      await fetchList(point)
    } catch {
      setWhere({ status: 'denied', text: '没能取得您的位置，下面按社区排列。可以在微信“设置 › 隐私”里允许红邻使用位置。' })
    }
  }

  useEffect(() => {
    void (async () => {
      // Asked before: use it at once. Never asked: the list first, and a button that asks.
      if (weapp && (await locationAlreadyAllowed())) await locateAndList()
      else await fetchList()
    })()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once on open; `weapp` is a build-time constant
  }, [])

  return (
    <PageShell name='station-list'>
      <Text className='hl-title'>附近服务站</Text>
      <Text className='hl-note hs-intro'>党群服务站里有党员志愿者值班，可以当面办事、咨询。</Text>
      {weapp && where.status !== 'known' ? (
        <Button
          className='hl-btn hl-btn-block hl-btn-locate'
          size='large'
          loading={where.status === 'asking'}
          disabled={where.status === 'asking'}
          onClick={() => void locateAndList()}
        >
          按离我远近排列
        </Button>
      ) : null}
      {where.status === 'denied' ? <Text className='hl-notice hl-locate-note'>{where.text}</Text> : null}
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchList(where.status === 'known' ? where.point : undefined)} /> : null}
      {load.status === 'ready' && load.list.length === 0 ? <Empty text='附近还没有登记的服务站' hint='可以联系社区了解服务站的位置' /> : null}
      {load.status === 'ready' ? (
        <View className='hl-station-list'>
          {load.list.map((s) => (
            <StationCard key={s.id} s={s} />
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
