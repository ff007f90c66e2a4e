import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Timeline as SharedTimeline, type TimelineLine } from '../../../components/timeline'
import { when } from '../../../lib/time-words'
import type { CheckState, Rated, Rating } from '../../../services/liuyou'

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

/** The thresholds as the matrix shows them: each rating's mark, word and score. */
export function ThresholdLegend({ thresholds }: { thresholds: { green: number; amber: number } }) {
  return (
    <View className='hy-legend hl-threshold-legend' aria-label={`达标 ${thresholds.green} 分及以上，基本达标 ${thresholds.amber} 分及以上，其余未达标`}>
      <Text className='hy-rating hy-rating-green hl-threshold-green'>{`✓ 达标 ≥ ${thresholds.green}`}</Text>
      <Text className='hy-rating hy-rating-amber hl-threshold-amber'>{`! 基本达标 ≥ ${thresholds.amber}`}</Text>
      <Text className='hy-rating hy-rating-red hl-threshold-red'>{`✕ 未达标 < ${thresholds.amber}`}</Text>
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

/** How many of the latest lines 过程记录 shows before 显示更早的. */
const RECENT_LINES = 8

/** The 过程记录 card: the latest lines first (a review writes one per item), the earlier ones on request. */
export function Timeline({ lines }: { lines: readonly TimelineLine[] | undefined }) {
  const [all, setAll] = useState(false)
  const newest = [...(lines ?? [])].reverse()
  const shown = all ? newest : newest.slice(0, RECENT_LINES)
  return (
    <View className='hy-timeline'>
      <SharedTimeline title='过程记录（最新的在前）' titleClassName='hl-section-title' lines={shown} time={when} />
      {newest.length > shown.length ? (
        <Button className='hl-btn hl-btn-block hl-btn-all-lines' onClick={() => setAll(true)}>
          {`显示更早的 ${newest.length - shown.length} 条`}
        </Button>
      ) : null}
    </View>
  )
}
