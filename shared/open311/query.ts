import * as z from 'zod';
import { beijingInstant } from '../kernel/time';
import type { Category } from '../orders/categories';
import { ORDER_STATES, type OrderState } from '../orders/order.machine';
import { CLOSED_STATES, categoryOfCode, SERVICE_CODES } from './georeport';

/**
 * The query string of `GET requests.json`, checked whole before anything is read. A query string is
 * strings only: a parameter given twice, a name the API does not know (`status[$ne]`), a value
 * that is not one of the allowed words (`service_code={"$gt":""}`) — each is a 400 with a sentence
 * in Chinese and English, never a filter passed on to the store.
 *
 * - `start_date`, `end_date`: W3C / ISO 8601 (`2026-11-01`, `2026-11-01T08:00`, with `Z` or an
 *   offset; none means Beijing time; a `+` turned into a space by URL decoding is read as `+`).
 *   A date alone is its whole Beijing day: `end_date=2026-11-30` includes the 30th. As the
 *   GeoReport spec asks, one query spans at most 90 days: with neither, the last 90 days; with one,
 *   the 90 days after the start or before the end.
 * - `status`: `open`, `closed` or both, comma-separated. `service_code`: category codes, comma-separated.
 * - `service_request_id`: up to 100 ids, comma-separated; as the spec says, it overrides the rest.
 * - `page` (from 1) and `page_size` (1–1000, 50 when left out), newest first.
 * - `api_key` is checked by the handler; `jurisdiction_id` is accepted and ignored (a key names its street).
 */

export const MAX_SPAN_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;
/** Rows a query may skip: deeper pages are a narrower date range away. */
export const MAX_SKIP = 100_000;
const DAY_MS = 86_400_000;

export type RequestsQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'range';
      /** ISO instants (`toISOString`), `from` inclusive, `until` exclusive: compared with `postedAt` as strings. */
      from: string;
      until: string | null;
      /** null: every state. */
      states: OrderState[] | null;
      /** null: every category. */
      categories: Category[] | null;
      page: number;
      pageSize: number;
    };

/** A 400's sentence: Chinese first, English after, about one parameter. */
export interface QueryProblem {
  parameter: string | null;
  description: string;
}

const say = (zh: string, en: string) => `${zh} / ${en}`;

/** An order or request id as it may appear in a URL: ids are `ord_` and 16 hex digits, but any plain id is looked up. */
export const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+\- ]\d{2}:\d{2})?)?$/;

/** A W3C datetime as an instant and whether it was a date alone; null when it is not one (2026-02-30 is not). */
export function parseW3c(value: string): { at: number; dateOnly: boolean } | null {
  const m = W3C.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const day = `${y}-${mo}-${d}`;
  // The calendar must agree with itself: no 30 February, no hour 24.
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) return null;
  if (h === undefined) return { at: Date.parse(beijingInstant(day)), dateOnly: true };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const offset = zone === undefined ? '+08:00' : zone === 'Z' ? 'Z' : zone.replace(' ', '+');
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4)) > 59)) return null;
  const at = Date.parse(`${day}T${h}:${mi}:${s ?? '00'}.${(frac ?? '0').slice(0, 3).padEnd(3, '0')}${offset}`);
  return Number.isNaN(at) ? null : { at, dateOnly: false };
}

const listOf = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

const dateParam = (name: string) =>
  z
    .string()
    .max(40, say(`${name} 太长`, `${name} is too long`))
    .refine((v) => parseW3c(v) !== null, say(`${name} 不是有效的日期时间，请用 2026-11-01 或 2026-11-01T08:00:00+08:00 的格式`, `${name} is not a valid W3C datetime`));

const intParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, say(`${name} 须为整数`, `${name} must be an integer`))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, say(`${name} 不能小于 ${min}`, `${name} must be at least ${min}`))
        .max(max, say(`${name} 不能超过 ${max}`, `${name} must be at most ${max}`)),
    );

const STATUSES = ['open', 'closed'] as const;
const QueryString = z
  .object({
    api_key: z.string().max(100).optional(),
    jurisdiction_id: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, say('jurisdiction_id 格式不对', 'jurisdiction_id is malformed'))
      .optional(),
    start_date: dateParam('start_date').optional(),
    end_date: dateParam('end_date').optional(),
    status: z
      .string()
      .max(40)
      .transform(listOf)
      .pipe(z.array(z.enum(STATUSES, say('status 只能是 open 或 closed', 'status must be open or closed'))).min(1, say('status 不能为空', 'status must not be empty')))
      .optional(),
    service_code: z
      .string()
      .max(200)
      .transform(listOf)
      .pipe(
        z
          .array(z.enum(SERVICE_CODES as [string, ...string[]], say(`service_code 只能是 ${SERVICE_CODES.join(', ')}`, `unknown service_code; known: ${SERVICE_CODES.join(', ')}`)))
          .min(1, say('service_code 不能为空', 'service_code must not be empty')),
      )
      .optional(),
    service_request_id: z
      .string()
      .max(6600)
      .transform(listOf)
      .pipe(
        z
          .array(z.string().regex(REQUEST_ID, say('service_request_id 格式不对', 'service_request_id is malformed')))
          .min(1, say('service_request_id 不能为空', 'service_request_id must not be empty'))
          .max(100, say('service_request_id 一次最多 100 个', 'at most 100 service_request_id at once')),
      )
      .optional(),
    page: intParam('page', 1, 10_000).optional(),
    page_size: intParam('page_size', 1, MAX_PAGE_SIZE).optional(),
  })
  .strict();

/** The parameter names of `requests.json`. */
export const REQUESTS_PARAMETERS = Object.keys(QueryString.shape);

/** A raw query: what URL decoding gives, a name with one value or several. */
export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Shape checks any endpoint's query string passes first: known names (of `allowed`), one value each, plain text. */
export function plainQuery(raw: RawQuery, allowed: readonly string[]): { ok: true; query: Record<string, string> } | { ok: false; problem: QueryProblem } {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    if (!allowed.includes(name)) return { ok: false, problem: { parameter: shown, description: say(`不支持的参数：${shown}`, `unsupported parameter: ${shown}`) } };
    if (typeof value !== 'string') {
      if (value.length !== 1)
        return {
          ok: false,
          problem: { parameter: name, description: say(`参数 ${name} 只能出现一次，多个值请用逗号分隔`, `${name} may appear once; separate several values with commas`) },
        };
      query[name] = value[0]!;
    } else query[name] = value;
    if (/[\u0000-\u001f\u007f]/.test(query[name]!))
      return { ok: false, problem: { parameter: name, description: say(`参数 ${name} 含有控制字符`, `${name} contains control characters`) } };
  }
  return { ok: true, query };
}

/** Parses and checks the query of `requests.json` at `now`. */
export function parseRequestsQuery(raw: RawQuery, now: string): { ok: true; query: RequestsQuery } | { ok: false; problem: QueryProblem } {
  const plain = plainQuery(raw, REQUESTS_PARAMETERS);
  if (!plain.ok) return plain;
  const parsed = QueryString.safeParse(plain.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = issue.path.length ? String(issue.path[0]) : null;
    return {
      ok: false,
      problem: { parameter, description: issue.message.includes(' / ') ? issue.message : say(`参数 ${parameter ?? ''} 有误`, `${parameter ?? 'a parameter'} is invalid`) },
    };
  }
  const q = parsed.data;
  if (q.service_request_id) return { ok: true, query: { kind: 'ids', ids: [...new Set(q.service_request_id)] } };

  const start = q.start_date ? parseW3c(q.start_date)! : null;
  const end = q.end_date ? parseW3c(q.end_date)! : null;
  // A date alone as the end is its whole day; a datetime is included to the millisecond.
  const until = end ? end.at + (end.dateOnly ? DAY_MS : 1) : null;
  const span = MAX_SPAN_DAYS * DAY_MS;
  let from: number;
  let upTo: number | null;
  if (start && until !== null) {
    if (start.at >= until) return { ok: false, problem: { parameter: 'end_date', description: say('end_date 不能早于 start_date', 'end_date must not be before start_date') } };
    if (until - start.at > span + DAY_MS * (end?.dateOnly ? 1 : 0))
      return { ok: false, problem: { parameter: 'end_date', description: say(`一次查询最多跨 ${MAX_SPAN_DAYS} 天`, `a query may span at most ${MAX_SPAN_DAYS} days`) } };
    [from, upTo] = [start.at, until];
  } else if (start) [from, upTo] = [start.at, start.at + span];
  else if (until !== null) [from, upTo] = [until - span, until];
  else [from, upTo] = [Date.parse(now) - span, null];

  const pageSize = q.page_size ?? DEFAULT_PAGE_SIZE;
  const page = q.page ?? 1;
  if ((page - 1) * pageSize > MAX_SKIP)
    return {
      ok: false,
      problem: { parameter: 'page', description: say(`翻页太深（最多跳过 ${MAX_SKIP} 条），请缩小日期范围`, `page too deep (at most ${MAX_SKIP} rows skipped); narrow the dates`) },
    };

  const statuses = new Set(q.status ?? STATUSES);
  const states = statuses.size === STATUSES.length ? null : ORDER_STATES.filter((s) => CLOSED_STATES.includes(s) === statuses.has('closed'));
  const categories = q.service_code ? [...new Set(q.service_code)].map((c) => categoryOfCode(c)!) : null;
  return {
    ok: true,
    query: { kind: 'range', from: new Date(from).toISOString(), until: upTo === null ? null : new Date(upTo).toISOString(), states, categories, page, pageSize },
  };
}

/** The query string of `services.json` and `requests/{id}.json`: the key and the jurisdiction only. */
export const PLAIN_PARAMETERS = ['api_key', 'jurisdiction_id'] as const;
