import { Text, View } from '@tarojs/components'
import './bar.scss'

/** The share of the track a value fills, 0–100. */
export function barWidth(value: number, max: number): number {
  return max > 0 ? Math.max(0, Math.min(100, Math.round((value / max) * 100))) : 0
}

/** A horizontal bar drawn with Views, the number written beside it. */
export function Bar({
  label,
  value,
  max,
  text,
  className,
  note,
  good = false,
}: {
  label: string
  value: number
  max: number
  text: string
  className: string
  note?: string
  good?: boolean
}) {
  return (
    <View className={`hl-bar ${className}`}>
      <View className='hl-bar-head'>
        <Text className='hl-text'>{label}</Text>
        <Text className='hl-bar-value'>{text}</Text>
      </View>
      <View className='hl-bar-track' aria-hidden='true'>
        <View className={`hl-bar-fill${good ? ' hl-bar-fill-good' : ''}`} style={{ width: `${barWidth(value, max)}%` }} />
      </View>
      {note ? <Text className='hl-note'>{note}</Text> : null}
    </View>
  )
}
