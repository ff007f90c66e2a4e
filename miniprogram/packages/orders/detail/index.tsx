import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { URGENCY_LABELS } from '@shared/orders/categories'
import { matchOf, readExplanation } from '@shared/orders/dispatch'
import { ActionBar } from '../../../components/action-bar'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loading } from '../../../components/states'
import type { ActionSpec, ActionTable } from '../../../lib/actions'
import { useFieldErrors } from '../../../lib/field-errors'
import { go, ROUTES, withQuery } from '../../../lib/nav'
import { bringIntoView, toTop } from '../../../lib/scroll'
import { askSubscribe } from '../../../lib/subscribe'
import { useProfile } from '../../../lib/profile'
import type { ClientError } from '../../../services/call'
import { orders, type Candidate, type DeskColleague, type OrderAction, type OrderView, type ReasonAction } from '../../../services/orders'
import { InlineForm } from '../../../components/inline-form'
import { Kv } from '../../../components/kv'
import { PhotoGrid } from '../../../components/photo-grid'
import { Timeline } from '../../../components/timeline'
import { ReadAloud } from '../../../components/read-aloud'
import { spokenOffer, spokenStatus } from '@shared/orders/spoken'
import { Countdown, HouseholdsChip, LevelChip, OrderLoadError, OverdueChip, StateChip } from '../common/components'
import { formatTime, untilText } from '../common/format'
import '../common/orders.scss'
import { ColleaguePicker } from '../desk/colleague-picker'

// ---- what each action looks like. Which ones show is the server's call (allowedActions), never ours. --

type FormKind = ReasonAction | 'toCouncil'
/**
 * 派给同事 is deskAccept for a colleague: offered wherever the server allows deskAccept, it opens the
 * list of the desk's other staff (a button of the bar, not an action of its own).
 */
type BarAction = OrderAction | 'deskAssign'

interface FormSpec {
  name: string
  label: string
  placeholder: string
  submitText: string
  done: string
  minLength?: number
  maxLength?: number
  /** Reasons to tap instead of typing. */
  quick?: readonly string[]
}

const FORMS: Record<FormKind, FormSpec> = {
  decline: {
    name: 'decline',
    label: '婉拒的原因',
    placeholder: '例如：今天不在家附近，赶不过去',
    submitText: '确认婉拒',
    done: '已婉拒，平台会改派给其他志愿者',
    quick: ['不在家', '不擅长', '时间不合适'],
  },
  handBack: { name: 'hand-back', label: '退单的原因', placeholder: '例如：需要专业师傅，我处理不了', submitText: '确认退单', done: '已退单，平台会重新派单' },
  cancel: { name: 'withdraw', label: '撤回的原因', placeholder: '例如：问题已经自己解决了', submitText: '确认撤回', done: '已撤回' },
  escalate: { name: 'escalate', label: '上报的原因', placeholder: '例如：涉及多户，需要社区出面协调', submitText: '确认上报', done: '已上报到上一级' },
  sendBack: { name: 'send-back', label: '回派的原因', placeholder: '例如：网格内可以解决，请网格长处理', submitText: '确认回派', done: '已回派到下一级' },
  closeAfterReview: { name: 'close-review', label: '复核处理情况', placeholder: '例如：已上门回访，重新修好，居民认可', submitText: '确认办结', done: '已复核办结' },
  refuse: {
    name: 'refuse',
    label: '为什么不属于物业的职责',
    placeholder: '例如：绿化带属于市政，不在物业服务合同范围',
    submitText: '确认退回网格长',
    done: '已退回网格长，网格长会看到您写的原因',
    quick: ['不在物业服务合同范围', '属于市政设施', '属于业主户内'],
  },
  toCouncil: { name: 'council', label: '议题标题', placeholder: '例如：3 号楼楼上漏水协调', submitText: '转为议题', done: '已转为民事协调会议题', minLength: 4, maxLength: 60 },
}

/**
 * How each action's button looks, in the order the buttons keep (primary first). Which ones show is the
 * server's call (allowedActions), never ours; 留言 and 派给 have no button of their own here.
 */
const BUTTONS: { readonly [A in BarAction]?: Omit<ActionSpec, 'onPress'> } = {
  accept: { label: '接单', tone: 'primary' },
  deskAccept: { label: '物业接单', tone: 'primary' },
  deskAssign: { label: '派给同事' },
  resolve: { label: '办结', tone: 'primary' },
  rate: { label: '评价', tone: 'primary' },
  candidates: { label: '人工派单', tone: 'primary' },
  openPool: { label: '放入抢单池' },
  decline: { label: '婉拒' },
  handBack: { label: '退单' },
  refuse: { label: '不归物业管' },
  escalate: { label: '上报' },
  sendBack: { label: '回派' },
  closeAfterReview: { label: '复核办结', className: 'hl-btn-close-review' },
  toCouncil: { label: '转议题' },
  cancel: { label: '撤回', className: 'hl-btn-cancel-order' },
}

const isForm = (a: string): a is FormKind => a in FORMS

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; order: OrderView }
type Notice = { ok: boolean; text: string } | null

/** Where a just-posted order went: the leader, the compound's desk (责任清单), or the volunteers. */
const postedWhere = (o: OrderView) =>
  o.state === 'waiting' ? '已提交。这件事先交给网格长处理' : o.state === 'desk' && o.desk ? `已提交。按小区责任清单，先交给${o.desk.name}处理` : '已提交，正在找本网格的志愿者'

const stars = (n: number) => `${'★'.repeat(n)}${'☆'.repeat(Math.max(0, 5 - n))} ${n} 星`

/** A line of the timeline; the platform's stored reason reads as who and why, without its raw score. */
function TimelineText({ kind, text }: { kind: string; text: string }) {
  const read = kind === 'dispatchReason' ? readExplanation(text) : null
  if (!read?.chosen) return <Text className='hl-text'>{text}</Text>
  return (
    <View className='ho-tl-reason'>
      <Text className='hl-text'>{`派单理由：从 ${read.considered} 位志愿者中派给 ${read.chosen.name}（${matchOf(read.chosen.score).words}）`}</Text>
      <WhyChips why={read.chosen.why} />
    </View>
  )
}

/** How well a volunteer fits, as a bar and in words: never a bare 匹配分 73.59. */
function MatchBar({ score }: { score: number }) {
  const m = matchOf(score)
  const pct = Math.round(m.share * 100)
  return (
    <View className='ho-match hl-match' aria-label={`合适程度：${m.words}`}>
      <Text className='hl-note ho-match-label'>合适程度</Text>
      <View className='ho-match-track'>
        <View className='ho-match-fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='ho-match-words hl-match-words'>{m.words}</Text>
    </View>
  )
}

function WhyChips({ why, className = 'hl-chip-why' }: { why: readonly string[]; className?: string }) {
  return (
    <View className='ho-chips'>
      {why.map((w) => (
        <Text key={w} className={`hl-chip ${className}`}>
          {w}
        </Text>
      ))}
    </View>
  )
}

/** The platform's stored reason for its choice, taken apart: who, how well, why, who was left out. */
function DispatchReason({ text }: { text: string }) {
  const read = readExplanation(text)
  return (
    <View className='hl-card hl-dispatch-reason'>
      <Text className='ho-section-title'>派单理由（仅负责人可见）</Text>
      {!read ? <Text className='hl-text'>{text}</Text> : null}
      {read?.chosen ? (
        <>
          <Text className='hl-text ho-reason-head'>{`平台从 ${read.considered} 位志愿者中派给 ${read.chosen.name}`}</Text>
          <MatchBar score={read.chosen.score} />
          <WhyChips why={read.chosen.why} />
        </>
      ) : null}
      {read && !read.chosen ? <Text className='hl-text ho-reason-head'>{`${read.considered} 位志愿者中没有合适人选，转负责人处理`}</Text> : null}
      {read?.skipped.length ? (
        <>
          <Text className='hl-note ho-reason-skipped'>没有考虑的：</Text>
          <WhyChips why={read.skipped} className='hl-chip-skipped' />
        </>
      ) : null}
    </View>
  )
}

function Candidates({
  list,
  explanation,
  canDispatch,
  busy,
  onDispatch,
}: {
  list: Candidate[]
  explanation: string
  canDispatch: boolean
  busy: boolean
  onDispatch: (c: Candidate) => void
}) {
  return (
    <View className='hl-card hl-candidates'>
      <Text className='hl-title'>可以派给谁</Text>
      {explanation ? <Text className='hl-note'>{explanation}</Text> : null}
      {list.length === 0 ? <Empty text='暂时没有能接这件事的志愿者' hint='可以放入抢单池，或上报到上一级' /> : null}
      {list.map((c, i) => (
        <View key={c.userId} className={`ho-candidate hl-candidate hl-candidate-${i}`}>
          <Text className='hl-text ho-card-title ho-candidate-name'>{`${i + 1}. ${c.name}`}</Text>
          <MatchBar score={c.score} />
          <WhyChips why={c.why} />
          {canDispatch ? (
            <Button className='hl-btn hl-btn-block hl-btn-dispatch-to' type='primary' disabled={busy} onClick={() => onDispatch(c)}>
              {`派给 ${c.name}`}
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** The order's title, state, level and clock, and the offer (with its countdown when it is mine). */
function OrderHead({ order, onExpire }: { order: OrderView; onExpire: () => void }) {
  const closedNote = order.closedAs === 'unrated' ? '7 天没有评价，已自动办结（记为未评价）' : order.closedAs === 'review' ? '网格长复核后办结' : null
  return (
    <>
      <View className='hl-card hl-order-head'>
        <View className='ho-card-head'>
          <Text className='hl-hero ho-detail-title'>{order.category}</Text>
          <StateChip order={order} />
        </View>
        <View className='ho-chips'>
          <LevelChip order={order} />
          <OverdueChip order={order} />
          <HouseholdsChip order={order} />
          {order.urgency === 'urgent' ? <Text className='hl-chip hl-chip-urgent'>{`急 · ${URGENCY_LABELS.urgent}`}</Text> : null}
          {order.private ? <Text className='hl-chip hl-chip-plain'>不公开</Text> : null}
          {order.onBehalf ? <Text className='hl-chip hl-chip-plain'>代办</Text> : null}
        </View>
        {order.affectedMe ? <Text className='hl-text ho-affected-me hl-affected-me'>您也反映了这件事，有进展会通知您</Text> : null}
        {closedNote ? <Text className='hl-note hl-closed-as'>{closedNote}</Text> : null}
        {!['closed', 'cancelled', 'resolved'].includes(order.state) ? (
          <Text className={`hl-note ho-deadline hl-deadline${order.overdue ? ' ho-deadline-over' : ''}`}>
            {`${order.levelLabel}处理时限：${formatTime(order.levelDeadline)}（${untilText(order.levelDeadline)}）`}
          </Text>
        ) : null}
        {/* 朗读 (长辈版): the state and the next step; an offer of mine, what and how long to answer. Taken at the press. */}
        <ReadAloud name='status' text={() => (order.offer?.mine ? spokenOffer(order, Date.now()) : spokenStatus(order, Date.now()))} />
      </View>

      {order.offer ? (
        <View className={`hl-card hl-offer${order.offer.mine ? ' hl-offer-mine' : ''}`}>
          {order.offer.mine ? (
            <>
              <Text className='hl-title'>{order.offer.manual ? '网格长派给您的单' : '平台派给您的单'}</Text>
              <Text className='hl-note'>请在时限内接单或婉拒；过时会改派给其他志愿者。</Text>
              <Countdown expiresAt={order.offer.expiresAt} onExpire={onExpire} />
            </>
          ) : (
            <>
              <Text className='hl-text'>{`已${order.offer.manual ? '由网格长' : '由平台'}派给${order.offer.volunteerName}，等待接单`}</Text>
              <Text className='hl-note'>{`${formatTime(order.offer.expiresAt)} 前没接单会改派`}</Text>
            </>
          )}
        </View>
      ) : null}
    </>
  )
}

/**
 * Opens the point in a map app: WeChat's own map in weapp; in a browser (where openLocation does
 * nothing) Amap's public marker page in a new tab.
 */
function navigateTo(point: NonNullable<OrderView['point']>, fallbackName: string) {
  const name = point.name || fallbackName
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.openLocation({ latitude: point.lat, longitude: point.lng, name, scale: 18 }).catch(() => undefined)
    return
  }
  const url = `https://uri.amap.com/marker?position=${point.lng},${point.lat}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`
  if (typeof window !== 'undefined') window.open(url, '_blank', 'noopener')
}

/** The point the resident placed: its name, its coordinates, and 导航 for those who go there. */
function PointInfo({ order }: { order: OrderView }) {
  const point = order.point
  if (!point) return null
  return (
    <View className='hl-order-point'>
      <Kv label='地图位置' value={point.name || '居民在地图上选的位置'} className='hl-order-point-name' />
      <Text className='hl-note hl-order-point-coords'>{`纬度 ${point.lat.toFixed(5)}，经度 ${point.lng.toFixed(5)}`}</Text>
      {point.navigate ? (
        <Button className='hl-btn hl-btn-block hl-btn-navigate' onClick={() => navigateTo(point, order.placeLabel)}>
          导航
        </Button>
      ) : null}
    </View>
  )
}

/** What, where, who, and how it ended. */
function OrderInfo({ order }: { order: OrderView }) {
  // Nobody needs a button to call their own number.
  const myPhone = useProfile().profile?.phone
  const callable = order.contactRevealed && order.contactPhone && order.contactPhone !== myPhone
  return (
    <>
      {/* A desk's "not ours" first: the leader who now has it reads why before anything else. */}
      {order.refusals.length ? (
        <View className='hl-card hl-order-refusals'>
          <Text className='ho-section-title'>物业退回的原因</Text>
          {order.refusals.map((r) => (
            <Text key={r.at} className='hl-text hl-refusal'>{`${formatTime(r.at)} ${r.name}：${r.reason}`}</Text>
          ))}
        </View>
      ) : null}

      <View className='hl-card hl-order-info'>
        <Text className='hl-text hl-order-description'>{order.description}</Text>
        <PhotoGrid photos={order.photos} name='order' />
        <Kv label='发起时间' value={formatTime(order.postedAt)} />
        {order.preferredTime ? <Kv label='方便的时间' value={order.preferredTime} /> : null}
        <Kv label='地点' value={order.placeLabel} className='hl-order-place' />
        <PointInfo order={order} />
        {order.room ? <Kv label='门牌' value={order.room} className='hl-order-room' /> : null}
        <Kv label='联系人' value={order.contactName} className='hl-order-contact-name' />
        <Kv label='电话' value={order.contactPhone ?? '未留电话'} className='hl-order-contact-phone' />
        {callable ? (
          <Button className='hl-btn hl-btn-block hl-btn-call-contact' onClick={() => void Taro.makePhoneCall({ phoneNumber: order.contactPhone! }).catch(() => undefined)}>
            拨打电话
          </Button>
        ) : order.contactRevealed ? null : (
          <Text className='hl-note'>完整电话和门牌只给接单的志愿者和本辖区负责人看。</Text>
        )}
        {order.assigneeName ? <Kv label='接单人' value={order.assigneeName} className='hl-order-assignee' /> : null}
        {order.acceptedAt ? <Kv label='接单时间' value={formatTime(order.acceptedAt)} /> : null}
      </View>

      {order.desk ? (
        <View className='hl-card hl-desk-card'>
          <Text className='ho-section-title'>三方共治：先由谁处理</Text>
          <Kv label={order.desk.partyLabel} value={order.desk.name} className='hl-order-desk-name' />
          {order.desk.refused ? (
            <Text className='hl-note'>对方说明不属于其职责，已退回网格长处理。</Text>
          ) : order.desk.dueAt ? (
            <Kv label='应在此前处理' value={formatTime(order.desk.dueAt)} />
          ) : null}
        </View>
      ) : null}

      {order.dispatchReason ? <DispatchReason text={order.dispatchReason} /> : null}

      {order.resolution ? (
        <View className='hl-card hl-resolution'>
          <Text className='ho-section-title'>办理情况</Text>
          <Text className='hl-text'>{order.resolution.note}</Text>
          <PhotoGrid photos={order.resolution.photos} name='resolution' />
          <Text className='hl-note'>{`办结于 ${formatTime(order.resolution.at)}`}</Text>
        </View>
      ) : null}

      {order.rating ? (
        <View className='hl-card hl-rating'>
          <Text className='ho-section-title'>居民评价</Text>
          <Text className='hl-text hl-rating-stars'>{stars(order.rating.stars)}</Text>
          <View className='ho-chips'>
            {order.rating.tags.map((t) => (
              <Text key={t} className='hl-chip'>
                {t}
              </Text>
            ))}
          </View>
          {order.rating.comment ? <Text className='hl-text'>{order.rating.comment}</Text> : null}
        </View>
      ) : null}

      {order.neighbourRating ? (
        <View className='hl-card hl-neighbour-rating'>
          <Text className='ho-section-title'>受影响邻居的评价</Text>
          <Text className='hl-text'>{`平均 ${order.neighbourRating.average} 星（${order.neighbourRating.count} 户评价）`}</Text>
        </View>
      ) : null}
    </>
  )
}

export default function OrderDetail() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [open, setOpen] = useState<FormKind | null>(null)
  // The open form and the comment form each have one box: a field error of either shows under it.
  const formErrors = useFieldErrors(['text'], { otherwise: 'text' })
  const commentErrors = useFieldErrors(['text'], { otherwise: 'text' })
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice>(null)
  const [justPosted, setJustPosted] = useState(router.params.posted === '1')
  const [cands, setCands] = useState<{ list: Candidate[]; explanation: string } | null>(null)
  const [assigning, setAssigning] = useState(false)
  const [commentKey, setCommentKey] = useState(0)
  const shown = useRef(false)

  const fetchOrder = async (quiet = false) => {
    if (!id) return
    if (!quiet) setLoad({ status: 'loading' })
    const answer = await orders.get(id)
    if (answer.ok) setLoad({ status: 'ready', order: answer.data.order })
    else if (!quiet) setLoad({ status: 'error', error: answer.error })
    else {
      // A quiet refresh that failed keeps what is on screen and says why.
      setLoad((l) => (l.status === 'ready' ? l : { status: 'error', error: answer.error }))
      setNotice({ ok: false, text: answer.error.message })
    }
  }

  useEffect(() => {
    void fetchOrder()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [id])
  // Back from 办结 / 评价: show the fresh state.
  useDidShow(() => {
    if (shown.current) void fetchOrder(true)
    shown.current = true
  })

  if (!id) {
    return (
      <PageShell name='order-detail'>
        <Text className='hl-title'>事项详情</Text>
        <Empty text='没有指定要看的事项' hint='请从“我的事项”或待办列表里点开' />
        <Button className='hl-btn hl-btn-block hl-btn-to-mine' onClick={() => go(ROUTES.orderMine)}>
          我的事项
        </Button>
      </PageShell>
    )
  }

  const order = load.status === 'ready' ? load.order : null
  const allowed = new Set(order?.allowedActions ?? [])

  /**
   * Applies an answer that carries the fresh order; keeps the old timeline if the answer has none.
   * A step of the order closes the open form, the candidates and the colleague picker; a 留言
   * (`keepForms`) leaves them as they are, with what is typed in them.
   */
  const applied = (fresh: OrderView, text: string, scroll = true, keepForms = false) => {
    setLoad((l) => ({ status: 'ready', order: { ...fresh, timeline: fresh.timeline ?? (l.status === 'ready' ? l.order.timeline : undefined) } }))
    setNotice({ ok: true, text })
    if (!keepForms) {
      setOpen(null)
      formErrors.clear()
      setCands(null)
      setAssigning(false)
    }
    if (scroll) toTop()
  }

  const failed = (error: ClientError, inForm: boolean) => {
    if (inForm && formErrors.fromServer(error)) return
    setNotice({ ok: false, text: error.message })
    toTop()
    // Somebody else moved the order on: show where it is now.
    if (['ORDER.NOT_ALLOWED_NOW', 'ORDER.ALREADY_TAKEN', 'COMMON.CONFLICT'].includes(error.code)) void fetchOrder(true)
  }

  const direct = async (action: 'accept' | 'openPool' | 'deskAccept') => {
    setBusy(action)
    setNotice(null)
    // From the tap, before the network call: consent for the next 派单 message (weapp only).
    if (action !== 'openPool') await askSubscribe(['order.offered'])
    const answer = action === 'accept' ? await orders.accept(id) : action === 'deskAccept' ? await orders.deskAccept(id) : await orders.openPool(id)
    setBusy(null)
    if (answer.ok) applied(answer.data.order, action === 'openPool' ? '已放入本网格抢单池' : '已接单，请尽快联系居民')
    else failed(answer.error, false)
  }

  const submitForm = async (kind: FormKind, text: string) => {
    setBusy(kind)
    setNotice(null)
    formErrors.clear()
    if (kind === 'toCouncil') {
      const answer = await orders.toCouncil(id, text)
      setBusy(null)
      if (answer.ok) {
        applied(answer.data.order, FORMS.toCouncil.done)
        // The new topic: where the 民事协调会 takes it from here.
        go(withQuery(ROUTES.councilTopic, { id: answer.data.topicId }))
      } else failed(answer.error, true)
      return
    }
    const answer = await orders.withReason(kind, id, text)
    setBusy(null)
    if (answer.ok) applied(answer.data.order, FORMS[kind].done)
    else failed(answer.error, true)
  }

  const loadCandidates = async () => {
    setBusy('candidates')
    setNotice(null)
    setOpen(null)
    const answer = await orders.candidates(id)
    setBusy(null)
    if (answer.ok) {
      setCands({ list: answer.data.candidates, explanation: answer.data.explanation })
      bringIntoView('order-detail', 'hl-candidates')
    } else failed(answer.error, false)
  }

  const dispatchTo = async (c: Candidate) => {
    setBusy('dispatchByHand')
    setNotice(null)
    const answer = await orders.dispatchByHand(id, c.userId)
    setBusy(null)
    if (answer.ok) applied(answer.data.order, `已派给 ${c.name}，等待接单`)
    else failed(answer.error, false)
  }

  const assignTo = async (c: DeskColleague) => {
    setBusy('deskAssign')
    setNotice(null)
    const answer = await orders.deskAccept(id, c.id)
    setBusy(null)
    if (answer.ok) applied(answer.data.order, `已派给 ${c.name}，TA 会收到消息并联系居民`)
    else failed(answer.error, false)
  }

  const sendComment = async (text: string) => {
    setBusy('comment')
    commentErrors.clear()
    const answer = await orders.comment(id, text)
    setBusy(null)
    if (answer.ok) {
      applied(answer.data.order, '留言已发送', false, true)
      setCommentKey((k) => k + 1)
    } else if (!commentErrors.fromServer(answer.error)) failed(answer.error, false)
  }

  const press = (action: string) => {
    setNotice(null)
    setJustPosted(false)
    if (action === 'accept' || action === 'openPool' || action === 'deskAccept') void direct(action)
    else if (action === 'resolve') go(withQuery(ROUTES.orderResolve, { id }))
    else if (action === 'rate') go(withQuery(ROUTES.orderRate, { id }))
    else if (action === 'candidates') void loadCandidates()
    else if (action === 'deskAssign') {
      setOpen(null)
      setAssigning(!assigning)
      if (!assigning) bringIntoView('order-detail', 'hl-desk-colleagues')
    } else if (isForm(action)) {
      formErrors.clear()
      setCands(null)
      setAssigning(false)
      setOpen(open === action ? null : action)
      if (open !== action) bringIntoView('order-detail', `hl-form-${FORMS[action].name}`)
    }
  }

  const table = Object.fromEntries(Object.entries(BUTTONS).map(([action, looks]) => [action, { ...looks, onPress: () => press(action) }])) as ActionTable<BarAction>
  const barAllowed: BarAction[] = order ? [...order.allowedActions, ...(allowed.has('deskAccept') ? (['deskAssign'] as const) : [])] : []
  const form = open && allowed.has(open) ? FORMS[open] : null

  return (
    <PageShell name='order-detail'>
      <Text className='hl-title'>事项详情</Text>
      {justPosted && !notice && load.status === 'ready' ? (
        <Text className='hl-notice hl-notice-ok hl-posted'>{`${postedWhere(load.order)}，进展会通知${load.order.onBehalf ? '居民' : '您'}。`}</Text>
      ) : null}
      {notice ? <Text className={`hl-notice ${notice.ok ? 'hl-notice-ok hl-action-ok' : 'hl-notice-error hl-action-error'}`}>{notice.text}</Text> : null}
      {load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <OrderLoadError error={load.error} onRetry={() => void fetchOrder()} /> : null}
      {order ? (
        <>
          <OrderHead order={order} onExpire={() => void fetchOrder(true)} />
          <OrderInfo order={order} />

          {allowed.has('comment') ? (
            <InlineForm
              key={`comment-${commentKey}`}
              name='comment'
              label='留言'
              placeholder='给接单的志愿者或居民留句话'
              submitText='发送留言'
              busy={busy === 'comment'}
              error={commentErrors.errors.text}
              minLength={1}
              maxLength={300}
              onSubmit={(t) => void sendComment(t)}
            />
          ) : null}

          <Timeline title='时间线' lines={order.timeline} time={formatTime} text={(t) => <TimelineText kind={t.kind} text={t.text} />} />

          {/* What a button of the bar opened stands right above the bar. */}
          {form && open ? (
            <InlineForm
              key={open}
              name={form.name}
              label={form.label}
              placeholder={form.placeholder}
              submitText={form.submitText}
              busy={busy === open}
              error={formErrors.errors.text}
              minLength={form.minLength ?? 2}
              maxLength={form.maxLength ?? 200}
              quick={form.quick}
              onSubmit={(t) => void submitForm(open, t)}
              onCancel={() => setOpen(null)}
            />
          ) : null}

          {cands ? (
            <Candidates list={cands.list} explanation={cands.explanation} canDispatch={allowed.has('dispatchByHand')} busy={busy !== null} onDispatch={(c) => void dispatchTo(c)} />
          ) : null}

          {assigning && allowed.has('deskAccept') ? (
            <ColleaguePicker orderId={order.id} busy={busy !== null} onPick={(c) => void assignTo(c)} onClose={() => setAssigning(false)} />
          ) : null}

          <ActionBar className='hl-order-actions' allowed={barAllowed} table={table} busy={busy} on={assigning ? 'deskAssign' : open} />
        </>
      ) : null}
    </PageShell>
  )
}
