import type { ClientError } from '../services/call'
import { accounts, type Profile, type ScopeMenu, type ScopeView } from '../services/accounts'
import { setLargeTextPreference } from './elder'
import { createStore, useStore } from './store'

/** The caller's profile, loaded once and shared by every page; reloaded after edits. */
export type ProfileState = { status: 'idle' | 'loading'; profile?: Profile } | { status: 'ready'; profile: Profile } | { status: 'error'; error: ClientError; profile?: Profile }

const profileStore = createStore<ProfileState>({ status: 'idle' })
let inFlight: Promise<void> | null = null

export function loadProfile(force = false): Promise<void> {
  const current = profileStore.get()
  if (inFlight) return inFlight
  if (!force && current.status === 'ready') return Promise.resolve()
  profileStore.set({ status: 'loading', profile: current.profile })
  inFlight = accounts
    .me()
    .then((answer) => {
      if (answer.ok) {
        setLargeTextPreference(answer.data.user.largeText)
        profileStore.set({ status: 'ready', profile: answer.data.user })
      } else {
        profileStore.set({ status: 'error', error: answer.error, profile: current.profile })
      }
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

/** After a successful write that answered with the fresh profile. */
export function setProfile(profile: Profile): void {
  setLargeTextPreference(profile.largeText)
  profileStore.set({ status: 'ready', profile })
}

export function useProfile(): ProfileState {
  return useStore(profileStore)
}

/** Forget the loaded profile (the local persona changed): the next page to show loads it again. */
export function resetProfile(): void {
  profileStore.set({ status: 'idle' })
}

/** The places the server lets the caller open `menu` at (their scopes); none before the profile loads. */
export function scopesOf(profile: Profile | undefined, menu: ScopeMenu): ScopeView[] {
  return profile?.scopes[menu] ?? []
}

/** Does the server offer the caller `menu` anywhere? Menus are built from this, never from role names. */
export function opens(profile: Profile | undefined, menu: ScopeMenu): boolean {
  return scopesOf(profile, menu).length > 0
}
