import type { Profile, ScopeView } from '../../../services/accounts'
import { opens, scopesOf } from '../../../lib/profile'

/**
 * Where the caller leads (网格长, 社区, 街道): the places the server opens its leaders' menus at (the
 * queue's scopes, shared/accounts/scopes.ts), never a reading of role names.
 */
export const leaderPlaces = (profile: Profile | undefined): ScopeView[] => scopesOf(profile, 'queue')
export const leads = (profile: Profile | undefined): boolean => opens(profile, 'queue')

/** The grid a page is about: the one asked for, or the caller's home grid. */
export function gridOf(profile: Profile | undefined, asked: string | undefined): string | undefined {
  return asked || profile?.home?.gridId || leaderPlaces(profile).find((s) => s.nodeKind === 'grid')?.nodeId
}
