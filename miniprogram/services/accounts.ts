import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/** Typed calls of the `accounts` cloud function. Types only from shared/: zod stays out of the app. */
export type MeOutput = ApiOutput<'accounts', 'me'>
export type Profile = MeOutput['user']
export type RoleView = Profile['roles'][number]
/** A menu the server may open for the caller (queue, stats, approvals…): shared/accounts/scopes.ts. */
export type ScopeMenu = keyof Profile['scopes']
/** A place the caller may open a menu at. */
export type ScopeView = Profile['scopes'][ScopeMenu][number]
export type HomeView = NonNullable<Profile['home']>
export type TreeNode = ApiOutput<'accounts', 'tree'>['nodes'][number]
export type MemberView = ApiOutput<'accounts', 'listMembers'>['members'][number]
export type Persona = ApiOutput<'accounts', 'personas'>['personas'][number]
export type InviteView = ApiOutput<'accounts', 'createInvite'>['invite']
export type InboxMessage = ApiOutput<'accounts', 'inbox'>['messages'][number]
export type WebSessionView = ApiOutput<'accounts', 'listWebSessions'>['sessions'][number]
export type WebLoginCode = ApiOutput<'accounts', 'startWebLogin'>

export const accounts = {
  me: () => call('accounts', 'me', {}),
  updateProfile: (input: ApiInput<'accounts', 'updateProfile'>) => call('accounts', 'updateProfile', input),
  createInvite: (input: ApiInput<'accounts', 'createInvite'>) => call('accounts', 'createInvite', input),
  redeemInvite: (input: ApiInput<'accounts', 'redeemInvite'>) => call('accounts', 'redeemInvite', input),
  listMembers: (input: ApiInput<'accounts', 'listMembers'>) => call('accounts', 'listMembers', input),
  revealContact: (input: ApiInput<'accounts', 'revealContact'>) => call('accounts', 'revealContact', input),
  tree: () => call('accounts', 'tree', {}),
  /** The caller's notifications, newest first (limit ≤ 50). */
  inbox: (input: ApiInput<'accounts', 'inbox'>) => call('accounts', 'inbox', input),
  /** Local demo only (the gateway answers COMMON.LOCAL_ONLY elsewhere). */
  personas: () => call('accounts', 'personas', {}),
  /** 扫码登录, the PC: a code to scan (no login needed), then its poll with the code's secret. */
  startWebLogin: (input: ApiInput<'accounts', 'startWebLogin'>) => call('accounts', 'startWebLogin', input, { retries: 0 }),
  pollWebLogin: (input: ApiInput<'accounts', 'pollWebLogin'>) => call('accounts', 'pollWebLogin', input, { retries: 0 }),
  /** 扫码登录, the phone: confirm the PC whose code was scanned. */
  confirmWebLogin: (input: ApiInput<'accounts', 'confirmWebLogin'>) => call('accounts', 'confirmWebLogin', input),
  listWebSessions: () => call('accounts', 'listWebSessions', {}),
  revokeWebSession: (input: ApiInput<'accounts', 'revokeWebSession'>) => call('accounts', 'revokeWebSession', input),
}
