import { Text, View } from '@tarojs/components'
import './choice.scss'

/** A tappable choice: selected ones carry a ✓ and a thick border as well as a colour. */
export function Choice({
  on,
  label,
  note,
  className,
  onClick,
  multiple = false,
}: {
  on: boolean
  label: string
  note?: string
  className: string
  onClick: () => void
  multiple?: boolean
}) {
  return (
    <View className={`hl-choice ${className}${on ? ' hl-choice-on' : ''}`} role={multiple ? 'checkbox' : 'radio'} aria-checked={on} onClick={onClick}>
      <Text className='hl-choice-label'>{on ? `✓ ${label}` : label}</Text>
      {note ? <Text className='hl-choice-note'>{note}</Text> : null}
    </View>
  )
}
