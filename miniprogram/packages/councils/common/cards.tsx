import { Text, View } from '@tarojs/components'
import { MEETING_TYPE_RULES } from '@shared/councils/meeting.types'
import { Chips } from '../../../components/chips'
import { ProgressBar } from '../../../components/progress-bar'
import { when } from '../../../lib/time-words'
import type { MeetingSummary, TopicView } from '../../../services/councils'
import { MeetingStateChip, minutesText, TopicStateChip } from './ui'

export function TopicCard({ topic, onOpen }: { topic: TopicView; onOpen: () => void }) {
  const collecting = topic.state === 'proposed' || topic.state === 'supported'
  return (
    <View className={`hl-card hl-topic-card hl-topic-${topic.state}`}>
      <View className='hc-card-open hl-topic-open' role='button' onClick={onOpen}>
        <View className='hc-card-head'>
          <Text className='hc-card-title'>{topic.title}</Text>
          <TopicStateChip topic={topic} />
        </View>
        <Chips>
          {topic.mine ? <Text className='hl-chip hc-chip-plain'>我提出的</Text> : null}
          {topic.supportedByMe ? <Text className='hl-chip hc-chip-plain'>我已附议</Text> : null}
          {topic.source === 'order' ? <Text className='hl-chip hc-chip-plain'>来自居民求助</Text> : null}
          {topic.actions.some((a) => a.overdue) ? <Text className='hl-chip hc-chip-overdue'>⚠ 有行动项超期</Text> : null}
        </Chips>
        {collecting ? (
          <ProgressBar
            className='hl-topic-support'
            share={topic.threshold ? topic.supportCount / topic.threshold : 0}
            words={`附议 ${topic.supportCount} / ${topic.threshold} 人`}
          />
        ) : null}
        {topic.actions.length ? <Text className='hl-note'>{`行动项 ${topic.actions.filter((a) => a.done).length} / ${topic.actions.length} 已完成`}</Text> : null}
        {topic.rating ? <Text className='hl-note'>{`效果评价 ${topic.rating.average.toFixed(1)} 分（${topic.rating.count} 人）`}</Text> : null}
        <Text className='hl-note'>{`${topic.placeLabel} · ${topic.proposerName ?? '网格党组织'} · ${when(topic.createdAt)}`}</Text>
        <Text className='hl-note hc-card-more'>查看详情 ›</Text>
      </View>
    </View>
  )
}

export function MeetingCard({ meeting, onOpen }: { meeting: MeetingSummary; onOpen: () => void }) {
  return (
    <View className={`hl-card hl-meeting-card hl-meeting-${meeting.state}`}>
      <View className='hc-card-open hl-meeting-open' role='button' onClick={onOpen}>
        <View className='hc-card-head'>
          <Text className='hc-card-title'>{meeting.title}</Text>
          <MeetingStateChip meeting={meeting} />
        </View>
        <Chips>
          <Text className='hl-chip hc-chip-plain'>{meeting.type}</Text>
          {meeting.mine ? <Text className='hl-chip hc-chip-plain'>我召集的</Text> : meeting.invited ? <Text className='hl-chip hc-chip-plain'>我受邀</Text> : null}
          {MEETING_TYPE_RULES[meeting.type].anonymous ? <Text className='hl-chip hc-chip-plain'>无记名表决</Text> : null}
        </Chips>
        <Text className='hl-text'>{`${when(meeting.startAt)} · ${minutesText(meeting.lengthMinutes)}`}</Text>
        <Text className='hl-note'>{`${meeting.placeText} · ${meeting.placeLabel}`}</Text>
        <Text className='hl-note'>{meeting.items ? `议程 ${meeting.items} 项` : '还没有安排议程'}</Text>
        <Text className='hl-note hc-card-more'>查看详情 ›</Text>
      </View>
    </View>
  )
}
