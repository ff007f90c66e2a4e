import { Text, View } from '@tarojs/components'
import './kv.scss'

/** A label above its value. */
export function Kv({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`hl-kv ${className}`}>
      <Text className='hl-kv-label'>{label}</Text>
      <Text className='hl-kv-value'>{value}</Text>
    </View>
  )
}
