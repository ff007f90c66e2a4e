import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { ErrorView, Loading } from '../../../components/states'
import { useProfile } from '../../../lib/profile'
import type { ClientError } from '../../../services/call'
import { stations, type CodeView } from '../../../services/stations'
import '../common/stations.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; code: CodeView }

/** 我的个人码: a grid leader scans it to post on my behalf. The code itself says nothing about me. */
export default function MyCode() {
  const profile = useProfile().profile
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const fetchCode = async () => {
    setLoad({ status: 'loading' })
    const answer = await stations.myCode()
    setLoad(answer.ok ? { status: 'ready', code: answer.data } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchCode()
  }, [])

  return (
    <PageShell name='my-code'>
      <Text className='hl-title'>我的个人码</Text>
      {load.status === 'loading' ? <Loading text='正在生成个人码…' /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchCode()} /> : null}
      {load.status === 'ready' ? (
        <View className='hl-card hl-my-code-card'>
          {profile?.name ? <Text className='hl-hero hl-my-code-name'>{profile.name}</Text> : null}
          <View className='hs-code-box'>
            <Image className='hs-code-image hl-my-code' src={load.code.imageDataUrl} mode='scaleToFill' />
            <Text className='hs-scene hl-my-code-scene'>{load.code.scene}</Text>
          </View>
          <Text className='hl-hero hl-my-code-explain'>网格长扫此码可为您代办</Text>
          <Text className='hl-note'>家里有难处又不方便自己在手机上填写时，把这个码给本网格的网格长看，他/她扫码后替您报事，进展照样通知您。</Text>
          <Text className='hl-note'>这个码不含您的姓名、电话和住址；只有您所在网格的网格长（或社区、街道的负责人）扫了才能为您代办。</Text>
        </View>
      ) : null}
    </PageShell>
  )
}
