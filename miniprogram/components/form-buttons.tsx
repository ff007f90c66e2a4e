import { View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import './form-buttons.scss'

/**
 * A form's send button and, when it can be closed, 不了 beside it: `hl-btn-submit-{name}` and
 * `hl-btn-cancel-{name}` unless the page names them otherwise. While the form is sent (`busy`) the
 * send button spins and both wait; `waiting` makes them wait for something else too.
 */
export function FormButtons({
  name,
  submitText,
  onSubmit,
  onCancel,
  busy = false,
  waiting = busy,
  submitDisabled = false,
  cancelText = '不了',
  submitClassName = `hl-btn-submit-${name}`,
  cancelClassName = `hl-btn-cancel-${name}`,
}: {
  name: string
  submitText: string
  onSubmit: () => void
  onCancel?: () => void
  busy?: boolean
  waiting?: boolean
  /** The send button alone waits (nothing chosen yet). */
  submitDisabled?: boolean
  cancelText?: string
  submitClassName?: string
  cancelClassName?: string
}) {
  return (
    <View className='hl-form-buttons'>
      <Button className={`hl-btn ${submitClassName}`} type='primary' loading={busy} disabled={waiting || submitDisabled} onClick={onSubmit}>
        {submitText}
      </Button>
      {onCancel ? (
        <Button className={`hl-btn ${cancelClassName}`} disabled={waiting} onClick={onCancel}>
          {cancelText}
        </Button>
      ) : null}
    </View>
  )
}
