import { newSecret, SECRET_LENGTH, secretPattern } from '../kernel/secret';
import { BEIJING_OFFSET_MINUTES } from '../kernel/time';
import type { ApiKeyDoc, KeyView, RateDoc } from './open311.schema';

/** An API key's random characters (shared/kernel/secret.ts). */
export const KEY_SECRET_LENGTH = SECRET_LENGTH;
export const KEY_PREFIX = 'hl311_';
/** What an `api_key` must look like before it is worth a look-up. */
export const API_KEY_PATTERN = secretPattern(KEY_PREFIX);

/** A new key from random integers (the ids port): `hl311_` and 32 base32 characters. */
export const newApiKey = (randomInts: readonly number[]): string => newSecret(KEY_PREFIX, randomInts);

export const keyHint = (apiKey: string): string => apiKey.slice(-4);

/** Requests one key may make per minute. */
export const RATE_PER_MINUTE = 60;

/** The Beijing minute of an instant, `2026-11-23T10:05`: the rate window. */
export function rateWindow(now: string): string {
  return new Date(Date.parse(now) + BEIJING_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16);
}

/** Seconds until the next window opens (for `Retry-After`), at least 1. */
export function secondsToNextWindow(now: string): number {
  const ms = Date.parse(now);
  return Math.max(1, Math.ceil((60_000 - (ms % 60_000)) / 1000));
}

/**
 * What a request does to its key's counter: `take` writes the next count (a new window starts at
 * 1), `refuse` when the window's budget is spent. Pure; the store applies it version-guarded.
 */
export function rateStep(doc: Pick<RateDoc, 'window' | 'count'> | null, window: string, limit = RATE_PER_MINUTE): { take: true; count: number } | { take: false } {
  if (!doc || doc.window !== window) return { take: true, count: 1 };
  return doc.count >= limit ? { take: false } : { take: true, count: doc.count + 1 };
}

/** What an admin sees of a key: never the hash. `lastUsed` is the key's rate window, when it has one. */
export function keyView(doc: ApiKeyDoc, lastUsedAt: string | null): KeyView {
  return {
    id: doc._id,
    name: doc.name,
    hint: `${KEY_PREFIX}…${doc.hint}`,
    active: doc.revokedAt === null,
    createdAt: doc.createdAt,
    revokedAt: doc.revokedAt,
    lastUsedAt,
  };
}
