import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { useProfile } from '../lib/profile'
import { stations } from '../services/stations'
import { FieldError } from './states'
import './location-pick.scss'
import { isPrivacyDenied } from '../lib/privacy'

/** A point chosen on the map, with the resident's name for the spot and what the map called it. */
export interface PickedPoint {
  lat: number
  lng: number
  /** The resident's words for the spot (`3号楼东侧路灯`), ≤ 40 characters; may be empty. */
  name: string
  /** What the map or the pad says the place is; shown, never sent. */
  address: string
}

export const POINT_NAME_MAX = 40

/** A known place drawn on the H5 pad (a station with a point, in the caller's grid). */
interface KnownPoint {
  id: string
  name: string
  lat: number
  lng: number
}

type Problem = { text: string; settings: boolean } | null

const weapp = process.env.TARO_ENV === 'weapp'

/** A refusal or a failure of the phone's location, in words that say what to do next. */
function problemOf(err: unknown, hasPad: boolean): Problem {
  const msg = typeof err === 'object' && err !== null && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : ''
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : null
  if (/cancel/i.test(msg)) return null
  // Not a permission: the person declined the privacy guide on our own sheet, which said why.
  if (isPrivacyDenied(err)) return { text: '没有同意隐私保护指引，不能选位置。不选位置也能提交，请在“说说情况”里写清楚在哪里。', settings: false }
  const denied = /auth|deny|denied|permission/i.test(msg) || code === 1
  const way = hasPad ? '可以在下面的小地图上点一下，或者' : '可以'
  if (denied && weapp) return { text: '没有得到位置权限。可以点“去设置”允许红邻使用位置；不选位置也能提交，请在“说说情况”里写清楚在哪里。', settings: true }
  if (denied) return { text: `浏览器没有允许使用位置。${way}不选位置直接提交，请在“说说情况”里写清楚在哪里。`, settings: false }
  return { text: `暂时没能取得位置。${way}不选位置直接提交，请在“说说情况”里写清楚在哪里。`, settings: false }
}

/** The browser's position (H5): Taro's getLocation there is the same API, without its errors' codes. */
function browserPosition(): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject({ errMsg: 'getLocation:fail unsupported' })
      return
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject({ code: e.code, errMsg: `getLocation:fail ${e.message}` }),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    )
  })
}

/** The stations of the caller's grid that have a point (all of them when the caller has no home): the pad's landmarks. */
function useKnownPoints(enabled: boolean): KnownPoint[] {
  const gridId = useProfile().profile?.home?.gridId
  const [known, setKnown] = useState<KnownPoint[]>([])
  useEffect(() => {
    if (!enabled) return
    let live = true
    void stations.list().then((answer) => {
      if (!live || !answer.ok) return
      const located = answer.data.stations.filter((s) => s.point)
      const mine = gridId ? located.filter((s) => s.servesGrids.some((g) => g.id === gridId)) : []
      setKnown((mine.length ? mine : located).slice(0, 8).map((s) => ({ id: s.id, name: s.name, lat: s.point!.lat, lng: s.point!.lng })))
    })
    return () => {
      live = false
    }
  }, [enabled, gridId])
  return known
}

/** A square around the known points (at least ~600 m across), in degrees; x is scaled by cos(lat). */
function frameOf(points: readonly { lat: number; lng: number }[]) {
  const lats = points.map((p) => p.lat)
  const lngs = points.map((p) => p.lng)
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2
  const midLng = (Math.min(...lngs) + Math.max(...lngs)) / 2
  const k = Math.cos((midLat * Math.PI) / 180)
  const span = Math.max(0.006, (Math.max(...lats) - Math.min(...lats)) * 1.5, (Math.max(...lngs) - Math.min(...lngs)) * k * 1.5)
  return {
    /** 0…1 across and down the pad. */
    toPad: (p: { lat: number; lng: number }) => ({ x: 0.5 + ((p.lng - midLng) * k) / span, y: 0.5 - (p.lat - midLat) / span }),
    fromPad: (x: number, y: number) => ({ lat: Math.round((midLat + (0.5 - y) * span) * 1e6) / 1e6, lng: Math.round((midLng + ((x - 0.5) * span) / k) * 1e6) / 1e6 }),
  }
}

/**
 * H5 only: a small pad that needs no map tiles. The grid's known places are drawn as numbered dots;
 * a tap puts the point there, relative to them.
 */
function PointPad({ known, value, onPick }: { known: readonly KnownPoint[]; value: PickedPoint | null; onPick: (lat: number, lng: number) => void }) {
  const frame = frameOf(known)
  const mark = value ? frame.toPad(value) : null
  const inside = (n: number) => Math.min(100, Math.max(0, n * 100))
  const tap = (e: { clientX?: number; clientY?: number; currentTarget?: unknown }) => {
    const el = e.currentTarget as HTMLElement | undefined
    if (!el || typeof el.getBoundingClientRect !== 'function' || e.clientX === undefined || e.clientY === undefined) return
    const r = el.getBoundingClientRect()
    const p = frame.fromPad((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height)
    onPick(p.lat, p.lng)
  }
  return (
    <View className='hl-point-pad-wrap'>
      <View className='hl-point-pad' role='button' aria-label='小地图：点一下放上位置' onClick={(e) => tap(e as unknown as Parameters<typeof tap>[0])}>
        {known.map((k, i) => {
          const p = frame.toPad(k)
          return (
            <View key={k.id} className='hl-point-pad-dot' style={{ left: `${inside(p.x)}%`, top: `${inside(p.y)}%` }} aria-hidden='true'>
              <Text className='hl-point-pad-num'>{i + 1}</Text>
            </View>
          )
        })}
        {mark ? <View className='hl-point-pad-mark' style={{ left: `${inside(mark.x)}%`, top: `${inside(mark.y)}%` }} aria-hidden='true' /> : null}
        <Text className='hl-point-pad-north' aria-hidden='true'>
          北 ↑
        </Text>
      </View>
      <View className='hl-point-pad-legend'>
        {known.map((k, i) => (
          <Text key={k.id} className='hl-note hl-point-pad-known'>{`${i + 1}. ${k.name}`}</Text>
        ))}
        <Text className='hl-note'>点一下小地图，红点就是您选的位置。</Text>
      </View>
    </View>
  )
}

/**
 * 地图上的位置: in WeChat the map picker (`chooseLocation`); in a browser 使用我的位置 and, where the
 * grid has places with coordinates, a small pad to tap. Shows what was chosen with 清除, and an
 * optional short name for the spot. A refused permission says what to do instead; the form never
 * depends on a point it could not get.
 */
export function LocationPick({
  value,
  onChange,
  title,
  hint,
  error,
  named = true,
  className = '',
}: {
  value: PickedPoint | null
  onChange: (next: PickedPoint | null) => void
  title: string
  hint?: string
  error?: string
  /** Asks for a short name of the spot (an order's place); a volunteer's 常在位置 needs none. */
  named?: boolean
  className?: string
}) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem>(null)
  const [padOpen, setPadOpen] = useState(false)
  const known = useKnownPoints(!weapp)
  const hasPad = !weapp && known.length > 0

  const chooseOnMap = async () => {
    setProblem(null)
    try {
      const res = await Taro.chooseLocation(value ? { latitude: value.lat, longitude: value.lng } : {})
      onChange({ lat: res.latitude, lng: res.longitude, name: value?.name || (res.name ?? '').slice(0, POINT_NAME_MAX), address: res.address || res.name || '' })
    } catch (e) {
      setProblem(problemOf(e, false))
    }
  }

  const locateMe = async () => {
    setProblem(null)
    setBusy(true)
    try {
      const p = weapp ? await Taro.getLocation({ type: 'gcj02' }).then((r) => ({ lat: r.latitude, lng: r.longitude })) : await browserPosition()
      onChange({ lat: p.lat, lng: p.lng, name: value?.name ?? '', address: '我现在的位置' })
      setPadOpen(false)
    } catch (e) {
      setProblem(problemOf(e, hasPad))
      if (hasPad) setPadOpen(true)
    } finally {
      setBusy(false)
    }
  }

  const pickOnPad = (lat: number, lng: number) => {
    setProblem(null)
    onChange({ lat, lng, name: value?.name ?? '', address: '在小地图上选的位置' })
  }

  return (
    <View className={`hl-location-pick ${className}`}>
      <Text className='hl-field-label hl-location-title'>{title}</Text>
      {hint ? <Text className='hl-note'>{hint}</Text> : null}

      {value ? (
        <View className='hl-location-chosen' aria-live='polite'>
          <Text className='hl-text hl-location-where'>{`已选：${value.address || '地图上的位置'}`}</Text>
          <Text className='hl-note hl-location-coords'>{`纬度 ${value.lat.toFixed(5)}，经度 ${value.lng.toFixed(5)}`}</Text>
          <Button className='hl-btn hl-btn-block hl-btn-clear-point' onClick={() => onChange(null)}>
            清除
          </Button>
        </View>
      ) : null}

      <View className='hl-location-buttons'>
        {weapp ? (
          <Button className='hl-btn hl-btn-block hl-btn-choose-point' type={value ? 'default' : 'primary'} onClick={() => void chooseOnMap()}>
            {value ? '重新选位置' : '在地图上选位置'}
          </Button>
        ) : (
          <>
            <Button className='hl-btn hl-btn-block hl-btn-use-my-location' type={value ? 'default' : 'primary'} loading={busy} disabled={busy} onClick={() => void locateMe()}>
              {busy ? '正在定位…' : value ? '重新定位' : '使用我的位置'}
            </Button>
            {hasPad && !padOpen ? (
              <Button className='hl-btn hl-btn-block hl-btn-open-pad' onClick={() => setPadOpen(true)}>
                在小地图上点选
              </Button>
            ) : null}
          </>
        )}
      </View>

      {problem ? (
        <View className='hl-notice hl-location-problem' role='alert'>
          <Text>{problem.text}</Text>
          {problem.settings ? (
            <Button className='hl-btn hl-btn-block hl-btn-location-settings' onClick={() => void Taro.openSetting().catch(() => undefined)}>
              去设置
            </Button>
          ) : null}
        </View>
      ) : null}

      {hasPad && padOpen ? <PointPad known={known} value={value} onPick={pickOnPad} /> : null}

      {value && named ? (
        <>
          <Text className='hl-field-label hl-location-name-label'>{`地点说明（可不填，${POINT_NAME_MAX} 字内）`}</Text>
          <Input
            className='hl-input hl-input-point-name'
            value={value.name}
            placeholder='例如 3号楼东侧路灯'
            maxLength={POINT_NAME_MAX}
            onChange={(v) => onChange({ ...value, name: v.slice(0, POINT_NAME_MAX) })}
          />
        </>
      ) : null}
      <FieldError field='point' message={error} />
    </View>
  )
}
