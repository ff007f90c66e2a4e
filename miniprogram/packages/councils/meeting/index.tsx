import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { MEETING_TYPE_RULES } from '@shared/councils/meeting.types'
import { ActionBar } from '../../../components/action-bar'
import { Chips } from '../../../components/chips'
import { FormButtons } from '../../../components/form-buttons'
import { InlineForm } from '../../../components/inline-form'
import { Kv } from '../../../components/kv'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, Loading } from '../../../components/states'
import type { ActionSpec, ActionTable } from '../../../lib/actions'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { bringIntoView, toTop } from '../../../lib/scroll'
import { askSubscribe } from '../../../lib/subscribe'
import { when } from '../../../lib/time-words'
import type { Answer, ClientError } from '../../../services/call'
import { councils, meetingIdOfScene, type MeetingAction, type MeetingView } from '../../../services/councils'
import { MeetingStateChip, minutesText, Timeline } from '../common/ui'
import { AddItemForm, AgendaItem, AgendaTotal, Attendees, DecideForm, Invitees, MinutesEditor, PrintAgenda, QuorumCard, SignInCard, SignInForCard } from './parts'
import '../common/councils.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; meeting: MeetingView }
type Notice = { ok: boolean; text: string } | null
type Form = 'addItem' | 'cancel' | 'close' | { decide: string }

/** While the meeting is in session: sign-ins, the quorum and the votes, fetched again every few seconds. */
const POLL_MS = 4_000

const BUTTONS: { readonly [A in MeetingAction]?: Omit<ActionSpec, 'onPress'> } = {
  publish: { label: '发布会议，发出邀请', tone: 'primary' },
  open: { label: '开始会议，开放签到', tone: 'primary' },
  close: { label: '结束会议', tone: 'primary' },
  publishDecisions: { label: '公示决议', tone: 'primary' },
  addItem: { label: '添加议题' },
  takeDoneTopics: { label: '一键列入已办结议题' },
  screenCode: { label: '打开签到大屏' },
  archive: { label: '归档' },
  edit: { label: '修改会议' },
  cancel: { label: '取消会议', className: 'hl-btn-cancel-meeting' },
}

const SAVED: Record<string, string> = { new: '会议已创建。请添加议程，然后发布会议。', edit: '会议信息已保存' }

export default function MeetingPage() {
  const router = useRouter()
  const sceneParam = router.params.scene ? decodeURIComponent(router.params.scene) : ''
  const id = router.params.id ? decodeURIComponent(router.params.id) : meetingIdOfScene(sceneParam)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice>(router.params.saved ? { ok: true, text: SAVED[router.params.saved] ?? '' } : null)
  const [open, setOpen] = useState<Form | null>(null)
  const [formError, setFormError] = useState<string | undefined>(undefined)
  const [itemError, setItemError] = useState<ClientError | null>(null)
  const [print, setPrint] = useState(router.params.print === '1')
  const visible = useRef(true)
  const triedScene = useRef(false)

  const fetchMeeting = async (quiet = false) => {
    if (!id) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await councils.getMeeting(id)
    if (answer.ok)
      setLoad((l) => ({ status: 'ready', meeting: { ...answer.data.meeting, timeline: answer.data.meeting.timeline ?? (l.status === 'ready' ? l.meeting.timeline : undefined) } }))
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchMeeting()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the id changes
  }, [id])
  useDidShow(() => {
    if (!visible.current) void fetchMeeting(true)
    visible.current = true
  })
  useDidHide(() => {
    visible.current = false
  })

  const meeting = load.status === 'ready' ? load.meeting : null
  const live = meeting?.state === 'inSession'
  // Live while in session: who signed in, the quorum, the tallies.
  useEffect(() => {
    if (!live) return undefined
    const timer = setInterval(() => {
      if (visible.current) void fetchMeeting(true)
    }, POLL_MS)
    return () => clearInterval(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one poll per session
  }, [live, id])

  // Opened from the station screen's code (`?scene=`): sign in at once.
  useEffect(() => {
    if (!meeting || triedScene.current || !sceneParam) return
    triedScene.current = true
    if (meeting.allowedActions.includes('signIn')) void signIn(sceneParam)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the meeting first arrives
  }, [meeting])

  // The print view: the browser's print dialog once the agenda is drawn (H5).
  useEffect(() => {
    if (!print || !meeting || process.env.TARO_ENV !== 'h5' || router.params.print === '1') return undefined
    const t = setTimeout(() => window.print(), 300)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the print view opens
  }, [print, Boolean(meeting)])

  if (!id) {
    return (
      <PageShell name='council-meeting'>
        <Text className='hl-title'>会议</Text>
        <Empty text='没有指定要看的会议' hint='请从“议事会议”里点开' />
        <Button className='hl-btn hl-btn-block hl-btn-to-meetings' onClick={() => go(ROUTES.councilMeetings)}>
          议事会议
        </Button>
      </PageShell>
    )
  }

  const allowed = new Set(meeting?.allowedActions ?? [])

  /**
   * `item`: a one-tap change to an agenda item (上移, 下移, 移出, 开始表决), which leaves a form open
   * elsewhere (记录结果, 添加议题…) as it is, with what is typed in it. A form's own submit and a
   * change to the whole meeting close it.
   */
  type Where = 'page' | 'form' | 'item'
  const applied = (fresh: MeetingView, text: string, scroll = true, where: Where = 'page') => {
    setLoad((l) => ({ status: 'ready', meeting: { ...fresh, timeline: fresh.timeline ?? (l.status === 'ready' ? l.meeting.timeline : undefined) } }))
    setNotice({ ok: true, text })
    if (where !== 'item') {
      setOpen(null)
      setFormError(undefined)
      setItemError(null)
    }
    if (scroll) toTop()
  }
  const failed = (error: ClientError, where: Where = 'page') => {
    if (where === 'form') {
      setFormError(error.message)
      return
    }
    setNotice({ ok: false, text: error.message })
    toTop()
    if (['MEETING.NOT_ALLOWED_NOW', 'COMMON.CONFLICT', 'MEETING.ITEM_DECIDED', 'MEETING.VOTE_NOT_OPEN'].includes(error.code)) void fetchMeeting(true)
  }
  const run = async (key: string, doIt: () => Promise<Answer<{ meeting: MeetingView }>>, done: string, where: Where = 'page', scroll = true) => {
    setBusy(key)
    setNotice(null)
    const answer = await doIt()
    setBusy(null)
    if (answer.ok) applied(answer.data.meeting, done, scroll, where)
    else failed(answer.error, where)
  }

  async function signIn(scene: string) {
    setBusy('signIn')
    setNotice(null)
    setFormError(undefined)
    await askSubscribe(['meeting.minutes', 'council.decision'])
    const answer = await councils.signIn(id, scene)
    setBusy(null)
    if (answer.ok) {
      setNotice({ ok: true, text: answer.data.already ? `${answer.data.name}，您已经签过到了` : `${answer.data.name}，签到成功` })
      void fetchMeeting(true)
    } else setFormError(answer.error.message)
  }
  const signInFor = async (who: { scene: string } | { userId: string; name: string } | { name: string }) => {
    const key = 'scene' in who ? 'signInFor-scene' : 'userId' in who ? `signInFor-${who.userId}` : 'signInFor-name'
    setBusy(key)
    setNotice(null)
    setFormError(undefined)
    const answer = await councils.signInFor({ meetingId: id, ...('scene' in who ? { scene: who.scene } : 'userId' in who ? { userId: who.userId } : { name: who.name }) })
    setBusy(null)
    if (answer.ok) {
      setNotice({ ok: true, text: answer.data.already ? `${answer.data.name} 已经签过到了` : `${answer.data.name} 签到成功` })
      void fetchMeeting(true)
    } else setFormError(answer.error.message)
  }
  const vote = async (itemId: string, choice: 'agree' | 'oppose' | 'abstain') => {
    setBusy(`vote-${itemId}-${choice}`)
    setNotice(null)
    const answer = await councils.vote(id, itemId, choice)
    setBusy(null)
    if (answer.ok) {
      setNotice({ ok: true, text: '已投票，谢谢您' })
      void fetchMeeting(true)
    } else failed(answer.error)
  }

  const press = (action: MeetingAction) => {
    setNotice(null)
    setFormError(undefined)
    if (!meeting) return
    if (action === 'publish') void run('publish', () => councils.publish(id), '会议已发布，邀请已发给参会人')
    else if (action === 'open') void run('open', () => councils.open(id), '会议开始了，请参会人扫码签到')
    else if (action === 'publishDecisions') void run('publishDecisions', () => councils.publishDecisions(id), '决议已向网格居民公示')
    else if (action === 'archive') void run('archive', () => councils.archive(id), '会议已归档')
    else if (action === 'takeDoneTopics') void run('takeDoneTopics', () => councils.takeDoneTopics(id), '已把已办结、待评议的议题列入议程')
    else if (action === 'screenCode') go(withQuery(ROUTES.councilScreen, { id }))
    else if (action === 'edit') go(withQuery(ROUTES.councilMeetingEdit, { id }))
    else if (action === 'close') {
      if (meeting.agenda.some((i) => i.outcome === null)) {
        setOpen(open === 'close' ? null : 'close')
        bringIntoView('council-meeting', 'hl-form-close')
      } else void run('close', () => councils.close(id), '会议已结束，请填写会议纪要')
    } else if (action === 'addItem' || action === 'cancel') {
      setOpen(open === action ? null : action)
      if (open !== action) bringIntoView('council-meeting', action === 'addItem' ? 'hl-form-add-item' : 'hl-form-cancel')
    }
  }
  const table = Object.fromEntries(
    Object.entries(BUTTONS).map(([action, looks]) => [action, { ...looks, onPress: () => press(action as MeetingAction) }]),
  ) as ActionTable<MeetingAction>

  const deciding = open && typeof open === 'object' ? meeting?.agenda.find((i) => i.id === open.decide) : undefined

  // The print view stands over the page rather than replacing it: what is typed in its forms (minutes,
  // a result being recorded, the sign-in) is still there on 返回会议.
  const printing = print && meeting !== null
  return (
    <PageShell name='council-meeting'>
      {printing ? (
        <View className='hc-print-mode'>
          <PrintAgenda meeting={meeting} />
          <View className='hc-print-controls hc-buttons'>
            {process.env.TARO_ENV === 'h5' ? (
              <Button className='hl-btn hl-btn-print' type='primary' onClick={() => window.print()}>
                打印
              </Button>
            ) : null}
            <Button className='hl-btn hl-btn-leave-print' onClick={() => setPrint(false)}>
              返回会议
            </Button>
          </View>
        </View>
      ) : null}
      <View className={printing ? 'hc-print-away' : 'hc-meeting-body'}>
        <Text className='hl-title'>会议</Text>
        {notice?.text ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-action-ok' : 'hl-notice-error hl-action-error'}`}>{notice.text}</Text> : null}
        {load.status === 'loading' ? <Loading /> : null}
        {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchMeeting()} /> : null}
        {meeting ? (
          <>
            <View className='hl-card hl-meeting-head'>
              <View className='hc-card-head'>
                <Text className='hl-hero hc-card-title hl-meeting-title'>{meeting.title}</Text>
                <MeetingStateChip meeting={meeting} />
              </View>
              <Chips>
                <Text className='hl-chip hc-chip-plain'>{meeting.type}</Text>
                {meeting.anonymous ? <Text className='hl-chip hc-chip-plain hl-chip-anonymous'>无记名表决</Text> : null}
                {meeting.private ? <Text className='hl-chip hc-chip-plain'>不公开</Text> : null}
                {meeting.signedIn ? <Text className='hl-chip hc-chip-done hl-signed-in'>✓ 我已签到</Text> : null}
                {meeting.invited && !meeting.mine ? <Text className='hl-chip hc-chip-plain'>我受邀</Text> : null}
              </Chips>
              <Text className='hl-note'>{MEETING_TYPE_RULES[meeting.type].hint}</Text>
              <Kv label='时间' value={`${when(meeting.startAt)}，${minutesText(meeting.lengthMinutes)}`} className='hl-meeting-when' />
              <Kv label='地点' value={meeting.placeText} className='hl-meeting-place' />
              <Kv label='辖区' value={meeting.placeLabel} />
              <Kv label='召集人' value={meeting.convenerName} />
              {meeting.cancelReason ? <Kv label='取消原因' value={meeting.cancelReason} className='hl-cancel-reason' /> : null}
              {meeting.decisionsPublishedAt ? <Kv label='决议公示' value={`已于 ${when(meeting.decisionsPublishedAt)} 向网格居民公示`} /> : null}
            </View>

            {/* A participant signs in first thing; the organisers (who sign others in) find their own sign-in below. */}
            {allowed.has('signIn') && !allowed.has('signInFor') ? <SignInCard busy={busy === 'signIn'} error={formError} onScene={(s) => void signIn(s)} /> : null}

            {['published', 'inSession', 'closed', 'archived'].includes(meeting.state) ? <QuorumCard meeting={meeting} live={live} /> : null}

            <View className='hl-card hl-agenda'>
              <Text className='hl-section-title'>{`议程（${meeting.agenda.length} 项）`}</Text>
              {meeting.agenda.length === 0 ? (
                <Text className='hl-note hl-agenda-empty'>{allowed.has('addItem') ? '还没有议程：点下面的“添加议题”，把已采纳的议题列进来。' : '还没有安排议程'}</Text>
              ) : null}
              {meeting.agenda.map((item, i) => (
                <AgendaItem
                  key={item.id}
                  item={item}
                  index={i}
                  count={meeting.agenda.length}
                  meeting={meeting}
                  busy={busy}
                  onMove={(d) => void run(`move-${item.id}`, () => councils.moveItem(id, item.id, d), d === 'up' ? '已上移' : '已下移', 'item', false)}
                  onRemove={() => void run(`remove-${item.id}`, () => councils.removeItem(id, item.id), '已移出议程', 'item')}
                  onOpenVote={() => void run(`openVote-${item.id}`, () => councils.openVote(id, item.id), `第 ${i + 1} 项开始表决，请参会人投票`, 'item', false)}
                  onDecide={() => {
                    setFormError(undefined)
                    setOpen({ decide: item.id })
                    bringIntoView('council-meeting', 'hl-form-decide')
                  }}
                  onVote={(c) => void vote(item.id, c)}
                  onTopic={() => go(withQuery(ROUTES.councilTopic, { id: item.topicId }))}
                />
              ))}
              {meeting.agenda.length ? <AgendaTotal meeting={meeting} /> : null}
              {process.env.TARO_ENV === 'h5' && meeting.agenda.length ? (
                <Button className='hl-btn hl-btn-block hl-btn-print-agenda hc-no-print' onClick={() => setPrint(true)}>
                  打印议程
                </Button>
              ) : null}
            </View>

            {deciding && allowed.has('decide') ? (
              <DecideForm
                key={deciding.id}
                item={deciding}
                busy={busy === 'decide'}
                error={formError}
                onCancel={() => setOpen(null)}
                onDecide={(d) => void run('decide', () => councils.decide({ meetingId: id, itemId: deciding.id, ...d }), `已记录：${deciding.title}`, 'form')}
              />
            ) : null}

            {open === 'addItem' && allowed.has('addItem') ? (
              <AddItemForm
                meeting={meeting}
                busy={busy === 'addItem'}
                serverError={itemError}
                onCancel={() => setOpen(null)}
                onAdd={(input) => {
                  setBusy('addItem')
                  setItemError(null)
                  void councils.addItem({ meetingId: id, ...input }).then((answer) => {
                    setBusy(null)
                    if (answer.ok) applied(answer.data.meeting, '已列入议程', false)
                    else if (answer.error.field || ['MEETING.AGENDA_OVERRUN', 'MEETING.TOPIC_NOT_READY'].includes(answer.error.code)) setItemError(answer.error)
                    else failed(answer.error)
                  })
                }}
              />
            ) : null}

            {allowed.has('signInFor') ? (
              <SignInForCard meeting={meeting} busy={busy} error={allowed.has('signIn') ? undefined : formError} onSignIn={(w) => void signInFor(w)} />
            ) : null}
            {['inSession', 'closed', 'archived'].includes(meeting.state) ? <Attendees meeting={meeting} /> : <Invitees meeting={meeting} />}

            {allowed.has('writeMinutes') ? (
              <MinutesEditor
                meeting={meeting}
                busy={busy === 'writeMinutes'}
                error={formError}
                onSave={(text) => void run('writeMinutes', () => councils.writeMinutes(id, text), '会议纪要已保存', 'form')}
              />
            ) : meeting.minutes ? (
              <View className='hl-card hl-minutes'>
                <Text className='hl-section-title'>会议纪要</Text>
                <Text className='hl-text hc-minutes'>{meeting.minutes}</Text>
                {meeting.minutesAt ? <Text className='hl-note'>{`记录于 ${when(meeting.minutesAt)}`}</Text> : null}
              </View>
            ) : null}

            {open === 'cancel' && allowed.has('cancel') ? (
              <InlineForm
                name='cancel'
                className='hc-no-print'
                label='取消的原因（会告诉参会人）'
                placeholder='例如：天气原因，改期另行通知'
                submitText='确认取消会议'
                busy={busy === 'cancel'}
                error={formError}
                minLength={2}
                maxLength={200}
                onSubmit={(t) => void run('cancel', () => councils.cancel(id, t), '会议已取消，已通知参会人', 'form')}
                onCancel={() => setOpen(null)}
              />
            ) : null}
            {open === 'close' && allowed.has('close') ? (
              <View className='hl-card hl-inline-form hl-form-close'>
                <Text className='hl-text'>{`还有 ${meeting.agenda.filter((i) => i.outcome === null).length} 项议程没有记录结果，结束会议后这些议题记为暂缓，可以列入下次会议。`}</Text>
                <FormButtons
                  name='close'
                  submitClassName='hl-btn-confirm-close'
                  submitText='确认结束'
                  busy={busy === 'close'}
                  waiting={busy !== null}
                  onSubmit={() => void run('close', () => councils.close(id), '会议已结束，请填写会议纪要')}
                  onCancel={() => setOpen(null)}
                />
              </View>
            ) : null}

            <Timeline lines={meeting.timeline} />

            <ActionBar className='hl-meeting-actions' allowed={meeting.allowedActions} table={table} busy={busy} on={typeof open === 'string' ? (open as MeetingAction) : null} />
          </>
        ) : null}
      </View>
    </PageShell>
  )
}
