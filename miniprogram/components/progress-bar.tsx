import { Text, View } from '@tarojs/components'
import './progress-bar.scss'

/** A bar of a share, with the words beside it (the bar is never the only sign). */
export function ProgressBar({ share, words, className = '' }: { share: number; words: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)))
  return (
    <View className={`hl-progress ${className}`}>
      <View className='hl-progress-track' aria-hidden='true'>
        <View className='hl-progress-fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='hl-note hl-progress-words'>{words}</Text>
    </View>
  )
}
