import { useEffect, useState } from 'react'
import type { ScopeMenu } from '../services/accounts'
import { loadProfile, scopesOf, useProfile } from './profile'
import { communitiesOf } from './territory'
import { useTerritoryTree } from './territory-tree'

/**
 * Which community a community-wide page (值班总览, 时长审核) shows: the communities behind the places
 * the server opens `menu` at for the caller — their own, or for a street admin each one under the
 * street, which takes the territory tree — and the one picked (the first until another is).
 */
export function useCommunityChoice(menu: ScopeMenu) {
  const profileState = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const places = scopesOf(profileState.profile, menu)
  const tree = useTerritoryTree(places.some((p) => p.nodeKind === 'street'))
  const communities = communitiesOf(places, tree.nodes)
  const [chosen, choose] = useState<string | null>(null)
  const community = communities.find((c) => c.id === chosen) ?? communities[0] ?? null
  const profileError = !profileState.profile && profileState.status === 'error' ? profileState.error : null
  return {
    communities,
    community,
    choose,
    /** Still finding out: the profile, or the tree a street admin's communities come from. */
    loading: (!profileState.profile && !profileError) || tree.loading,
    /** What stopped it, and how to try again. */
    problem: profileError ? { error: profileError, retry: () => void loadProfile(true) } : tree.error ? { error: tree.error, retry: tree.retry } : null,
    /** The server opens this menu nowhere for the caller. */
    nowhere: Boolean(profileState.profile) && places.length === 0,
  }
}

export type CommunityChoiceState = ReturnType<typeof useCommunityChoice>
