import { useRef, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Chips } from '../../../components/chips'
import { LinkRow } from '../../../components/link-row'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { ErrorView, Loading } from '../../../components/states'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { loadProfile, useProfile } from '../../../lib/profile'
import { day, when } from '../../../lib/time-words'
import { councils, type Decision, type DecisionItem } from '../../../services/councils'
import { gridOf } from '../common/places'
import { TallyBars, yuan } from '../common/ui'
import '../common/councils.scss'

function Item({ item }: { item: DecisionItem }) {
  const done = item.actions.filter((a) => a.done).length
  return (
    <View className='hc-item hl-decision-item'>
      <View className='hc-card-head'>
        <Text className='hc-card-title'>{item.title}</Text>
        <Text className={`hl-chip ${item.outcome === 'adopted' ? 'hc-chip-done' : 'hc-chip-plain'} hl-decision-outcome`}>{item.outcomeLabel}</Text>
      </View>
      {item.tally ? <TallyBars tally={item.tally} /> : null}
      {item.notes ? <Text className='hl-text'>{item.notes}</Text> : null}
      {item.actions.length ? (
        <Text className='hl-note'>{`落实进度：${done} / ${item.actions.length} 项完成 · 议题${item.topicStateLabel}`}</Text>
      ) : (
        <Text className='hl-note'>{`议题${item.topicStateLabel}`}</Text>
      )}
      {item.actions.map((a) => (
        <View key={a.id} className={`hc-action hl-decision-action${a.overdue ? ' hc-action-overdue' : ''}`}>
          <Text className='hl-text'>{a.text}</Text>
          <Chips>
            {a.done ? (
              <Text className='hl-chip hc-chip-done'>✓ 已完成</Text>
            ) : a.orderStateLabel ? (
              <Text className='hl-chip hc-chip-plain'>{`工单${a.orderStateLabel}`}</Text>
            ) : null}
            {a.overdue ? <Text className='hl-chip hc-chip-overdue'>⚠ 已超期</Text> : null}
          </Chips>
          <Text className='hl-note'>{`负责人 ${a.ownerName} · ${day(a.deadline)} 前 · ${yuan(a.budget)}`}</Text>
        </View>
      ))}
      <LinkRow className='hl-decision-topic' text='看这个议题的全过程' onClick={() => go(withQuery(ROUTES.councilTopic, { id: item.topicId }))} />
    </View>
  )
}

function DecisionCard({ d }: { d: Decision }) {
  return (
    <View className='hl-card hl-decision'>
      <Text className='hl-text hc-card-title'>{d.meetingTitle}</Text>
      <Chips>
        <Text className='hl-chip hc-chip-plain'>{d.type}</Text>
      </Chips>
      <Text className='hl-note'>{`${when(d.heldAt)} 召开 · ${when(d.publishedAt)} 公示`}</Text>
      {d.items.map((item) => (
        <Item key={item.topicId} item={item} />
      ))}
      <LinkRow className='hl-decision-meeting' text='看会议和纪要' onClick={() => go(withQuery(ROUTES.councilMeeting, { id: d.meetingId }))} />
    </View>
  )
}

/** 决议公示: a grid's published council decisions and how far their actions have got. */
export default function Decisions() {
  const router = useRouter()
  const state = useProfile()
  const profile = state.profile
  useDidShow(() => {
    void loadProfile()
  })
  const gridId = gridOf(profile, router.params.gridId ? decodeURIComponent(router.params.gridId) : undefined)
  const [place, setPlace] = useState('')
  const ready = Boolean(profile) || state.status === 'error'
  const paged = usePaged<Decision>(
    ready ? (gridId ?? 'home') : null,
    async (offset, limit) => {
      const answer = await councils.decisions({ ...(gridId ? { gridId } : {}), offset, limit })
      if (answer.ok) setPlace(answer.data.placeLabel)
      return asPage(answer, 'decisions')
    },
    { idOf: (d) => d.meetingId },
  )
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void paged.reload()
    shown.current = true
  })

  return (
    <PageShell name='council-decisions'>
      <Text className='hl-title'>决议公示</Text>
      <Text className='hl-note'>{`${place ? `${place}：` : ''}议事会议定的事和落实进度，请大家监督。`}</Text>
      {state.status === 'error' && !profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
      {!ready ? (
        <Loading />
      ) : (
        <PagedList
          paged={paged}
          className='hl-decision-list'
          empty='还没有公示的决议'
          emptyHint='议事会开完、纪要写好后，网格长会在这里公示决议'
          render={(d) => <DecisionCard key={d.meetingId} d={d} />}
        />
      )}
    </PageShell>
  )
}
