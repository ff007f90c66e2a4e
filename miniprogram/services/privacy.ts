import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/**
 * Typed calls of the `privacy` cloud function: my data (export, 注销账号), who read it (谁查看了我的信息),
 * and the street's reveal log. Types only from shared/.
 */
export type MyData = ApiOutput<'privacy', 'exportMine'>
export type DeletePreview = ApiOutput<'privacy', 'deletePreview'>
export type DeleteAccountInput = ApiInput<'privacy', 'deleteAccount'>
export type MyReveal = ApiOutput<'privacy', 'myReveals'>['items'][number]
export type RevealLogInput = ApiInput<'privacy', 'revealLog'>
export type RevealLog = ApiOutput<'privacy', 'revealLog'>

export const privacy = {
  exportMine: () => call('privacy', 'exportMine', {}),
  deletePreview: () => call('privacy', 'deletePreview', {}),
  deleteAccount: (input: DeleteAccountInput) => call('privacy', 'deleteAccount', input),
  myReveals: (page: { offset?: number; limit?: number }) => call('privacy', 'myReveals', page),
  revealLog: (input: RevealLogInput) => call('privacy', 'revealLog', input),
}
