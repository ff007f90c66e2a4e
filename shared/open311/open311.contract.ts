// The messages of the codes this contract's actions answer with: every bundle that serves them carries them.
import './open311.errors';
import { spec } from '../api/spec';
import * as O from './open311.schema';

/**
 * The `open311` block of the API contract: a street admin's API keys for the read-only Open311
 * GeoReport v2 view (`GET /open311/v2/services.json`, `requests.json`, `requests/{id}.json`, served
 * over HTTP by the same function, see cloudfunctions/open311/http.ts).
 */
export const open311Api = {
  issueKey: spec({
    summary: '街道为一个对接平台（区平台、12345 热线）发放 Open311 只读接口密钥；密钥只显示这一次，系统只保存其摘要',
    kind: 'write',
    input: O.IssueKeyInput,
    output: O.IssueKeyOutput,
    shownOnce: ['apiKey'],
    errors: ['TERRITORY.NODE_NOT_FOUND', 'OPEN311.TOO_MANY_KEYS', 'COMMON.CONTENT_UNSAFE', 'COMMON.FORBIDDEN'],
  }),
  revokeKey: spec({
    summary: '停用一个接口密钥：此后用它的请求一律拒绝',
    kind: 'write',
    input: O.KeyRef,
    output: O.KeyOutput,
    errors: ['OPEN311.KEY_NOT_FOUND', 'OPEN311.KEY_ALREADY_REVOKED', 'COMMON.CONFLICT'],
  }),
  listKeys: spec({
    summary: '本街道的接口密钥：平台名称、末四位、发放与停用时间、最近使用时间',
    kind: 'read',
    input: O.StreetRef,
    output: O.ListKeysOutput,
    errors: ['TERRITORY.NODE_NOT_FOUND', 'COMMON.FORBIDDEN'],
  }),
};
