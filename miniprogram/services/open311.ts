import type { ApiInput, ApiOutput } from '@shared/api/contract'
import { call } from './call'

/**
 * Typed calls of the `open311` cloud function: a street admin's API keys for the read-only Open311
 * GeoReport v2 view that district platforms and 12345 hotlines read. Types only from shared/.
 */
export type KeyView = ApiOutput<'open311', 'listKeys'>['keys'][number]
export type IssuedKey = ApiOutput<'open311', 'issueKey'>
export type IssueKeyInput = ApiInput<'open311', 'issueKey'>

export const open311 = {
  listKeys: (streetId: string) => call('open311', 'listKeys', { streetId }),
  issueKey: (input: IssueKeyInput) => call('open311', 'issueKey', input),
  revokeKey: (keyId: string) => call('open311', 'revokeKey', { keyId }),
}
