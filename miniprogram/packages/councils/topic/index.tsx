import { useEffect, useRef, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ActionBar } from '../../../components/action-bar'
import { Chips } from '../../../components/chips'
import { Choice } from '../../../components/choice'
import { FormButtons } from '../../../components/form-buttons'
import { InlineForm } from '../../../components/inline-form'
import { Kv } from '../../../components/kv'
import { PageShell } from '../../../components/page-shell'
import { PhotoGrid } from '../../../components/photo-grid'
import { PlacePicker } from '../../../components/place-picker'
import { ProgressBar } from '../../../components/progress-bar'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import type { ActionSpec, ActionTable } from '../../../lib/actions'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { bringIntoView, toTop } from '../../../lib/scroll'
import { askSubscribe } from '../../../lib/subscribe'
import { useTerritoryTree } from '../../../lib/territory-tree'
import { day, when } from '../../../lib/time-words'
import type { ClientError } from '../../../services/call'
import { councils, type TopicAction, type TopicActionItem, type TopicView } from '../../../services/councils'
import { ActionItemForm } from '../common/action-form'
import { TallyBars, Timeline, TopicStateChip, yuan } from '../common/ui'
import '../common/councils.scss'

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; topic: TopicView }
type Notice = { ok: boolean; text: string } | null
type Form = 'decline' | 'merge' | 'addAction' | 'rate'

/** How each action's button looks, in the order the buttons keep; which show is the server's call. */
const BUTTONS: { readonly [A in TopicAction]?: Omit<ActionSpec, 'onPress'> } = {
  support: { label: '我也附议', tone: 'primary' },
  adopt: { label: '采纳议题', tone: 'primary' },
  rate: { label: '评价落实效果', tone: 'primary' },
  finish: { label: '议题办结', tone: 'primary' },
  addAction: { label: '增加行动项' },
  decline: { label: '不采纳并答复' },
  merge: { label: '合并到其他议题' },
}

// ---- the topic's way ----------------------------------------------------------------------------------

function WaySteps({ topic }: { topic: TopicView }) {
  const lastReached = topic.way.reduce((at, s, i) => (s.reached ? i : at), -1)
  return (
    <View className='hl-card hl-topic-way'>
      <Text className='hl-section-title'>议题进程</Text>
      <View className='hc-way' role='list'>
        {topic.way.map((s, i) => (
          <View
            key={s.stage}
            role='listitem'
            className={`hc-way-step hl-way-${s.stage}${s.reached ? ' hc-way-reached hl-way-reached' : ''}${i === lastReached ? ' hc-way-now' : ''}`}
            aria-label={`${s.label}${s.reached ? '，已完成' : '，未到'}`}
          >
            <Text>{`${s.reached ? '✓' : `${i + 1}.`} ${s.label}`}</Text>
          </View>
        ))}
      </View>
      {['declined', 'rejected', 'merged'].includes(topic.state) ? <Text className='hl-note hl-way-ended'>{`议题${topic.stateLabel}，到此为止。`}</Text> : null}
    </View>
  )
}

// ---- action items ---------------------------------------------------------------------------------------

function ActionItem({
  a,
  canSpawn,
  canComplete,
  busy,
  onSpawn,
  onComplete,
}: {
  a: TopicActionItem
  canSpawn: boolean
  canComplete: boolean
  busy: string | null
  onSpawn: () => void
  onComplete: () => void
}) {
  return (
    <View className={`hc-action hl-action-item hl-action-${a.id}${a.overdue ? ' hc-action-overdue hl-action-overdue' : ''}`}>
      <Text className='hl-text hc-card-title'>{a.text}</Text>
      <Chips>
        {a.done ? <Text className='hl-chip hc-chip-done'>✓ 已完成</Text> : null}
        {a.overdue ? <Text className='hl-chip hc-chip-overdue'>⚠ 已超期</Text> : null}
        {a.orderStateLabel && !a.done ? <Text className='hl-chip hc-chip-plain hl-action-order-state'>{`工单${a.orderStateLabel}`}</Text> : null}
      </Chips>
      <Text className='hl-note'>{`负责人 ${a.ownerName} · ${day(a.deadline)} 前 · ${yuan(a.budget)}`}</Text>
      {a.doneAt ? <Text className='hl-note'>{`完成于 ${when(a.doneAt)}`}</Text> : null}
      {a.orderId ? (
        <Button className='hl-btn hl-btn-block hl-btn-open-order' onClick={() => go(withQuery(ROUTES.orderDetail, { id: a.orderId! }))}>
          {`看工单进度${a.orderStateLabel ? `（${a.orderStateLabel}）` : ''}`}
        </Button>
      ) : null}
      {canSpawn || canComplete ? (
        <View className='hc-buttons'>
          {canSpawn ? (
            <Button className='hl-btn hl-btn-spawn-order' type='primary' loading={busy === `spawn-${a.id}`} disabled={busy !== null} onClick={onSpawn}>
              派发为工单
            </Button>
          ) : null}
          {canComplete ? (
            <Button className='hl-btn hl-btn-complete-action' loading={busy === `complete-${a.id}`} disabled={busy !== null} onClick={onComplete}>
              标记完成
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

// ---- 效果共评 -----------------------------------------------------------------------------------------------

function RateForm({ busy, error, onSubmit, onCancel }: { busy: boolean; error?: string; onSubmit: (score: number, comment: string) => void; onCancel: () => void }) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [local, setLocal] = useState<string | null>(null)
  return (
    <View className='hl-card hl-inline-form hl-form-rate'>
      <Text className='hl-field-label'>落实得怎么样？</Text>
      <View className='hl-choices hc-choices hc-stars' role='radiogroup'>
        {[1, 2, 3, 4, 5].map((n) => (
          <Choice key={n} className={`hl-star hl-star-${n}`} on={score === n} label={`${n} 星`} onClick={() => setScore(n)} />
        ))}
      </View>
      <Text className='hl-note'>{score ? `${'★'.repeat(score)}${'☆'.repeat(5 - score)}` : '请点选 1 到 5 星'}</Text>
      <Text className='hl-field-label'>说说您的看法（可不填）</Text>
      <TextBox className='hl-input-rate-comment' value={comment} placeholder='例如：路灯修好了，晚上回家亮堂多了' maxLength={300} onChange={setComment} />
      <FieldError field='score' message={local ?? error} />
      <FormButtons
        name='rate'
        submitText='提交评价'
        busy={busy}
        onSubmit={() => {
          if (!score) {
            setLocal('请选择 1 到 5 星')
            return
          }
          setLocal(null)
          onSubmit(score, comment.trim())
        }}
        onCancel={onCancel}
      />
    </View>
  )
}

// ---- merge: pick another topic of the grid ----------------------------------------------------------------

function MergePicker({ topic, busy, onMerge, onCancel }: { topic: TopicView; busy: boolean; onMerge: (into: TopicView) => void; onCancel: () => void }) {
  const [list, setList] = useState<{ status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; topics: TopicView[] }>({ status: 'loading' })
  const [chosen, setChosen] = useState<string | null>(null)
  const fetchList = async () => {
    setList({ status: 'loading' })
    const answer = await councils.listTopics({ ...(topic.gridId ? { gridId: topic.gridId } : {}), filter: 'all', mine: false, offset: 0, limit: 50 })
    if (!answer.ok) setList({ status: 'error', error: answer.error })
    else setList({ status: 'ready', topics: answer.data.topics.filter((t) => t.id !== topic.id && !['declined', 'rejected', 'merged', 'done'].includes(t.state)) })
  }
  useEffect(() => {
    void fetchList()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening
  }, [topic.id])
  const into = list.status === 'ready' ? list.topics.find((t) => t.id === chosen) : undefined
  return (
    <View className='hl-card hl-inline-form hl-form-merge'>
      <Text className='hl-field-label'>合并到哪个议题？</Text>
      <Text className='hl-note'>这个议题的提出人和附议人会一并转到所选议题。</Text>
      {list.status === 'loading' ? <Loading text='正在加载本网格的议题…' /> : null}
      {list.status === 'error' ? <ErrorView error={list.error} onRetry={() => void fetchList()} /> : null}
      {list.status === 'ready' && list.topics.length === 0 ? <Empty text='本网格没有可以合并进去的议题' /> : null}
      {list.status === 'ready' ? (
        <View className='hl-choices hc-choices hc-choices-one'>
          {list.topics.map((t) => (
            <Choice
              key={t.id}
              className='hl-merge-choice'
              on={chosen === t.id}
              label={t.title}
              note={`${t.stateLabel} · 附议 ${t.supportCount} 人`}
              onClick={() => setChosen(t.id)}
            />
          ))}
        </View>
      ) : null}
      <FormButtons name='merge' submitText='确认合并' busy={busy} submitDisabled={!into} onSubmit={() => into && onMerge(into)} onCancel={onCancel} />
    </View>
  )
}

// ---- the page ------------------------------------------------------------------------------------------

export default function TopicPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [open, setOpen] = useState<Form | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice>(router.params.posted === '1' ? { ok: true, text: '议题已提交。' } : null)
  const [formError, setFormError] = useState<string | undefined>(undefined)
  const [actionError, setActionError] = useState<ClientError | null>(null)
  /** The action item waiting for a building before its work order can be posted (TOPIC.NEED_BUILDING). */
  const [needBuilding, setNeedBuilding] = useState<string | null>(null)
  const tree = useTerritoryTree(needBuilding !== null)
  const shown = useRef(false)

  const fetchTopic = async (quiet = false) => {
    if (!id) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await councils.getTopic(id)
    if (answer.ok) setLoad({ status: 'ready', topic: answer.data.topic })
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
    else setNotice({ ok: false, text: answer.error.message })
  }
  useEffect(() => {
    void fetchTopic()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when the id changes
  }, [id])
  useDidShow(() => {
    if (shown.current) void fetchTopic(true)
    shown.current = true
  })

  if (!id) {
    return (
      <PageShell name='council-topic'>
        <Text className='hl-title'>议题详情</Text>
        <Empty text='没有指定要看的议题' hint='请从居民议事的列表里点开' />
        <Button className='hl-btn hl-btn-block hl-btn-to-topics' onClick={() => go(ROUTES.councilTopics)}>
          居民议事
        </Button>
      </PageShell>
    )
  }

  const topic = load.status === 'ready' ? load.topic : null
  const allowed = new Set(topic?.allowedActions ?? [])

  const applied = (fresh: TopicView, text: string) => {
    setLoad((l) => ({ status: 'ready', topic: { ...fresh, timeline: fresh.timeline ?? (l.status === 'ready' ? l.topic.timeline : undefined) } }))
    setNotice({ ok: true, text })
    setOpen(null)
    setFormError(undefined)
    setActionError(null)
    setNeedBuilding(null)
    toTop()
  }
  const failed = (error: ClientError, inForm = false) => {
    if (inForm) {
      setFormError(error.message)
      return
    }
    setNotice({ ok: false, text: error.message })
    toTop()
    if (['TOPIC.NOT_ALLOWED_NOW', 'COMMON.CONFLICT'].includes(error.code)) void fetchTopic(true)
  }
  const run = async (key: string, doIt: () => Promise<{ ok: true; data: { topic: TopicView } } | { ok: false; error: ClientError }>, done: string, inForm = false) => {
    setBusy(key)
    setNotice(null)
    const answer = await doIt()
    setBusy(null)
    if (answer.ok) applied(answer.data.topic, done)
    else failed(answer.error, inForm)
  }

  const support = async () => {
    await askSubscribe(['topic.adopted', 'topic.decided', 'topic.rate'])
    await run('support', () => councils.support(id), '已附议，议题有进展会通知您')
  }
  const spawn = async (a: TopicActionItem, buildingId?: string) => {
    setBusy(`spawn-${a.id}`)
    setNotice(null)
    const answer = await councils.spawnOrder({ topicId: id, actionId: a.id, ...(buildingId ? { buildingId } : {}) })
    setBusy(null)
    if (answer.ok) applied(answer.data.topic, '已派发为网格工单，进度会显示在这里')
    else if (answer.error.code === 'TOPIC.NEED_BUILDING' || answer.error.code === 'ACCOUNT.BUILDING_NOT_FOUND') {
      setNeedBuilding(a.id)
      setNotice({ ok: false, text: answer.error.message })
      bringIntoView('council-topic', 'hl-need-building')
    } else failed(answer.error)
  }

  const press = (action: TopicAction) => {
    setNotice(null)
    setFormError(undefined)
    if (action === 'support') void support()
    else if (action === 'adopt') void run('adopt', () => councils.adopt(id), '已采纳，可以列入议事会议程')
    else if (action === 'finish') void run('finish', () => councils.finish(id), '议题已办结，已请提出和附议的居民评价')
    else if (action === 'decline' || action === 'merge' || action === 'addAction' || action === 'rate') {
      setOpen(open === action ? null : action)
      if (open !== action) bringIntoView('council-topic', `hl-form-${action === 'addAction' ? 'add-action' : action}`)
    }
  }
  const table = Object.fromEntries(
    Object.entries(BUTTONS).map(([action, looks]) => [action, { ...looks, onPress: () => press(action as TopicAction) }]),
  ) as ActionTable<TopicAction>
  const collecting = topic && (topic.state === 'proposed' || topic.state === 'supported')

  return (
    <PageShell name='council-topic'>
      <Text className='hl-title'>议题详情</Text>
      {notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-action-ok' : 'hl-notice-error hl-action-error'}`}>{notice.text}</Text> : null}
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <ErrorView error={load.error} onRetry={() => void fetchTopic()} /> : null}
      {topic ? (
        <>
          <View className='hl-card hl-topic-head'>
            <View className='hc-card-head'>
              <Text className='hl-hero hc-card-title hl-topic-title'>{topic.title}</Text>
              <TopicStateChip topic={topic} />
            </View>
            <Chips>
              {topic.private ? <Text className='hl-chip hc-chip-plain'>不公开</Text> : null}
              {topic.mine ? <Text className='hl-chip hc-chip-plain'>我提出的</Text> : null}
              {topic.supportedByMe ? <Text className='hl-chip hc-chip-plain'>我已附议</Text> : null}
            </Chips>
            <Kv label='所在网格' value={topic.placeLabel} />
            <Kv label='提出人' value={topic.proposerName ?? '网格党组织'} />
            <Kv label='提出时间' value={when(topic.createdAt)} />
            {topic.sourceOrderId ? (
              <Button className='hl-btn hl-btn-block hl-btn-source-order' onClick={() => go(withQuery(ROUTES.orderDetail, { id: topic.sourceOrderId! }))}>
                看来源的求助事项
              </Button>
            ) : null}
          </View>

          <WaySteps topic={topic} />

          <View className='hl-card hl-topic-description'>
            <Text className='hl-section-title'>情况说明</Text>
            <Text className='hl-text hc-description'>{topic.description}</Text>
            <PhotoGrid photos={topic.photos} name='topic' />
          </View>

          {collecting || topic.supportCount > 0 ? (
            <View className='hl-card hl-topic-support'>
              <Text className='hl-section-title'>居民附议</Text>
              <ProgressBar share={topic.threshold ? Math.min(1, topic.supportCount / topic.threshold) : 0} words={`${topic.supportCount} / ${topic.threshold} 人`} />
              {collecting ? (
                <Text className='hl-note'>
                  {topic.supportCount >= topic.threshold ? '附议人数已够，等待网格长决定是否采纳' : `还差 ${topic.threshold - topic.supportCount} 人附议就提交网格长`}
                </Text>
              ) : null}
              {topic.supportedByMe ? <Text className='hl-note hl-supported-by-me'>✓ 您已附议</Text> : null}
            </View>
          ) : null}

          {topic.answer ? (
            <View className='hl-card hl-topic-answer'>
              <Text className='hl-section-title'>网格长的答复</Text>
              <Text className='hl-text'>{topic.answer}</Text>
            </View>
          ) : null}
          {topic.mergedInto ? (
            <Button className='hl-btn hl-btn-block hl-btn-merged-into' onClick={() => go(withQuery(ROUTES.councilTopic, { id: topic.mergedInto! }))}>
              已合并，看合并后的议题
            </Button>
          ) : null}

          {topic.meeting ? (
            <View className='hl-card hl-topic-meeting'>
              <Text className='hl-section-title'>议事会</Text>
              <Text className='hl-text'>{topic.meeting.title}</Text>
              <Text className='hl-note'>{when(topic.meeting.startAt)}</Text>
              <Button className='hl-btn hl-btn-block hl-btn-open-meeting' onClick={() => go(withQuery(ROUTES.councilMeeting, { id: topic.meeting!.id }))}>
                看会议
              </Button>
            </View>
          ) : null}

          {topic.decision ? (
            <View className='hl-card hl-topic-decision'>
              <Text className='hl-section-title'>{`表决结果：${topic.decision.outcomeLabel}`}</Text>
              {topic.decision.tally ? <TallyBars tally={topic.decision.tally} /> : <Text className='hl-note'>未投票表决</Text>}
              {topic.decision.notes ? <Text className='hl-text'>{topic.decision.notes}</Text> : null}
              <Text className='hl-note'>{`决定于 ${when(topic.decision.at)}`}</Text>
            </View>
          ) : null}

          {topic.actions.length ? (
            <View className='hl-card hl-topic-actions'>
              <Text className='hl-section-title'>{`落实行动（${topic.actions.filter((a) => a.done).length} / ${topic.actions.length} 已完成）`}</Text>
              {topic.actions.map((a) => (
                <ActionItem
                  key={a.id}
                  a={a}
                  busy={busy}
                  canSpawn={allowed.has('spawnOrder') && a.orderId === null && !a.done}
                  canComplete={allowed.has('completeAction') && a.orderId === null && !a.done}
                  onSpawn={() => void spawn(a)}
                  onComplete={() => void run(`complete-${a.id}`, () => councils.completeAction({ topicId: id, actionId: a.id, note: '' }), '行动项已完成')}
                />
              ))}
            </View>
          ) : null}

          {needBuilding ? (
            <View className='hl-card hl-need-building'>
              <Text className='hl-field-label'>这项工作在哪栋楼？</Text>
              {tree.index ? (
                <PlacePicker
                  index={tree.index}
                  startAt={topic.gridId}
                  within={topic.gridId ? new Set([topic.gridId]) : null}
                  onCancel={() => setNeedBuilding(null)}
                  onPick={(b) => {
                    const a = topic.actions.find((x) => x.id === needBuilding)
                    if (a) void spawn(a, b.id)
                  }}
                />
              ) : tree.error ? (
                <ErrorView error={tree.error} onRetry={tree.retry} />
              ) : (
                <Loading text='正在加载楼栋…' />
              )}
            </View>
          ) : null}

          {topic.rating || topic.myRating ? (
            <View className='hl-card hl-topic-rating'>
              <Text className='hl-section-title'>效果共评</Text>
              {topic.rating ? (
                <Text className='hl-text hl-rating-average'>{`${'★'.repeat(Math.round(topic.rating.average))}${'☆'.repeat(5 - Math.round(topic.rating.average))} ${topic.rating.average.toFixed(1)} 分 · ${topic.rating.count} 位居民评价`}</Text>
              ) : null}
              {topic.myRating ? <Text className='hl-note hl-my-rating'>{`您的评价：${topic.myRating} 星`}</Text> : null}
            </View>
          ) : null}

          <Timeline lines={topic.timeline} />

          {open === 'decline' && allowed.has('decline') ? (
            <InlineForm
              name='decline'
              className='hc-no-print'
              label='不采纳的答复（提出人和附议人都能看到）'
              placeholder='例如：这件事属于物业职责，已转物业公司处理'
              submitText='答复并不采纳'
              busy={busy === 'decline'}
              error={formError}
              minLength={4}
              maxLength={300}
              onSubmit={(t) => void run('decline', () => councils.decline(id, t), '已答复', true)}
              onCancel={() => setOpen(null)}
            />
          ) : null}
          {open === 'merge' && allowed.has('merge') ? (
            <MergePicker
              topic={topic}
              busy={busy === 'merge'}
              onMerge={(into) => void run('merge', () => councils.merge(id, into.id), `已合并到「${into.title}」`)}
              onCancel={() => setOpen(null)}
            />
          ) : null}
          {open === 'addAction' && allowed.has('addAction') ? (
            <ActionItemForm
              name='add-action'
              submitText='增加行动项'
              busy={busy === 'addAction'}
              serverError={actionError}
              onCancel={() => setOpen(null)}
              onSubmit={(action) => {
                setBusy('addAction')
                setActionError(null)
                void councils.addAction(id, action).then((answer) => {
                  setBusy(null)
                  if (answer.ok) applied(answer.data.topic, '已增加行动项')
                  else if (answer.error.field) setActionError(answer.error)
                  else failed(answer.error)
                })
              }}
            />
          ) : null}
          {open === 'rate' && allowed.has('rate') ? (
            <RateForm
              busy={busy === 'rate'}
              error={formError}
              onCancel={() => setOpen(null)}
              onSubmit={(score, comment) => void run('rate', () => councils.rate({ topicId: id, score, comment }), '谢谢您的评价', true)}
            />
          ) : null}

          <ActionBar className='hl-topic-actions-bar' allowed={topic.allowedActions} table={table} busy={busy} on={open} />
        </>
      ) : null}
    </PageShell>
  )
}
