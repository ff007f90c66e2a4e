import { Input, Picker, Text, View } from '@tarojs/components'
import { dateText } from '@shared/kernel/time'
import { FieldError } from './states'
import './field.scss'
import './date-field.scss'

/**
 * A date (`2026-12-20`) or a time (`19:30`) with its label: a big row opening WeChat's own picker in
 * the mini-program, the browser's own field in H5.
 */
export function DateTimeField({
  mode = 'date',
  label,
  name,
  value,
  onChange,
  start,
  error,
}: {
  mode?: 'date' | 'time'
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  start?: string
  error?: string
}) {
  return (
    <View className={`hl-field hl-field-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <Input
          className={`hl-input hl-field-input hl-input-${name}`}
          // The browser's own date / time field (Taro passes the type through).
          type={mode as 'text'}
          value={value}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Picker mode={mode} value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
          <View className={`hl-picker-row hl-input-${name}`}>
            <Text className='hl-picker-row-value'>{value ? (mode === 'date' ? dateText(value) : value) : '请选择'}</Text>
            <Text className='hl-picker-row-hint'>修改 ›</Text>
          </View>
        </Picker>
      )}
      <FieldError field={name} message={error} />
    </View>
  )
}
