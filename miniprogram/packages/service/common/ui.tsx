import { Text } from '@tarojs/components'
import type { RecordEntry } from '../../../services/service'

export { Choice } from '../../../components/choice'

export { Bar } from '../../../components/bar'

const SOURCE_MARKS: Record<RecordEntry['source'], string> = { order: '▶', duty: '⌂', manual: '✎' }

export function SourceChip({ entry }: { entry: Pick<RecordEntry, 'source' | 'sourceLabel'> }) {
  return <Text className={`hv-chip hl-source-chip hl-source-${entry.source}`}>{`${SOURCE_MARKS[entry.source]} ${entry.sourceLabel}`}</Text>
}

const STATUS: Record<NonNullable<RecordEntry['status']>, string> = { pending: '○ 待审核', approved: '✓ 已通过', rejected: '✕ 已退回' }

export function StatusChip({ status }: { status: RecordEntry['status'] }) {
  return status ? <Text className={`hv-chip hl-status-chip hl-status-${status}`}>{STATUS[status]}</Text> : null
}
