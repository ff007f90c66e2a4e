/**
 * Secrets the server hands out once and keeps only as a SHA-256: Open311 API keys, station screens'
 * device tokens, web login tickets and sessions. Each is a short prefix that says what it is and 32
 * characters of Crockford's base32 from the ids port's random integers: 160 random bits, far beyond
 * guessing, so a plain SHA-256 is enough to store.
 */

/** Crockford's base32, as the ids use: no I, L, O, U. */
export const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
/** The character class of BASE32, for patterns. */
export const BASE32_CLASS = '[0-9a-hjkmnp-tv-z]';
/** Random characters in a secret. */
export const SECRET_LENGTH = 32;

/** `length` base32 characters from random integers (the ids port); an error when there are too few. */
export function randomText(randomInts: readonly number[], length: number): string {
  if (randomInts.length < length) throw new Error(`${length} random integers are needed`);
  return randomInts
    .slice(0, length)
    .map((n) => BASE32[((Math.trunc(n) % 32) + 32) % 32])
    .join('');
}

/** A new secret: the prefix and SECRET_LENGTH base32 characters. */
export const newSecret = (prefix: string, randomInts: readonly number[]): string => prefix + randomText(randomInts, SECRET_LENGTH);

/** What a secret with this prefix must look like before it is worth a look-up. */
export const secretPattern = (prefix: string): RegExp => new RegExp(`^${prefix}${BASE32_CLASS}{${SECRET_LENGTH}}$`);
