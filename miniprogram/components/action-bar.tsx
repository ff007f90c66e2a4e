import { View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { barButtons, type ActionTable } from '../lib/actions'
import './action-bar.scss'

/**
 * What the caller may do now, at the bottom of the screen: one button per action the server allows
 * (`allowed`) and the page's table describes, in the table's order with the primary ones first —
 * those across the whole width, the others two to a row. While one runs (`busy`), it spins and all
 * wait; the one whose form is open (`on`) stays pressed. Sizes follow 长辈版.
 */
export function ActionBar<A extends string>({
  allowed,
  table,
  busy = null,
  on = null,
  className = '',
}: {
  allowed: readonly A[]
  table: ActionTable<A>
  /** The action under way, or anything else that makes the buttons wait (a form being sent). */
  busy?: string | null
  on?: A | null
  className?: string
}) {
  const buttons = barButtons(allowed, table)
  if (buttons.length === 0) return null
  const button = (b: (typeof buttons)[number]) => (
    <Button
      key={b.action}
      className={`hl-btn hl-action-btn ${b.className}${on === b.action ? ' hl-btn-on' : ''}`}
      type={b.spec.tone === 'primary' ? 'primary' : 'default'}
      size='large'
      loading={busy === b.action}
      disabled={busy !== null}
      onClick={b.spec.onPress}
    >
      {b.spec.label}
    </Button>
  )
  const primary = buttons.filter((b) => b.spec.tone === 'primary')
  const plain = buttons.filter((b) => b.spec.tone !== 'primary')
  return (
    <View className={`hl-action-bar ${className}`} role='toolbar' aria-label='可以做的'>
      {primary.map(button)}
      {plain.length ? <View className='hl-action-row'>{plain.map(button)}</View> : null}
    </View>
  )
}
