import { useEffect } from 'react'
import { isCommunityLevel } from '@shared/territory/kinds'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { useTerritoryTree } from '../../../lib/territory-tree'
import type { ScopeView } from '../../../services/accounts'

/** A community (or 集中居住区) whose 六有 checks the caller opens, and whether they start one there. */
export interface LiuyouCommunity {
  id: string
  name: string
  /** Opened at the community or the street above (its admins start a check); a grid leader only fills. */
  starts: boolean
}

/**
 * Where the caller opens 六有 (the `liuyou` scopes the server sends, shared/accounts/scopes.ts): the
 * streets whose matrix they see, and the communities whose checks they fill or review — a community
 * place is itself, a grid the community above it, a street each community under it (from the tree).
 */
export function useLiuyouPlaces() {
  const profileState = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const places: ScopeView[] = scopesOf(profileState.profile, 'liuyou')
  const tree = useTerritoryTree(places.some((p) => !isCommunityLevel(p.nodeKind)))
  const streets = places.filter((p) => p.nodeKind === 'street')
  const communities: LiuyouCommunity[] = []
  const add = (id: string, name: string, starts: boolean) => {
    const seen = communities.find((c) => c.id === id)
    if (seen) seen.starts ||= starts
    else communities.push({ id, name, starts })
  }
  for (const p of places) {
    if (isCommunityLevel(p.nodeKind)) add(p.nodeId, p.nodeName, true)
    else if (p.nodeKind === 'grid') {
      const grid = tree.index?.byId.get(p.nodeId)
      const community = grid?.parentId ? tree.index?.byId.get(grid.parentId) : undefined
      if (community && isCommunityLevel(community.kind)) add(community.id, community.name, false)
    } else if (p.nodeKind === 'street' && tree.nodes) for (const n of tree.nodes) if (isCommunityLevel(n.kind) && n.parentId === p.nodeId) add(n.id, n.name, true)
  }
  const profileError = !profileState.profile && profileState.status === 'error' ? profileState.error : null
  return {
    streets,
    communities,
    loading: (!profileState.profile && !profileError) || tree.loading,
    problem: profileError ? { error: profileError, retry: () => void loadProfile(true) } : tree.error ? { error: tree.error, retry: tree.retry } : null,
    /** The server opens 六有 nowhere for the caller. */
    nowhere: Boolean(profileState.profile) && places.length === 0,
  }
}
