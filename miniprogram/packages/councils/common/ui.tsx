import { Text, View } from '@tarojs/components'
import { CHOICE_LABELS } from '@shared/councils/agenda'
import { Timeline as SharedTimeline, type TimelineLine } from '../../../components/timeline'
import '../../../components/progress-bar.scss'
import { when } from '../../../lib/time-words'
import type { MeetingSummary, MeetingView, Tally, TopicView } from '../../../services/councils'

// ---- words --------------------------------------------------------------------------------------

/** `90` → `1 小时 30 分钟`. */
export function minutesText(m: number): string {
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  return m % 60 ? `${h} 小时 ${m % 60} 分钟` : `${h} 小时`
}
export const yuan = (n: number): string => (n > 0 ? `${n.toLocaleString('zh-CN')} 元` : '无需经费')

// ---- chips: colour AND words, never colour alone -------------------------------------------------------

const TOPIC_MARK: Record<TopicView['state'], string> = {
  proposed: '○',
  supported: '!',
  adopted: '▶',
  scheduled: '▶',
  decided: '✓',
  acting: '▶',
  done: '★',
  declined: '✕',
  rejected: '✕',
  merged: '⇢',
}

export function TopicStateChip({ topic }: { topic: Pick<TopicView, 'state' | 'stateLabel'> }) {
  return <Text className={`hl-chip hc-chip-topic hc-chip-topic-${topic.state} hl-chip-topic-${topic.state}`}>{`${TOPIC_MARK[topic.state]} ${topic.stateLabel}`}</Text>
}

const MEETING_MARK: Record<MeetingView['state'], string> = { draft: '✎', published: '○', inSession: '▶', closed: '✓', archived: '✓', cancelled: '✕' }

export function MeetingStateChip({ meeting }: { meeting: Pick<MeetingSummary, 'state' | 'stateLabel'> }) {
  return (
    <Text className={`hl-chip hc-chip-meeting hc-chip-meeting-${meeting.state} hl-chip-meeting-${meeting.state}`}>{`${MEETING_MARK[meeting.state]} ${meeting.stateLabel}`}</Text>
  )
}

// ---- rows ---------------------------------------------------------------------------------------------

/** 同意 / 反对 / 弃权 as three bars with their numbers. */
export function TallyBars({ tally, className = '' }: { tally: Tally; className?: string }) {
  const rows = (['agree', 'oppose', 'abstain'] as const).map((k) => ({ k, n: tally[k] }))
  return (
    <View className={`hc-tally hl-tally ${className}`} aria-label={`同意 ${tally.agree} 票，反对 ${tally.oppose} 票，弃权 ${tally.abstain} 票`}>
      {rows.map(({ k, n }) => (
        <View key={k} className={`hc-tally-row hc-tally-${k}`}>
          <Text className='hc-tally-label'>{CHOICE_LABELS[k]}</Text>
          <View className='hl-progress-track' aria-hidden='true'>
            <View className='hl-progress-fill hc-tally-fill' style={{ width: `${tally.total ? Math.round((n / tally.total) * 100) : 0}%` }} />
          </View>
          <Text className={`hc-tally-count hl-tally-${k}`}>{`${n} 票`}</Text>
        </View>
      ))}
      <Text className='hl-note hl-tally-total'>{`共 ${tally.total} 票`}</Text>
    </View>
  )
}

/** The timeline of a topic or a meeting (not on the printed agenda). */
export function Timeline({ lines }: { lines: readonly TimelineLine[] | undefined }) {
  return <SharedTimeline title='过程记录' titleClassName='hl-section-title' className='hc-no-print' lines={lines} time={when} />
}
