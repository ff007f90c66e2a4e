import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { dateText, dateTimeText } from '@shared/kernel/time'
import { FieldError } from '../../../components/states'
import { Timeline as SharedTimeline, type TimelineLine } from '../../../components/timeline'
import type { CheckState, Rated, Rating } from '../../../services/liuyou'

// ---- words --------------------------------------------------------------------------------------

/** `11月22日 15:43` (with the year when it is not this year), Beijing time. */
export const when = (iso: string | null | undefined): string => (iso ? dateTimeText(iso, Date.now()) : '')
/** `2026-12-20` → `12月20日 周日`. */
export const day = (date: string): string => dateText(date)

// ---- the rating: a colour, a mark, a number and a word — never the colour alone ---------------------

const RATING_MARK: Record<Rating, string> = { green: '✓', amber: '!', red: '✕' }

/** `85 分 ✓ 达标`, on the rating's colour; `未评分` when there is no score. */
export function RatingBadge({ rated, size = 'normal', className = '' }: { rated: Rated; size?: 'normal' | 'big'; className?: string }) {
  if (rated.score === null || rated.rating === null)
    return <Text className={`hy-rating hy-rating-none hy-rating-${size} hl-rating hl-rating-none ${className}`}>{rated.ratingLabel || '未评分'}</Text>
  return (
    <View
      className={`hy-rating hy-rating-${rated.rating} hy-rating-${size} hl-rating hl-rating-${rated.rating} ${className}`}
      aria-label={`${rated.score} 分，${rated.ratingLabel}`}
    >
      <Text className='hy-rating-score hl-rating-score'>{`${rated.score}`}</Text>
      <Text className='hy-rating-unit'>分</Text>
      <Text className='hy-rating-word hl-rating-word'>{`${RATING_MARK[rated.rating]} ${rated.ratingLabel}`}</Text>
    </View>
  )
}

const STATE_MARK: Record<CheckState, string> = { draft: '○', filling: '✎', submitted: '▶', returned: '↩', resubmitted: '▶', scored: '★' }

export function CheckStateChip({ state, label }: { state: CheckState | null; label: string }) {
  return (
    <Text
      className={`hl-chip hy-chip-state hy-chip-state-${state ?? 'none'} hl-check-state hl-check-state-${state ?? 'none'}`}
    >{`${state ? STATE_MARK[state] : '○'} ${label}`}</Text>
  )
}

/** A bar of a share, with the words beside it (the bar is never the only sign). */
export function ProgressBar({ share, words, className = '' }: { share: number; words: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)))
  return (
    <View className={`hy-progress ${className}`}>
      <View className='hy-progress-track' aria-hidden='true'>
        <View className='hy-progress-fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='hl-note hy-progress-words'>{words}</Text>
    </View>
  )
}

/** How many of the latest lines 过程记录 shows before 显示更早的. */
const RECENT_LINES = 8

/** The 过程记录 card: the latest lines first (a review writes one per item), the earlier ones on request. */
export function Timeline({ lines }: { lines: readonly TimelineLine[] | undefined }) {
  const [all, setAll] = useState(false)
  const newest = [...(lines ?? [])].reverse()
  const shown = all ? newest : newest.slice(0, RECENT_LINES)
  return (
    <View className='hy-timeline'>
      <SharedTimeline title='过程记录（最新的在前）' titleClassName='hy-section-title' lines={shown} time={when} />
      {newest.length > shown.length ? (
        <Button className='hl-btn hl-btn-block hl-btn-all-lines' onClick={() => setAll(true)}>
          {`显示更早的 ${newest.length - shown.length} 条`}
        </Button>
      ) : null}
    </View>
  )
}

/** A row that opens something: the whole row is the touch target. */
export function LinkRow({ text, note, className, onClick }: { text: string; note?: string; className: string; onClick: () => void }) {
  return (
    <View className={`hy-link ${className}`} role='button' onClick={onClick}>
      <View className='hy-link-words'>
        <Text className='hy-link-text'>{text}</Text>
        {note ? <Text className='hl-note'>{note}</Text> : null}
      </View>
      <Text className='hy-link-arrow' aria-hidden='true'>
        ›
      </Text>
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

// ---- a date: WeChat's own picker in the mini-program, the browser's in H5 ---------------------------------

export function DateField({
  label,
  name,
  value,
  onChange,
  start,
  error,
}: {
  label: string
  name: string
  value: string
  onChange: (v: string) => void
  start?: string
  error?: string
}) {
  return (
    <View className={`hl-field hy-field hl-field-${name}`}>
      <Text className='hl-field-label'>{label}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <Input
          className={`hl-input hy-input hl-input-${name}`}
          // The browser's own date field (Taro passes the type through).
          type={'date' as 'text'}
          value={value}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Picker mode='date' value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
          <View className={`hy-picker-row hl-input-${name}`}>
            <Text className='hy-picker-row-value'>{value ? day(value) : '请选择'}</Text>
            <Text className='hy-picker-row-hint'>修改 ›</Text>
          </View>
        </Picker>
      )}
      <FieldError field={name} message={error} />
    </View>
  )
}
