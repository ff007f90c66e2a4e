import * as z from 'zod';
import { Id } from '../accounts/accounts.schema';
import { text } from '../api/fields';

// ---- stored documents -------------------------------------------------------------------------

/**
 * `open311_keys/<keyId>`: one API key of one consuming platform (区平台, 12345 热线), issued by a
 * street admin for their street. Only the SHA-256 of the key is kept; the key itself is shown once,
 * in the answer of `issueKey`.
 */
export interface ApiKeyDoc {
  _id: string;
  version: number;
  streetId: string;
  /** The street's path, for the street-admin check. */
  path: { streetId: string };
  /** The platform the key is for, as the admin named it (区城运中心、12345 热线). */
  name: string;
  /** SHA-256 of the key, hex: what a request's `api_key` is looked up by. */
  hash: string;
  /** The key's last four characters, so an admin can tell keys apart. */
  hint: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/**
 * `open311_rate/<key hash>`: the fixed-window counter of one key, one document per key (the window
 * moves, nothing piles up). Version-guarded, so two requests at once never both take the last slot.
 */
export interface RateDoc {
  _id: string;
  version: number;
  /** The Beijing minute the count is for, `2026-11-23T10:05`. */
  window: string;
  count: number;
  /** The last request served: `lastUsedAt` in the admin's key list. */
  lastAt: string;
}

// ---- inputs -----------------------------------------------------------------------------------

export const StreetRef = z.object({ streetId: Id }).strict();
export const IssueKeyInput = z.object({ streetId: Id, name: text(2, 40, '平台名称') }).strict();
export const KeyRef = z.object({ keyId: Id }).strict();

// ---- outputs ----------------------------------------------------------------------------------

export const KeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** `hl311_…abcd`: enough to tell keys apart, never enough to use one. */
  hint: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The start of the last minute the key was used in, or null. */
  lastUsedAt: z.string().nullable(),
});
export type KeyView = z.infer<typeof KeyView>;

export const IssueKeyOutput = z.object({
  key: KeyView,
  /**
   * The key itself: shown this once; only its hash is stored. A repeat of the call (the same
   * requestId) answers null: the replay store never keeps it (`shownOnce` in the contract).
   */
  apiKey: z.string().nullable(),
});
export const KeyOutput = z.object({ key: KeyView });
export const ListKeysOutput = z.object({ keys: z.array(KeyView) });

// ---- GeoReport v2 -----------------------------------------------------------------------------

/** A GeoReport datetime as this API writes it: Beijing time with its offset, `2026-11-23T10:00:00+08:00`. */
export const GeoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

/** `GET services.json`: one element per category. */
export const GeoService = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.literal(false),
    type: z.literal('realtime'),
    keywords: z.string(),
    group: z.string(),
  })
  .strict();
export type GeoService = z.infer<typeof GeoService>;

/** `GET requests.json` and `requests/{id}.json`: one element per order, and nothing personal. */
export const GeoRequest = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string(),
    agency_responsible: z.string(),
    requested_datetime: GeoDateTime,
    updated_datetime: GeoDateTime,
    expected_datetime: GeoDateTime.nullable(),
    address: z.string().nullable(),
    lat: z.number().optional(),
    long: z.number().optional(),
  })
  .strict();
export type GeoRequest = z.infer<typeof GeoRequest>;

/** GeoReport's error body: an array of `{ code, description }`, the code being the HTTP status. */
export const GeoError = z.array(z.object({ code: z.number().int(), description: z.string() }).strict()).min(1);
export type GeoError = z.infer<typeof GeoError>;
