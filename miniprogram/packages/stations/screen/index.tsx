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
/** Where the screen keeps its device token (H5 local storage): the station it is for and the token. */
const DEVICE_KEY = 'honglin.stationDevice'
/** The refusals that mean this screen's authorization is gone: nothing to retry until an admin authorizes it again. */
const DEVICE_GONE = new Set(['STATION.DEVICE_REVOKED', 'STATION.DEVICE_UNKNOWN'])
const DEVICE_GONE_TEXT = '此大屏已停用，请联系社区管理员重新授权'

/**
 * The device token of this screen, read from the link once: kept in local storage for the station,
 * and taken out of the address bar so it is not left on show, in the history or in a bookmark.
 * Later loads read it from storage. None when the screen was opened by a person.
 */
function screenDevice(stationId: string, fromLink: string | undefined): string | undefined {
  if (!stationId) return undefined
  if (fromLink) {
    try {
      Taro.setStorageSync(DEVICE_KEY, { stationId, token: fromLink })
    } catch {
      // storage full or blocked: the token still works for this visit
    }
    if (process.env.TARO_ENV === 'h5') {
      const url = new URL(window.location.href)
      const [route = '', query = ''] = url.hash.split('?')
      const params = new URLSearchParams(query)
      params.delete('device')
      url.hash = params.size ? `${route}?${params.toString()}` : route
      window.history.replaceState(window.history.state, '', url.toString())
    }
    return fromLink
  }
  try {
    const kept: unknown = Taro.getStorageSync(DEVICE_KEY)
    const k = kept as { stationId?: unknown; token?: unknown } | null
    return k && k.stationId === stationId && typeof k.token === 'string' ? k.token : undefined
  } catch {
    return undefined
  }
}

/**
 * 值班签到大屏: for the monitor at the station (H5). Shows the station's rotating check-in code,
 * large, with a countdown; fetches the next one as this one runs out, and every minute anyway. The
 * scene is printed under the image so it can also be typed in.
 */
export default function StationScreen() {
  const router = useRouter()
  const stationId = decodeURIComponent(router.params.stationId ?? router.params.id ?? '')
  // Read once: the link's token is moved to storage and out of the address bar on the first render.
  const [device] = useState(() => screenDevice(stationId, router.params.device ? decodeURIComponent(router.params.device) : undefined))
  const [gone, setGone] = useState(false)
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
    const [c, s] = await Promise.all([stations.screenCode(stationId, device), stations.screenStation(stationId, device)])
    if (!alive.current) return
    setLoading(false)
    if (!c.ok && DEVICE_GONE.has(c.error.code)) {
      // The admin stopped this screen: take the code and the names down and stop asking.
      stop()
      setGone(true)
      setCode(null)
      setStation(null)
      setError(null)
      return
    }
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

  const loops = useRef<ReturnType<typeof setInterval>[]>([])
  /** Stops every timer of the screen. */
  function stop() {
    loops.current.forEach(clearInterval)
    loops.current = []
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  useEffect(() => {
    if (!stationId) return undefined
    alive.current = true
    void refresh()
    const tick = setInterval(() => setNow(Date.now()), 1_000)
    // The minute refresh, independent of the expiry timer (a sleeping tab, a clock that jumped).
    const minute = setInterval(() => void refresh(), REFRESH_MS)
    loops.current = [tick, minute]
    if (process.env.TARO_ENV !== 'h5') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => {
      alive.current = false
      stop()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- starts the refresh loop once per station; refresh reads the latest state
  }, [stationId])

  const left = deadline !== null ? Math.ceil((deadline - now) / 1000) : null
  const stale = left !== null && left <= 0

  return (
    <ScreenPage name='station-screen'>
      {!stationId ? <Empty text='没有指定服务站' hint='请从服务站页面点“打开值班大屏”' /> : null}
      {stationId && loading ? <Loading text='正在获取签到码…' /> : null}
      {gone ? (
        <View className='hl-state hl-state-error hl-screen-gone' role='alert'>
          <Text className='hl-screen-heading hl-screen-gone-text'>{DEVICE_GONE_TEXT}</Text>
        </View>
      ) : null}
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
