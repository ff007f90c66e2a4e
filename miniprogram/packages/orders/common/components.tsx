import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { URGENCY_LABELS } from '@shared/orders/categories'
import { Choice } from '../../../components/choice'
import { PageShell } from '../../../components/page-shell'
import { Empty, ErrorView, FieldError, Loading } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import { ROUTES } from '../../../lib/nav'
import type { ClientError } from '../../../services/call'
import { orders, type OrderAction, type OrderPhoto, type OrderView } from '../../../services/orders'
import { formatTime, untilText } from './format'
import { mmss, useTimeLeft } from '../../../lib/countdown'
import { choosePhotos, uploadPhoto } from './photos'
import './orders.scss'

// ---- chips: colour AND text, never colour alone ------------------------------------------------------

const STATE_MARK: Record<OrderView['state'], string> = {
  dispatching: '○',
  offered: '○',
  waiting: '!',
  pool: '○',
  accepted: '▶',
  resolved: '★',
  reopened: '!',
  closed: '✓',
  cancelled: '✕',
}

export function StateChip({ order }: { order: Pick<OrderView, 'state' | 'stateLabel'> }) {
  return <Text className={`hl-chip hl-chip-state hl-chip-state-${order.state}`}>{`${STATE_MARK[order.state]} ${order.stateLabel}`}</Text>
}

export function LevelChip({ order }: { order: Pick<OrderView, 'level' | 'levelLabel'> }) {
  return <Text className={`hl-chip hl-chip-level hl-chip-level-${order.level}`}>{`${order.levelLabel}级`}</Text>
}

export function OverdueChip({ order }: { order: Pick<OrderView, 'overdue'> }) {
  return order.overdue ? <Text className='hl-chip hl-chip-overdue'>⚠ 已超时</Text> : null
}

// ---- the offer countdown ---------------------------------------------------------------------------

/** 剩余 mm:ss until an offer expires; ticks every second, tells the page once when it ran out. */
export function Countdown({ expiresAt, onExpire }: { expiresAt: string; onExpire?: () => void }) {
  const { left, over } = useTimeLeft(expiresAt)
  useEffect(() => {
    if (over) onExpire?.()
    // onExpire is read once per change of `over`: the page reloads once when the offer runs out.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onExpire is read once per change of `over`
  }, [over])
  return <Text className={`hl-countdown${left <= 0 ? ' hl-countdown-over' : ''}`}>{left > 0 ? `剩余 ${mmss(left)}` : '已过时，平台正在改派'}</Text>
}

// ---- one order in a list -----------------------------------------------------------------------------

export function OrderCard({ order, onOpen, showLevel = false, children }: { order: OrderView; onOpen: () => void; showLevel?: boolean; children?: ReactNode }) {
  return (
    <View className={`hl-card hl-order-card hl-order-${order.state}`}>
      <View className='ho-card-main hl-order-open' onClick={onOpen}>
        <View className='ho-card-head'>
          <Text className='hl-text ho-card-title'>{order.category}</Text>
          <StateChip order={order} />
        </View>
        <View className='ho-chips'>
          {showLevel ? <LevelChip order={order} /> : null}
          <OverdueChip order={order} />
          {order.urgency === 'urgent' ? <Text className='hl-chip hl-chip-urgent'>{`急 · ${URGENCY_LABELS.urgent}`}</Text> : null}
          {order.onBehalf ? <Text className='hl-chip hl-chip-plain'>代办</Text> : null}
        </View>
        <Text className='hl-text ho-card-desc'>{order.description}</Text>
        <Text className='hl-note'>{order.placeLabel}</Text>
        <Text className='hl-note'>{`发起于 ${formatTime(order.postedAt)}`}</Text>
        {showLevel && !['closed', 'cancelled', 'resolved'].includes(order.state) ? (
          <Text className={`hl-note ho-deadline${order.overdue ? ' ho-deadline-over' : ''}`}>
            {`${order.levelLabel}处理时限 ${formatTime(order.levelDeadline)}（${untilText(order.levelDeadline)}）`}
          </Text>
        ) : null}
        {order.offer?.mine ? <Countdown expiresAt={order.offer.expiresAt} /> : null}
        <Text className='hl-note ho-card-more'>查看详情 ›</Text>
      </View>
      {children}
    </View>
  )
}

// ---- photos ----------------------------------------------------------------------------------------

/**
 * Photos as thumbnails. Tapping one opens WeChat's own viewer (pinch to zoom); in H5 it opens large,
 * right under the thumbnails (Taro's H5 viewer would bring ~200 KB of swiper with it).
 */
export function PhotoGrid({ photos, name }: { photos: readonly OrderPhoto[]; name: string }) {
  const [large, setLarge] = useState<string | null>(null)
  if (photos.length === 0) return null
  const urls = photos.map((p) => p.url)
  const open = (url: string) => {
    if (process.env.TARO_ENV === 'h5') setLarge(large === url ? null : url)
    else void Taro.previewImage({ urls, current: url })
  }
  return (
    <View className={`ho-photos-block hl-photos-${name}`}>
      <View className='ho-photos'>
        {photos.map((p) => (
          <Image key={p.fileId} className='ho-photo hl-photo' src={p.url} mode='aspectFill' onClick={() => open(p.url)} />
        ))}
      </View>
      {large ? (
        <View className='ho-photo-large-box'>
          <Image className='ho-photo-large hl-photo-large' src={large} mode='widthFix' onClick={() => setLarge(null)} />
          <Button className='hl-btn hl-btn-block hl-btn-close-photo' onClick={() => setLarge(null)}>
            收起大图
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** Picks, uploads and shows up to `max` photos, each with a 删除 button. */
export function PhotoPicker({
  photos,
  onChange,
  max = 9,
  name,
  error,
}: {
  photos: readonly OrderPhoto[]
  onChange: (next: OrderPhoto[]) => void
  max?: number
  name: string
  error?: string
}) {
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const add = async () => {
    setProblem(null)
    const paths = await choosePhotos(max - photos.length)
    if (paths.length === 0) return
    let next = [...photos]
    const failures: string[] = []
    for (let i = 0; i < paths.length; i++) {
      setBusy(`正在上传第 ${i + 1} 张，共 ${paths.length} 张…`)
      const outcome = await uploadPhoto(paths[i]!)
      if (outcome.ok) {
        next = [...next, { fileId: outcome.photo.fileId, url: outcome.photo.url }]
        onChange(next)
      } else failures.push(outcome.message)
    }
    setBusy(null)
    if (failures.length) setProblem(`${failures.length} 张没有传上去：${failures[0]}`)
  }

  return (
    <View className={`ho-photo-picker hl-photo-picker-${name}`}>
      <View className='ho-photos'>
        {photos.map((p) => (
          <View key={p.fileId} className='ho-thumb hl-thumb'>
            <Image className='ho-photo' src={p.url} mode='aspectFill' />
            <View className='ho-thumb-remove hl-btn-remove-photo' role='button' aria-label='删除这张照片' onClick={() => onChange(photos.filter((x) => x.fileId !== p.fileId))}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
      </View>
      <Text className='hl-note'>{`已选 ${photos.length} / ${max} 张`}</Text>
      {busy ? <Text className='hl-notice hl-photo-busy'>{busy}</Text> : null}
      {problem ? <Text className='hl-notice hl-notice-error hl-photo-error'>{problem}</Text> : null}
      {photos.length < max ? (
        <Button className={`hl-btn hl-btn-block hl-btn-add-photo`} disabled={busy !== null} onClick={() => void add()}>
          {photos.length === 0 ? '添加照片' : '再加照片'}
        </Button>
      ) : null}
      <FieldError field='photos' message={error} />
    </View>
  )
}

// ---- inline forms (never a pop-up) -------------------------------------------------------------------

/**
 * A small form that opens right on the page, for a reason, a comment or a title. `quick` reasons are
 * chips to tap (不在家…); the text box then adds detail, or says it all when no chip fits.
 */
export function InlineForm({
  name,
  label,
  placeholder,
  submitText,
  busy,
  error,
  onSubmit,
  onCancel,
  maxLength = 200,
  minLength = 2,
  quick,
}: {
  name: string
  label: string
  placeholder: string
  submitText: string
  busy: boolean
  error?: string
  onSubmit: (text: string) => void
  onCancel?: () => void
  maxLength?: number
  minLength?: number
  quick?: readonly string[]
}) {
  const [text, setText] = useState('')
  const [chip, setChip] = useState<string | null>(null)
  const [local, setLocal] = useState<string | null>(null)
  const submit = () => {
    const t = text.trim()
    const full = chip ? (t ? `${chip}，${t}` : chip) : t
    if (full.length < minLength) {
      setLocal(quick?.length ? '请点一个原因，或写几个字' : minLength <= 1 ? '请先写几个字' : `请至少写 ${minLength} 个字`)
      return
    }
    setLocal(null)
    onSubmit(full.slice(0, maxLength))
  }
  return (
    <View className={`hl-card ho-inline-form hl-form-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {quick?.length ? (
        <View className='ho-choices ho-quick-reasons'>
          {quick.map((q, i) => (
            <Choice
              key={q}
              className={`hl-quick-reason hl-quick-reason-${i}`}
              on={chip === q}
              label={q}
              onClick={() => {
                setChip(chip === q ? null : q)
                setLocal(null)
              }}
            />
          ))}
        </View>
      ) : null}
      {quick?.length ? <Text className='hl-note ho-quick-more'>{chip ? '还想说的（可不填）' : '或者写下原因'}</Text> : null}
      <TextBox className={`hl-input-${name}`} value={text} placeholder={placeholder} maxLength={maxLength} onChange={setText} />
      <FieldError field={name} message={local ?? error} />
      <View className='ho-form-buttons'>
        <Button className={`hl-btn hl-btn-submit-${name}`} type='primary' loading={busy} disabled={busy} onClick={submit}>
          {submitText}
        </Button>
        {onCancel ? (
          <Button className={`hl-btn hl-btn-cancel-${name}`} disabled={busy} onClick={onCancel}>
            不了
          </Button>
        ) : null}
      </View>
    </View>
  )
}

export { Choice }

// ---- tabs and chips ------------------------------------------------------------------------------------

export function Tabs<K extends string>({ items, value, onChange, name }: { items: readonly { key: K; label: string }[]; value: K; onChange: (k: K) => void; name: string }) {
  return (
    <View className={`ho-tabs hl-tabs-${name}`} role='tablist'>
      {items.map((t) => (
        <View
          key={t.key}
          className={`ho-tab hl-tab hl-tab-${t.key}${t.key === value ? ' ho-tab-on hl-tab-on' : ''}`}
          role='tab'
          aria-selected={t.key === value}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.key === value ? `● ${t.label}` : t.label}</Text>
        </View>
      ))}
    </View>
  )
}

// ---- an order that cannot be shown: a way on, not a 重试 that fails again -----------------------------

/** Errors that a retry cannot mend: the order is gone, not the caller's, or the link is broken. */
const DEAD_ENDS: readonly string[] = ['ORDER.NOT_FOUND', 'COMMON.NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.INVALID_INPUT']

export function OrderLoadError({ error, onRetry }: { error: ClientError; onRetry: () => void }) {
  if (!DEAD_ENDS.includes(error.code)) return <ErrorView error={error} onRetry={onRetry} />
  return (
    <View className='hl-state hl-state-error hl-order-missing' role='alert'>
      <Text className='hl-state-text hl-error-text'>{error.code === 'COMMON.FORBIDDEN' ? '这件事不归您处理，看不到详情' : '没有找到这件事，可能已被撤回，或链接有误'}</Text>
      <Button className='hl-btn hl-btn-block hl-btn-to-mine' type='primary' onClick={() => void Taro.redirectTo({ url: ROUTES.orderMine })}>
        返回我的事项
      </Button>
    </View>
  )
}

type Load = { status: 'loading' } | { status: 'error'; error: ClientError } | { status: 'ready'; order: OrderView }

/**
 * A page that does one thing to one order (办结, 评价): loads it from the `id` query, shows what it
 * is about, and offers the form only when the server lists the action in `allowedActions`.
 */
export function OrderActionPage({
  name,
  title,
  action,
  verb,
  details,
  form,
}: {
  name: string
  title: string
  action: OrderAction
  /** "办结", "评价": used in the empty states. */
  verb: string
  details: (order: OrderView) => ReactNode
  form: (order: OrderView) => ReactNode
}) {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  const fetchOrder = async () => {
    if (!id) return
    setLoad({ status: 'loading' })
    const answer = await orders.get(id)
    setLoad(answer.ok ? { status: 'ready', order: answer.data.order } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetchOrder()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [id])

  const order = load.status === 'ready' ? load.order : null
  return (
    <PageShell name={name}>
      <Text className='hl-title'>{title}</Text>
      {!id ? <Empty text={`没有指定要${verb}的事项`} /> : null}
      {id && load.status === 'loading' ? <Loading /> : null}
      {load.status === 'error' ? <OrderLoadError error={load.error} onRetry={() => void fetchOrder()} /> : null}
      {order ? (
        <>
          <View className='hl-card hl-order-summary'>
            <View className='ho-card-head'>
              <Text className='hl-text ho-card-title'>{order.category}</Text>
              <StateChip order={order} />
            </View>
            <Text className='hl-text'>{order.description}</Text>
            {details(order)}
          </View>
          {order.allowedActions.includes(action) ? form(order) : <Empty text={`这件事现在不能${verb}`} hint={`当前状态：${order.stateLabel}`} />}
        </>
      ) : null}
    </PageShell>
  )
}
