import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ScreenPage } from '../../../components/screen-page'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { ClientError } from '../../../services/call'
import { councils, type MeetingCode } from '../../../services/councils'
import '../common/councils.scss'

/** Every 15 s in any case (the quorum moves as people sign in); and right when the code is due to change. */
const REFRESH_MS = 15_000
/** Ask a moment after the rotation, so the server is surely past it. */
const AFTER_ROTATION_MS = 300

/**
 * 会议签到大屏: for the monitor at the station (H5), the way the duty check-in screen works: the
 * meeting's rotating sign-in code, large, its scene printed under it (to type in when a camera
 * fails), the meeting's title and the live quorum. A photo of the code signs no one in later.
 */
export default function CouncilScreen() {
  const router = useRouter()
  const id = decodeURIComponent(router.params.id ?? router.params.meetingId ?? '')
  const [code, setCode] = useState<MeetingCode | null>(null)
  const [error, setError] = useState<ClientError | null>(null)
  const [loading, setLoading] = useState(true)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)

  const refresh = async () => {
    if (!id) return
    const answer = await councils.screenCode(id)
    if (!alive.current) return
    setLoading(false)
    let until = REFRESH_MS
    if (answer.ok) {
      setCode(answer.data)
      setError(null)
      // eslint-disable-next-line react-hooks/purity -- inside the refresh callback, not during render
      const left = Date.parse(answer.data.refreshAt) - Date.now()
      if (Number.isFinite(left)) until = Math.min(REFRESH_MS, left + AFTER_ROTATION_MS)
    } else setError(answer.error)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void refresh(), Math.max(1_000, until))
  }

  useEffect(() => {
    if (!id) return undefined
    alive.current = true
    void refresh()
    if (process.env.TARO_ENV !== 'h5') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => {
      alive.current = false
      if (timer.current) clearTimeout(timer.current)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one refresh loop per meeting
  }, [id])

  const q = code?.quorum
  return (
    <ScreenPage name='council-screen'>
      {!id ? <Empty text='没有指定会议' hint='请从会议页面点“打开签到大屏”' /> : null}
      {id && loading ? <Loading text='正在获取会议签到码…' /> : null}
      {code ? <Text className='hl-screen-heading hl-screen-title'>{code.title}</Text> : null}
      {code ? <Text className='hl-screen-hint'>参会的同志请用微信扫一扫，签到后即可表决</Text> : null}
      {code ? (
        <View className='hl-screen-code-box'>
          <Image className='hl-screen-code' src={code.image} mode='scaleToFill' />
          <Text className='hl-screen-scene'>{code.scene}</Text>
          <Text className='hl-note'>二维码每分钟更换，拍照留存的二维码无法签到</Text>
        </View>
      ) : null}
      {error ? <ErrorView error={error} onRetry={() => void refresh()} /> : null}
      {error && code ? <Text className='hl-note'>上面的二维码可能已失效，页面会自动重试。</Text> : null}
      {q ? (
        <View className={`hl-card hc-quorum hl-screen-panel hl-screen-quorum${q.reached ? ' hc-quorum-reached' : ''}`}>
          <Text className='hc-quorum-numbers'>{`已签到 ${q.present} 人 / 应到 ${q.invited} 人`}</Text>
          <Text className='hl-title'>{q.reached ? '✓ 已达到法定人数' : `还差 ${Math.max(0, q.needed - q.present)} 人达到法定人数`}</Text>
        </View>
      ) : null}
    </ScreenPage>
  )
}
