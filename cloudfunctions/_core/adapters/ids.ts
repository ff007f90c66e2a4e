import { randomBytes, randomInt } from 'node:crypto';
import type { IdsPort } from '../ports';

/** Crockford's base32: no I, L, O, U, so ids read aloud or retyped survive. */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_LENGTH = 20;
const PREFIX_RE = /^[a-z][a-z0-9]{0,7}$/;

/**
 * Ids are `<prefix>_<20 base32 chars>` (100 random bits): `usr_3k9x…`. The prefix says what the
 * document is when one turns up in a log; the random part is all that makes it unique.
 */
export function cryptoIds(): IdsPort {
  return {
    id(prefix) {
      if (!PREFIX_RE.test(prefix)) throw new Error(`invalid id prefix: ${prefix}`);
      const bytes = randomBytes(ID_LENGTH);
      let out = '';
      for (let i = 0; i < ID_LENGTH; i++) out += BASE32[bytes[i]! & 31];
      return `${prefix}_${out}`;
    },
    randomInts(n) {
      if (!Number.isInteger(n) || n < 0 || n > 1024) throw new Error('randomInts takes 0..1024');
      // Uniform over [0, 2^32 - 1): callers reduce modulo their alphabet, a bias below 1e-8.
      return Array.from({ length: n }, () => randomInt(0, 2 ** 32 - 1));
    },
  };
}
