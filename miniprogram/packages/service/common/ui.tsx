import { Text } from '@tarojs/components'
import type { RecordEntry } from '../../../services/service'
import type { Profile, RoleView } from '../../../services/accounts'
import { scopesOf } from '../../../lib/profile'

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

/** The places the server opens 时长审核 (or 单位报告) at for the caller (their scopes). */
export function adminRoles(profile: Profile | undefined, menu: 'approvals' | 'reports' = 'approvals'): RoleView[] {
  return scopesOf(profile, menu)
}

/** The communities an admin reviews for: their own, or each one under their street. */
export function communitiesOf(profile: Profile | undefined, tree: readonly { id: string; kind: string; name: string; parentId: string | null }[] | null): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = []
  const seen = new Set<string>()
  for (const r of adminRoles(profile)) {
    const add = (id: string, name: string) => {
      if (!seen.has(id)) out.push({ id, name })
      seen.add(id)
    }
    if (r.nodeKind === 'community') add(r.nodeId, r.nodeName)
    else if (r.nodeKind === 'street' && tree) for (const n of tree) if (n.kind === 'community' && n.parentId === r.nodeId) add(n.id, n.name)
  }
  return out
}
