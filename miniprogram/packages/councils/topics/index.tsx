import { useRef, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { ErrorView, Loading } from '../../../components/states'
import { Tabs } from '../../../components/tabs'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { loadProfile, useProfile } from '../../../lib/profile'
import { askSubscribe } from '../../../lib/subscribe'
import { councils, type TopicFilter, type TopicView } from '../../../services/councils'
import { TopicCard } from '../common/cards'
import { gridOf, leaderPlaces, leads } from '../common/places'
import '../common/councils.scss'

type Tab = Exclude<TopicFilter, 'closed'> | 'mine'
const TABS: readonly { key: Tab; label: string }[] = [
  { key: 'open', label: '征集附议' },
  { key: 'adopted', label: '已采纳' },
  { key: 'decided', label: '落实中' },
  { key: 'done', label: '已办结' },
  { key: 'all', label: '全部' },
  { key: 'mine', label: '我的' },
]
const EMPTY: Record<Tab, string> = {
  open: '现在没有正在征集附议的议题',
  adopted: '没有已采纳、等待上会的议题',
  decided: '没有正在落实的议题',
  done: '还没有办结的议题',
  all: '这个网格还没有人提出议题',
  mine: '您还没有提出或附议过议题',
}
const isTab = (v: string | undefined): v is Tab => TABS.some((t) => t.key === v)

/** 居民议事: the grid's topics by state, or mine; propose (residents) or raise (leaders). */
export default function Topics() {
  const router = useRouter()
  const state = useProfile()
  const profile = state.profile
  const [tab, setTab] = useState<Tab>(isTab(router.params.filter) ? router.params.filter : 'open')
  const [threshold, setThreshold] = useState<number | null>(null)
  useDidShow(() => {
    void loadProfile()
  })
  const places = leaderPlaces(profile).filter((s) => s.nodeKind === 'grid')
  const [picked, setPicked] = useState<string | undefined>(router.params.gridId ? decodeURIComponent(router.params.gridId) : undefined)
  const gridId = gridOf(profile, picked)
  const ready = Boolean(profile) || state.status === 'error'
  const key = ready ? `${gridId ?? ''}|${tab}` : null

  const paged = usePaged<TopicView>(key, async (offset, limit) => {
    const answer = await councils.listTopics({ ...(gridId && tab !== 'mine' ? { gridId } : {}), filter: tab === 'mine' ? 'all' : tab, mine: tab === 'mine', offset, limit })
    if (answer.ok) setThreshold(answer.data.threshold)
    return asPage(answer, 'topics')
  })
  // Back from a topic or the propose form: the list as it is now.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })

  const leader = leads(profile)
  const propose = async () => {
    await askSubscribe(['topic.adopted', 'topic.answered', 'topic.rate'])
    go(withQuery(ROUTES.councilPropose, { gridId }))
  }

  return (
    <PageShell name='council-topics'>
      <Text className='hl-title'>居民议事</Text>
      <Text className='hl-note'>家门口的事大家商量：居民提出议题，同网格居民附议，网格长召集议事会商议，办好后请您评价。</Text>
      {threshold !== null && tab !== 'mine' ? <Text className='hl-notice hl-threshold'>{`本网格附议满 ${threshold} 人，议题就提交网格长；网格长也可以提前采纳。`}</Text> : null}
      {state.status === 'error' && !profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}

      <View className='hl-actions'>
        {profile?.home || leader ? (
          <Button className='hl-btn hl-btn-block hl-btn-propose' type='primary' size='large' onClick={() => void propose()}>
            提出议题
          </Button>
        ) : null}
        {leader ? (
          <Button className='hl-btn hl-btn-block hl-btn-raise' size='large' onClick={() => go(withQuery(ROUTES.councilPropose, { leader: '1', gridId }))}>
            网格党组织直接立题
          </Button>
        ) : null}
      </View>
      {!profile?.home && !leader && profile ? <Text className='hl-notice'>在“我的”里填写住址后，就能提出和附议本网格的议题。</Text> : null}

      {places.length > 1 ? <Tabs name='grids' items={places.map((p) => ({ key: p.nodeId, label: p.nodeName }))} value={gridId ?? ''} onChange={(g) => setPicked(g)} /> : null}
      <Tabs name='topic-filter' items={TABS} value={tab} onChange={setTab} />

      {key === null ? (
        <Loading />
      ) : (
        <PagedList
          paged={paged}
          className='hl-topic-list'
          empty={EMPTY[tab]}
          emptyHint={tab === 'open' ? '有什么想和邻居一起商量的事，点上面的“提出议题”' : undefined}
          count={(n) => `共 ${n} 个议题`}
          render={(t) => <TopicCard key={t.id} topic={t} onOpen={() => go(withQuery(ROUTES.councilTopic, { id: t.id }))} />}
        />
      )}

      <View className='hc-more-links'>
        <LinkRow className='hl-link-decisions' text='决议公示' note='议事会的决定和落实进度' onClick={() => go(withQuery(ROUTES.councilDecisions, { gridId }))} />
        <LinkRow
          className='hl-link-meetings'
          text={leader ? '议事会议' : '我受邀的会议'}
          note={leader ? '召集会议、安排议程、现场表决' : '签到、表决、看会议纪要'}
          onClick={() => go(ROUTES.councilMeetings)}
        />
      </View>
    </PageShell>
  )
}
