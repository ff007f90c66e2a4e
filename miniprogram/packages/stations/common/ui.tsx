import { Text, View } from '@tarojs/components'
import { Bar as SharedBar, barWidth } from '../../../components/bar'
import type { Profile, RoleView } from '../../../services/accounts'
import { scopesOf } from '../../../lib/profile'
import type { OverviewKind } from '../../../services/stations'

export { Choice } from '../../../components/choice'

/** A label above its value. */
export function KV({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`hs-kv ${className ?? ''}`}>
      <Text className='hs-kv-label'>{label}</Text>
      <Text className='hs-kv-value'>{value}</Text>
    </View>
  )
}

/** Open or closed: a mark and words as well as a colour. */
export function OpenChip({ open }: { open: boolean }) {
  return open ? <Text className='hs-chip hl-chip-open'>● 开放中</Text> : <Text className='hs-chip hl-chip-closed'>○ 已关门</Text>
}

export const KIND_LABELS: Record<OverviewKind, string> = {
  onTime: '准时',
  late: '迟到',
  missed: '缺岗',
  unplanned: '计划外',
  autoClosed: '自动签退',
  upcoming: '待值班',
}
const KIND_MARKS: Record<OverviewKind, string> = { onTime: '✓', late: '!', missed: '✕', unplanned: '+', autoClosed: '◷', upcoming: '○' }
export const KIND_ORDER: readonly OverviewKind[] = ['onTime', 'late', 'missed', 'unplanned', 'autoClosed', 'upcoming']

export function KindChip({ kind }: { kind: OverviewKind }) {
  return <Text className={`hs-chip hl-kind-chip hl-kind-${kind}`}>{`${KIND_MARKS[kind]} ${KIND_LABELS[kind]}`}</Text>
}

/** A horizontal bar drawn with Views, the number written beside it. */
export function Bar({ label, value, max, text, className, compact = false }: { label: string; value: number; max: number; text: string; className: string; compact?: boolean }) {
  if (!compact) return <SharedBar label={label} value={value} max={max} text={text} className={className} />
  // One line per bar: label, track, number — a small chart, still with the number written.
  return (
    <View className={`hs-bar-compact ${className}`}>
      <Text className='hs-bar-compact-label'>{label}</Text>
      <View className='hl-bar-track hs-bar-compact-track' aria-hidden='true'>
        <View className='hl-bar-fill' style={{ width: `${barWidth(value, max)}%` }} />
      </View>
      <Text className='hl-bar-value'>{text}</Text>
    </View>
  )
}

/** The communities a leader may look at: their own (社区), or every one under their street (街道). */
export interface CommunityChoice {
  id: string
  name: string
}

/** The places the server opens 值班总览 at for the caller (their scopes). */
export function adminRoles(profile: Profile | undefined): RoleView[] {
  return scopesOf(profile, 'dutyOverview')
}

export function communitiesOf(profile: Profile | undefined, tree: readonly { id: string; kind: string; name: string; parentId: string | null }[] | null): CommunityChoice[] {
  const out: CommunityChoice[] = []
  const seen = new Set<string>()
  const add = (id: string, name: string) => {
    if (seen.has(id)) return
    seen.add(id)
    out.push({ id, name })
  }
  for (const r of adminRoles(profile)) {
    if (r.nodeKind === 'community') add(r.nodeId, r.nodeName)
    else if (r.nodeKind === 'street' && tree) for (const n of tree) if (n.kind === 'community' && n.parentId === r.nodeId) add(n.id, n.name)
  }
  return out
}
