import { useEffect, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import { ELDER_CLASS, useElder } from '../lib/elder'
import { PrivacySheet } from './privacy-sheet'

/**
 * The root of every page: carries the page's stable class and, in 长辈版, `honglin-elder`, which
 * every size in app.scss keys off (text, line height, touch targets, NutUI variables).
 */
export function PageShell({ name, className = '', children }: { name: string; className?: string; children: ReactNode }) {
  const elder = useElder()
  useEffect(() => {
    // H5 draws its tab bar outside the page: give <body> the class too so the tab bar grows as well.
    if (process.env.TARO_ENV === 'h5') document.body.classList.toggle(ELDER_CLASS, elder.on)
  }, [elder.on])
  const classes = `hl-page hl-page-${name}${className ? ` ${className}` : ''}${elder.on ? ` ${ELDER_CLASS}` : ''}`
  return (
    <View className={classes}>
      {children}
      {/* WeChat's privacy consent: drawn on the page, since whatever the app root draws reaches no page. */}
      <PrivacySheet />
    </View>
  )
}
