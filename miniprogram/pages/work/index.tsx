import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { PageShell } from '../../components/page-shell'
import { ErrorView } from '../../components/states'
import { loadProfile, opens, scopesOf, useProfile } from '../../lib/profile'
import { go, ROUTES, withQuery } from '../../lib/nav'
import { askSubscribe, type TemplateKey } from '../../lib/subscribe'
import type { Profile } from '../../services/accounts'
import './index.scss'

/** The request loop, as residents read it. */
const STEPS = [
  { key: 'post', title: '网上接单', note: '您在手机上说清楚遇到的难处' },
  { key: 'dispatch', title: '平台派单', note: '系统找到本网格合适的党员志愿者' },
  { key: 'accept', title: '党员接单', note: '志愿者接单上门，办好后告诉您' },
  { key: 'rate', title: '居民评单', note: '您给这次服务打分、提意见' },
] as const

interface Entry {
  key: string
  title: string
  note: string
  url: string
  primary?: boolean
  /** Messages this page's people get: consent is asked on the tap that opens it (weapp). */
  subscribe?: TemplateKey[]
}

function entriesFor(profile: Profile | undefined): Entry[] {
  const list: Entry[] = [
    { key: 'post', title: '我要办事', note: '家里有难处，找党员志愿者帮忙', url: ROUTES.orderPost, primary: true },
    { key: 'mine', title: '我的事项', note: '看进展、留言、评价', url: ROUTES.orderMine },
    { key: 'stations', title: '附近服务站', note: '党群服务站在哪、几点开门、谁在值班', url: ROUTES.stationList },
  ]
  // Each role entry shows where the server's scopes open it (shared/accounts/scopes.ts).
  if (opens(profile, 'tasks')) list.push({ key: 'tasks', title: '志愿者接单', note: '派给我的、抢单、我在办的', url: ROUTES.orderTasks, subscribe: ['order.offered'] })
  if (opens(profile, 'desk'))
    list.push({ key: 'desk', title: '物业工单', note: '责任清单派给物业的事：接单、办结，不归物业管的写明原因退回', url: ROUTES.orderDesk, subscribe: ['order.offered'] })
  if (opens(profile, 'queue')) list.push({ key: 'queue', title: '待办队列', note: '派单、复核、上报与回派', url: ROUTES.orderQueue, subscribe: ['order.escalated'] })
  if (opens(profile, 'stats')) list.push({ key: 'stats', title: '数据看板', note: '出格率、办结率、满意度、服务时长，点数字看事项', url: ROUTES.dashboard })
  if (opens(profile, 'dataAccess')) list.push({ key: 'dataAccess', title: '数据对接', note: '给区平台、12345 热线发放 Open311 密钥', url: ROUTES.open311Keys })
  if (opens(profile, 'revealLog')) list.push({ key: 'revealLog', title: '信息查看记录', note: '谁查看了居民的手机号和门牌，查看最多的人', url: ROUTES.revealLog })
  if (opens(profile, 'proxy')) list.push({ key: 'proxy', title: '为居民代办', note: '替没有手机的居民报事', url: withQuery(ROUTES.orderPost, { proxy: '1' }) })
  // 六有: the street sees its communities side by side; a community and its grid leaders fill their check.
  if (scopesOf(profile, 'liuyou').some((s) => s.nodeKind === 'street'))
    list.push({ key: 'liuyou', title: '六有评估总览', note: '各社区六个方面的得分、走势与审核', url: ROUTES.liuyouMatrix })
  else if (opens(profile, 'liuyou')) list.push({ key: 'liuyou', title: '六有自查', note: '逐项自查、补充佐证、整改任务', url: ROUTES.liuyouChecks })
  // 议事: everyone's topics and the published decisions; meetings for those who convene (the leaders' scopes).
  list.push({
    key: 'council',
    title: '居民议事',
    note: '提出议题、附议，一起商量家门口的事',
    url: ROUTES.councilTopics,
    subscribe: ['topic.adopted', 'topic.answered', 'topic.rate'],
  })
  list.push({ key: 'decisions', title: '决议公示', note: '议事会的决定和落实进度', url: ROUTES.councilDecisions, subscribe: ['council.decision'] })
  // 三方共治: the leaders' and the compounds' view; the responsibility list is public to whoever lives in the community.
  if (opens(profile, 'compounds')) list.push({ key: 'compounds', title: '三方共治', note: '小区的治理模式、物业服务中心、责任清单', url: ROUTES.compoundList })
  // 评议监督: the owners' committee and the desk review their own compound's month; the community reaches it from its list.
  const compound = scopesOf(profile, 'compounds').find((s) => s.nodeKind === 'compound')
  if (compound)
    list.push({
      key: 'compoundReview',
      title: '评议监督',
      note: `${compound.nodeName}物业本月的接单、按时办结、满意度和退回`,
      url: withQuery(ROUTES.compoundReview, { compoundId: compound.nodeId }),
    })
  const home = profile?.home
  if (home?.communityId)
    list.push({
      key: 'responsibilities',
      title: '责任清单公示',
      note: '小区里的事先由谁处理、几小时内',
      url: withQuery(ROUTES.responsibilities, { communityId: home.communityId }),
    })
  // 物业服务评价: residents whose home lies in a compound rate its desk once a quarter; its own staff do not.
  if (home?.compoundId && !profile!.roles.some((r) => r.role === 'property' && r.nodeId === home.compoundId))
    list.push({ key: 'survey', title: '小区服务评价', note: `每季度给${home.compoundName ?? '小区'}的物业服务打分、提意见，不记名`, url: ROUTES.compoundSurvey })
  if (opens(profile, 'queue') || (profile?.roles.length ?? 0) > 1)
    list.push({
      key: 'meetings',
      title: '议事会议',
      note: opens(profile, 'queue') ? '召集会议、安排议程、现场签到表决' : '受邀参加的会议：签到、表决',
      url: ROUTES.councilMeetings,
      subscribe: ['meeting.invited', 'meeting.reminder', 'meeting.cancelled'],
    })
  return list
}

/** 办事: the hub of the request loop. Role entries show only where the server's scopes open them. */
export default function Work() {
  const state = useProfile()
  useDidShow(() => {
    void loadProfile()
  })
  const entries = entriesFor(state.profile)
  const enter = async (e: Entry) => {
    if (e.subscribe) await askSubscribe(e.subscribe)
    go(e.url)
  }

  return (
    <PageShell name='work'>
      <View className='hl-row'>
        <Text className='hl-title'>办事</Text>
        <View className='work-messages hl-btn-work-messages' role='button' onClick={() => go(ROUTES.messages)}>
          <Text>消息通知 ›</Text>
        </View>
      </View>
      <View className='work-entries'>
        {entries.map((e) => (
          <View
            key={e.key}
            className={`hl-card work-entry hl-entry-${e.key} hl-btn-work-${e.key}${e.primary ? ' work-entry-primary' : ''}`}
            role='button'
            onClick={() => void enter(e)}
          >
            <Text className='hl-title work-entry-title'>{e.title}</Text>
            <Text className='hl-note'>{e.note}</Text>
          </View>
        ))}
      </View>
      {state.status === 'error' && !state.profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      <View className='hl-card work-emergency'>
        <Text className='hl-text'>遇到火情、燃气泄漏、急病或违法犯罪，请直接拨打 119、120、110。</Text>
      </View>
      <View className='hl-card'>
        <Text className='hl-title'>怎么办</Text>
        {STEPS.map((s, i) => (
          <View key={s.key} className={`hl-row work-step work-step-${s.key}`}>
            <View className='hl-label'>
              <Text className='hl-text'>{`${i + 1}. ${s.title}`}</Text>
              <Text className='hl-note'>{s.note}</Text>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
