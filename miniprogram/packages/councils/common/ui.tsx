import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Image, Input, Picker, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CHOICE_LABELS } from '@shared/councils/agenda'
import { dateText, dateTimeText } from '@shared/kernel/time'
import { Choice } from '../../../components/choice'
import { FieldError } from '../../../components/states'
import { TextBox } from '../../../components/text-box'
import type { MeetingSummary, MeetingView, Tally, TopicView } from '../../../services/councils'
import type { OrderPhoto } from '../../../services/orders'
import { choosePhotos, uploadPhoto } from '../../orders/common/photos'

// ---- words --------------------------------------------------------------------------------------

/** `11月22日 15:43` (with the year when it is not this year), Beijing time. */
export const when = (iso: string | null | undefined): string => (iso ? dateTimeText(iso, Date.now()) : '')
/** `2026-12-20` → `12月20日 周日`. */
export const day = (date: string): string => dateText(date)
/** `90` → `1 小时 30 分钟`. */
export function minutesText(m: number): string {
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  return m % 60 ? `${h} 小时 ${m % 60} 分钟` : `${h} 小时`
}
export const yuan = (n: number): string => (n > 0 ? `${n.toLocaleString('zh-CN')} 元` : '无需经费')

// ---- chips: colour AND words, never colour alone -------------------------------------------------------

const TOPIC_MARK: Record<TopicView['state'], string> = {
  proposed: '○',
  supported: '!',
  adopted: '▶',
  scheduled: '▶',
  decided: '✓',
  acting: '▶',
  done: '★',
  declined: '✕',
  rejected: '✕',
  merged: '⇢',
}

export function TopicStateChip({ topic }: { topic: Pick<TopicView, 'state' | 'stateLabel'> }) {
  return <Text className={`hl-chip hc-chip-topic hc-chip-topic-${topic.state} hl-chip-topic-${topic.state}`}>{`${TOPIC_MARK[topic.state]} ${topic.stateLabel}`}</Text>
}

const MEETING_MARK: Record<MeetingView['state'], string> = { draft: '✎', published: '○', inSession: '▶', closed: '✓', archived: '✓', cancelled: '✕' }

export function MeetingStateChip({ meeting }: { meeting: Pick<MeetingSummary, 'state' | 'stateLabel'> }) {
  return (
    <Text className={`hl-chip hc-chip-meeting hc-chip-meeting-${meeting.state} hl-chip-meeting-${meeting.state}`}>{`${MEETING_MARK[meeting.state]} ${meeting.stateLabel}`}</Text>
  )
}

export function Chips({ children }: { children: ReactNode }) {
  return <View className='hc-chips'>{children}</View>
}

// ---- rows ---------------------------------------------------------------------------------------------

export function Kv({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`hc-kv ${className}`}>
      <Text className='hc-kv-label'>{label}</Text>
      <Text className='hc-kv-value'>{value}</Text>
    </View>
  )
}

/** A bar of a share, with the words beside it (the bar is never the only sign). */
export function ProgressBar({ share, words, className = '' }: { share: number; words: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)))
  return (
    <View className={`hc-progress ${className}`}>
      <View className='hc-progress-track' aria-hidden='true'>
        <View className='hc-progress-fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='hl-note hc-progress-words'>{words}</Text>
    </View>
  )
}

/** 同意 / 反对 / 弃权 as three bars with their numbers. */
export function TallyBars({ tally, className = '' }: { tally: Tally; className?: string }) {
  const rows = (['agree', 'oppose', 'abstain'] as const).map((k) => ({ k, n: tally[k] }))
  return (
    <View className={`hc-tally hl-tally ${className}`} aria-label={`同意 ${tally.agree} 票，反对 ${tally.oppose} 票，弃权 ${tally.abstain} 票`}>
      {rows.map(({ k, n }) => (
        <View key={k} className={`hc-tally-row hc-tally-${k}`}>
          <Text className='hc-tally-label'>{CHOICE_LABELS[k]}</Text>
          <View className='hc-tally-track' aria-hidden='true'>
            <View className='hc-tally-fill' style={{ width: `${tally.total ? Math.round((n / tally.total) * 100) : 0}%` }} />
          </View>
          <Text className={`hc-tally-count hl-tally-${k}`}>{`${n} 票`}</Text>
        </View>
      ))}
      <Text className='hl-note hl-tally-total'>{`共 ${tally.total} 票`}</Text>
    </View>
  )
}

/** The timeline of a topic or a meeting. */
export function Timeline({ lines }: { lines: readonly { at: string; actor: string; kind: string; text: string }[] | undefined }) {
  const items = lines ?? []
  return (
    <View className='hl-card hl-timeline hc-no-print'>
      <Text className='hc-section-title'>过程记录</Text>
      {items.length === 0 ? <Text className='hl-note'>还没有记录</Text> : null}
      <View className='hc-timeline'>
        {items.map((t, i) => (
          <View key={`${t.at}-${i}`} className={`hc-tl-item hl-timeline-item hl-timeline-${t.kind}`}>
            <View className='hc-tl-dot' />
            <View className='hc-tl-body'>
              <Text className='hc-tl-head'>{`${when(t.at)} · ${t.actor}`}</Text>
              <Text className='hl-text'>{t.text}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}

// ---- tabs ---------------------------------------------------------------------------------------------

export function Tabs<K extends string>({ items, value, onChange, name }: { items: readonly { key: K; label: string }[]; value: K; onChange: (k: K) => void; name: string }) {
  return (
    <View className={`hc-tabs hl-tabs-${name}`} role='tablist'>
      {items.map((t) => (
        <View
          key={t.key}
          className={`hc-tab hl-tab hl-tab-${t.key}${t.key === value ? ' hc-tab-on hl-tab-on' : ''}`}
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

// ---- a link-like row that is a full touch target ------------------------------------------------------

export function LinkRow({ text, note, className, onClick }: { text: string; note?: string; className: string; onClick: () => void }) {
  return (
    <View className={`hc-link ${className}`} role='button' onClick={onClick}>
      <View className='hc-link-words'>
        <Text className='hc-link-text'>{text}</Text>
        {note ? <Text className='hl-note'>{note}</Text> : null}
      </View>
      <Text className='hc-link-arrow' aria-hidden='true'>
        ›
      </Text>
    </View>
  )
}

// ---- forms --------------------------------------------------------------------------------------------

/** A one-line input with its label and error, sized by 长辈版. */
export function Field({
  label,
  name,
  value,
  onChange,
  placeholder,
  error,
  maxLength = 40,
  type = 'text',
  note,
}: {
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  placeholder?: string
  error?: string
  maxLength?: number
  type?: 'text' | 'number'
  note?: string
}) {
  return (
    <View className={`hl-field hc-field hl-field-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {note ? <Text className='hl-note'>{note}</Text> : null}
      <Input className={`hl-input hc-input hl-input-${name}`} type={type} value={value} placeholder={placeholder} maxlength={maxLength} onInput={(e) => onChange(e.detail.value)} />
      <FieldError field={name} message={error} />
    </View>
  )
}

/**
 * A small form that opens on the page (never a pop-up), for a reason, an answer or a title: one
 * text box, a send button and 不了.
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
  initial = '',
  children,
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
  initial?: string
  children?: ReactNode
}) {
  const [text, setText] = useState(initial)
  const [local, setLocal] = useState<string | null>(null)
  const submit = () => {
    const t = text.trim()
    if (t.length < minLength) {
      setLocal(`请至少写 ${minLength} 个字`)
      return
    }
    setLocal(null)
    onSubmit(t.slice(0, maxLength))
  }
  return (
    <View className={`hl-card hc-inline-form hl-form-${name} hc-no-print`}>
      <Text className='hl-field-label'>{label}</Text>
      {children}
      <TextBox className={`hl-input-${name}`} value={text} placeholder={placeholder} maxLength={maxLength} onChange={setText} />
      <FieldError field={name} message={local ?? error} />
      <View className='hc-form-buttons'>
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

// ---- photos -------------------------------------------------------------------------------------------

/** Thumbnails; a tap opens WeChat's viewer, or the picture large under them in H5. */
export function PhotoGrid({ photos, name }: { photos: readonly { fileId: string; url: string }[]; name: string }) {
  const [large, setLarge] = useState<string | null>(null)
  if (photos.length === 0) return null
  const open = (url: string) => {
    if (process.env.TARO_ENV === 'h5') setLarge(large === url ? null : url)
    else void Taro.previewImage({ urls: photos.map((p) => p.url), current: url })
  }
  return (
    <View className={`hc-photos-block hl-photos-${name}`}>
      <View className='hc-photos'>
        {photos.map((p) => (
          <Image key={p.fileId} className='hc-photo hl-photo' src={p.url} mode='aspectFill' onClick={() => open(p.url)} />
        ))}
      </View>
      {large ? (
        <View>
          <Image className='hc-photo-large' src={large} mode='widthFix' onClick={() => setLarge(null)} />
          <Button className='hl-btn hl-btn-block hl-btn-close-photo' onClick={() => setLarge(null)}>
            收起大图
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** Picks and uploads up to `max` photos (the orders' upload: the same file store), each with 删除. */
export function PhotoPicker({ photos, onChange, max = 9, error }: { photos: readonly OrderPhoto[]; onChange: (next: OrderPhoto[]) => void; max?: number; error?: string }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const add = async () => {
    setProblem(null)
    const paths = await choosePhotos(max - photos.length)
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
    <View className='hc-photo-picker'>
      <View className='hc-photos'>
        {photos.map((p) => (
          <View key={p.fileId} className='hc-thumb'>
            <Image className='hc-photo' src={p.url} mode='aspectFill' />
            <View className='hc-thumb-remove hl-btn-remove-photo' role='button' aria-label='删除这张照片' onClick={() => onChange(photos.filter((x) => x.fileId !== p.fileId))}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
      </View>
      <Text className='hl-note'>{`照片可不传，已选 ${photos.length} / ${max} 张`}</Text>
      {busy ? <Text className='hl-notice'>{busy}</Text> : null}
      {problem ? <Text className='hl-notice hl-notice-error'>{problem}</Text> : null}
      {photos.length < max ? (
        <Button className='hl-btn hl-btn-block hl-btn-add-photo' disabled={busy !== null} onClick={() => void add()}>
          {photos.length === 0 ? '添加照片' : '再加照片'}
        </Button>
      ) : null}
      <FieldError field='photos' message={error} />
    </View>
  )
}

// ---- after a step: back to the top, where its notice is ------------------------------------------------

export function toTop(): void {
  void Taro.pageScrollTo({ scrollTop: 0, duration: 300 }).catch(() => undefined)
}

export function bringIntoView(page: string, className: string): void {
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: `.hl-page-${page} .${className}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
  }, 50)
}

// ---- dates and times: WeChat's own picker in the mini-program, the browser's in H5 -----------------------

/** A date (`2026-12-20`) or a time (`19:30`) with its label: a big row opening WeChat's picker, or the browser's own field in H5. */
export function DateTimeField({
  mode,
  label,
  name,
  value,
  onChange,
  start,
  error,
}: {
  mode: 'date' | 'time'
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  start?: string
  error?: string
}) {
  return (
    <View className={`hl-field hc-field hl-field-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <Input
          className={`hl-input hc-input hl-input-${name}`}
          // The browser's own date / time field (Taro passes the type through).
          type={mode as 'text'}
          value={value}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Picker mode={mode} value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
          <View className={`hc-picker-row hl-input-${name}`}>
            <Text className='hc-picker-row-value'>{value ? (mode === 'date' ? day(value) : value) : '请选择'}</Text>
            <Text className='hc-picker-row-hint'>修改 ›</Text>
          </View>
        </Picker>
      )}
      <FieldError field={name} message={error} />
    </View>
  )
}
