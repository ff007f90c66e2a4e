import { Text, View } from '@tarojs/components'
import { Bar as SharedBar, barWidth } from '../../../components/bar'
import type { OverviewKind } from '../../../services/stations'

export { Choice } from '../../../components/choice'

/** Open or closed: a mark and words as well as a colour. */
export function OpenChip({ open }: { open: boolean }) {
  return open ? <Text className='hs-chip hl-chip-open'>● 开放中</Text> : <Text className='hs-chip hl-chip-closed'>○ 已关门</Text>
}

export const KIND_LABELS: Record<OverviewKind, string> = {
  onTime: '准时',
  late: '迟到',
  missed: '缺岗',
  unplanned: '计划外',
  autoClosed: '自动签退',
  upcoming: '待值班',
}
const KIND_MARKS: Record<OverviewKind, string> = { onTime: '✓', late: '!', missed: '✕', unplanned: '+', autoClosed: '◷', upcoming: '○' }
export const KIND_ORDER: readonly OverviewKind[] = ['onTime', 'late', 'missed', 'unplanned', 'autoClosed', 'upcoming']

export function KindChip({ kind }: { kind: OverviewKind }) {
  return <Text className={`hs-chip hl-kind-chip hl-kind-${kind}`}>{`${KIND_MARKS[kind]} ${KIND_LABELS[kind]}`}</Text>
}

/** A horizontal bar drawn with Views, the number written beside it. */
export function Bar({ label, value, max, text, className, compact = false }: { label: string; value: number; max: number; text: string; className: string; compact?: boolean }) {
  if (!compact) return <SharedBar label={label} value={value} max={max} text={text} className={className} />
  // One line per bar: label, track, number — a small chart, still with the number written.
  return (
    <View className={`hs-bar-compact ${className}`}>
      <Text className='hs-bar-compact-label'>{label}</Text>
      <View className='hl-bar-track hs-bar-compact-track' aria-hidden='true'>
        <View className='hl-bar-fill' style={{ width: `${barWidth(value, max)}%` }} />
      </View>
      <Text className='hl-bar-value'>{text}</Text>
    </View>
  )
}
