import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { CATEGORIES, CATEGORY_RULES, CATEGORY_SLUGS, EMERGENCIES, URGENCIES, URGENCY_LABELS, type Category, type EmergencyKey, type Urgency } from '@shared/orders/categories'
import { PageShell } from '../../../components/page-shell'
import { ErrorView, FieldError, Loading } from '../../../components/states'
import { loadProfile, useProfile } from '../../../lib/profile'
import { ROUTES, withQuery } from '../../../lib/nav'
import { askSubscribe } from '../../../lib/subscribe'
import { indexTree, lineage, placeChildren, type TreeIndex } from '../../../lib/territory'
import { accounts, type Profile, type TreeNode } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { newClientKey, orders, type OrderPhoto, type PostInput } from '../../../services/orders'
import { Choice, PhotoPicker } from '../common/components'
import { leaderRoles } from '../common/hooks'
import '../common/orders.scss'

const TIME_CHIPS = ['尽快', '今天', '周末'] as const

// ---- the offline draft ---------------------------------------------------------------------------

const DRAFT_KEY = 'honglin.orderDraft'

interface Draft {
  v: 1
  ownerId: string | null
  onBehalfOf: string | null
  proxy: boolean
  /** Made once per form, kept across retries and restarts, replaced only after success or 清空. */
  clientKey: string
  category: Category | null
  description: string
  photos: OrderPhoto[]
  /** Another place than the household; null = the household (the poster's home). */
  place: { buildingId: string; room: string; label: string } | null
  urgency: Urgency
  preferredTime: string
  contactName: string
  contactPhone: string
}

function freshDraft(ownerId: string | null, onBehalfOf: string | null, proxy: boolean): Draft {
  return {
    v: 1,
    ownerId,
    onBehalfOf,
    proxy,
    clientKey: newClientKey(),
    category: null,
    description: '',
    photos: [],
    place: null,
    urgency: 'normal',
    preferredTime: '',
    contactName: '',
    contactPhone: '',
  }
}

function readDraft(): Draft | null {
  try {
    const raw: unknown = Taro.getStorageSync(DRAFT_KEY)
    const d = (typeof raw === 'string' && raw ? JSON.parse(raw) : raw) as Partial<Draft> | null
    if (!d || d.v !== 1 || typeof d.clientKey !== 'string' || !Array.isArray(d.photos)) return null
    return d as Draft
  } catch {
    return null
  }
}

function writeDraft(d: Draft): void {
  try {
    Taro.setStorageSync(DRAFT_KEY, JSON.stringify(d))
  } catch {
    // storage full: the form still works, only the draft is not kept
  }
}

function clearDraft(): void {
  try {
    Taro.removeStorageSync(DRAFT_KEY)
  } catch {
    // nothing to clear
  }
}

const hasContent = (d: Draft) =>
  Boolean(d.category || d.description.trim() || d.photos.length || d.place || d.preferredTime.trim() || d.contactName.trim() || d.contactPhone.trim())

// ---- errors --------------------------------------------------------------------------------------

type Field = 'category' | 'description' | 'photos' | 'buildingId' | 'room' | 'urgency' | 'preferredTime' | 'contactName' | 'contactPhone'
type FieldErrors = Partial<Record<Field, string>>
const FIELDS: readonly Field[] = ['category', 'description', 'photos', 'buildingId', 'room', 'urgency', 'preferredTime', 'contactName', 'contactPhone']

/** `payload.photos.3` → `photos`: the server names fields by their path in the request. */
function fieldOf(error: ClientError): Field | null {
  const f = error.field?.replace(/^payload\./, '').split('.')[0]
  return FIELDS.find((x) => x === f) ?? null
}

// ---- emergencies: a number to call instead of a form ------------------------------------------------

function EmergencyRow({ on, onPick }: { on: EmergencyKey | null; onPick: (k: EmergencyKey | null) => void }) {
  return (
    <View className='hl-card hl-emergency-row'>
      <Text className='hl-field-label'>是不是下面这些紧急情况？</Text>
      <View className='ho-choices ho-emergency-row'>
        {EMERGENCIES.map((e) => (
          <Choice key={e.key} className={`hl-emergency hl-emergency-${e.key}`} on={on === e.key} label={e.label} note={`打 ${e.call}`} onClick={() => onPick(on === e.key ? null : e.key)} />
        ))}
      </View>
    </View>
  )
}

function EmergencyPanel({ which, onBack }: { which: EmergencyKey; onBack: () => void }) {
  const e = EMERGENCIES.find((x) => x.key === which)!
  return (
    <View className={`hl-card hl-emergency-panel hl-emergency-panel-${e.key}`} role='alert'>
      <Text className='hl-hero'>{e.say}</Text>
      <Text className='ho-emergency-number hl-emergency-number'>{e.call}</Text>
      <Text className='hl-note'>紧急情况不要在这里报事，志愿者赶不及。请马上打电话。</Text>
      <View className='hl-actions'>
        <Button className='hl-btn hl-btn-block hl-btn-call' size='large' onClick={() => void Taro.makePhoneCall({ phoneNumber: e.call }).catch(() => undefined)}>
          {`拨打 ${e.call}`}
        </Button>
        <Button className='hl-btn hl-btn-block hl-btn-not-emergency' size='large' onClick={onBack}>
          不是紧急情况，回去填写
        </Button>
      </View>
    </View>
  )
}

// ---- where: the household, or another building ----------------------------------------------------------

function BuildingPicker({ index, onPick, onCancel, startAt }: { index: TreeIndex; onPick: (b: TreeNode) => void; onCancel?: () => void; startAt?: string | null }) {
  // Skip levels with a single choice (one street, one community) so the list starts where choice begins.
  const start = useMemo(() => {
    // Posting from a station's code: start in the grid it serves.
    if (startAt && index.byId.has(startAt)) return startAt
    let id: string | null = null
    for (;;) {
      const kids = placeChildren(index, id)
      if (kids.length !== 1 || kids[0]!.kind === 'building') return id
      id = kids[0]!.id
    }
  }, [index, startAt])
  const [cursor, setCursor] = useState<string | null>(start)
  const trail = lineage(index, cursor)
  const options = placeChildren(index, cursor)
  return (
    <View className='ho-picker hl-place-picker'>
      <Text className='hl-note'>{trail.length ? trail.map((n) => n.name).join(' › ') : '请选择问题所在的地方'}</Text>
      {cursor !== start ? (
        <View className='hl-row hl-pick-up' onClick={() => setCursor(trail.length > 1 ? trail[trail.length - 2]!.id : null)}>
          <Text className='hl-text'>‹ 返回上一级</Text>
        </View>
      ) : null}
      {options.length === 0 ? <Text className='hl-note'>这里还没有登记楼栋，请联系网格长</Text> : null}
      {options.map((n) => (
        <View key={n.id} className={`hl-row hl-pick-option hl-pick-${n.kind}`} onClick={() => (n.kind === 'building' ? onPick(n) : setCursor(n.id))}>
          <Text className='hl-text'>{n.name}</Text>
          <Text className='hl-note'>{n.kind === 'building' ? '选这栋' : `${n.kindLabel} ›`}</Text>
        </View>
      ))}
      {onCancel ? (
        <Button className='hl-btn hl-btn-block hl-btn-cancel-place' onClick={onCancel}>
          不换了
        </Button>
      ) : null}
    </View>
  )
}

function PlaceField({
  draft,
  profile,
  onBehalfOf,
  proxyUnregistered,
  update,
  errors,
  startAt,
}: {
  draft: Draft
  profile: Profile | undefined
  onBehalfOf: string | null
  proxyUnregistered: boolean
  update: (patch: Partial<Draft>) => void
  errors: FieldErrors
  startAt?: string | null
}) {
  const home = !onBehalfOf && !proxyUnregistered ? profile?.home : undefined
  const hasDefault = Boolean(home) || Boolean(onBehalfOf)
  const [picking, setPicking] = useState(false)
  const [tree, setTree] = useState<TreeIndex | null>(null)
  const [treeError, setTreeError] = useState<ClientError | null>(null)
  const mustPick = !draft.place && !hasDefault
  const open = picking || mustPick

  const loadTree = async () => {
    setTreeError(null)
    const answer = await accounts.tree()
    if (answer.ok) setTree(indexTree(answer.data.nodes))
    else setTreeError(answer.error)
  }
  useEffect(() => {
    if (open && !tree) void loadTree()
  }, [open])

  return (
    <View className='hl-card hl-field hl-field-place'>
      <Text className='hl-field-label'>在哪里</Text>
      {draft.place ? (
        <View className='ho-place'>
          <Text className='hl-text hl-place-path'>{draft.place.label}</Text>
        </View>
      ) : home ? (
        <View className='ho-place'>
          <Text className='hl-text hl-place-path'>{home.breadcrumb.join(' › ')}</Text>
          <Text className='hl-note hl-place-room'>{`门牌 ${home.room}（您登记的住址）`}</Text>
        </View>
      ) : onBehalfOf ? (
        <Text className='hl-text hl-place-path'>这位居民登记的住址</Text>
      ) : (
        <Text className='hl-note'>{proxyUnregistered ? '请选择这位居民住的楼栋' : '您还没有登记住址，请选择问题所在的楼栋'}</Text>
      )}

      {open ? (
        tree ? (
          <BuildingPicker
            index={tree}
            startAt={startAt}
            onCancel={mustPick ? undefined : () => setPicking(false)}
            onPick={(b) => {
              update({ place: { buildingId: b.id, room: '', label: lineage(tree, b.id).map((n) => n.name).join(' › ') } })
              setPicking(false)
            }}
          />
        ) : treeError ? (
          <ErrorView error={treeError} onRetry={() => void loadTree()} />
        ) : (
          <Loading text='正在加载楼栋…' />
        )
      ) : (
        <View className='ho-place-buttons'>
          <Button className='hl-btn hl-btn-block hl-btn-change-place' onClick={() => setPicking(true)}>
            换一个地方
          </Button>
          {draft.place && hasDefault ? (
            <Button className='hl-btn hl-btn-block hl-btn-use-home' onClick={() => update({ place: null })}>
              {onBehalfOf ? '用居民登记的住址' : '用我家的地址'}
            </Button>
          ) : null}
        </View>
      )}
      <FieldError field='buildingId' message={errors.buildingId} />

      {draft.place ? (
        <>
          <Text className='hl-field-label ho-room-label'>门牌号（公共区域可不填）</Text>
          <Input
            className='hl-input hl-input-room'
            value={draft.place.room}
            placeholder='例如 2-301'
            maxLength={16}
            onChange={(v) => update({ place: draft.place ? { ...draft.place, room: v } : null })}
          />
          <FieldError field='room' message={errors.room} />
        </>
      ) : null}
    </View>
  )
}

// ---- the form --------------------------------------------------------------------------------------------

function PostForm({ profile, onBehalfOf, proxy, startAt }: { profile: Profile | undefined; onBehalfOf: string | null; proxy: boolean; startAt?: string | null }) {
  const ownerId = profile?.id ?? null
  const [restored] = useState(() => {
    const d = readDraft()
    const mine = d && (d.ownerId === null || ownerId === null || d.ownerId === ownerId) && d.onBehalfOf === onBehalfOf && d.proxy === proxy
    return mine && hasContent(d) ? d : null
  })
  const [draft, setDraft] = useState<Draft>(() => restored ?? freshDraft(ownerId, onBehalfOf, proxy))
  const [showRestored, setShowRestored] = useState(restored !== null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [offline, setOffline] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  /** Consent is asked once per form: a retry after a lost answer does not ask again. */
  const askedConsent = useRef(false)
  const proxyUnregistered = proxy && !onBehalfOf

  const update = (patch: Partial<Draft>) => {
    // A field the person just changed no longer shows its old error.
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) {
        if (k === 'place') {
          delete next.buildingId
          delete next.room
        } else delete next[k as Field]
      }
      return next
    })
    setDraft((d) => {
      const next = { ...d, ...patch, ownerId: d.ownerId ?? ownerId }
      writeDraft(next)
      return next
    })
  }

  const startOver = () => {
    clearDraft()
    setDraft(freshDraft(ownerId, onBehalfOf, proxy))
    setShowRestored(false)
    setErrors({})
    setFormError(null)
    setOffline(false)
  }

  const check = (): FieldErrors => {
    const e: FieldErrors = {}
    if (!draft.category) e.category = '请选一类事情'
    if (draft.description.trim().length < 4) e.description = '请用几句话说清楚遇到的难处（至少 4 个字）'
    if (!draft.place && !(profile?.home && !proxy) && !onBehalfOf) e.buildingId = '请选择问题所在的楼栋'
    if (proxyUnregistered) {
      if (!draft.contactName.trim()) e.contactName = '请填写居民姓名'
      if (!/^1[3-9]\d{9}$/.test(draft.contactPhone.trim())) e.contactPhone = '请输入 11 位手机号'
    }
    return e
  }

  const submit = async () => {
    setFormError(null)
    setOffline(false)
    const local = check()
    setErrors(local)
    if (Object.keys(local).length) {
      setFormError('还有几处没填好，请看红字提示')
      return
    }
    const input: PostInput = {
      category: draft.category!,
      description: draft.description.trim(),
      photos: draft.photos.map((p) => p.fileId),
      urgency: draft.urgency,
      clientKey: draft.clientKey,
    }
    if (draft.place) {
      input.buildingId = draft.place.buildingId
      if (draft.place.room.trim()) input.room = draft.place.room.trim()
    }
    if (draft.preferredTime.trim()) input.preferredTime = draft.preferredTime.trim()
    if (onBehalfOf) input.onBehalfOf = onBehalfOf
    if (proxyUnregistered) {
      input.contactName = draft.contactName.trim()
      input.contactPhone = draft.contactPhone.trim()
    }
    // Still inside the tap (no await yet): WeChat only shows the consent dialog from one. Posting
    // for someone else asks nothing: the messages go to that resident, not to the poster.
    setSubmitting(true)
    if (!proxy && !askedConsent.current) {
      askedConsent.current = true
      await askSubscribe(['orderAccepted', 'orderResolved'])
    }
    const answer = await orders.post(input)
    setSubmitting(false)
    if (answer.ok) {
      clearDraft()
      void Taro.redirectTo({ url: withQuery(ROUTES.orderDetail, { id: answer.data.order.id, posted: '1' }) })
      return
    }
    if (answer.error.code === 'COMMON.NETWORK') {
      writeDraft(draft)
      setOffline(true)
      return
    }
    const field = fieldOf(answer.error)
    if (field) {
      setErrors({ [field]: answer.error.message })
      setFormError('有一处需要改一下，请看红字提示')
    } else setFormError(answer.error.message)
  }

  const rule = draft.category ? CATEGORY_RULES[draft.category] : null

  return (
    <View className='ho-post-form hl-post-form'>
      {proxy ? (
        <Text className='hl-notice hl-banner-proxy'>
          {onBehalfOf ? '为居民代办：这件事记在这位居民名下，进展会通知他/她。' : '为居民代办：请填写居民的姓名和电话，志愿者会直接联系他/她。'}
        </Text>
      ) : null}
      {showRestored ? (
        <View className='hl-notice hl-draft-restored'>
          <Text>已恢复上次没提交的内容。</Text>
          <Button className='hl-btn hl-btn-block hl-btn-clear-draft' size='small' onClick={startOver}>
            清空重填
          </Button>
        </View>
      ) : null}

      {proxyUnregistered ? (
        <View className='hl-card hl-field hl-field-contact'>
          <Text className='hl-field-label'>居民姓名</Text>
          <Input className='hl-input hl-input-contact-name' value={draft.contactName} placeholder='例如 王大爷' maxLength={20} onChange={(v) => update({ contactName: v })} />
          <FieldError field='contactName' message={errors.contactName} />
          <Text className='hl-field-label ho-room-label'>居民电话</Text>
          <Input className='hl-input hl-input-contact-phone' type='number' value={draft.contactPhone} placeholder='11 位手机号' maxLength={11} onChange={(v) => update({ contactPhone: v })} />
          <FieldError field='contactPhone' message={errors.contactPhone} />
        </View>
      ) : null}

      <View className='hl-card hl-field hl-field-category'>
        <Text className='hl-field-label'>什么事</Text>
        <View className='ho-choices ho-grid'>
          {CATEGORIES.map((c) => (
            <Choice key={c} className={`hl-category hl-category-${CATEGORY_SLUGS[c]}`} on={draft.category === c} label={c} note={CATEGORY_RULES[c].hint} onClick={() => update({ category: c })} />
          ))}
        </View>
        {rule?.private ? <Text className='hl-note hl-category-private'>这类事不公开：只有您、接单的人和网格长能看到。</Text> : null}
        {rule?.leaderFirst ? <Text className='hl-note hl-category-leader'>这类事先由网格长来调解。</Text> : null}
        <FieldError field='category' message={errors.category} />
      </View>

      <View className='hl-card hl-field hl-field-description'>
        <Text className='hl-field-label'>说说情况</Text>
        <Textarea
          className='hl-textarea hl-input-description'
          value={draft.description}
          placeholder='例如：厨房水龙头一直滴水，关不紧'
          maxlength={500}
          autoHeight
          onInput={(e) => update({ description: e.detail.value })}
        />
        <Text className='hl-note ho-count'>{`${draft.description.length} / 500`}</Text>
        <FieldError field='description' message={errors.description} />
      </View>

      <View className='hl-card hl-field hl-field-photos'>
        <Text className='hl-field-label'>照片（可不传，最多 9 张）</Text>
        <PhotoPicker name='order' photos={draft.photos} onChange={(photos) => update({ photos })} error={errors.photos} />
      </View>

      <PlaceField draft={draft} profile={profile} onBehalfOf={onBehalfOf} proxyUnregistered={proxyUnregistered} update={update} errors={errors} startAt={startAt} />

      <View className='hl-card hl-field hl-field-urgency'>
        <Text className='hl-field-label'>急不急</Text>
        <View className='ho-choices'>
          {URGENCIES.map((u) => (
            <Choice key={u} className={`hl-urgency hl-urgency-${u}`} on={draft.urgency === u} label={URGENCY_LABELS[u]} onClick={() => update({ urgency: u })} />
          ))}
        </View>
        <FieldError field='urgency' message={errors.urgency} />
      </View>

      <View className='hl-card hl-field hl-field-time'>
        <Text className='hl-field-label'>什么时候方便（可不填）</Text>
        <View className='ho-choices'>
          {TIME_CHIPS.map((t, i) => (
            <Choice key={t} className={`hl-time hl-time-${i}`} on={draft.preferredTime === t} label={t} onClick={() => update({ preferredTime: draft.preferredTime === t ? '' : t })} />
          ))}
        </View>
        <Input className='hl-input hl-input-time ho-time-input' value={draft.preferredTime} placeholder='或者写：工作日晚上 7 点后' maxLength={40} onChange={(v) => update({ preferredTime: v })} />
        <FieldError field='preferredTime' message={errors.preferredTime} />
      </View>

      {offline ? (
        <View className='hl-notice hl-notice-error hl-notice-offline' role='alert'>
          <Text>网络不给力，已保存草稿。网络好了点“重试”，不会重复提交。</Text>
          <Button className='hl-btn hl-btn-block hl-btn-retry-post' type='primary' loading={submitting} disabled={submitting} onClick={() => void submit()}>
            重试
          </Button>
        </View>
      ) : null}
      {formError ? <Text className='hl-notice hl-notice-error hl-form-error'>{formError}</Text> : null}

      <Button className='hl-btn hl-btn-block hl-btn-submit-order' type='primary' size='large' loading={submitting} disabled={submitting} onClick={() => void submit()}>
        {submitting ? '正在提交…' : '提交'}
      </Button>
      <Text className='hl-note'>提交后，系统会找本网格的党员志愿者来办，进展会在“我的事项”里看到。</Text>
    </View>
  )
}

export default function OrderPost() {
  const router = useRouter()
  const state = useProfile()
  const [emergency, setEmergency] = useState<EmergencyKey | null>(null)
  useEffect(() => {
    void loadProfile()
  }, [])

  const onBehalfOf = router.params.onBehalfOf ? decodeURIComponent(router.params.onBehalfOf) : null
  const isLeader = leaderRoles(state.profile).length > 0
  const proxy = Boolean(onBehalfOf) || (router.params.proxy === '1' && isLeader)
  const waitingForProfile = !state.profile && state.status !== 'error'
  // Opened from a station's code (扫一扫): which station, and the grid to start the place picker in.
  const stationName = router.params.stationName ? decodeURIComponent(router.params.stationName) : null
  const gridId = router.params.gridId ? decodeURIComponent(router.params.gridId) : null

  return (
    <PageShell name='order-post'>
      <Text className='hl-title'>{proxy ? '为居民代办' : '我要办事'}</Text>
      {stationName && !proxy ? <Text className='hl-notice hl-banner-station'>{`在 ${stationName} 报事`}</Text> : null}
      <EmergencyRow on={emergency} onPick={setEmergency} />
      {emergency ? <EmergencyPanel which={emergency} onBack={() => setEmergency(null)} /> : null}
      {/* The form stays mounted (hidden) behind an emergency panel: nothing typed is lost. */}
      <View className={emergency ? 'ho-hidden' : ''}>
        {state.status === 'error' && !state.profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
        {waitingForProfile ? (
          <Loading />
        ) : (
          <PostForm key={`${state.profile?.id ?? 'anon'}:${proxy ? 'proxy' : 'self'}`} profile={state.profile} onBehalfOf={onBehalfOf} proxy={proxy} startAt={gridId} />
        )}
      </View>
    </PageShell>
  )
}
