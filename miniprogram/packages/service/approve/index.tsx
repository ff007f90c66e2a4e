import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { MANUAL_CAP_HOURS } from '@shared/service/record'
import { CommunityPicker } from '../../../components/community-picker'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import { useCommunityChoice } from '../../../lib/community-choice'
import type { ClientError } from '../../../services/call'
import { service, type PendingEntry } from '../../../services/service'
import { formatTime, hoursText, num } from '../common/format'
import { Bar } from '../common/ui'
import '../common/service.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; entries: PendingEntry[]; total: number }
type Busy = { id: string; approve: boolean } | null

/** Approve, in half hours: the whole entry, a part of it with a reason, or only what fits under the cap. */
function PendingCard({
  entry,
  busy,
  error,
  onReview,
}: {
  entry: PendingEntry
  busy: Busy
  error: ClientError | null
  onReview: (approve: boolean, note: string, hours?: number) => void
}) {
  const [note, setNote] = useState('')
  // The server says what still fits under the month's cap; start there (all of it, usually).
  const fits = entry.fitsHours
  const [hours, setHours] = useState(fits)
  // Another review of the same volunteer can change what fits: the hours start again from it, in place,
  // so a reason already typed on this card stays.
  useEffect(() => setHours(fits), [fits])
  const [missingReason, setMissingReason] = useState(false)
  const mine = busy?.id === entry.id
  const partial = hours < entry.hours
  const atCap = fits <= 0
  const approve = () => {
    if (partial && note.trim().length < 2) {
      setMissingReason(true)
      return
    }
    setMissingReason(false)
    onReview(true, note.trim(), partial ? hours : undefined)
  }
  return (
    <View className={`hl-card hl-pending-item hl-pending-${entry.id}`}>
      <View className='hv-row'>
        <Text className='hl-hero hl-pending-name'>{entry.volunteerName || '志愿者'}</Text>
        <Text className='hl-hero hv-strong hl-pending-hours'>{hoursText(entry.hours)}</Text>
      </View>
      <Text className='hl-text hl-pending-note'>{entry.note}</Text>
      <Text className='hl-note'>{`提交于 ${formatTime(entry.at)}`}</Text>
      <Bar
        className='hl-pending-cap'
        label='本月已通过的填报'
        value={entry.approvedThisMonth}
        max={MANUAL_CAP_HOURS}
        text={`${num(entry.approvedThisMonth)} / ${MANUAL_CAP_HOURS} 小时`}
      />
      {atCap ? (
        <Text className='hl-notice hl-pending-at-cap'>{`本月已通过 ${num(entry.approvedThisMonth)} 小时，到了每月 ${MANUAL_CAP_HOURS} 小时的上限，这条不能再计入。可以退回并说明原因。`}</Text>
      ) : (
        <>
          {fits < entry.hours ? (
            <Text className='hl-notice hl-pending-fits'>{`本月还能计入 ${hoursText(fits)}（每月上限 ${MANUAL_CAP_HOURS} 小时），可以通过这 ${hoursText(fits)}。`}</Text>
          ) : null}
          <View className='hl-field hl-field-approve-hours'>
            <Text className='hl-field-label'>通过多少小时</Text>
            <View className='hv-stepper'>
              <Button className='hl-btn hl-approve-minus' disabled={hours <= 0.5 || busy !== null} aria-label='减少半小时' onClick={() => setHours(Math.max(0.5, hours - 0.5))}>
                − 半小时
              </Button>
              <Text className='hv-stepper-value hl-approve-hours-value'>{`${num(hours)} 小时`}</Text>
              <Button className='hl-btn hl-approve-plus' disabled={hours >= fits || busy !== null} aria-label='增加半小时' onClick={() => setHours(Math.min(fits, hours + 0.5))}>
                ＋ 半小时
              </Button>
            </View>
            {partial ? (
              <Text className='hl-note hl-approve-partial-hint'>{`只通过 ${hoursText(hours)}（填报了 ${hoursText(entry.hours)}），请写明原因，志愿者会在服务记录里看到。`}</Text>
            ) : null}
          </View>
        </>
      )}
      <Text className='hl-field-label'>{partial && !atCap ? '原因（必填）' : '审核意见'}</Text>
      <Input
        className='hl-input hl-input-review-note'
        value={note}
        placeholder={partial && !atCap ? '例如：活动只进行了半天' : '退回时请写明原因'}
        maxLength={100}
        onChange={(v) => {
          setNote(v)
          if (v.trim().length >= 2) setMissingReason(false)
        }}
      />
      {missingReason ? (
        <View className='hl-notice hl-notice-error hl-review-reason-missing' role='alert'>
          <Text>只通过一部分时长时，请写明原因</Text>
        </View>
      ) : null}
      {error ? (
        <View className='hl-notice hl-notice-error hl-review-error' role='alert'>
          <Text>{error.message}</Text>
        </View>
      ) : null}
      <View className='hv-form-buttons'>
        {atCap ? null : (
          <Button className='hl-btn hl-btn-approve' type='primary' loading={mine && busy?.approve} disabled={busy !== null} onClick={approve}>
            {partial ? `通过 ${num(hours)} 小时` : '全部通过'}
          </Button>
        )}
        <Button
          className='hl-btn hl-btn-reject'
          type={atCap ? 'primary' : 'default'}
          loading={mine && !busy?.approve}
          disabled={busy !== null}
          onClick={() => onReview(false, note.trim())}
        >
          退回
        </Button>
      </View>
    </View>
  )
}

/** 时长审核: hand-entered hours waiting for the community's approval, within the monthly cap. */
export default function ServiceApprove() {
  const choice = useCommunityChoice('approvals')
  const { community } = choice
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [busy, setBusy] = useState<Busy>(null)
  const [errors, setErrors] = useState<Record<string, ClientError>>({})
  const [done, setDone] = useState<string | null>(null)

  const fetchPending = async (quiet = false) => {
    if (!community) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await service.pendingHours({ communityId: community.id, limit: 50 })
    // A quiet read that fails leaves the cards on screen as they are, with what is typed in them.
    if (answer.ok) setLoad({ status: 'ready', entries: answer.data.entries, total: answer.data.total })
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchPending()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [community?.id])

  const review = async (entry: PendingEntry, approve: boolean, note: string, hours?: number) => {
    setBusy({ id: entry.id, approve })
    setDone(null)
    const answer = await service.reviewHours({ entryId: entry.id, approve, note, ...(hours !== undefined ? { hours } : {}) })
    setBusy(null)
    if (answer.ok || answer.error.code === 'SERVICE.ALREADY_REVIEWED') {
      setErrors(({ [entry.id]: _gone, ...rest }) => rest)
      const approved = answer.ok ? answer.data.entry.hours : entry.hours
      const text = !approve
        ? `已退回：${entry.volunteerName} ${hoursText(entry.hours)}`
        : approved < entry.hours
          ? `已通过 ${hoursText(approved)}（填报 ${hoursText(entry.hours)}）：${entry.volunteerName}`
          : `已通过：${entry.volunteerName} ${hoursText(entry.hours)}`
      setDone(answer.ok ? text : `${entry.volunteerName} 的这条填报已经有人审核过了`)
      setLoad((l) => (l.status === 'ready' ? { ...l, entries: l.entries.filter((e) => e.id !== entry.id), total: Math.max(0, l.total - 1) } : l))
      // The others' 本月已通过 changed with this one: read them again, without a spinner.
      void fetchPending(true)
      return
    }
    setErrors((e) => ({ ...e, [entry.id]: answer.error }))
  }

  return (
    <PageShell name='service-approve'>
      <Text className='hl-title'>时长审核</Text>
      {choice.problem ? <ErrorView error={choice.problem.error} onRetry={choice.problem.retry} /> : null}
      {choice.loading ? <Loading /> : null}
      {choice.nowhere ? <Empty text='时长审核由社区管理员负责' /> : null}
      {community ? (
        <>
          <CommunityPicker label='审核哪个社区' choice={choice} />
          <Text className='hl-note'>{`志愿者自行填报的时长，通过后计入服务记录。可以只通过一部分（写明原因）；每人每月最多通过 ${MANUAL_CAP_HOURS} 小时。`}</Text>
          {done ? <Text className='hl-notice hl-notice-ok hl-review-done'>{done}</Text> : null}
          {load.status === 'loading' ? <Loading /> : null}
          {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchPending()} /> : null}
          {load.status === 'ready' ? (
            <>
              <Text className='hl-text hl-pending-total'>{`${community.name}：待审核 ${load.total} 条`}</Text>
              {load.entries.length === 0 ? <Empty text='没有待审核的填报' /> : null}
              {load.entries.map((e) => (
                <PendingCard key={e.id} entry={e} busy={busy} error={errors[e.id] ?? null} onReview={(approve, note, hours) => void review(e, approve, note, hours)} />
              ))}
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}
