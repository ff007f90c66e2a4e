import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { SOURCES, STAR_THRESHOLDS } from '@shared/service/record'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { ClientError } from '../../../services/call'
import { service, type MyRecord, type RecordEntry } from '../../../services/service'
import { daysText, formatTime, hm, hoursText, num } from '../common/format'
import { Bar, SourceChip, StatusChip } from '../common/ui'
import { HoursForm } from './hours-form'
import { VolunteerForm } from './volunteer-form'
import '../common/service.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; record: MyRecord }
type Open = null | 'hours' | 'profile'

const STAR_NAMES = ['', '一星', '二星', '三星', '四星', '五星'] as const
const SOURCE_TITLES = { order: '接单服务', duty: '站点值班', manual: '自行填报' } as const
const SOURCE_NOTES = { order: '办结的事项，自动记入', duty: '在服务站扫码签到、签退，自动记入', manual: '自己填报、社区审核通过的' } as const

/** The star level, big: ★ glyphs, the level in words, and how far the next one is. */
function StarCard({ summary }: { summary: MyRecord['summary'] }) {
  const { stars, nextStarAt, verifiedHours } = summary
  const base = stars > 0 ? STAR_THRESHOLDS[stars - 1]! : 0
  const level = stars > 0 ? `${STAR_NAMES[stars]}志愿者` : '还没有星级'
  return (
    <View className={`hl-card hl-star-card hl-stars-${stars}`}>
      <Text className='hv-stars hl-stars' aria-label={`${stars} 星`}>{`${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}`}</Text>
      <Text className='hl-hero hl-star-level'>{level}</Text>
      <Text className='hl-note'>已认证服务时长</Text>
      <Text className='hv-big-number hl-verified-hours'>{hoursText(verifiedHours)}</Text>
      {nextStarAt !== null ? (
        <Bar
          className='hl-star-progress'
          label={`下一级：${STAR_NAMES[stars + 1]}志愿者（满 ${nextStarAt} 小时）`}
          value={verifiedHours - base}
          max={nextStarAt - base}
          text={`还差 ${num(Math.max(0, nextStarAt - verifiedHours))} 小时`}
        />
      ) : (
        <Text className='hl-text hl-star-top'>已是最高的五星志愿者，感谢您的付出！</Text>
      )}
      <Text className='hl-note'>{`星级按已认证时长评定：${STAR_THRESHOLDS.join(' / ')} 小时分别为一至五星。`}</Text>
    </View>
  )
}

/** Hours by source, kept apart as the record keeps them: three bars with the numbers written. */
function Sources({ summary }: { summary: MyRecord['summary'] }) {
  const max = Math.max(...SOURCES.map((s) => summary.bySource[s]?.hours ?? 0), 0)
  return (
    <View className='hl-card hl-sources'>
      <Text className='hl-title'>时长从哪里来</Text>
      {SOURCES.map((s) => {
        const b = summary.bySource[s] ?? { hours: 0, points: 0, entries: 0 }
        return (
          <Bar
            key={s}
            className={`hl-source-bar hl-source-bar-${s}`}
            label={SOURCE_TITLES[s]}
            value={b.hours}
            max={max}
            text={`${hoursText(b.hours)} · ${b.entries} 次`}
            note={`${SOURCE_NOTES[s]}；积分 ${num(b.points)}`}
          />
        )
      })}
      <View className='hv-figures'>
        <View className='hv-figure hl-points'>
          <Text className='hl-note'>积分</Text>
          <Text className='hv-figure-value'>{num(summary.points)}</Text>
        </View>
        <View className='hv-figure hl-pending-hours'>
          <Text className='hl-note'>待审核的填报</Text>
          <Text className='hv-figure-value'>{hoursText(summary.pendingManualHours)}</Text>
        </View>
      </View>
      {summary.awaitingDutyEntries > 0 ? (
        <Text className='hl-notice hl-awaiting-duty'>{`有 ${summary.awaitingDutyEntries} 次计划外值班忘记签退、已自动签退，时长等负责人确认后计入。`}</Text>
      ) : null}
      <Text className='hl-note'>积分 = 认证时长 × 10，接单服务另加评价奖励。待审核的时长通过后才计入。</Text>
    </View>
  )
}

function ProfileSummary({ profile }: { profile: NonNullable<MyRecord['profile']> }) {
  return (
    <View className='hl-card hl-volunteer-profile'>
      <Text className='hl-title'>志愿者资料</Text>
      <View className='hv-chips'>
        <Text className='hv-chip'>{profile.partyMember ? '★ 党员' : '群众志愿者'}</Text>
        {profile.inService ? <Text className='hv-chip hl-inservice-chip'>在职党员 · 双报到</Text> : null}
      </View>
      {profile.inService ? <Text className='hl-text hl-work-unit'>{`${profile.workUnit ?? ''} · ${profile.partyBranch ?? ''}`}</Text> : null}
      {profile.homeGrid ? <Text className='hl-note'>{`报到网格：${profile.homeGrid}`}</Text> : null}
      <Text className='hl-note hl-skills'>{`擅长：${profile.skills.join('、') || '未填写'}`}</Text>
      <Text className='hl-note hl-availability'>{`服务时段：${profile.availability.map((w) => `${daysText(w.days)} ${hm(w.from)}–${hm(w.to)}`).join('；') || '未填写'}`}</Text>
    </View>
  )
}

function Entries({ entries }: { entries: readonly RecordEntry[] }) {
  return (
    <View className='hl-card hl-entries'>
      <Text className='hl-title'>服务明细</Text>
      {entries.length === 0 ? <Empty text='还没有服务记录' hint='接单、到服务站值班，时长会自动记在这里' /> : null}
      {entries.map((e) => (
        <View key={e.id} className={`hv-list-item hl-entry-item hl-entry-${e.source}${e.status ? ` hl-entry-${e.status}` : ''}`}>
          <View className='hv-row'>
            <View className='hv-chips'>
              <SourceChip entry={e} />
              <StatusChip status={e.status} />
              {e.autoClosed ? <Text className='hv-chip hl-auto-closed-chip'>◷ 自动签退</Text> : null}
              {e.confirmation === 'awaiting' ? <Text className='hv-chip hl-status-pending hl-awaiting-chip'>○ 待确认</Text> : null}
              {e.confirmation === 'confirmed' ? <Text className='hv-chip hl-status-approved hl-confirmed-chip'>✓ 已确认</Text> : null}
            </View>
            <Text className='hl-text hv-strong hl-entry-hours'>{e.confirmation === 'awaiting' ? '待确认' : hoursText(e.hours)}</Text>
          </View>
          {e.note ? <Text className='hl-text hl-entry-note'>{e.note}</Text> : null}
          {e.requestedHours !== null ? <Text className='hl-text hl-entry-partial'>{`填报 ${hoursText(e.requestedHours)}，社区通过 ${hoursText(e.hours)}`}</Text> : null}
          {e.reviewNote ? <Text className='hl-text hl-entry-review-note'>{`${e.source === 'duty' ? '确认说明' : '审核意见'}：${e.reviewNote}`}</Text> : null}
          <Text className='hl-note'>{`${formatTime(e.at)}${e.verified ? ` · 积分 ${num(e.points)}` : ''}`}</Text>
        </View>
      ))}
    </View>
  )
}

/** 我的服务记录 (双报到): verified hours by source, star level, points, pending hand entries. */
export default function ServiceRecord() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [open, setOpen] = useState<Open>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const fetchRecord = async () => {
    const answer = await service.myRecord()
    setLoad(answer.ok ? { status: 'ready', record: answer.data } : { status: 'error', error: answer.error })
  }
  useDidShow(() => {
    void fetchRecord()
  })

  const record = load.status === 'ready' ? load.record : null
  const allowed = new Set(record?.allowedActions ?? [])

  return (
    <PageShell name='service-record'>
      <Text className='hl-title'>我的服务记录</Text>
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchRecord()} /> : null}
      {record ? (
        <>
          {notice ? <Text className='hl-notice hl-notice-ok hl-record-notice'>{notice}</Text> : null}
          <StarCard summary={record.summary} />
          <Sources summary={record.summary} />
          {!record.profile && allowed.size === 0 ? (
            <Text className='hl-notice hl-not-volunteer'>成为党员志愿者后，接单、值班的时长会记在这里。可以向网格长要志愿者邀请码，在“我的 › 兑换邀请码”里兑换。</Text>
          ) : null}

          {allowed.size && !open ? (
            <View className='hl-actions'>
              {allowed.has('submitHours') ? (
                <Button
                  className='hl-btn hl-btn-block hl-btn-submit-hours'
                  type='primary'
                  size='large'
                  onClick={() => {
                    setNotice(null)
                    setOpen('hours')
                  }}
                >
                  填报时长
                </Button>
              ) : null}
              {allowed.has('updateVolunteerProfile') ? (
                <Button
                  className='hl-btn hl-btn-block hl-btn-edit-volunteer'
                  size='large'
                  onClick={() => {
                    setNotice(null)
                    setOpen('profile')
                  }}
                >
                  编辑志愿者资料
                </Button>
              ) : null}
            </View>
          ) : null}
          {open === 'hours' ? (
            <HoursForm
              onCancel={() => setOpen(null)}
              onDone={(entry) => {
                setOpen(null)
                setNotice(`已提交 ${hoursText(entry.hours)}，等社区审核通过后计入`)
                void fetchRecord()
              }}
            />
          ) : null}
          {open === 'profile' ? (
            <VolunteerForm
              profile={record.profile}
              onCancel={() => setOpen(null)}
              onSaved={(fresh) => {
                setOpen(null)
                setLoad({ status: 'ready', record: fresh })
                setNotice('志愿者资料已保存')
              }}
            />
          ) : null}

          {record.profile ? <ProfileSummary profile={record.profile} /> : null}
          <Entries entries={record.entries} />
        </>
      ) : null}
    </PageShell>
  )
}
