import { BEIJING_OFFSET_MINUTES } from '../kernel/time';
import type { ApiKeyDoc, KeyView, RateDoc } from './open311.schema';

/** Crockford's base32, as the ids use: no I, L, O, U. */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
/** 32 base32 characters: 160 random bits, far beyond guessing, so a plain SHA-256 is enough to store. */
export const KEY_SECRET_LENGTH = 32;
export const KEY_PREFIX = 'hl311_';
/** What an `api_key` must look like before it is worth a look-up. */
export const API_KEY_PATTERN = /^hl311_[0-9a-hjkmnp-tv-z]{32}$/;

/** A new key from random integers (the ids port): `hl311_` and 32 base32 characters. */
export function newApiKey(randomInts: readonly number[]): string {
  if (randomInts.length < KEY_SECRET_LENGTH) throw new Error(`a key needs ${KEY_SECRET_LENGTH} random integers`);
  return (
    KEY_PREFIX +
    randomInts
      .slice(0, KEY_SECRET_LENGTH)
      .map((n) => BASE32[n % 32])
      .join('')
  );
}

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
