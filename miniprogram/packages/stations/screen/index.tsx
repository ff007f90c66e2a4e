import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ScreenPage } from '../../../components/screen-page'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { ClientError } from '../../../services/call'
import { stations, type CodeView, type StationView } from '../../../services/stations'
import '../common/stations.scss'

/** Every minute in any case; and right when the code on screen runs out. */
const REFRESH_MS = 60_000
/** Ask a moment after the rotation, so the server is surely past it. */
const AFTER_EXPIRY_MS = 300

/**
 * 值班签到大屏: for the monitor at the station (H5). Shows the station's rotating check-in code,
 * large, with a countdown; fetches the next one as this one runs out, and every minute anyway. The
 * scene is printed under the image so it can also be typed in.
 */
export default function StationScreen() {
  const router = useRouter()
  const stationId = decodeURIComponent(router.params.stationId ?? router.params.id ?? '')
  const [station, setStation] = useState<StationView | null>(null)
  const [code, setCode] = useState<CodeView | null>(null)
  /** When the code on screen runs out, on this device's clock (the server's clock may differ). */
  const [deadline, setDeadline] = useState<number | null>(null)
  const [error, setError] = useState<ClientError | null>(null)
  const [loading, setLoading] = useState(true)
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const alive = useRef(true)

  const refresh = async () => {
    if (!stationId) return
    const [c, s] = await Promise.all([stations.screenCode(stationId), stations.get(stationId)])
    if (!alive.current) return
    setLoading(false)
    // eslint-disable-next-line react-hooks/purity -- inside the refresh callback, not during render
    setNow(Date.now())
    if (s.ok) setStation(s.data.station)
    // Count down what the server says is left (expiresAt − issuedAt), from the moment it arrived.
    const left = c.ok && c.data.expiresAt ? Date.parse(c.data.expiresAt) - Date.parse(c.data.issuedAt) : NaN
    if (c.ok) {
      setCode(c.data)
      // eslint-disable-next-line react-hooks/purity -- inside the refresh callback, not during render
      setDeadline(Number.isFinite(left) ? Date.now() + left : null)
      setError(null)
    } else setError(c.error)
    // The next refresh: when this code runs out, or in a minute, whichever comes first.
    if (timer.current) clearTimeout(timer.current)
    const until = Number.isFinite(left) ? left + AFTER_EXPIRY_MS : REFRESH_MS
    timer.current = setTimeout(() => void refresh(), Math.max(1_000, Math.min(REFRESH_MS, until)))
  }

  useEffect(() => {
    if (!stationId) return undefined
    alive.current = true
    void refresh()
    const tick = setInterval(() => setNow(Date.now()), 1_000)
    // The minute refresh, independent of the expiry timer (a sleeping tab, a clock that jumped).
    const minute = setInterval(() => void refresh(), REFRESH_MS)
    if (process.env.TARO_ENV !== 'h5') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => {
      alive.current = false
      clearInterval(tick)
      clearInterval(minute)
      if (timer.current) clearTimeout(timer.current)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- starts the refresh loop once per station; refresh reads the latest state
  }, [stationId])

  const left = deadline !== null ? Math.ceil((deadline - now) / 1000) : null
  const stale = left !== null && left <= 0

  return (
    <ScreenPage name='station-screen'>
      {!stationId ? <Empty text='没有指定服务站' hint='请从服务站页面点“打开值班大屏”' /> : null}
      {stationId && loading ? <Loading text='正在获取签到码…' /> : null}
      {station ? <Text className='hl-screen-heading hl-screen-name'>{station.name}</Text> : null}
      {code || station ? <Text className='hl-screen-hint'>值班的同志请用微信扫一扫，签到上岗、签退下岗</Text> : null}
      {code ? (
        <View className='hl-screen-code-box'>
          <Image className={`hl-screen-code${stale ? ' hs-screen-code-stale' : ''}`} src={code.imageDataUrl} mode='scaleToFill' />
          <Text className='hl-screen-countdown'>{stale ? '二维码已过期，正在更换…' : left !== null ? `${left} 秒后更换二维码` : ''}</Text>
          <Text className='hl-screen-scene'>{code.scene}</Text>
        </View>
      ) : null}
      {error ? <ErrorView error={error} onRetry={() => void refresh()} /> : null}
      {error && code ? <Text className='hl-note'>上面的二维码可能已失效，页面每分钟会自动重试。</Text> : null}
      {station ? (
        <View className='hl-card hl-screen-panel hs-screen-duty hl-screen-onduty'>
          <Text className='hl-title'>此刻在岗</Text>
          {station.onDutyNow.length ? (
            <View className='hs-screen-people'>
              {station.onDutyNow.map((n) => (
                <Text key={n} className='hs-screen-person hl-screen-person'>{`● ${n}`}</Text>
              ))}
            </View>
          ) : (
            <Text className='hl-text hl-screen-onduty-none'>此刻没有人在岗</Text>
          )}
        </View>
      ) : null}
    </ScreenPage>
  )
}
