import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import './text-box.scss'

/**
 * Cuts text to `max` UTF-16 units (what the server's limits count), never through the middle of a
 * character outside the BMP (an emoji would turn into a broken half).
 */
export function clipText(value: string, max: number): { text: string; cut: boolean } {
  if (value.length <= max) return { text: value, cut: false }
  let end = max
  const last = value.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return { text: value.slice(0, end), cut: true }
}

/** Past roughly this many lines the box stops growing and scrolls instead. */
const GROW_LINES = 6

/**
 * A multi-line text box with its count. A paste over the limit keeps what fits and says so (the
 * platform's own maxlength would cut it silently); the box grows with the text up to a few lines,
 * then scrolls inside a fixed height so the buttons below stay near.
 */
export function TextBox({
  className,
  value,
  placeholder,
  maxLength,
  onChange,
}: {
  /** Goes on the Textarea itself (`hl-input-description`): pages and tests find it by that. */
  className: string
  value: string
  placeholder?: string
  maxLength: number
  onChange: (text: string) => void
}) {
  const [cut, setCut] = useState(false)
  // A clipped paste can leave the value unchanged (already full): remount so the box shows it.
  const [generation, setGeneration] = useState(0)
  const lines = value.split('\n').reduce((n, line) => n + 1 + Math.floor(line.length / 16), 0)
  const long = lines > GROW_LINES
  return (
    <View className='hl-text-box'>
      <Textarea
        key={generation}
        className={`hl-textarea hl-text-box-input${long ? ' hl-text-box-full' : ''} ${className}`}
        value={value}
        placeholder={placeholder}
        // Room above the limit, so a long paste arrives whole and is cut here, where it can be said.
        maxlength={Math.max(maxLength * 4, maxLength + 1000)}
        autoHeight={!long}
        onInput={(e) => {
          const clipped = clipText(e.detail.value, maxLength)
          setCut(clipped.cut)
          if (clipped.cut) setGeneration((g) => g + 1)
          onChange(clipped.text)
        }}
      />
      <Text className='hl-note ho-count hl-text-box-count'>{`${value.length} / ${maxLength}`}</Text>
      {cut ? (
        <View className='hl-notice hl-notice-error hl-text-cut' role='alert'>
          <Text>{`已超过 ${maxLength} 字，多出的部分没有保存`}</Text>
        </View>
      ) : null}
    </View>
  )
}
