import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { ClientError } from '../services/call'

/** Loading, empty and error states, the same on every page. No pop-ups: all inline. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='hl-state hl-state-loading' aria-busy='true'>
      <View className='hl-spinner' />
      <Text className='hl-state-text'>{text}</Text>
    </View>
  )
}

export function Empty({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className='hl-state hl-state-empty'>
      <Text className='hl-state-text'>{text}</Text>
      {hint ? <Text className='hl-note'>{hint}</Text> : null}
    </View>
  )
}

export function ErrorView({ error, onRetry }: { error: ClientError; onRetry?: () => void }) {
  return (
    <View className='hl-state hl-state-error' role='alert'>
      <Text className='hl-state-text hl-error-text'>{error.message}</Text>
      {onRetry ? (
        <Button className='hl-btn hl-btn-retry' type='primary' fill='outline' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}

/** A field-level error shown right under its field. */
export function FieldError({ message, field }: { message?: string; field: string }) {
  if (!message) return null
  return <Text className={`hl-field-error hl-field-error-${field}`}>{message}</Text>
}
