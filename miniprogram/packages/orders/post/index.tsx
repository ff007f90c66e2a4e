import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import {
  CATEGORIES,
  CATEGORY_ICONS,
  CATEGORY_RULES,
  CATEGORY_SLUGS,
  EMERGENCIES,
  EMERGENCY_LABEL,
  emergencyOfError,
  URGENCIES,
  URGENCY_LABELS,
  type Category,
  type EmergencyKey,
  type Urgency,
} from '@shared/orders/categories'
import { PageShell } from '../../../components/page-shell'
import { PlacePicker } from '../../../components/place-picker'
import { ErrorView, FieldError, Loading } from '../../../components/states'
import { clipText, TextBox } from '../../../components/text-box'
import { VoiceButton } from '../../../components/voice-button'
import { appendHeard } from '../../../lib/speech'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { ROUTES, withQuery } from '../../../lib/nav'
import { useFieldErrors, type FieldErrors } from '../../../lib/field-errors'
import { askSubscribe } from '../../../lib/subscribe'
import { lineage } from '../../../lib/territory'
import { useTerritoryTree } from '../../../lib/territory-tree'
import type { Profile } from '../../../services/accounts'
import type { ClientError } from '../../../services/call'
import { newClientKey, orders, type OrderPhoto, type PostInput, type ProxyResident } from '../../../services/orders'
import { Choice } from '../../../components/choice'
import { PhotoPicker } from '../../../components/photo-picker'
import { LocationPick, type PickedPoint } from '../../../components/location-pick'
import { SuggestionNote, useSuggestion } from './suggest'
import { SimilarOrders } from './similar'
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
  /** A point on the map (optional; asked first for public places). Absent in drafts saved before it existed. */
  point?: PickedPoint | null
  urgency: Urgency
  preferredTime: string
  contactName: string
  contactPhone: string
  /** Who chose the category and the urgency: the resident's own choice is never overwritten by a suggestion. */
  categoryBy?: 'hand' | 'suggest'
  urgencyBy?: 'hand' | 'suggest'
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
    point: null,
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
  Boolean(d.category || d.description.trim() || d.photos.length || d.place || d.point || d.preferredTime.trim() || d.contactName.trim() || d.contactPhone.trim())

// ---- errors --------------------------------------------------------------------------------------

type Field = 'category' | 'description' | 'photos' | 'point' | 'buildingId' | 'room' | 'urgency' | 'preferredTime' | 'contactName' | 'contactPhone'
const FIELDS: readonly Field[] = ['category', 'description', 'photos', 'point', 'buildingId', 'room', 'urgency', 'preferredTime', 'contactName', 'contactPhone']

// ---- emergencies: a number to call instead of a form ------------------------------------------------

/** A large tile with a glyph and words: categories and emergencies on the post form. */
function Tile({ icon, label, note, on, className, onClick }: { icon: string; label: string; note?: string; on: boolean; className: string; onClick: () => void }) {
  return (
    <View className={`ho-tile ${className}${on ? ' ho-tile-on' : ''}`} role='radio' aria-checked={on} aria-label={note ? `${label}，${note}` : label} onClick={onClick}>
      <Text className='ho-tile-icon' aria-hidden='true'>
        {icon}
      </Text>
      <View className='ho-tile-words'>
        <Text className='ho-tile-label'>{on ? `✓ ${label}` : label}</Text>
        {note ? <Text className='ho-tile-note'>{note}</Text> : null}
      </View>
    </View>
  )
}

/** The emergencies come first, in red, each saying the number: they open a number to call, not a form. */
function EmergencyRow({ onPick }: { onPick: (k: EmergencyKey) => void }) {
  return (
    <View className='hl-card hl-emergency-row'>
      <Text className='hl-field-label'>紧急情况，请直接打电话</Text>
      <View className='ho-tiles ho-emergency-row'>
        {EMERGENCIES.map((e) => (
          <Tile
            key={e.key}
            className={`ho-tile-emergency hl-emergency hl-emergency-${e.key}`}
            icon={e.icon}
            on={false}
            label={e.label}
            note={`打 ${e.call}`}
            onClick={() => onPick(e.key)}
          />
        ))}
      </View>
    </View>
  )
}

/** 119 / 120 / 110 instead of a form: the number huge, one red button that calls it. */
function EmergencyPanel({ which, fromWords, onBack }: { which: EmergencyKey; fromWords: boolean; onBack: () => void }) {
  const e = EMERGENCIES.find((x) => x.key === which)!
  return (
    <View className={`hl-card hl-emergency-panel hl-emergency-panel-${e.key}`} role='alert'>
      {fromWords ? <Text className='hl-text ho-emergency-why hl-emergency-why'>{`听您说的，像是${EMERGENCY_LABEL[e.key]}。`}</Text> : null}
      <Text className='hl-hero ho-emergency-say'>{e.say}</Text>
      <Text className='ho-emergency-number hl-emergency-number' aria-label={`电话 ${e.call.split('').join(' ')}`}>
        {e.call}
      </Text>
      <View className='ho-call hl-btn-call' role='button' aria-label={`拨打 ${e.call}`} onClick={() => void Taro.makePhoneCall({ phoneNumber: e.call }).catch(() => undefined)}>
        <Text className='ho-call-icon' aria-hidden='true'>
          ☎
        </Text>
        <Text className='ho-call-text'>{`拨打 ${e.call}`}</Text>
      </View>
      <Text className='hl-note ho-emergency-note'>紧急情况不要在这里报事，志愿者赶不及。请马上打电话。</Text>
      <View className='ho-not-emergency hl-btn-not-emergency' role='button' onClick={onBack}>
        <Text>不是紧急情况，继续填写</Text>
      </View>
    </View>
  )
}

// ---- where: the household, or another building ----------------------------------------------------------

function PlaceField({
  label,
  draft,
  profile,
  resident,
  proxy,
  update,
  errors,
  startAt,
  within,
}: {
  /** 在哪里 for a household; for a public place (the point comes first) the building is secondary. */
  label: string
  draft: Draft
  profile: Profile | undefined
  /** 代办 for a registered resident: their home is the default place. */
  resident: ProxyResident | null
  proxy: boolean
  update: (patch: Partial<Draft>) => void
  errors: FieldErrors<Field>
  startAt?: string | null
  within: ReadonlySet<string> | null
}) {
  const home = !proxy ? profile?.home : undefined
  const residentHome = resident?.home ?? null
  const hasDefault = Boolean(home) || Boolean(residentHome)
  const [picking, setPicking] = useState(false)
  const mustPick = !draft.place && !hasDefault
  const open = picking || mustPick
  const tree = useTerritoryTree(open)
  const places = tree.index

  return (
    <View className='hl-card hl-field hl-field-place'>
      <Text className='hl-field-label'>{label}</Text>
      {draft.place ? (
        <View className='ho-place'>
          <Text className='hl-text hl-place-path'>{draft.place.label}</Text>
        </View>
      ) : home ? (
        <View className='ho-place'>
          <Text className='hl-text hl-place-path'>{home.breadcrumb.join(' › ')}</Text>
          <Text className='hl-note hl-place-room'>{`门牌 ${home.room}（您登记的住址）`}</Text>
        </View>
      ) : residentHome ? (
        <View className='ho-place'>
          <Text className='hl-text hl-place-path'>{residentHome.label}</Text>
          <Text className='hl-note hl-place-room'>{`门牌 ${residentHome.room}（居民登记的住址）`}</Text>
        </View>
      ) : (
        <Text className='hl-note'>{proxy ? '请选择这位居民住的楼栋' : '您还没有登记住址，请选择问题所在的楼栋'}</Text>
      )}

      {open ? (
        places ? (
          <PlacePicker
            className='ho-picker'
            index={places}
            value={draft.place?.buildingId ?? null}
            within={within}
            startAt={startAt}
            onCancel={mustPick ? undefined : () => setPicking(false)}
            onPick={(b) => {
              update({
                place: {
                  buildingId: b.id,
                  room: '',
                  label: lineage(places, b.id)
                    .map((n) => n.name)
                    .join(' › '),
                },
              })
              setPicking(false)
            }}
          />
        ) : tree.error ? (
          <ErrorView error={tree.error} onRetry={tree.retry} />
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
              {residentHome ? '用居民登记的住址' : '用我家的地址'}
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

/** The field cards top-down, for scrolling to the first one with an error. */
const FIELD_CARDS: readonly (readonly [Field, string])[] = [
  ['contactName', 'hl-field-contact'],
  ['contactPhone', 'hl-field-contact'],
  ['description', 'hl-field-description'],
  ['category', 'hl-field-category'],
  ['photos', 'hl-field-photos'],
  ['point', 'hl-field-point'],
  ['buildingId', 'hl-field-place'],
  ['room', 'hl-field-place'],
  ['urgency', 'hl-field-urgency'],
  ['preferredTime', 'hl-field-time'],
]

/** Brings the first field with an error into view (weapp and H5 alike): nobody hunts for a red line. */
function scrollToFirstError(errors: FieldErrors<Field>) {
  const card = FIELD_CARDS.find(([f]) => errors[f])?.[1]
  if (!card) return
  // After the error text has rendered, so the card is where it will stay.
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: `.hl-page-order-post .${card}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
  }, 50)
}

/** 代办: who the order is for, so the leader never posts for the wrong neighbour. */
function ProxyFor({ resident }: { resident: ProxyResident }) {
  return (
    <View className='hl-card ho-proxy-for hl-proxy-for'>
      <Text className='ho-section-title'>为这位居民代办</Text>
      <Text className='hl-hero ho-proxy-name hl-proxy-name'>{resident.name}</Text>
      <Text className='hl-text hl-proxy-phone'>{`电话 ${resident.phoneMasked ?? '未留手机号'}`}</Text>
      <Text className='hl-text hl-proxy-home'>{resident.home ? `住 ${resident.home.label} ${resident.home.room}` : '还没有登记住址'}</Text>
      <Text className='hl-note'>这件事记在这位居民名下，进展会通知他/她。</Text>
    </View>
  )
}

function PostForm({
  profile,
  onBehalfOf,
  resident,
  proxy,
  startAt,
  within,
  dismissed,
  onEmergency,
}: {
  profile: Profile | undefined
  onBehalfOf: string | null
  resident: ProxyResident | null
  proxy: boolean
  startAt?: string | null
  within: ReadonlySet<string> | null
  /** Emergencies the resident was shown and said are not one (不是紧急情况). */
  dismissed: ReadonlySet<EmergencyKey>
  /** The words (or the server) speak of an emergency: the page shows its number before anything else. */
  onEmergency: (k: EmergencyKey) => void
}) {
  const ownerId = profile?.id ?? null
  const [restored] = useState(() => {
    const d = readDraft()
    const mine = d && (d.ownerId === null || ownerId === null || d.ownerId === ownerId) && d.onBehalfOf === onBehalfOf && d.proxy === proxy
    return mine && hasContent(d) ? d : null
  })
  const [draft, setDraft] = useState<Draft>(() => restored ?? freshDraft(ownerId, onBehalfOf, proxy))
  const [showRestored, setShowRestored] = useState(restored !== null)
  const fieldErrors = useFieldErrors(FIELDS)
  const { errors } = fieldErrors
  const [formError, setFormError] = useState<string | null>(null)
  const [offline, setOffline] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  /** Consent is asked once per form: a retry after a lost answer does not ask again. */
  const askedConsent = useRef(false)
  const proxyUnregistered = proxy && !onBehalfOf

  const update = (patch: Partial<Draft>) => {
    // A field the person just changed no longer shows its old error.
    fieldErrors.clear(Object.keys(patch).flatMap((k) => (k === 'place' ? ['buildingId', 'room'] : [k])) as Field[])
    setDraft((d) => {
      const next = { ...d, ...patch, ownerId: d.ownerId ?? ownerId }
      writeDraft(next)
      return next
    })
  }

  // 说出来就懂: the words choose the category and the urgency unless the resident already did, and an
  // emergency in them brings up its number.
  const suggestion = useSuggestion(draft.description)
  useEffect(() => {
    if (!suggestion) return
    const emergencyKey = suggestion.emergency?.key
    if (emergencyKey && !dismissed.has(emergencyKey)) {
      onEmergency(emergencyKey)
      return
    }
    if (!suggestion.confident) return
    const patch: Partial<Draft> = {}
    const best = suggestion.suggestions[0]!.category
    if (draft.categoryBy !== 'hand' && draft.category !== best) Object.assign(patch, { category: best, categoryBy: 'suggest' })
    if (draft.urgencyBy !== 'hand' && draft.urgency !== suggestion.urgency) Object.assign(patch, { urgency: suggestion.urgency, urgencyBy: 'suggest' })
    if (Object.keys(patch).length) update(patch)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- acts once per new answer; the draft it reads is the one the answer was for
  }, [suggestion])

  const startOver = () => {
    clearDraft()
    setDraft(freshDraft(ownerId, onBehalfOf, proxy))
    setShowRestored(false)
    fieldErrors.set({})
    setFormError(null)
    setOffline(false)
  }

  const check = (): FieldErrors<Field> => {
    const e: FieldErrors<Field> = {}
    if (!draft.category) e.category = '请选一类事情'
    if (draft.description.trim().length < 4) e.description = '请用几句话说清楚遇到的难处（至少 4 个字）'
    if (!draft.place && !(profile?.home && !proxy) && !resident?.home) e.buildingId = '请选择问题所在的楼栋'
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
    fieldErrors.set(local)
    if (Object.keys(local).length) {
      setFormError('还有几处没填好，请看红字提示')
      scrollToFirstError(local)
      return
    }
    const input: PostInput = {
      category: draft.category!,
      description: draft.description.trim(),
      photos: draft.photos.map((p) => p.fileId),
      urgency: draft.urgency,
      clientKey: draft.clientKey,
    }
    if (dismissed.size) input.notEmergency = true
    if (draft.place) {
      input.buildingId = draft.place.buildingId
      if (draft.place.room.trim()) input.room = draft.place.room.trim()
    }
    if (draft.point) {
      const name = draft.point.name.trim()
      input.point = { lat: draft.point.lat, lng: draft.point.lng, ...(name ? { name } : {}) }
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
      await askSubscribe(['order.accepted', 'order.resolved', 'order.escalated'])
    }
    const answer = await orders.post(input)
    setSubmitting(false)
    if (answer.ok) {
      clearDraft()
      void Taro.redirectTo({ url: withQuery(ROUTES.orderDetail, { id: answer.data.order.id, posted: '1' }) })
      return
    }
    const emergencyKey = emergencyOfError(answer.error.code)
    if (emergencyKey) {
      onEmergency(emergencyKey)
      return
    }
    if (answer.error.code === 'COMMON.NETWORK') {
      writeDraft(draft)
      setOffline(true)
      return
    }
    const field = fieldErrors.fromServer(answer.error)
    if (field) {
      setFormError('有一处需要改一下，请看红字提示')
      scrollToFirstError({ [field]: answer.error.message })
    } else setFormError(answer.error.message)
  }

  const rule = draft.category ? CATEGORY_RULES[draft.category] : null
  const pointFirst = rule?.wherePrompt === 'point'
  const pointField = (
    <View className={`hl-card hl-field hl-field-point${pointFirst ? ' hl-field-point-first' : ''}`}>
      <LocationPick
        title={pointFirst ? '在哪里？请在地图上选个位置' : '地图上的位置（可不选）'}
        hint={pointFirst ? '选好位置，志愿者能直接找过去。' : '选了位置，接单的志愿者可以用导航找过来；只有您、接单的志愿者和网格长能看到。'}
        value={draft.point ?? null}
        onChange={(point) => update({ point })}
        error={errors.point}
      />
    </View>
  )

  return (
    <View className='ho-post-form hl-post-form'>
      {resident ? <ProxyFor resident={resident} /> : null}
      {proxy && !resident ? <Text className='hl-notice hl-banner-proxy'>为居民代办：请填写居民的姓名和电话，志愿者会直接联系他/她。</Text> : null}
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
          <Input
            className='hl-input hl-input-contact-phone'
            type='number'
            value={draft.contactPhone}
            placeholder='11 位手机号'
            maxLength={11}
            onChange={(v) => update({ contactPhone: v })}
          />
          <FieldError field='contactPhone' message={errors.contactPhone} />
        </View>
      ) : null}

      <View className='hl-card hl-field hl-field-description'>
        <Text className='hl-field-label'>遇到了什么难处？说说或写写</Text>
        <TextBox
          className='hl-input-description'
          value={draft.description}
          placeholder='例如：厨房水龙头一直滴水，关不紧'
          maxLength={500}
          onChange={(v) => update({ description: v })}
        />
        <FieldError field='description' message={errors.description} />
        {/* 语音输入: what was heard is added after what is typed, through the same update as typing. */}
        <VoiceButton name='description' onText={(heard) => update({ description: clipText(appendHeard(draft.description, heard), 500).text })} />
        <SuggestionNote suggestion={suggestion} chosen={draft.category} byHand={draft.categoryBy === 'hand'} onPick={(category) => update({ category, categoryBy: 'hand' })} />
      </View>

      {/* 重复提醒: the same problem nearby, to join instead of posting it again (not when posting for someone else). */}
      {proxy ? null : <SimilarOrders category={draft.category} description={draft.description} buildingId={draft.place?.buildingId ?? null} onJoined={clearDraft} />}

      <View className='hl-card hl-field hl-field-category'>
        <Text className='hl-field-label'>什么事</Text>
        <View className='ho-tiles ho-grid' role='radiogroup'>
          {CATEGORIES.map((c) => (
            <Tile
              key={c}
              className={`hl-category hl-category-${CATEGORY_SLUGS[c]}`}
              icon={CATEGORY_ICONS[c]}
              on={draft.category === c}
              label={c}
              note={CATEGORY_RULES[c].hint}
              onClick={() => update({ category: c, categoryBy: 'hand' })}
            />
          ))}
        </View>
        {rule?.private ? <Text className='hl-note hl-category-private'>这类事不公开：只有您、接单的人和网格长能看到。</Text> : null}
        {rule?.leaderFirst ? <Text className='hl-note hl-category-leader'>这类事先由网格长来调解。</Text> : null}
        <FieldError field='category' message={errors.category} />
      </View>

      <View className='hl-card hl-field hl-field-photos'>
        <Text className='hl-field-label'>照片（可不传，最多 9 张）</Text>
        <PhotoPicker name='order' photos={draft.photos} onChange={(photos) => update({ photos })} error={errors.photos} />
      </View>

      {/* A public place (路灯, 垃圾) is found by its point, a household by its building: that one comes first. */}
      {pointFirst ? pointField : null}
      <PlaceField
        label={pointFirst ? '靠近哪栋楼（已填好的可以不改）' : '在哪里'}
        draft={draft}
        profile={profile}
        resident={resident}
        proxy={proxy}
        update={update}
        errors={errors}
        startAt={startAt}
        within={within}
      />
      {pointFirst ? null : pointField}

      <View className='hl-card hl-field hl-field-urgency'>
        <Text className='hl-field-label'>急不急</Text>
        <View className='ho-choices'>
          {URGENCIES.map((u) => (
            <Choice key={u} className={`hl-urgency hl-urgency-${u}`} on={draft.urgency === u} label={URGENCY_LABELS[u]} onClick={() => update({ urgency: u, urgencyBy: 'hand' })} />
          ))}
        </View>
        <FieldError field='urgency' message={errors.urgency} />
      </View>

      <View className='hl-card hl-field hl-field-time'>
        <Text className='hl-field-label'>什么时候方便（可不填）</Text>
        <View className='ho-choices'>
          {TIME_CHIPS.map((t, i) => (
            <Choice
              key={t}
              className={`hl-time hl-time-${i}`}
              on={draft.preferredTime === t}
              label={t}
              onClick={() => update({ preferredTime: draft.preferredTime === t ? '' : t })}
            />
          ))}
        </View>
        <Input
          className='hl-input hl-input-time ho-time-input'
          value={draft.preferredTime}
          placeholder='或者写：工作日晚上 7 点后'
          maxLength={40}
          onChange={(v) => update({ preferredTime: v })}
        />
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
      <Text className='hl-note hl-post-after'>
        {rule?.leaderFirst
          ? `提交后，网格长会来协调，进展会在“${proxy ? '待办' : '我的事项'}”里看到。`
          : `提交后，平台会找本网格的党员志愿者来办，进展会在“${proxy ? '待办' : '我的事项'}”里看到。`}
      </Text>
    </View>
  )
}

type ResidentLoad = { status: 'none' } | { status: 'loading' } | { status: 'ready'; resident: ProxyResident } | { status: 'error'; error: ClientError }

/** 代办 for a registered resident: who they are, from the server (the same rule as posting for them). */
function useResident(userId: string | null) {
  const [load, setLoad] = useState<ResidentLoad>(userId ? { status: 'loading' } : { status: 'none' })
  const fetch = async () => {
    if (!userId) return
    setLoad({ status: 'loading' })
    const answer = await orders.proxyFor(userId)
    setLoad(answer.ok ? { status: 'ready', resident: answer.data.resident } : { status: 'error', error: answer.error })
  }
  useEffect(() => {
    void fetch()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetches when these keys change; the loader is recreated every render and reads the latest state
  }, [userId])
  return { load, retry: fetch }
}

export default function OrderPost() {
  const router = useRouter()
  const state = useProfile()
  const [emergency, setEmergency] = useState<{ key: EmergencyKey; fromWords: boolean } | null>(null)
  const [dismissed, setDismissed] = useState<ReadonlySet<EmergencyKey>>(() => new Set())
  useEffect(() => {
    void loadProfile()
  }, [])

  const onBehalfOf = router.params.onBehalfOf ? decodeURIComponent(router.params.onBehalfOf) : null
  const leads = scopesOf(state.profile, 'proxy')
  const isLeader = leads.length > 0
  const proxy = Boolean(onBehalfOf) || (router.params.proxy === '1' && isLeader)
  const leadNodeIds = leads.map((r) => r.nodeId).join(',')
  const within = useMemo(() => (proxy ? new Set(leadNodeIds ? leadNodeIds.split(',') : []) : null), [proxy, leadNodeIds])
  const resident = useResident(onBehalfOf)
  const waitingForProfile = !state.profile && state.status !== 'error'
  // Opened from a station's code (扫一扫): which station, and the grid to start the place picker in.
  const stationName = router.params.stationName ? decodeURIComponent(router.params.stationName) : null
  const gridId = router.params.gridId ? decodeURIComponent(router.params.gridId) : null

  const showEmergency = (next: { key: EmergencyKey; fromWords: boolean } | null) => {
    setEmergency(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }
  // 不是紧急情况: the words may still read like one, but the resident has seen the number.
  const notAnEmergency = () => {
    if (emergency) setDismissed((d) => new Set([...d, emergency.key]))
    showEmergency(null)
  }

  return (
    <PageShell name='order-post'>
      <Text className='hl-title'>{proxy ? '为居民代办' : '我要办事'}</Text>
      {stationName && !proxy ? <Text className='hl-notice hl-banner-station'>{`在 ${stationName} 报事`}</Text> : null}
      {emergency ? (
        <EmergencyPanel which={emergency.key} fromWords={emergency.fromWords} onBack={notAnEmergency} />
      ) : (
        <EmergencyRow onPick={(key) => showEmergency({ key, fromWords: false })} />
      )}
      {/* The form stays mounted (hidden) behind an emergency panel: nothing typed is lost. */}
      <View className={emergency ? 'ho-hidden' : ''}>
        {state.status === 'error' && !state.profile ? <ErrorView error={state.error} onRetry={() => void loadProfile(true)} /> : null}
        {resident.load.status === 'error' ? (
          <ErrorView error={resident.load.error} onRetry={resident.load.error.code === 'COMMON.NETWORK' ? () => void resident.retry() : undefined} />
        ) : waitingForProfile || resident.load.status === 'loading' ? (
          <Loading />
        ) : (
          <PostForm
            key={`${state.profile?.id ?? 'anon'}:${proxy ? 'proxy' : 'self'}`}
            profile={state.profile}
            onBehalfOf={onBehalfOf}
            resident={resident.load.status === 'ready' ? resident.load.resident : null}
            proxy={proxy}
            startAt={gridId}
            within={within}
            dismissed={dismissed}
            onEmergency={(key) => showEmergency({ key, fromWords: true })}
          />
        )}
      </View>
    </PageShell>
  )
}
