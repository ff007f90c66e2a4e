import '../../shared/open311/open311.errors';
import { appError, httpStatusOf, type ErrorCode } from '../../shared/errors';
import { agencyPlaceIds, services, toGeoRequest } from '../../shared/open311/georeport';
import { API_KEY_PATTERN, RATE_PER_MINUTE, secondsToNextWindow } from '../../shared/open311/keys';
import type { GeoError } from '../../shared/open311/open311.schema';
import { parseRequestsQuery, plainQuery, PLAIN_PARAMETERS, REQUEST_ID, type RawQuery, type RequestsQuery } from '../../shared/open311/query';
import type { Order } from '../../shared/orders/orders.schema';
import { loadNodes } from '../_core/nodes';
import type { Ports } from '../_core/ports';
import type { Doc, Filter } from '../_core/ports/store';
import { hashOfKey, keyAndCounter, takeRequest, type KeyDoc } from './key-store';

/**
 * The read-only Open311 GeoReport v2 view, over HTTP, for district platforms and 12345-style
 * hotlines. The same handler answers the local gateway (`/open311/v2/...`) and the CloudBase HTTP
 * access service (cloudfunctions/open311/index.ts):
 *
 * - `GET …/v2/services.json` — the ten categories; public, no key, no store.
 * - `GET …/v2/requests.json?api_key=…` — the key's street's orders, newest first, by the filters
 *   of shared/open311/query.ts, one indexed query (`orders.street_posted`) per page.
 * - `GET …/v2/requests/{id}.json?api_key=…` — one order, as an array of one; another street's is 404.
 *
 * The key is looked up by its SHA-256 (with its rate counter, in one round trip): missing or unknown
 * → 401, revoked → 403; each key may make `ratePerMinute` requests a minute → 429 with `Retry-After`.
 * Errors are GeoReport's `[{ code, description }]` with the HTTP status as the code and the reason
 * in Chinese and English. Nothing a caller sends makes it answer 500; the payloads carry nothing
 * personal (shared/open311/georeport.ts).
 */

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Open311Options {
  /** Requests per key per minute (default 60). */
  ratePerMinute?: number;
}

/** The English beside each code's Chinese message. */
const ENGLISH: Partial<Record<ErrorCode, string>> = {
  'OPEN311.API_KEY_MISSING': 'api_key is required',
  'OPEN311.API_KEY_INVALID': 'invalid api_key',
  'OPEN311.API_KEY_REVOKED': 'this api_key has been revoked',
  'OPEN311.BAD_PARAMETER': 'invalid parameter',
  'OPEN311.REQUEST_NOT_FOUND': 'service request not found',
  'OPEN311.UNKNOWN_RESOURCE': 'no such resource; try services.json, requests.json or requests/{id}.json',
  'OPEN311.METHOD_NOT_ALLOWED': 'only GET is supported',
  'COMMON.RATE_LIMITED': 'rate limit exceeded; retry after the time in Retry-After',
  'COMMON.INTERNAL': 'internal error; please retry later',
};

const BASE_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  headers: { ...BASE_HEADERS, ...headers },
  body: JSON.stringify(body),
});

/** A GeoReport error: the code's Chinese message and its English, or a sentence about the parameter at fault. */
function geoError(code: ErrorCode, description?: string, headers: Record<string, string> = {}): HttpAnswer {
  const status = httpStatusOf(code);
  const said = description ?? `${appError(code).message} / ${ENGLISH[code] ?? code}`;
  const body: GeoError = [{ code: status, description: said }];
  return json(status, body, headers);
}

const RESOURCE = /\/v2\/(services|requests)(?:\/([^/]+))?\.([A-Za-z0-9]+)$/;

type OrderDoc = Order & Doc;

/** Answers one HTTP request of the Open311 view; never throws. */
export async function handleOpen311(ports: Ports, method: string, path: string, query: RawQuery, options: Open311Options = {}): Promise<HttpAnswer> {
  try {
    return await route(ports, method.toUpperCase(), path, query, options.ratePerMinute ?? RATE_PER_MINUTE);
  } catch (e) {
    // The kind of failure only: never the query (it holds the key).
    console.error(`[open311] ${method} failed: ${(e as Error)?.name ?? 'Error'}`);
    return geoError('COMMON.INTERNAL');
  }
}

async function route(ports: Ports, method: string, path: string, raw: RawQuery, limit: number): Promise<HttpAnswer> {
  const m = RESOURCE.exec(path);
  if (!m) return geoError('OPEN311.UNKNOWN_RESOURCE');
  const [, resource, encodedId, format] = m;
  if (resource === 'services' && encodedId !== undefined) return geoError('OPEN311.UNKNOWN_RESOURCE');
  if (method !== 'GET' && method !== 'HEAD') return geoError('OPEN311.METHOD_NOT_ALLOWED', undefined, { allow: 'GET, HEAD' });
  if (format !== 'json') return geoError('OPEN311.BAD_PARAMETER', '只提供 JSON 格式，请使用 .json / only the JSON format is served; use .json');

  if (resource === 'services') {
    const plain = plainQuery(raw, PLAIN_PARAMETERS);
    return plain.ok ? json(200, services()) : geoError('OPEN311.BAD_PARAMETER', plain.problem.description);
  }

  let id: string | null = null;
  let parsed: RequestsQuery | null = null;
  if (encodedId !== undefined) {
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      id = null;
    }
    if (id === null || !REQUEST_ID.test(id)) return geoError('OPEN311.BAD_PARAMETER', '诉求编号格式不对 / malformed service_request_id');
    const plain = plainQuery(raw, PLAIN_PARAMETERS);
    if (!plain.ok) return geoError('OPEN311.BAD_PARAMETER', plain.problem.description);
  } else {
    const q = parseRequestsQuery(raw, ports.clock.now());
    if (!q.ok) return geoError('OPEN311.BAD_PARAMETER', q.problem.description);
    parsed = q.query;
  }

  const admitted = await admit(ports, raw['api_key'], limit);
  if (!admitted.ok) return admitted.answer;
  const { key, headers } = admitted;

  if (id !== null) {
    const order = await ports.store.get<OrderDoc>('orders', id);
    if (!order || order.place?.path?.streetId !== key.streetId) return geoError('OPEN311.REQUEST_NOT_FOUND', undefined, headers);
    return json(200, await toRequests(ports, [order]), headers);
  }
  return json(200, await toRequests(ports, await findRequests(ports, key.streetId, parsed!)), headers);
}

/** The caller's key, checked and charged one request; or the answer that refuses it. */
async function admit(
  ports: Ports,
  given: RawQuery[string],
  limit: number,
): Promise<{ ok: true; key: KeyDoc; headers: Record<string, string> } | { ok: false; answer: HttpAnswer }> {
  const apiKey = typeof given === 'string' ? given.trim() : given?.[0]?.trim();
  if (!apiKey) return { ok: false, answer: geoError('OPEN311.API_KEY_MISSING') };
  if (!API_KEY_PATTERN.test(apiKey)) return { ok: false, answer: geoError('OPEN311.API_KEY_INVALID') };
  const hash = hashOfKey(apiKey);
  const { key, counter } = await keyAndCounter(ports.store, hash);
  if (!key) return { ok: false, answer: geoError('OPEN311.API_KEY_INVALID') };
  if (key.revokedAt !== null) return { ok: false, answer: geoError('OPEN311.API_KEY_REVOKED') };
  const now = ports.clock.now();
  const left = await takeRequest(ports.store, hash, counter, now, limit);
  const rate = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, left ?? 0)) };
  if (left === null) return { ok: false, answer: geoError('COMMON.RATE_LIMITED', undefined, { ...rate, 'retry-after': String(secondsToNextWindow(now)) }) };
  return { ok: true, key, headers: rate };
}

/** One page of a street's orders for the query: one query on the `street_posted` index (or by id). */
function findRequests(ports: Ports, streetId: string, q: RequestsQuery): Promise<OrderDoc[]> {
  const newestFirst = [
    ['postedAt', -1],
    ['_id', -1],
  ] as const;
  if (q.kind === 'ids') return ports.store.find<OrderDoc>('orders', { _id: { $in: q.ids }, 'place.path.streetId': streetId }, { sort: newestFirst, limit: q.ids.length });
  const filter: Filter = { 'place.path.streetId': streetId, postedAt: q.until ? { $gte: q.from, $lt: q.until } : { $gte: q.from } };
  if (q.states) filter['state'] = { $in: q.states };
  if (q.categories) filter['category'] = { $in: q.categories };
  return ports.store.find<OrderDoc>('orders', filter, { sort: newestFirst, skip: (q.page - 1) * q.pageSize, limit: q.pageSize });
}

/** The orders as GeoReport requests, with the names of the places they stand at (one look-up). */
async function toRequests(ports: Ports, orders: readonly OrderDoc[]) {
  const names = await loadNodes(ports.store, agencyPlaceIds(orders));
  return orders.map((o) => toGeoRequest(o, names));
}
