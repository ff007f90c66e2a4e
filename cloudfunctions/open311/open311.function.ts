import type { FunctionDefinition } from '../_core/pipeline';
import { issueKey } from './actions/issue-key';
import { listKeys } from './actions/list-keys';
import { revokeKey } from './actions/revoke-key';

/** The open311 actions, as the contract names them. */
export const open311Actions = { issueKey, revokeKey, listKeys };

/**
 * Open311 GeoReport v2, read-only: a street admin's API keys as callable actions (one file per
 * action in `actions/`); the GeoReport endpoints themselves are HTTP GETs answered by `http.ts`.
 */
export const open311Function: FunctionDefinition = {
  name: 'open311',
  actions: open311Actions,
};
