import { Fragment, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { beijingHour } from '@shared/kernel/time'
import { spokenOffer } from '@shared/orders/spoken'
import { PageShell } from '../../components/page-shell'
import { LargeTextToggle } from '../../components/large-text-toggle'
import { ReadAloud } from '../../components/read-aloud'
import { Empty, ErrorView, Loading } from '../../components/states'
import { loadProfile, useProfile } from '../../lib/profile'
import { go, ROUTES, setTabCount, withQuery } from '../../lib/nav'
import { mmss, useTimeLeft } from '../../lib/countdown'
import type { ClientError } from '../../services/call'
import { orders, type HomeData, type HomeOrder, type PlaceCounts } from '../../services/orders'
import './index.scss'

/** Greets by the hour in Beijing, where the residents are, whatever clock the device keeps. */
function greeting(instant: string): string {
  const hour = beijingHour(instant)
  if (hour < 5) return '夜深了'
  if (hour < 11) return '早上好'
  if (hour < 13) return '中午好'
  if (hour < 18) return '下午好'
  return '晚上好'
}

const ENTRIES = [
  { key: 'work', title: '办事', note: '我的事项、志愿者接单、待办', url: ROUTES.work },
  { key: 'stations', title: '附近服务站', note: '党群服务站在哪、几点开门、谁在值班', url: ROUTES.stationList },
  { key: 'me', title: '我的资料', note: '住址、手机号、长辈版', url: ROUTES.me },
] as const

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; data: HomeData; skewMs: number }

const detail = (id: string) => withQuery(ROUTES.orderDetail, { id })

/** 剩余 mm:ss, by the server's clock (`skewMs` = server − phone), ticking every second. */
function OfferCountdown({ expiresAt, skewMs }: { expiresAt: string; skewMs: number }) {
  const { left, over } = useTimeLeft(expiresAt, skewMs)
  return (
    <View className={`home-countdown hl-countdown${over ? ' hl-countdown-over' : ''}`} role='timer'>
      <Text className='home-countdown-label'>{over ? '已过时，平台正在改派' : '请在这之前确认'}</Text>
      {over ? null : <Text className='home-countdown-time'>{`剩余 ${mmss(left)}`}</Text>}
    </View>
  )
}

function Offers({ data, skewMs }: { data: NonNullable<HomeData['offers']>; skewMs: number }) {
  const list = data.orders
  return (
    <View className={`hl-card home-section home-offers${list.length ? ' home-offers-waiting' : ''}`}>
      <Text className='hl-title home-section-title'>{list.length ? `派给您的事（${list.length} 件）` : '派给您的事'}</Text>
      {list.length === 0 ? <Text className='hl-note home-offers-none'>现在没有派给您的事，有新派单会通知您。</Text> : null}
      {list.map((o) => (
        <View key={o.id} className='home-offer hl-home-offer' role='button' onClick={() => go(detail(o.id))}>
          <View className='home-line-head'>
            <Text className='hl-text home-line-title'>{o.category}</Text>
            <Text className='home-chip home-chip-offer'>{o.stateLabel}</Text>
          </View>
          <Text className='hl-note home-line-place'>{o.placeLabel}</Text>
          <Text className='hl-text home-line-desc'>{o.description}</Text>
          {o.expiresAt ? <OfferCountdown expiresAt={o.expiresAt} skewMs={skewMs} /> : null}
          {/* 朗读 (长辈版), by the server's clock like the countdown; it does not open the card. */}
          <ReadAloud name='offer' text={() => spokenOffer(o, Date.now() + skewMs)} />
          <Text className='home-line-more'>查看并接单 ›</Text>
        </View>
      ))}
      <View className='home-link hl-btn-home-tasks' role='button' onClick={() => go(ROUTES.orderTasks)}>
        <Text>{data.inHand ? `我在办的 ${data.inHand} 件 · 志愿者接单 ›` : '志愿者接单：派给我的、抢单 ›'}</Text>
      </View>
    </View>
  )
}

function Place({ place }: { place: PlaceCounts }) {
  return (
    <View className={`hl-card home-section home-leads hl-home-place-${place.nodeId}`}>
      <Text className='hl-title home-section-title'>{`${place.nodeName} · 今天要办`}</Text>
      <Text className='hl-note'>{`您是${place.roleLabel}，点数字打开待办队列`}</Text>
      <View className='home-counts'>
        {place.counts.map((c) => (
          <View
            key={c.filter}
            className={`home-count hl-home-count-${c.filter}${c.count > 0 ? ' home-count-some' : ''}${c.count > 0 && c.filter === 'overdue' ? ' home-count-alarm' : ''}`}
            role='button'
            aria-label={`${c.label} ${c.count} 件`}
            onClick={() => go(withQuery(ROUTES.orderQueue, { nodeId: place.nodeId, filter: c.filter }))}
          >
            <Text className='home-count-number'>{String(c.count)}</Text>
            <Text className='home-count-label'>{c.count > 0 && c.filter === 'overdue' ? `${c.label} !` : c.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function MineLine({ order }: { order: HomeOrder }) {
  return (
    <View className={`home-mine hl-home-mine hl-home-mine-${order.state}`} role='button' onClick={() => go(detail(order.id))}>
      <View className='home-line-head'>
        <Text className='hl-text home-line-title'>{order.category}</Text>
        <Text className={`home-chip home-chip-${order.state}`}>{order.stateLabel}</Text>
      </View>
      <Text className='hl-note home-line-desc-small'>{order.description}</Text>
      {order.hint ? <Text className='home-hint'>{`${order.hint} ›`}</Text> : null}
    </View>
  )
}

function Mine({ data }: { data: HomeData['mine'] }) {
  return (
    <View className='hl-card home-section home-mine-list'>
      <Text className='hl-title home-section-title'>我的事项</Text>
      {data.orders.length === 0 ? <Empty text='您没有在办的事项' hint='家里有难处，点下面的“我要办事”' /> : data.orders.map((o) => <MineLine key={o.id} order={o} />)}
      <View className='home-link hl-btn-home-mine' role='button' onClick={() => go(ROUTES.orderMine)}>
        <Text>{data.more ? '还有更多，查看全部 ›' : '全部事项（含已办结）›'}</Text>
      </View>
    </View>
  )
}

/**
 * 首页 knows who you are: the server says which sections to draw and in what order (a waiting offer
 * first, then what the places you lead need today, then your own open orders). No role checks here.
 */
export default function Home() {
  const state = useProfile()
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const asked = useRef(0)

  const refresh = async () => {
    const mine = ++asked.current
    setLoad((l) => (l.status === 'ready' ? l : { status: 'loading' }))
    const sent = Date.now()
    const answer = await orders.home()
    if (mine !== asked.current) return
    if (!answer.ok) {
      setLoad({ status: 'error', error: answer.error })
      return
    }
    // The server's clock at the midpoint of the call: countdowns use it, not the phone's.
    const skewMs = Date.parse(answer.data.now) - (sent + Date.now()) / 2
    setLoad({ status: 'ready', data: answer.data, skewMs })
    setTabCount(ROUTES.work, answer.data.workBadge)
  }

  useDidShow(() => {
    void loadProfile()
    void refresh()
  })

  const name = state.profile?.name
  const place = state.profile?.home?.gridName ?? state.profile?.home?.communityName

  return (
    <PageShell name='home'>
      <View className='hl-card home-hello'>
        <Text className='hl-hero home-greeting'>
          {greeting(load.status === 'ready' ? load.data.now : new Date().toISOString())}
          {name ? `，${name}` : ''}
        </Text>
        <Text className='hl-note home-place'>{place ? `您在${place}` : '红邻：党建引领，邻里互助'}</Text>
      </View>

      {load.status === 'loading' ? <Loading text='正在看看有什么要办…' /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void refresh()} /> : null}
      {load.status === 'ready'
        ? load.data.sections.map((s) => {
            if (s === 'offers' && load.data.offers) return <Offers key={s} data={load.data.offers} skewMs={load.skewMs} />
            if (s === 'queues')
              return (
                <Fragment key={s}>
                  {load.data.places.map((p) => (
                    <Place key={p.nodeId} place={p} />
                  ))}
                </Fragment>
              )
            if (s === 'mine') return <Mine key={s} data={load.data.mine} />
            return null
          })
        : null}

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
          <View key={e.key} className={`hl-card home-entry hl-entry-${e.key}`} role='button' onClick={() => go(e.url)}>
            <Text className='hl-title home-entry-title'>{e.title}</Text>
            <Text className='hl-note'>{e.note}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
