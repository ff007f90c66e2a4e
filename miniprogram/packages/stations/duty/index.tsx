import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { go, ROUTES } from '../../../lib/nav'
import type { ClientError } from '../../../services/call'
import { stations, type DutyView, type MyDuty } from '../../../services/stations'
import { clockTime, formatTime, minutesText } from '../common/format'
import '../common/stations.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; duty: MyDuty }

function DutyChips({ d }: { d: DutyView }) {
  return (
    <View className='hs-chips'>
      {d.planned ? <Text className='hs-chip hl-duty-chip-planned'>✓ 按排班</Text> : <Text className='hs-chip hl-duty-chip-unplanned'>+ 计划外</Text>}
      {d.late ? <Text className='hs-chip hl-duty-chip-late'>! 迟到</Text> : null}
      {d.status === 'autoClosed' ? <Text className='hs-chip hl-kind-autoClosed hl-duty-chip-auto'>◷ 自动签退</Text> : null}
      {d.confirmation === 'awaiting' ? <Text className='hs-chip hl-kind-late hl-duty-chip-awaiting'>○ 待确认</Text> : null}
      {d.confirmation === 'confirmed' ? <Text className='hs-chip hl-kind-onTime hl-duty-chip-confirmed'>✓ 已确认</Text> : null}
    </View>
  )
}

/** What the duty counts for: the time at the station, and (when they differ) what the record credits. */
function creditText(d: DutyView): string {
  if (d.confirmation === 'awaiting') return '时长待确认'
  if (d.creditedMinutes !== d.minutes) return `计入 ${minutesText(d.creditedMinutes)}`
  return minutesText(d.minutes)
}

/** 我的值班: the duty I am on now, and my recent ones. */
export default function StationDuty() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [now, setNow] = useState(() => Date.now())

  const fetchDuty = async () => {
    const answer = await stations.myDuty()
    setNow(Date.now())
    setLoad(answer.ok ? { status: 'ready', duty: answer.data } : { status: 'error', error: answer.error })
  }
  // Back from 扫一扫 after checking in or out: show the fresh state.
  useDidShow(() => {
    void fetchDuty()
  })

  const duty = load.status === 'ready' ? load.duty : null
  const open = duty?.open ?? null

  return (
    <PageShell name='station-duty'>
      <Text className='hl-title'>我的值班</Text>
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchDuty()} /> : null}
      {duty ? (
        <>
          {open ? (
            <View className='hl-card hl-duty-open'>
              <Text className='hl-note'>正在值班</Text>
              <Text className='hl-hero hl-duty-open-station'>{open.stationName}</Text>
              <Text className='hl-text hl-duty-open-since'>{`${formatTime(open.checkInAt)} 上岗，已值班 ${minutesText(Math.max(0, Math.round((now - Date.parse(open.checkInAt)) / 60_000)))}`}</Text>
              <DutyChips d={open} />
              <Text className='hl-note'>下岗时请扫服务站大屏上的二维码签退。忘记签退的，系统会自动签退：按排班的只计到班次结束，计划外的要等负责人确认时长。</Text>
            </View>
          ) : (
            <View className='hl-card hl-duty-none'>
              <Text className='hl-text'>现在没有在值班</Text>
              <Text className='hl-note'>到服务站后，用“扫一扫”扫大屏上的二维码签到上岗。</Text>
            </View>
          )}
          <Button className='hl-btn hl-btn-block hl-btn-go-scan' type='primary' size='large' onClick={() => go(ROUTES.stationScan)}>
            {open ? '去扫码签退' : '去扫码签到'}
          </Button>

          <View className='hl-card hl-duty-recent'>
            <Text className='hl-title'>最近的值班</Text>
            {duty.recent.length === 0 ? <Empty text='还没有值班记录' /> : null}
            {duty.recent.map((d) => (
              <View key={d.id} className={`hs-list-item hl-duty-item hl-duty-${d.status}`}>
                <View className='hs-row'>
                  <Text className='hl-text hl-duty-item-station'>{d.stationName}</Text>
                  <Text className='hl-text hl-duty-item-minutes'>{creditText(d)}</Text>
                </View>
                <Text className='hl-note'>{`${formatTime(d.checkInAt)}–${clockTime(d.checkOutAt)}`}</Text>
                <DutyChips d={d} />
                {d.autoCloseNote ? <Text className='hl-text hl-duty-auto-note'>{d.autoCloseNote}</Text> : null}
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
