import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch/index'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { setLargeTextPreference, useElder } from '../lib/elder'
import { setProfile } from '../lib/profile'
import { accounts } from '../services/accounts'

/**
 * The visible 长辈版 switch. The whole row is the touch target (the switch itself is too small for
 * older fingers); the change applies at once on this device and is then saved to the profile.
 */
export function LargeTextToggle({ testId, saveToProfile = true }: { testId: string; saveToProfile?: boolean }) {
  const elder = useElder()
  const [problem, setProblem] = useState<string | null>(null)

  const toggle = async () => {
    if (elder.systemLarge) return // follows WeChat's font setting; nothing to switch off here
    const next = !elder.preference
    setLargeTextPreference(next)
    setProblem(null)
    if (!saveToProfile) return
    const answer = await accounts.updateProfile({ largeText: next })
    if (answer.ok) setProfile(answer.data.user)
    else setProblem(`已在本机${next ? '开启' : '关闭'}，但没能保存到账户：${answer.error.message}`)
  }

  return (
    <View className={`hl-toggle ${testId}`}>
      <View className={`hl-row hl-toggle-row ${testId}-row`} onClick={toggle} role='switch' aria-checked={elder.on} aria-label='长辈版大字模式'>
        <View className='hl-label'>
          <Text className='hl-text hl-toggle-title'>长辈版（大字）</Text>
          <Text className='hl-note'>{elder.systemLarge ? '您在微信里调大了字体，已自动开启' : '字更大、按钮更大，看得清、点得准'}</Text>
        </View>
        <Switch className={`hl-switch ${testId}-switch`} checked={elder.on} disabled={elder.systemLarge} />
        <Text className='hl-toggle-state'>{elder.on ? '已开' : '已关'}</Text>
      </View>
      {problem ? <Text className='hl-notice hl-notice-error'>{problem}</Text> : null}
    </View>
  )
}
