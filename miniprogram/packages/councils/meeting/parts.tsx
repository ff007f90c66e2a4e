import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CHOICE_LABELS, CHOICES, ITEM_MINUTES, OUTCOME_LABELS, OUTCOMES, overrunOf, suggestedOutcome, type Outcome } from '@shared/councils/agenda'
import { Chips } from '../../../components/chips'
import { Choice } from '../../../components/choice'
import { Field } from '../../../components/field'
import { FormButtons } from '../../../components/form-buttons'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import '../../../components/inline-form.scss'
import { useFieldErrors } from '../../../lib/field-errors'
import { sceneFrom } from '../../../lib/scene'
import { day, when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { councils, type AgendaItemView, type Choice as VoteChoice, type MeetingView, type NewActionItem, type TopicView } from '../../../services/councils'
import { ActionItemForm } from '../common/action-form'
import { minutesText, TallyBars, yuan } from '../common/ui'

/** Reads a code with the camera (weapp): the scene inside it, '' when cancelled or not a code. */
export async function scanScene(): Promise<string> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true })
    return sceneFrom(res.path || res.result)
  } catch {
    return ''
  }
}

const isWeapp = () => process.env.TARO_ENV === 'weapp'

// ---- quorum -------------------------------------------------------------------------------------------

export function QuorumCard({ meeting, live }: { meeting: MeetingView; live: boolean }) {
  const q = meeting.quorum
  return (
    <View className={`hl-card hc-quorum hl-quorum${q.reached ? ' hc-quorum-reached hl-quorum-reached' : ''}`} aria-live='polite'>
      <Text className='hl-section-title'>{live ? '到会情况（实时）' : '到会情况'}</Text>
      <Text className='hc-quorum-numbers hl-quorum-numbers'>{`实到 ${q.present} / 应到 ${q.invited} 人`}</Text>
      <Text className={`hl-text hl-quorum-state`}>
        {q.reached ? `✓ 已达到法定人数（需 ${q.needed} 人）` : `还差 ${Math.max(0, q.needed - q.present)} 人达到法定人数（需 ${q.needed} 人）`}
      </Text>
      {meeting.attendees.length > q.present ? <Text className='hl-note'>{`另有列席 ${meeting.attendees.length - q.present} 人`}</Text> : null}
    </View>
  )
}

// ---- one agenda item ---------------------------------------------------------------------------------------

export function AgendaItem({
  item,
  index,
  count,
  meeting,
  busy,
  onMove,
  onRemove,
  onOpenVote,
  onDecide,
  onVote,
  onTopic,
}: {
  item: AgendaItemView
  index: number
  count: number
  meeting: MeetingView
  busy: string | null
  onMove: (direction: 'up' | 'down') => void
  onRemove: () => void
  onOpenVote: () => void
  onDecide: () => void
  onVote: (choice: VoteChoice) => void
  onTopic: () => void
}) {
  const allowed = new Set(meeting.allowedActions)
  const organiser = allowed.has('openVote') || allowed.has('decide')
  const canMove = allowed.has('moveItem')
  const votingOpen = item.voting === 'open'
  const canVote = allowed.has('vote') && votingOpen && !item.voted
  return (
    <View className={`hc-item hl-agenda-item hl-agenda-item-${index}${votingOpen ? ' hl-agenda-voting' : ''}`}>
      <View className='hc-item-head'>
        <Text className='hc-item-no' aria-hidden='true'>
          {String(index + 1)}
        </Text>
        <View className='hc-item-words'>
          <Text className='hl-text hc-card-title hl-agenda-title'>{item.title}</Text>
          <Text className='hl-note'>{`汇报人 ${item.presenterName} · ${minutesText(item.minutes)}${item.kind === 'review' ? ' · 评议' : ''}`}</Text>
          <Chips>
            {item.outcomeLabel ? (
              <Text className={`hl-chip hc-chip-${item.outcome === 'adopted' ? 'done' : 'plain'} hl-agenda-outcome`}>{`结果：${item.outcomeLabel}`}</Text>
            ) : null}
            {votingOpen ? <Text className='hl-chip hc-chip-alarm hl-agenda-voting-chip'>● 正在表决</Text> : null}
            {item.voted ? (
              <Text className='hl-chip hc-chip-done hl-voted'>{meeting.anonymous || !item.myChoice ? '✓ 已投票' : `✓ 已投票：${CHOICE_LABELS[item.myChoice]}`}</Text>
            ) : null}
          </Chips>
        </View>
      </View>

      {/* The tally: live for the organisers while voting, for everyone once the vote is closed or the voter has voted. */}
      {item.voting !== 'none' && (organiser || item.voted || item.voting === 'closed') ? <TallyBars tally={item.tally} className='hl-agenda-tally' /> : null}
      {item.notes ? <Text className='hl-note hl-agenda-notes'>{item.notes}</Text> : null}

      {canVote ? (
        <View className='hc-vote-buttons hl-vote-buttons hc-no-print'>
          {meeting.anonymous ? <Text className='hl-notice hl-anonymous'>无记名表决：不记录谁投了什么</Text> : null}
          {CHOICES.map((c) => (
            <Button
              key={c}
              className={`hl-btn hl-btn-vote hl-btn-vote-${c}`}
              type={c === 'agree' ? 'primary' : 'default'}
              size='large'
              loading={busy === `vote-${item.id}-${c}`}
              disabled={busy !== null}
              onClick={() => onVote(c)}
            >
              {CHOICE_LABELS[c]}
            </Button>
          ))}
        </View>
      ) : null}

      <View className='hc-buttons hc-no-print'>
        {allowed.has('openVote') && item.outcome === null && !votingOpen ? (
          <Button className='hl-btn hl-btn-open-vote' type='primary' loading={busy === `openVote-${item.id}`} disabled={busy !== null} onClick={onOpenVote}>
            开始表决
          </Button>
        ) : null}
        {allowed.has('decide') && item.outcome === null ? (
          <Button className='hl-btn hl-btn-decide' type={votingOpen ? 'primary' : 'default'} disabled={busy !== null} onClick={onDecide}>
            记录结果
          </Button>
        ) : null}
        <Button className='hl-btn hl-btn-open-topic' disabled={busy !== null} onClick={onTopic}>
          看议题
        </Button>
      </View>

      {canMove || allowed.has('removeItem') ? (
        <View className='hc-move hc-no-print'>
          {/* The first item has no 上移, the last no 下移: a button that cannot act is not shown. */}
          {canMove && index > 0 ? (
            <Button className='hl-btn hl-btn-move-up' aria-label={`第 ${index + 1} 项上移`} disabled={busy !== null} onClick={() => onMove('up')}>
              ↑ 上移
            </Button>
          ) : null}
          {canMove && index < count - 1 ? (
            <Button className='hl-btn hl-btn-move-down' aria-label={`第 ${index + 1} 项下移`} disabled={busy !== null} onClick={() => onMove('down')}>
              ↓ 下移
            </Button>
          ) : null}
          {allowed.has('removeItem') ? (
            <Button className='hl-btn hl-btn-remove-item' disabled={busy !== null} onClick={onRemove}>
              移出
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** 合计 vs the meeting's length, with the overrun in minutes. */
export function AgendaTotal({ meeting }: { meeting: MeetingView }) {
  const over = overrunOf(meeting.agenda, meeting.lengthMinutes)
  return (
    <Text className={`hc-total hl-agenda-total${over ? ' hc-total-over hl-agenda-over' : ''}`}>
      {over
        ? `议程合计 ${minutesText(meeting.agendaTotal)}，超出会议时长 ${over} 分钟`
        : `议程合计 ${minutesText(meeting.agendaTotal)} / 会议时长 ${minutesText(meeting.lengthMinutes)}（还剩 ${meeting.lengthMinutes - meeting.agendaTotal} 分钟）`}
    </Text>
  )
}

// ---- add an adopted topic of the grid to the agenda --------------------------------------------------------

type ItemField = 'topicId' | 'presenterName' | 'minutes'

export function AddItemForm({
  meeting,
  busy,
  onAdd,
  onCancel,
  serverError,
}: {
  meeting: MeetingView
  busy: boolean
  onAdd: (input: { topicId: string; presenterName: string; minutes: number }) => void
  onCancel: () => void
  serverError: ClientError | null
}) {
  const [list, setList] = useState<{ status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; topics: TopicView[] }>({ status: 'loading' })
  const [topicId, setTopicId] = useState<string | null>(null)
  const [presenter, setPresenter] = useState('')
  const left = Math.max(ITEM_MINUTES.min, meeting.lengthMinutes - meeting.agendaTotal)
  const [minutes, setMinutes] = useState(String(Math.min(15, left)))
  const errors = useFieldErrors<ItemField>(['topicId', 'presenterName', 'minutes'], {
    codes: { 'MEETING.AGENDA_OVERRUN': 'minutes', 'MEETING.TOPIC_NOT_READY': 'topicId', 'TOPIC.NOT_FOUND': 'topicId' },
  })
  const fetchTopics = async () => {
    setList({ status: 'loading' })
    const answer = await councils.listTopics({ ...(meeting.level === 'grid' ? { gridId: meeting.nodeId } : {}), filter: 'adopted', mine: false, offset: 0, limit: 50 })
    if (!answer.ok) setList({ status: 'error', error: answer.error })
    else {
      const onAgenda = new Set(meeting.agenda.map((i) => i.topicId))
      setList({ status: 'ready', topics: answer.data.topics.filter((t) => t.state === 'adopted' && !onAgenda.has(t.id)) })
    }
  }
  useEffect(() => {
    void fetchTopics()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening
  }, [meeting.id])
  useEffect(() => {
    if (serverError) errors.fromServer(serverError)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- each new server error once
  }, [serverError])

  const n = Number(minutes)
  const over = Number.isInteger(n) ? overrunOf([...meeting.agenda, { minutes: n }], meeting.lengthMinutes) : 0
  const submit = () => {
    const local: Partial<Record<ItemField, string>> = {}
    if (!topicId) local.topicId = '请选择一个已采纳的议题'
    if (!presenter.trim()) local.presenterName = '请填写汇报人'
    if (!Number.isInteger(n) || n < ITEM_MINUTES.min || n > ITEM_MINUTES.max) local.minutes = `请填 ${ITEM_MINUTES.min} 到 ${ITEM_MINUTES.max} 分钟`
    errors.set(local)
    if (Object.keys(local).length) return
    onAdd({ topicId: topicId!, presenterName: presenter.trim(), minutes: n })
  }
  return (
    <View className='hl-card hl-inline-form hl-form-add-item hc-no-print'>
      <Text className='hl-field-label'>选择已采纳的议题</Text>
      {list.status === 'loading' ? <Loading text='正在加载已采纳的议题…' /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void fetchTopics()} /> : null}
      {list.status === 'ready' && list.topics.length === 0 ? <Empty text='没有可以列入的议题' hint='网格长采纳议题后，就能列入议程' /> : null}
      {list.status === 'ready' ? (
        <View className='hl-choices hc-choices hc-choices-one'>
          {list.topics.map((t) => (
            <Choice
              key={t.id}
              className='hl-item-topic'
              on={topicId === t.id}
              label={t.title}
              note={`${t.proposerName ?? '网格党组织'}提出 · 附议 ${t.supportCount} 人`}
              onClick={() => {
                setTopicId(t.id)
                if (!presenter) setPresenter(t.proposerName ?? meeting.convenerName)
                errors.clear(['topicId'])
              }}
            />
          ))}
        </View>
      ) : null}
      <FieldError field='topicId' message={errors.errors.topicId} />
      <Field
        label='汇报人'
        name='presenter'
        value={presenter}
        maxLength={20}
        placeholder='谁来介绍这个议题'
        error={errors.errors.presenterName}
        onChange={(v) => setPresenter(v)}
      />
      <Field
        label='安排时间（分钟）'
        name='item-minutes'
        type='number'
        value={minutes}
        maxLength={3}
        note={`会议还剩 ${Math.max(0, meeting.lengthMinutes - meeting.agendaTotal)} 分钟可以安排`}
        error={errors.errors.minutes ?? (over ? `加上这一项，议程超出会议时长 ${over} 分钟` : undefined)}
        onChange={(v) => {
          setMinutes(v)
          errors.clear(['minutes'])
        }}
      />
      <FormButtons name='add-item' submitText='列入议程' busy={busy} onSubmit={submit} onCancel={onCancel} />
    </View>
  )
}

// ---- decide an item: outcome (the tally's suggestion preselected), notes, action items -----------------------

export function DecideForm({
  item,
  busy,
  error,
  onDecide,
  onCancel,
}: {
  item: AgendaItemView
  busy: boolean
  error?: string
  onDecide: (input: { outcome: Outcome; notes: string; actions: NewActionItem[] }) => void
  onCancel: () => void
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(() => suggestedOutcome(item.tally))
  const [notes, setNotes] = useState('')
  const [actions, setActions] = useState<NewActionItem[]>([])
  const [adding, setAdding] = useState(false)
  const [local, setLocal] = useState<string | null>(null)
  return (
    <View className='hl-card hl-inline-form hl-form-decide hc-no-print'>
      <Text className='hl-field-label'>{`记录结果：${item.title}`}</Text>
      <TallyBars tally={item.tally} />
      {suggestedOutcome(item.tally) ? <Text className='hl-note'>{`按表决票数，建议记为“${OUTCOME_LABELS[suggestedOutcome(item.tally)!]}”`}</Text> : null}
      <View className='hl-choices hc-choices'>
        {OUTCOMES.map((o) => (
          <Choice key={o} className={`hl-outcome hl-outcome-${o}`} on={outcome === o} label={OUTCOME_LABELS[o]} onClick={() => setOutcome(o)} />
        ))}
      </View>
      <Text className='hl-field-label'>说明（可不填）</Text>
      <TextBox className='hl-input-decide-notes' value={notes} placeholder='例如：同意更换，由物业在两周内完成' maxLength={500} onChange={setNotes} />

      {outcome === 'adopted' ? (
        <View className='hl-decide-actions'>
          <Text className='hl-field-label'>{`行动项（${actions.length} 项）`}</Text>
          {actions.map((a, i) => (
            <View key={`${a.text}-${i}`} className='hc-action hl-decide-action'>
              <Text className='hl-text'>{a.text}</Text>
              <Text className='hl-note'>{`负责人 ${a.ownerName} · ${day(a.deadline)} 前 · ${yuan(a.budget ?? 0)}`}</Text>
              <Button className='hl-btn hl-btn-block hl-btn-remove-action' onClick={() => setActions(actions.filter((_, k) => k !== i))}>
                删除这项
              </Button>
            </View>
          ))}
          {adding ? (
            <ActionItemForm
              name='decide-action'
              submitText='加入行动项'
              busy={false}
              onCancel={() => setAdding(false)}
              onSubmit={(a) => {
                setActions([...actions, a])
                setAdding(false)
              }}
            />
          ) : (
            <Button className='hl-btn hl-btn-block hl-btn-add-decide-action' disabled={actions.length >= 10} onClick={() => setAdding(true)}>
              增加行动项（负责人、期限、预算）
            </Button>
          )}
        </View>
      ) : null}

      <FieldError field='outcome' message={local ?? error} />
      <FormButtons
        name='decide'
        submitText='确认结果'
        busy={busy}
        submitDisabled={adding}
        onSubmit={() => {
          if (!outcome) {
            setLocal('请选择结果：通过、不通过或暂缓')
            return
          }
          setLocal(null)
          onDecide({ outcome, notes: notes.trim(), actions: outcome === 'adopted' ? actions : [] })
        }}
        onCancel={onCancel}
      />
    </View>
  )
}

// ---- sign-in: the participant scans the screen; the leader signs people in ---------------------------------------

export function SignInCard({ busy, error, onScene }: { busy: boolean; error?: string; onScene: (scene: string) => void }) {
  const [scene, setScene] = useState('')
  const [local, setLocal] = useState<string | null>(null)
  return (
    <View className='hl-card hl-sign-in hc-no-print'>
      <Text className='hl-section-title'>会议签到</Text>
      <Text className='hl-note'>扫一扫会场服务站屏幕上的会议签到码。签到后才能表决。</Text>
      {isWeapp() ? (
        <Button
          className='hl-btn hl-btn-block hl-btn-scan-sign-in'
          type='primary'
          size='large'
          loading={busy}
          disabled={busy}
          onClick={() => void scanScene().then((s) => s && onScene(s))}
        >
          扫码签到
        </Button>
      ) : (
        <>
          <Field label='签到码（屏幕二维码下方的字符）' name='sign-in-scene' value={scene} maxLength={64} placeholder='粘贴或输入签到码' onChange={setScene} />
          <Button
            className='hl-btn hl-btn-block hl-btn-sign-in'
            type='primary'
            size='large'
            loading={busy}
            disabled={busy}
            onClick={() => (sceneFrom(scene).length < 4 ? setLocal('请先粘贴或输入屏幕上的签到码') : (setLocal(null), onScene(sceneFrom(scene))))}
          >
            签到
          </Button>
        </>
      )}
      <FieldError field='scene' message={local ?? error} />
    </View>
  )
}

export function SignInForCard({
  meeting,
  busy,
  error,
  onSignIn,
}: {
  meeting: MeetingView
  busy: string | null
  error?: string
  onSignIn: (who: { scene: string } | { userId: string; name: string } | { name: string }) => void
}) {
  const [scene, setScene] = useState('')
  const [name, setName] = useState('')
  const [local, setLocal] = useState<string | null>(null)
  const absent = meeting.invitees.filter((i) => !i.present)
  return (
    <View className='hl-card hl-sign-in-for hc-no-print'>
      <Text className='hl-section-title'>为参会人签到</Text>
      {isWeapp() ? (
        <Button
          className='hl-btn hl-btn-block hl-btn-scan-person'
          type='primary'
          loading={busy === 'signInFor-scene'}
          disabled={busy !== null}
          onClick={() => void scanScene().then((s) => s && onSignIn({ scene: s }))}
        >
          扫参会人的个人码
        </Button>
      ) : (
        <>
          <Field label='参会人的个人码' name='person-scene' value={scene} maxLength={64} placeholder='个人码下方的字符' onChange={setScene} />
          <Button
            className='hl-btn hl-btn-block hl-btn-sign-in-scene'
            loading={busy === 'signInFor-scene'}
            disabled={busy !== null}
            onClick={() => (sceneFrom(scene).length < 4 ? setLocal('请先输入个人码下方的字符') : (setLocal(null), onSignIn({ scene: sceneFrom(scene) })))}
          >
            按个人码签到
          </Button>
        </>
      )}
      <Text className='hl-field-label'>{`受邀未到（${absent.length} 人）`}</Text>
      {absent.length === 0 ? <Text className='hl-note'>受邀的人都到了</Text> : null}
      {absent.map((i) => (
        <View key={i.userId} className='hc-person hl-absent'>
          <View className='hc-person-words'>
            <Text className='hl-text'>{i.name}</Text>
            <Text className='hl-note'>{i.roleLabel}</Text>
          </View>
          <Button
            className='hl-btn hl-btn-sign-in-invitee'
            loading={busy === `signInFor-${i.userId}`}
            disabled={busy !== null}
            onClick={() => onSignIn({ userId: i.userId, name: i.name })}
          >
            签到
          </Button>
        </View>
      ))}
      <Field label='没有手机的参会人：填写姓名' name='hand-name' value={name} maxLength={20} placeholder='姓名' onChange={setName} />
      <Button
        className='hl-btn hl-btn-block hl-btn-sign-in-name'
        loading={busy === 'signInFor-name'}
        disabled={busy !== null}
        onClick={() => {
          if (!name.trim()) {
            setLocal('请先填写姓名')
            return
          }
          setLocal(null)
          onSignIn({ name: name.trim() })
          setName('')
        }}
      >
        登记签到
      </Button>
      <FieldError field='name' message={local ?? error} />
    </View>
  )
}

export function Attendees({ meeting }: { meeting: MeetingView }) {
  return (
    <View className='hl-card hl-attendees'>
      <Text className='hl-section-title'>{`已签到（${meeting.attendees.length} 人）`}</Text>
      {meeting.attendees.length === 0 ? <Text className='hl-note'>还没有人签到</Text> : null}
      {meeting.attendees.map((a, i) => (
        <View key={`${a.name}-${i}`} className='hc-person hl-attendee'>
          <View className='hc-person-words'>
            <Text className='hl-text'>{a.name}</Text>
            <Text className='hl-note'>{`${a.roleLabel}${a.invited ? '' : ' · 列席'}`}</Text>
          </View>
          <Text className='hl-note'>{`${when(a.at).split(' ').pop() ?? ''} ${a.via === 'code' ? '扫码' : a.via === 'scan' ? '扫个人码' : a.via === 'pick' ? '代签' : '手工登记'}`}</Text>
        </View>
      ))}
    </View>
  )
}

export function Invitees({ meeting }: { meeting: MeetingView }) {
  const roles = meeting.invitees.length
  return (
    <View className='hl-card hl-invitees'>
      <Text className='hl-section-title'>{`参会人（${roles} 人）`}</Text>
      {roles === 0 ? <Text className='hl-note'>{meeting.state === 'draft' ? '发布后按角色和点名向参会人发出邀请' : '还没有邀请参会人'}</Text> : null}
      {meeting.invitees.map((i) => (
        <View key={i.userId} className='hc-person hl-invitee'>
          <View className='hc-person-words'>
            <Text className='hl-text'>{i.name}</Text>
            <Text className='hl-note'>{i.roleLabel}</Text>
          </View>
          {i.present ? <Text className='hl-chip hc-chip-done'>✓ 已到</Text> : null}
        </View>
      ))}
    </View>
  )
}

// ---- minutes ----------------------------------------------------------------------------------------------

export function MinutesEditor({ meeting, busy, error, onSave }: { meeting: MeetingView; busy: boolean; error?: string; onSave: (text: string) => void }) {
  const [text, setText] = useState(meeting.minutes ?? meeting.minutesDraft ?? '')
  return (
    <View className='hl-card hl-minutes-editor hc-no-print'>
      <Text className='hl-section-title'>{meeting.minutes ? '会议纪要（可修改）' : '填写会议纪要'}</Text>
      <Text className='hl-note'>已预填出席、议程、表决和结果，请在“讨论情况”后补充大家的发言要点。</Text>
      <TextBox className='hl-input-minutes' value={text} maxLength={10000} onChange={setText} />
      <FieldError field='text' message={error} />
      <Button className='hl-btn hl-btn-block hl-btn-save-minutes' type='primary' loading={busy} disabled={busy || text.trim().length < 20} onClick={() => onSave(text.trim())}>
        保存纪要
      </Button>
    </View>
  )
}

// ---- the printable agenda -------------------------------------------------------------------------------

export function PrintAgenda({ meeting }: { meeting: MeetingView }) {
  return (
    <View className='hl-card hl-print-agenda'>
      <Text className='hl-hero'>{meeting.title}</Text>
      <Text className='hl-text hc-line'>{`${meeting.type} · ${meeting.placeLabel}`}</Text>
      <Text className='hl-text hc-line'>{`时间：${when(meeting.startAt)}（${minutesText(meeting.lengthMinutes)}）`}</Text>
      <Text className='hl-text hc-line'>{`地点：${meeting.placeText}`}</Text>
      <Text className='hl-text hc-line'>{`召集人：${meeting.convenerName}`}</Text>
      {meeting.anonymous ? <Text className='hl-text hc-line'>本次会议无记名表决</Text> : null}
      <Text className='hl-section-title hl-print-heading'>议程</Text>
      {meeting.agenda.length === 0 ? <Text className='hl-note'>还没有安排议程</Text> : null}
      {meeting.agenda.map((item, i) => (
        <View key={item.id} className='hc-item hl-print-item'>
          <Text className='hl-text hc-card-title'>{`${i + 1}. ${item.title}`}</Text>
          <Text className='hl-note'>{`汇报人：${item.presenterName}　时间：${minutesText(item.minutes)}`}</Text>
        </View>
      ))}
      <AgendaTotal meeting={meeting} />
      <Text className='hl-note'>{`参会人：${meeting.invitees.map((i) => i.name).join('、') || '发布后确定'}`}</Text>
    </View>
  )
}
