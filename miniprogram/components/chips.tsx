import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './chips.scss'

/** A row of chips (`hl-chip`, app.scss) that wraps. */
export function Chips({ children }: { children: ReactNode }) {
  return <View className='hl-chips'>{children}</View>
}
