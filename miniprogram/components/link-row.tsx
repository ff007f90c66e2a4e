import { Text, View } from '@tarojs/components'
import './link-row.scss'

/** A row that opens something: the whole row is the touch target, an arrow at its end. */
export function LinkRow({ text, note, className, onClick }: { text: string; note?: string; className: string; onClick: () => void }) {
  return (
    <View className={`hl-link-row ${className}`} role='button' onClick={onClick}>
      <View className='hl-link-row-words'>
        <Text className='hl-link-row-text'>{text}</Text>
        {note ? <Text className='hl-note'>{note}</Text> : null}
      </View>
      <Text className='hl-link-row-arrow' aria-hidden='true'>
        ›
      </Text>
    </View>
  )
}
