import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Kv } from '../../../components/kv'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import type { ClientError } from '../../../services/call'
import { stations, type CodeView, type StationView } from '../../../services/stations'
import { daysText, hm, slotText } from '../common/format'
import { OpenChip } from '../common/ui'
import { StationDevices } from './devices'
import { StationForm } from './station-form'
import '../common/stations.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; station: StationView }
type Code = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; code: CodeView }

/** The roster as it hangs on the wall: one line per person and slot. */
function Roster({ station }: { station: StationView }) {
  return (
    <View className='hl-card hl-roster'>
      <Text className='hl-title'>值班表</Text>
      {station.roster.length === 0 ? <Text className='hl-note'>还没有排班</Text> : null}
      {station.roster.map((r, i) => (
        <View key={`${r.userId}-${i}`} className={`hs-row hs-list-item hl-roster-row hl-roster-${r.userId}`}>
          <Text className='hl-text hl-roster-name'>{r.name || '志愿者'}</Text>
          <Text className='hl-text hl-roster-slot'>{slotText(r.days, r.from, r.to)}</Text>
        </View>
      ))}
    </View>
  )
}

function OnDuty({ names }: { names: readonly string[] }) {
  return (
    <View className='hl-card hl-onduty'>
      <Text className='hl-title'>此刻在岗</Text>
      {names.length ? (
        <View className='hs-chips'>
          {names.map((n) => (
            <Text key={n} className='hs-chip hl-chip-open hl-onduty-name'>{`● ${n}`}</Text>
          ))}
        </View>
      ) : (
        <Text className='hl-note hl-onduty-none'>此刻没有人在岗</Text>
      )}
    </View>
  )
}

/** 打印站点码: the permanent code for the station's door. */
function PrintCode({ code }: { code: CodeView }) {
  return (
    <View className='hl-card hl-station-code-card'>
      <Text className='hl-title'>站点码</Text>
      <View className='hs-code-box'>
        <Image className='hs-code-image hl-station-code' src={code.imageDataUrl} mode='scaleToFill' showMenuByLongpress />
        <Text className='hs-scene hl-station-code-scene'>{code.scene}</Text>
      </View>
      <Text className='hl-note'>打印出来贴在服务站门口。居民用微信一扫，就能在这里报事，所在网格自动带出。这个码长期有效。</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <Button className='hl-btn hl-btn-block hl-btn-window-print' onClick={() => window.print()}>
          打印
        </Button>
      ) : (
        <Text className='hl-note'>长按二维码可以保存或转发，再拿去打印。</Text>
      )}
    </View>
  )
}

/** 服务站: address, hours, grids, roster, who is on duty now; for its admins the codes and editing. */
export default function StationDetail() {
  const router = useRouter()
  const id = decodeURIComponent(router.params.id ?? router.params.stationId ?? '')
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [code, setCode] = useState<Code>({ status: 'idle' })
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)

  const fetchStation = async () => {
    if (!id) return
    setLoad({ status: 'loading' })
    const answer = await stations.get(id)
    setLoad(answer.ok ? { status: 'ready', station: answer.data.station } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchStation()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [id])

  const showCode = async () => {
    setCode({ status: 'loading' })
    const answer = await stations.permanentCode(id)
    setCode(answer.ok ? { status: 'ready', code: answer.data } : { status: 'error', error: answer.error })
  }

  const s = load.status === 'ready' ? load.station : null
  const allowed = new Set(s?.allowedActions ?? [])
  const screenUrl = withQuery(ROUTES.stationScreen, { stationId: id })

  return (
    <PageShell name='station-detail'>
      {!id ? <Empty text='没有指定服务站' hint='请从“附近服务站”里选择' /> : null}
      {id && load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchStation()} /> : null}
      {s ? (
        <>
          {s.photoUrl ? <Image className='hs-photo hl-station-photo' src={s.photoUrl} mode='aspectFill' /> : null}
          <View className='hl-card hl-station-info'>
            <View className='hs-card-head'>
              <Text className='hl-hero hl-station-name'>{s.name}</Text>
              <OpenChip open={s.openNow} />
            </View>
            <Kv className='hl-station-address' label='地址' value={s.address || '未填写'} />
            <Kv
              className='hl-station-hours'
              label='开放时间'
              value={s.openingHours || (s.hours ? `${daysText(s.hours.days)} ${hm(s.hours.open)}–${hm(s.hours.close)}` : '未公布')}
            />
            <Kv className='hl-station-community' label='所属社区' value={s.communityName || '—'} />
            <Kv className='hl-station-grids' label='服务的网格' value={s.servesGrids.map((g) => g.name || g.id).join('、') || '—'} />
          </View>
          {saved ? <Text className='hl-notice hl-notice-ok hl-station-saved'>已保存</Text> : null}
          <OnDuty names={s.onDutyNow} />
          <Roster station={s} />

          {allowed.size ? (
            <View className='hl-card hl-station-admin'>
              <Text className='hl-title'>站点管理</Text>
              {allowed.has('permanentCode') ? (
                <Button
                  className='hl-btn hl-btn-block hl-btn-print-code'
                  size='large'
                  loading={code.status === 'loading'}
                  disabled={code.status === 'loading'}
                  onClick={() => void showCode()}
                >
                  打印站点码
                </Button>
              ) : null}
              {allowed.has('screenCode') ? (
                <>
                  <Button className='hl-btn hl-btn-block hl-btn-open-screen' size='large' onClick={() => go(screenUrl)}>
                    打开值班大屏
                  </Button>
                  <Text className='hl-note'>在服务站的电脑或电视上打开值班大屏，值班的同志用微信扫屏幕上的码签到、签退。</Text>
                  {process.env.TARO_ENV === 'h5' ? <Text className='hs-scene hl-screen-link'>{`${window.location.origin}${window.location.pathname}#${screenUrl}`}</Text> : null}
                </>
              ) : null}
              {allowed.has('save') && !editing ? (
                <Button
                  className='hl-btn hl-btn-block hl-btn-edit-station'
                  size='large'
                  onClick={() => {
                    setSaved(false)
                    setEditing(true)
                  }}
                >
                  编辑
                </Button>
              ) : null}
            </View>
          ) : null}
          {allowed.has('manageDevices') ? <StationDevices stationId={s.id} /> : null}
          {code.status === 'error' ? <ErrorView error={code.error} onRetry={() => void showCode()} /> : null}
          {code.status === 'ready' ? <PrintCode code={code.code} /> : null}
          {editing ? (
            <StationForm
              station={s}
              onCancel={() => setEditing(false)}
              onSaved={(fresh) => {
                setLoad({ status: 'ready', station: fresh })
                setEditing(false)
                setSaved(true)
              }}
            />
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
