import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './timeline.scss'

export interface TimelineLine {
  at: string
  actor: string
  kind: string
  text: string
}

/**
 * The timeline of an order, a topic or a meeting in a card: each line's time (as `time` writes it)
 * and who, then what (`text` draws it; plain words when absent).
 */
export function Timeline({
  lines,
  title,
  titleClassName = 'hl-title',
  className = '',
  time,
  text = (line) => <Text className='hl-text'>{line.text}</Text>,
}: {
  lines: readonly TimelineLine[] | undefined
  title: string
  titleClassName?: string
  className?: string
  time: (iso: string) => string
  text?: (line: TimelineLine) => ReactNode
}) {
  const items = lines ?? []
  return (
    <View className={`hl-card hl-timeline ${className}`}>
      <Text className={titleClassName}>{title}</Text>
      {items.length === 0 ? <Text className='hl-note'>还没有记录</Text> : null}
      <View className='hl-tl'>
        {items.map((t, i) => (
          <View key={`${t.at}-${i}`} className={`hl-tl-item hl-timeline-item hl-timeline-${t.kind}`}>
            <View className='hl-tl-dot' />
            <View className='hl-tl-body'>
              <Text className='hl-tl-head'>{`${time(t.at)} · ${t.actor}`}</Text>
              {text(t)}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
