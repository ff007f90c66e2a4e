import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { CHOICE_LABELS } from '@shared/councils/agenda'
import { dateText, dateTimeText } from '@shared/kernel/time'
import { Choice } from '../../../components/choice'
import { FieldError } from '../../../components/states'
import { Timeline as SharedTimeline, type TimelineLine } from '../../../components/timeline'
import type { MeetingSummary, MeetingView, Tally, TopicView } from '../../../services/councils'

// ---- words --------------------------------------------------------------------------------------

/** `11月22日 15:43` (with the year when it is not this year), Beijing time. */
export const when = (iso: string | null | undefined): string => (iso ? dateTimeText(iso, Date.now()) : '')
/** `2026-12-20` → `12月20日 周日`. */
export const day = (date: string): string => dateText(date)
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

export function Chips({ children }: { children: ReactNode }) {
  return <View className='hc-chips'>{children}</View>
}

// ---- rows ---------------------------------------------------------------------------------------------

/** A bar of a share, with the words beside it (the bar is never the only sign). */
export function ProgressBar({ share, words, className = '' }: { share: number; words: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)))
  return (
    <View className={`hc-progress ${className}`}>
      <View className='hc-progress-track' aria-hidden='true'>
        <View className='hc-progress-fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='hl-note hc-progress-words'>{words}</Text>
    </View>
  )
}

/** 同意 / 反对 / 弃权 as three bars with their numbers. */
export function TallyBars({ tally, className = '' }: { tally: Tally; className?: string }) {
  const rows = (['agree', 'oppose', 'abstain'] as const).map((k) => ({ k, n: tally[k] }))
  return (
    <View className={`hc-tally hl-tally ${className}`} aria-label={`同意 ${tally.agree} 票，反对 ${tally.oppose} 票，弃权 ${tally.abstain} 票`}>
      {rows.map(({ k, n }) => (
        <View key={k} className={`hc-tally-row hc-tally-${k}`}>
          <Text className='hc-tally-label'>{CHOICE_LABELS[k]}</Text>
          <View className='hc-tally-track' aria-hidden='true'>
            <View className='hc-tally-fill' style={{ width: `${tally.total ? Math.round((n / tally.total) * 100) : 0}%` }} />
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
  return <SharedTimeline title='过程记录' titleClassName='hc-section-title' className='hc-no-print' lines={lines} time={when} />
}

// ---- a link-like row that is a full touch target ------------------------------------------------------

export function LinkRow({ text, note, className, onClick }: { text: string; note?: string; className: string; onClick: () => void }) {
  return (
    <View className={`hc-link ${className}`} role='button' onClick={onClick}>
      <View className='hc-link-words'>
        <Text className='hc-link-text'>{text}</Text>
        {note ? <Text className='hl-note'>{note}</Text> : null}
      </View>
      <Text className='hc-link-arrow' aria-hidden='true'>
        ›
      </Text>
    </View>
  )
}

// ---- forms --------------------------------------------------------------------------------------------

/** A one-line input with its label and error, sized by 长辈版. */
export function Field({
  label,
  name,
  value,
  onChange,
  placeholder,
  error,
  maxLength = 40,
  type = 'text',
  note,
}: {
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
  error?: string
  maxLength?: number
  type?: 'text' | 'number'
  note?: string
}) {
  return (
    <View className={`hl-field hc-field hl-field-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {note ? <Text className='hl-note'>{note}</Text> : null}
      <Input className={`hl-input hc-input hl-input-${name}`} type={type} value={value} placeholder={placeholder} maxlength={maxLength} onInput={(e) => onChange(e.detail.value)} />
      <FieldError field={name} message={error} />
    </View>
  )
}

export { Choice }

// ---- after a step: back to the top, where its notice is ------------------------------------------------

export function toTop(): void {
  void Taro.pageScrollTo({ scrollTop: 0, duration: 300 }).catch(() => undefined)
}

export function bringIntoView(page: string, className: string): void {
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: `.hl-page-${page} .${className}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
  }, 50)
}

// ---- dates and times: WeChat's own picker in the mini-program, the browser's in H5 -----------------------

/** A date (`2026-12-20`) or a time (`19:30`) with its label: a big row opening WeChat's picker, or the browser's own field in H5. */
export function DateTimeField({
  mode,
  label,
  name,
  value,
  onChange,
  start,
  error,
}: {
  mode: 'date' | 'time'
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  start?: string
  error?: string
}) {
  return (
    <View className={`hl-field hc-field hl-field-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <Input
          className={`hl-input hc-input hl-input-${name}`}
          // The browser's own date / time field (Taro passes the type through).
          type={mode as 'text'}
          value={value}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Picker mode={mode} value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
          <View className={`hc-picker-row hl-input-${name}`}>
            <Text className='hc-picker-row-value'>{value ? (mode === 'date' ? day(value) : value) : '请选择'}</Text>
            <Text className='hc-picker-row-hint'>修改 ›</Text>
          </View>
        </Picker>
      )}
      <FieldError field={name} message={error} />
    </View>
  )
}
