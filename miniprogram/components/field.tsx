import { Input, Text, View } from '@tarojs/components'
import { FieldError } from './states'
import './field.scss'

/** A one-line input with its label, an optional note and its error, sized by 长辈版. */
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
  className = '',
}: {
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
  error?: string
  maxLength?: number
  type?: 'text' | 'number' | 'digit'
  note?: string
  className?: string
}) {
  return (
    <View className={`hl-field hl-field-${name} ${className}`}>
      <Text className='hl-field-label'>{label}</Text>
      {note ? <Text className='hl-note'>{note}</Text> : null}
      <Input
        className={`hl-input hl-field-input hl-input-${name}`}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxLength}
        onInput={(e) => onChange(e.detail.value)}
      />
      <FieldError field={name} message={error} />
    </View>
  )
}
