import { useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { isCommunityLevel } from '@shared/territory/kinds'
import { Text } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PagedList } from '../../../components/paged-list'
import { PageShell } from '../../../components/page-shell'
import { Tabs } from '../../../components/tabs'
import { ErrorView, Loading } from '../../../components/states'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { loadProfile, useProfile } from '../../../lib/profile'
import { askSubscribe } from '../../../lib/subscribe'
import { councils, type MeetingSummary } from '../../../services/councils'
import { MeetingCard } from '../common/cards'
import { leaderPlaces } from '../common/places'
import '../common/councils.scss'

/** 议事会议: the meetings I convene or am invited to; a leader also the meetings of the places they lead. */
export default function Meetings() {
  const state = useProfile()
  const profile = state.profile
  useDidShow(() => {
    void loadProfile()
  })
  const places = leaderPlaces(profile).filter((s) => s.nodeKind === 'grid' || isCommunityLevel(s.nodeKind))
  const [view, setView] = useState<string>('mine')
  const nodeId = view === 'mine' ? undefined : view
  const ready = Boolean(profile) || state.status === 'error'
  const paged = usePaged<MeetingSummary>(ready ? view : null, async (offset, limit) =>
    asPage(await councils.listMeetings({ view: nodeId ? 'place' : 'mine', ...(nodeId ? { nodeId } : {}), offset, limit }), 'meetings'),
  )
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })

  const create = async () => {
    // The convener is reminded when the minutes are due.
    await askSubscribe(['meeting.minutesDue', 'topic.supported'])
    go(ROUTES.councilMeetingEdit)
  }

  return (
    <PageShell name='council-meetings'>
      <Text className='hl-title'>议事会议</Text>
      {state.status === 'error' && !profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {places.length ? (
        <Button className='hl-btn hl-btn-block hl-btn-create-meeting' type='primary' size='large' onClick={() => void create()}>
          召集会议
        </Button>
      ) : null}
      {places.length ? (
        <Tabs name='meeting-view' items={[{ key: 'mine', label: '我的会议' }, ...places.map((p) => ({ key: p.nodeId, label: p.nodeName }))]} value={view} onChange={setView} />
      ) : (
        <Text className='hl-note'>您召集的和受邀参加的会议。会议开始后在会场扫码签到、表决。</Text>
      )}
      {!ready ? (
        <Loading />
      ) : (
        <PagedList
          paged={paged}
          className='hl-meeting-list'
          empty={view === 'mine' ? '您还没有召集或受邀的会议' : '这里还没有会议'}
          emptyHint={places.length ? '点上面的“召集会议”安排一次议事会' : '受邀参加会议时，消息通知里会告诉您'}
          count={(n) => `共 ${n} 次会议`}
          render={(m) => <MeetingCard key={m.id} meeting={m} onOpen={() => go(withQuery(ROUTES.councilMeeting, { id: m.id }))} />}
        />
      )}
    </PageShell>
  )
}
