import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { PageShell } from '../../../components/page-shell'
import { Loading } from '../../../components/states'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import type { ClientError } from '../../../services/call'
import { stations, type DutyAnswer, type ScanOffer, type ScanResult } from '../../../services/stations'
import { clockTime, minutesText } from '../common/format'
import { sceneFrom, sceneFromParams } from '../../../lib/scene'
import '../common/stations.scss'

const KIND_TITLES: Record<ScanResult['kind'], string> = {
  station: '党群服务站',
  checkin: '服务站值班签到码',
  person: '居民个人码',
  meeting: '会议签到码',
}

const OFFER_LABELS: Record<ScanOffer, string> = {
  postOrder: '在这里报事',
  checkIn: '签到上岗',
  checkOut: '签退下岗',
  postOnBehalf: '为这位居民代办',
  signInMeeting: '会议签到',
  viewStation: '看看这个服务站',
  liuyouCheck: '六有自查',
}

type Resolve = { status: 'idle' } | { status: 'busy' } | { status: 'error'; error: ClientError } | { status: 'done'; scene: string; result: ScanResult }
type Duty =
  | { status: 'idle' }
  | { status: 'busy'; offer: 'checkIn' | 'checkOut' }
  | { status: 'error'; error: ClientError }
  | { status: 'done'; offer: 'checkIn' | 'checkOut'; answer: DutyAnswer }

function dutyText(offer: 'checkIn' | 'checkOut', a: DutyAnswer): { head: string; lines: string[] } {
  const d = a.duty
  if (offer === 'checkIn') {
    const head = a.repeated ? '已签到，无需重复' : '签到成功'
    const lines = [`${d.stationName} · ${clockTime(d.checkInAt)} 上岗`]
    if (!d.planned) lines.push('本次不在值班表上，记为计划外值班')
    else if (d.late) lines.push('比排班时间晚到了，记为迟到')
    lines.push('下岗时请再扫一次屏幕上的二维码签退')
    return { head, lines }
  }
  return {
    head: '签退成功',
    lines: [`${d.stationName} · ${clockTime(d.checkInAt)}–${clockTime(d.checkOutAt)}`, `本次值班 ${minutesText(d.minutes)}，已计入服务记录`],
  }
}

/** The resolved code: what it is and one big button per thing the server offers. Nothing else. */
function ResultCard({ resolve, duty, onOffer }: { resolve: Extract<Resolve, { status: 'done' }>; duty: Duty; onOffer: (o: ScanOffer) => void }) {
  const { result } = resolve
  const dutyDone = duty.status === 'done'
  return (
    <View className={`hl-card hl-scan-result hl-scan-kind-${result.kind}`}>
      <Text className='hl-note hl-scan-kind'>{KIND_TITLES[result.kind]}</Text>
      {result.station ? <Text className='hl-hero hl-scan-station'>{result.station.name}</Text> : null}
      {result.person ? (
        <View className='hl-scan-person'>
          <Text className='hl-hero hl-scan-person-name'>{result.person.name}</Text>
          {result.person.placeLabel ? <Text className='hl-note hl-scan-person-place'>{result.person.placeLabel}</Text> : null}
        </View>
      ) : null}

      {result.offers.length === 0 ? <Text className='hl-notice hl-scan-note'>{result.note ?? '这个二维码您暂时没有可以办的事'}</Text> : null}

      {dutyDone ? null : (
        <View className='hs-offer-buttons hl-actions'>
          {result.offers.map((o, i) => (
            <Button
              key={o}
              className={`hl-btn hl-btn-block hl-btn-offer hl-btn-offer-${o}`}
              type={i === 0 ? 'primary' : 'default'}
              size='large'
              loading={duty.status === 'busy' && duty.offer === o}
              disabled={duty.status === 'busy'}
              onClick={() => (o === 'signInMeeting' ? go(withQuery(ROUTES.councilMeeting, { scene: resolve.scene })) : onOffer(o))}
            >
              {OFFER_LABELS[o]}
            </Button>
          ))}
        </View>
      )}

      {duty.status === 'done' ? (
        <View className={`hl-notice hl-notice-ok hl-duty-result hl-duty-result-${duty.offer}${duty.answer.repeated ? ' hl-duty-repeated' : ''}`} role='status'>
          <Text className='hl-duty-result-head'>{`✓ ${dutyText(duty.offer, duty.answer).head}`}</Text>
          {dutyText(duty.offer, duty.answer).lines.map((l) => (
            <Text key={l} className='hl-note hl-duty-result-line'>
              {l}
            </Text>
          ))}
        </View>
      ) : null}
      {duty.status === 'error' ? (
        <View className='hl-notice hl-notice-error hl-duty-error' role='alert'>
          <Text>{duty.error.message}</Text>
        </View>
      ) : null}
      {dutyDone ? (
        <Button className='hl-btn hl-btn-block hl-btn-my-duty' size='large' onClick={() => go(ROUTES.stationDuty)}>
          看我的值班
        </Button>
      ) : null}
    </View>
  )
}

/**
 * 扫一扫: the one scan entry point. Resolves any Honglin code (station, check-in screen, personal,
 * meeting) and shows one big button per thing the caller's roles allow — the server decides which.
 */
export default function StationScan() {
  const router = useRouter()
  const isH5 = process.env.TARO_ENV === 'h5'
  const [text, setText] = useState('')
  const [resolve, setResolve] = useState<Resolve>({ status: 'idle' })
  const [duty, setDuty] = useState<Duty>({ status: 'idle' })
  const [scanProblem, setScanProblem] = useState<string | null>(null)
  const asked = useRef(0)

  const resolveScene = async (raw: string) => {
    const scene = sceneFrom(raw)
    setScanProblem(null)
    setDuty({ status: 'idle' })
    if (!scene) {
      setResolve({ status: 'error', error: { code: 'CODE.INVALID', message: '请先扫码，或输入二维码下方的编码', field: 'payload.scene' } })
      return
    }
    const ask = ++asked.current
    setResolve({ status: 'busy' })
    const answer = await stations.scan(scene)
    if (ask !== asked.current) return
    setResolve(answer.ok ? { status: 'done', scene, result: answer.data } : { status: 'error', error: answer.error })
  }

  // Opened from a code (WeChat puts the scene in the query), or a link with ?scene=.
  useEffect(() => {
    const scene = sceneFromParams(router.params)
    if (scene) {
      setText(scene)
      void resolveScene(scene)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the scene in the page's launch params is read once, on open
  }, [])

  const scanWithCamera = async () => {
    setScanProblem(null)
    try {
      // 'wxCode' (mini-program codes) is WeChat's; Taro's types list only the generic kinds.
      const scanType = ['qrCode', 'wxCode'] as unknown as (keyof Taro.scanCode.ScanType)[]
      const res = await Taro.scanCode({ scanType })
      // A mini-program code gives the page path with its scene; a QR code its text.
      const raw = (res as { path?: string }).path || res.result || ''
      // A PC's sign-in code (扫码登录) opens its own confirmation page, not a scan result.
      if (raw.replace(/^\//, '').startsWith(ROUTES.webLogin.slice(1))) {
        go(withQuery(ROUTES.webLogin, { scene: sceneFrom(raw) }))
        return
      }
      setText(sceneFrom(raw))
      await resolveScene(raw)
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      setScanProblem('没能打开扫码，请检查微信的相机权限后再试')
    }
  }

  const onOffer = async (o: ScanOffer) => {
    if (resolve.status !== 'done') return
    const { result, scene } = resolve
    switch (o) {
      case 'postOrder':
        go(
          withQuery(ROUTES.orderPost, {
            buildingId: result.station?.buildingId ?? undefined,
            gridId: result.station?.gridId ?? undefined,
            stationId: result.station?.id,
            stationName: result.station?.name,
          }),
        )
        return
      case 'postOnBehalf':
        if (result.person?.userId) go(withQuery(ROUTES.orderPost, { onBehalfOf: result.person.userId }))
        return
      case 'viewStation':
        if (result.station) go(withQuery(ROUTES.stationDetail, { id: result.station.id }))
        return
      case 'checkIn':
      case 'checkOut': {
        setDuty({ status: 'busy', offer: o })
        const answer = o === 'checkIn' ? await stations.checkIn(scene) : await stations.checkOut(scene)
        setDuty(answer.ok ? { status: 'done', offer: o, answer: answer.data } : { status: 'error', error: answer.error })
        return
      }
      case 'liuyouCheck': {
        // The checklist of the station's community: the current check opens (or starts) there.
        if (result.station) go(withQuery(ROUTES.liuyouChecks, { community: result.station.communityId, open: '1' }))
        return
      }
      case 'signInMeeting':
        return
    }
  }

  const error = resolve.status === 'error' ? resolve.error : null

  return (
    <PageShell name='station-scan'>
      <Text className='hl-title'>扫一扫</Text>
      <Text className='hl-note hs-intro'>
        扫服务站门口的码可以报事，社区书记和网格长还可以打开本社区的六有自查；值班的同志扫大屏上的码签到、签退；网格长扫居民的个人码可以代办。
      </Text>

      {isH5 ? (
        <View className='hl-card hl-field hl-field-scene'>
          <Text className='hl-field-label'>输入或粘贴二维码下方的编码</Text>
          <Input
            className='hl-input hl-input-scene'
            value={text}
            placeholder='例如 s:xxxx.xxxxxxxx'
            maxLength={300}
            onChange={(v) => setText(v)}
            onConfirm={() => void resolveScene(text)}
          />
          <Button
            className='hl-btn hl-btn-block hl-btn-resolve-scene hs-resolve'
            type='primary'
            size='large'
            loading={resolve.status === 'busy'}
            disabled={resolve.status === 'busy'}
            onClick={() => void resolveScene(text)}
          >
            识别
          </Button>
          <Text className='hl-note'>浏览器里不能直接用相机扫码：请在微信小程序里扫，或输入二维码下方的编码。</Text>
        </View>
      ) : (
        <Button className='hl-btn hl-btn-block hl-btn-scan-code' type='primary' size='large' disabled={resolve.status === 'busy'} onClick={() => void scanWithCamera()}>
          {resolve.status === 'done' ? '再扫一个' : '打开相机扫码'}
        </Button>
      )}
      {scanProblem ? <Text className='hl-notice hl-notice-error hl-scan-problem'>{scanProblem}</Text> : null}

      {resolve.status === 'busy' ? <Loading text='正在识别…' /> : null}
      {/* Right under the code box: an expired or foreign code says so in words. */}
      {error ? (
        <View className={`hl-notice hl-notice-error hl-scan-error hl-scan-error-${error.code.replace(/\./g, '-').toLowerCase()}`} role='alert'>
          <Text>{error.message}</Text>
        </View>
      ) : null}
      {resolve.status === 'done' ? <ResultCard key={resolve.scene} resolve={resolve} duty={duty} onOffer={(o) => void onOffer(o)} /> : null}
    </PageShell>
  )
}
