import { useEffect } from 'react'
import { isCommunityLevel } from '@shared/territory/kinds'
import type { ClientError } from '../../../services/call'
import { loadProfile, scopesOf, useProfile } from '../../../lib/profile'
import { lineage } from '../../../lib/territory'
import { useTerritoryTree } from '../../../lib/territory-tree'

export type WhichCommunity = { status: 'loading' } | { status: 'error'; error: ClientError; retry: () => void } | { status: 'none' } | { status: 'ready'; communityId: string }

/**
 * Which community a 三方共治 page shows: the one in its link; else, for a link that asks for the
 * caller's home (`fromHome`, 办事's 责任清单公示), the community of their home; else the first community
 * the server opens 三方共治 at for the caller, else the community of the first compound it opens it at
 * (a property desk's or an owners' committee member's place) or of their home. A compound's and a
 * home's community are found in the territory tree: neither the scope nor the profile's home names it.
 */
export function useWhichCommunity(fromLink: string, fromHome = false): WhichCommunity {
  const state = useProfile()
  useEffect(() => {
    void loadProfile()
  }, [])
  const profile = state.profile
  const places = scopesOf(profile, 'compounds')
  const home = profile?.home?.buildingId ?? null
  const atCommunity = fromHome ? undefined : places.find((p) => isCommunityLevel(p.nodeKind))
  const below = fromHome ? home : (places.find((p) => p.nodeKind === 'compound')?.nodeId ?? home)
  const needTree = !fromLink && Boolean(profile) && !atCommunity && below !== null
  const tree = useTerritoryTree(needTree)

  if (fromLink) return { status: 'ready', communityId: fromLink }
  if (!profile) return state.status === 'error' ? { status: 'error', error: state.error, retry: () => void loadProfile(true) } : { status: 'loading' }
  if (atCommunity) return { status: 'ready', communityId: atCommunity.nodeId }
  if (!needTree) return { status: 'none' }
  if (tree.error) return { status: 'error', error: tree.error, retry: tree.retry }
  if (!tree.index) return { status: 'loading' }
  const community = lineage(tree.index, below).find((n) => isCommunityLevel(n.kind))
  return community ? { status: 'ready', communityId: community.id } : { status: 'none' }
}
