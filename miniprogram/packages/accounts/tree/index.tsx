import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { GRANTED_ROLES, ROLE_LABELS, roleHeldAt, type GrantedRole } from '@shared/accounts/roles'
import { dayTimeText } from '@shared/kernel/time'
import { PageShell } from '../../../components/page-shell'
import { PagedList } from '../../../components/paged-list'
import { ErrorView, Loading } from '../../../components/states'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { ROUTES, withQuery } from '../../../lib/nav'
import { asPage, usePaged } from '../../../lib/paged'
import { lineage, type TreeIndex } from '../../../lib/territory'
import { useTerritoryTree } from '../../../lib/territory-tree'
import { accounts, type InviteView, type MemberView, type Profile, type TreeNode } from '../../../services/accounts'
import './index.scss'

const EXPIRY_CHOICES = [
  { hours: 24, label: '1 天' },
  { hours: 72, label: '3 天' },
  { hours: 168, label: '7 天' },
] as const

/** `11月29日 09:44` in Beijing time, whatever the device is set to. */
const formatTime = (iso: string) => dayTimeText(iso) || iso

function Members({ node }: { node: TreeNode }) {
  const [kind, setKind] = useState<'roles' | 'residents'>('roles')
  const members = usePaged<MemberView>(`${node.id}:${kind}`, async (offset, limit) => asPage(await accounts.listMembers({ nodeId: node.id, kind, offset, limit }), 'members'), {
    idOf: (m) => m.userId,
  })

  return (
    <View className='hl-card tree-members'>
      <View className='tree-tabs'>
        <Button
          className={`hl-btn tree-tab hl-tab-roles${kind === 'roles' ? ' tree-tab-on' : ''}`}
          type={kind === 'roles' ? 'primary' : 'default'}
          onClick={() => setKind('roles')}
        >
          工作人员
        </Button>
        <Button
          className={`hl-btn tree-tab hl-tab-residents${kind === 'residents' ? ' tree-tab-on' : ''}`}
          type={kind === 'residents' ? 'primary' : 'default'}
          onClick={() => setKind('residents')}
        >
          居民
        </Button>
      </View>
      <PagedList
        paged={members}
        className='tree-member-list'
        empty={kind === 'roles' ? '这里还没有工作人员' : '这里还没有登记的居民'}
        moreText={(left) => `加载更多（还有 ${left} 位）`}
        endText={null}
        render={(m) => (
          <View key={m.userId} className={`hl-row tree-member tree-member-${m.userId}`}>
            <View className='hl-label'>
              <Text className='hl-text'>{m.name}</Text>
              <Text className='hl-note'>{m.roles.map((r) => `${r.roleLabel}${r.nodeName ? `（${r.nodeName}）` : ''}`).join('、') || '居民'}</Text>
              {m.homeBreadcrumb.length ? <Text className='hl-note'>{m.homeBreadcrumb.join(' › ')}</Text> : null}
            </View>
            <View className='hl-label'>
              <Text className='hl-note'>{m.phoneMasked ?? '未留手机号'}</Text>
              {m.allowedActions.includes('postOnBehalf') ? (
                <Button
                  className={`hl-btn hl-btn-proxy-post hl-btn-proxy-${m.userId}`}
                  size='small'
                  onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.orderPost, { onBehalfOf: m.userId }) })}
                >
                  代办
                </Button>
              ) : null}
            </View>
          </View>
        )}
      />
    </View>
  )
}

/** Roles this person could grant at a node of this kind: the grants their invite scopes carry (the server decides again). */
function grantableAt(profile: Profile, node: TreeNode): GrantedRole[] {
  const mine = new Set<GrantedRole>()
  for (const s of scopesOf(profile, 'invites')) for (const g of s.grants ?? []) mine.add(g)
  return GRANTED_ROLES.filter((role) => mine.has(role) && roleHeldAt(role, node.kind))
}

function InviteMaker({ node, roles }: { node: TreeNode; roles: GrantedRole[] }) {
  const [role, setRole] = useState<GrantedRole | null>(roles[0] ?? null)
  const [hours, setHours] = useState<number>(72)
  const [invite, setInvite] = useState<InviteView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    setRole(roles[0] ?? null)
    setInvite(null)
    setError(null)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resets the choice when another node opens, not when the roles array is rebuilt
  }, [node.id])

  const create = async () => {
    if (!role) return
    setBusy(true)
    setError(null)
    const answer = await accounts.createInvite({ role, nodeId: node.id, expiresInHours: hours })
    setBusy(false)
    if (answer.ok) setInvite(answer.data.invite)
    else setError(answer.error.message)
  }

  return (
    <View className='hl-card tree-invite'>
      <Text className='hl-title'>{`邀请到 ${node.name}`}</Text>
      <Text className='hl-field-label'>身份</Text>
      <View className='tree-choices'>
        {roles.map((r) => (
          <Button key={r} className={`hl-btn tree-choice hl-invite-role-${r}`} type={role === r ? 'primary' : 'default'} onClick={() => setRole(r)}>
            {ROLE_LABELS[r]}
          </Button>
        ))}
      </View>
      <Text className='hl-field-label'>有效期</Text>
      <View className='tree-choices'>
        {EXPIRY_CHOICES.map((c) => (
          <Button key={c.hours} className={`hl-btn tree-choice hl-invite-hours-${c.hours}`} type={hours === c.hours ? 'primary' : 'default'} onClick={() => setHours(c.hours)}>
            {c.label}
          </Button>
        ))}
      </View>
      {error ? <Text className='hl-notice hl-notice-error hl-invite-error'>{error}</Text> : null}
      {invite ? (
        <View className='hl-notice hl-notice-ok hl-invite-result'>
          <Text className='hl-text'>{`${invite.roleLabel}邀请码（只能用一次）：`}</Text>
          <Text className='tree-code hl-invite-code' userSelect>
            {invite.code}
          </Text>
          <Text className='hl-note'>{`${formatTime(invite.expiresAt)} 前有效`}</Text>
        </View>
      ) : null}
      <Button className='hl-btn hl-btn-block hl-btn-create-invite' type='primary' size='large' loading={busy} disabled={busy || !role} onClick={create}>
        生成邀请码
      </Button>
    </View>
  )
}

function startNode(profile: Profile | undefined, index: TreeIndex): string | null {
  const admin = scopesOf(profile, 'members').find((s) => index.byId.has(s.nodeId))
  if (admin) return admin.nodeId
  let id: string | null = null
  for (;;) {
    const kids: TreeNode[] = index.children.get(id) ?? []
    if (kids.length !== 1) return id
    id = kids[0]!.id
  }
}

export default function TerritoryTree() {
  const state = useProfile()
  const tree = useTerritoryTree()
  const index = tree.index
  // Where the person went; until they move, where their members scope is (once tree and profile are here).
  const [moved, setCursor] = useState<string | null | undefined>(undefined)
  useEffect(() => {
    void loadProfile()
  }, [])

  const profile = state.profile
  const settled = state.status !== 'loading' && state.status !== 'idle'
  const cursor = moved !== undefined ? moved : index && settled ? startNode(profile, index) : undefined

  const allowed = useMemo(() => new Set(profile?.allowedActions ?? []), [profile])
  const node = index && cursor ? index.byId.get(cursor) : undefined
  const trail = index && cursor ? lineage(index, cursor) : []
  const children = index ? (index.children.get(cursor ?? null) ?? []) : []
  const roles = profile && node && allowed.has('createInvite') ? grantableAt(profile, node) : []

  return (
    <PageShell name='tree'>
      <Text className='hl-title'>辖区与成员</Text>
      {tree.error ? <ErrorView error={tree.error} onRetry={tree.retry} /> : null}
      {!index && !tree.error ? <Loading /> : null}
      {index && cursor !== undefined ? (
        <>
          <View className='tree-trail'>
            <Button className='hl-btn tree-crumb hl-crumb-root' size='small' onClick={() => setCursor(null)}>
              全部
            </Button>
            {trail.map((n) => (
              <Button key={n.id} className={`hl-btn tree-crumb hl-crumb-${n.id}`} size='small' onClick={() => setCursor(n.id)}>
                {n.name}
              </Button>
            ))}
          </View>

          {node ? (
            <View className='hl-card tree-node'>
              <Text className='hl-hero'>{node.name}</Text>
              <Text className='hl-note'>{node.kindLabel}</Text>
              {node.address ? <Text className='hl-note'>{`地址：${node.address}`}</Text> : null}
              {node.openingHours ? <Text className='hl-note'>{`开放时间：${node.openingHours}`}</Text> : null}
            </View>
          ) : null}

          <View className='hl-card tree-children'>
            <Text className='hl-title'>{node ? '下级' : '街道'}</Text>
            {children.length === 0 ? <Text className='hl-note'>没有下级了</Text> : null}
            {children.map((c) => (
              <View key={c.id} className={`hl-row tree-child hl-node-${c.id}`} onClick={() => setCursor(c.id)}>
                <Text className='hl-text'>{c.name}</Text>
                <Text className='hl-note'>{`${c.kindLabel} ›`}</Text>
              </View>
            ))}
          </View>

          {node && roles.length > 0 ? <InviteMaker node={node} roles={roles} /> : null}
          {node && allowed.has('listMembers') ? <Members node={node} /> : null}
        </>
      ) : null}
    </PageShell>
  )
}
