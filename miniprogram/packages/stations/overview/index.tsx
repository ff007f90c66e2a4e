import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { CommunityPicker } from '../../../components/community-picker'
import { FormButtons } from '../../../components/form-buttons'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { useCommunityChoice } from '../../../lib/community-choice'
import type { ClientError } from '../../../services/call'
import { stations, type DutyOverview, type OverviewKind, type OverviewRow } from '../../../services/stations'
import { addDays, beijingToday, dateText, hm, minutesText, mondayOf } from '../common/format'
import { Bar, KIND_LABELS, KIND_ORDER, KindChip } from '../common/ui'
import '../common/stations.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; data: DutyOverview }
const DAYS = 7

function KindBars({ rows }: { rows: readonly OverviewRow[] }) {
  const counts = KIND_ORDER.map((k) => ({ kind: k, n: rows.filter((r) => r.kind === k).length }))
  const max = Math.max(1, ...counts.map((c) => c.n))
  return (
    <View className='hl-kind-bars'>
      {counts.map((c) => (
        <Bar key={c.kind} className={`hl-kind-bar hl-kind-bar-${c.kind}`} label={KIND_LABELS[c.kind]} value={c.n} max={max} text={`${c.n} 班`} compact />
      ))}
    </View>
  )
}

function rowText(r: OverviewRow): string {
  const slot = r.slot ? `${hm(r.slot.from)}–${hm(r.slot.to)}` : '未排班'
  if (r.confirmation === 'awaiting') return `${slot} · 记录 ${minutesText(r.minutes)}，时长待确认`
  if (r.dutyId && r.creditedMinutes !== r.minutes) return `${slot} · 计入 ${minutesText(r.creditedMinutes)}`
  return r.minutes > 0 ? `${slot} · 值班 ${minutesText(r.minutes)}` : slot
}

/**
 * 确认时长: the hours someone really served on an unplanned duty the system closed, in half hours,
 * never more than was recorded, with what the leader bases it on (the volunteer reads it).
 */
function ConfirmDuty({ row, onDone }: { row: OverviewRow; onDone: (text: string) => void }) {
  const max = Math.floor(row.minutes / 30) / 2
  const [open, setOpen] = useState(false)
  const [hours, setHours] = useState(Math.min(2, max))
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!row.dutyId) return null
  if (!open) {
    return (
      <Button className={`hl-btn hl-btn-block hl-btn-confirm-duty hl-btn-confirm-${row.dutyId.replace(/[^A-Za-z0-9_-]/g, '-')}`} onClick={() => setOpen(true)}>
        确认时长
      </Button>
    )
  }
  const submit = async () => {
    if (note.trim().length < 2) {
      setError('请写明确认的依据，例如活动名称和起止时间')
      return
    }
    setBusy(true)
    setError(null)
    const answer = await stations.confirmDuty({ dutyId: row.dutyId!, minutes: Math.round(hours * 60), note: note.trim() })
    setBusy(false)
    if (answer.ok) onDone(`已确认 ${row.name || '志愿者'} 的值班时长：${minutesText(answer.data.duty.creditedMinutes)}`)
    else setError(answer.error.message)
  }
  return (
    <View className='hs-confirm-form hl-confirm-form'>
      <Text className='hl-field-label'>{`确认多少小时（记录 ${minutesText(row.minutes)}）`}</Text>
      <View className='hs-stepper'>
        <Button className='hl-btn hl-confirm-minus' disabled={hours <= 0 || busy} aria-label='减少半小时' onClick={() => setHours(Math.max(0, hours - 0.5))}>
          − 半小时
        </Button>
        <Text className='hs-stepper-value hl-confirm-hours'>{hours === 0 ? '不计入' : `${hours} 小时`}</Text>
        <Button className='hl-btn hl-confirm-plus' disabled={hours >= max || busy} aria-label='增加半小时' onClick={() => setHours(Math.min(max, hours + 0.5))}>
          ＋ 半小时
        </Button>
      </View>
      <Text className='hl-field-label'>确认的依据（必填，志愿者会看到）</Text>
      <Input className='hl-input hl-input-confirm-note' value={note} placeholder='例如：周日义诊活动 10:00–12:30' maxLength={100} onChange={setNote} />
      {error ? (
        <View className='hl-notice hl-notice-error hl-confirm-error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <FormButtons
        name='confirm'
        submitClassName='hl-btn-confirm-submit'
        cancelClassName='hl-btn-confirm-cancel'
        submitText='确认'
        cancelText='取消'
        busy={busy}
        onSubmit={() => void submit()}
        onCancel={() => setOpen(false)}
      />
    </View>
  )
}

/** 值班总览: each station's duty for a week, against the roster. */
export default function DutyOverviewPage() {
  const choice = useCommunityChoice('dutyOverview')
  const { community } = choice
  const thisWeek = mondayOf(beijingToday())
  const [fromDate, setFromDate] = useState(thisWeek)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [done, setDone] = useState<string | null>(null)

  const fetchOverview = async (quiet = false) => {
    if (!community) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await stations.dutyOverview({ communityId: community.id, fromDate, days: DAYS })
    // A quiet read that fails leaves the week on screen as it is.
    if (answer.ok) setLoad({ status: 'ready', data: answer.data })
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchOverview()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [community?.id, fromDate])

  const kinds = (k: OverviewKind, rows: readonly OverviewRow[]) => rows.filter((r) => r.kind === k).length

  return (
    <PageShell name='duty-overview'>
      <Text className='hl-title'>值班总览</Text>
      {choice.problem ? <ErrorView error={choice.problem.error} onRetry={choice.problem.retry} /> : null}
      {choice.loading ? <Loading /> : null}
      {choice.nowhere ? <Empty text='值班总览给社区和街道的管理员看' hint='您可以在“我的值班”里看自己的值班' /> : null}
      {community ? (
        <>
          <CommunityPicker label='看哪个社区' choice={choice} />
          <View className='hl-card hl-week-picker'>
            <Text className='hl-text hl-week-range'>{`${community.name} · ${dateText(fromDate, false)}—${dateText(addDays(fromDate, DAYS - 1), false)}${fromDate === thisWeek ? '（本周）' : ''}`}</Text>
            <View className='hl-form-buttons'>
              <Button className='hl-btn hl-btn-prev-week' onClick={() => setFromDate(addDays(fromDate, -7))}>
                ‹ 上一周
              </Button>
              {fromDate !== thisWeek ? (
                <Button className='hl-btn hl-btn-this-week' onClick={() => setFromDate(thisWeek)}>
                  本周
                </Button>
              ) : null}
              <Button className='hl-btn hl-btn-next-week' onClick={() => setFromDate(addDays(fromDate, 7))}>
                下一周 ›
              </Button>
            </View>
          </View>
          {done ? <Text className='hl-notice hl-notice-ok hl-confirm-done'>{done}</Text> : null}
          {load.status === 'loading' ? <Loading /> : null}
          {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchOverview()} /> : null}
          {load.status === 'ready' && load.data.stations.length === 0 ? <Empty text='这个社区还没有服务站' /> : null}
          {load.status === 'ready'
            ? load.data.stations.map((s) => (
                <View key={s.stationId} className={`hl-card hl-overview-station hl-overview-station-${s.stationId}`}>
                  <Text className='hl-title'>{s.stationName}</Text>
                  <Text className='hl-note'>{`共 ${s.rows.length} 班：准时 ${kinds('onTime', s.rows)}，迟到 ${kinds('late', s.rows)}，缺岗 ${kinds('missed', s.rows)}，计划外 ${kinds('unplanned', s.rows)}`}</Text>
                  {s.rows.length === 0 ? (
                    <Text className='hl-note'>这一周没有排班，也没有人签到</Text>
                  ) : (
                    <>
                      <KindBars rows={s.rows} />
                      <View className='hl-overview-table'>
                        {s.rows.map((r) => (
                          // A duty by its id, a planned shift nobody came to by its day, person and hours: a row
                          // inserted above keeps the others (and a 确认时长 form open in one) as they are.
                          <View key={r.dutyId ?? `${r.date}-${r.userId}-${r.slot?.from ?? ''}`} className={`hs-table-row hl-overview-row hl-overview-${r.kind}`}>
                            <Text className='hl-text hs-table-date'>{dateText(r.date)}</Text>
                            <View className='hs-table-name'>
                              <Text className='hl-text'>{r.name || '志愿者'}</Text>
                              <Text className='hl-note'>{rowText(r)}</Text>
                            </View>
                            <KindChip kind={r.kind} />
                            {r.note ? <Text className='hl-note hs-table-note hl-overview-auto-note'>{r.note}</Text> : null}
                            {r.allowedActions.includes('confirmDuty') ? (
                              <View className='hs-table-note'>
                                <ConfirmDuty
                                  row={r}
                                  onDone={(text) => {
                                    setDone(text)
                                    void fetchOverview(true)
                                  }}
                                />
                              </View>
                            ) : null}
                          </View>
                        ))}
                      </View>
                    </>
                  )}
                </View>
              ))
            : null}
        </>
      ) : null}
    </PageShell>
  )
}
