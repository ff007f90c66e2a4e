/**
 * What a Honglin code says, before its signature is added: at most 20 characters, so the signed
 * scene fits the 32 characters of a mini-program code. A kind letter, then the subject:
 *
 *   s:<stationId>            a station's permanent code (residents post with the grid filled in)
 *   c:<stationId>:<minute>   a station's rotating check-in code; <minute> is the minute it was made, base 36
 *   p:<token>                a resident's personal code (a grid leader posts on their behalf)
 *   m:<meetingId>:<minute>   a meeting's rotating sign-in code (12-character ids), made and fresh like `c:`
 */
export type CodePayload =
  | { kind: 'station'; stationId: string }
  | { kind: 'checkin'; stationId: string; minute: number }
  | { kind: 'person'; token: string }
  | { kind: 'meeting'; meetingId: string; minute: number };
export type CodeKind = CodePayload['kind'];
export const CODE_KINDS: readonly CodeKind[] = ['station', 'checkin', 'person', 'meeting'];

const ID = /^[A-Za-z0-9_-]{1,16}$/;

export function encodePayload(p: CodePayload): string {
  switch (p.kind) {
    case 'station':
      return `s:${p.stationId}`;
    case 'checkin':
      return `c:${p.stationId}:${p.minute.toString(36)}`;
    case 'person':
      return `p:${p.token}`;
    case 'meeting':
      return `m:${p.meetingId}:${p.minute.toString(36)}`;
  }
}

export function decodePayload(text: string): CodePayload | null {
  const [kind, id, extra, ...rest] = text.split(':');
  if (rest.length > 0 || !id || !ID.test(id)) return null;
  switch (kind) {
    case 's':
      return extra === undefined ? { kind: 'station', stationId: id } : null;
    case 'c': {
      if (!extra || !/^[0-9a-z]{1,8}$/.test(extra)) return null;
      return { kind: 'checkin', stationId: id, minute: parseInt(extra, 36) };
    }
    case 'p':
      return extra === undefined ? { kind: 'person', token: id } : null;
    case 'm': {
      if (!extra || !/^[0-9a-z]{1,8}$/.test(extra)) return null;
      return { kind: 'meeting', meetingId: id, minute: parseInt(extra, 36) };
    }
    default:
      return null;
  }
}

/** The rotating check-in code changes every minute. */
export const CHECKIN_WINDOW_MS = 60_000;
/**
 * A code is good for the minute it was made and the next two (a person walking up to the screen,
 * a slow phone): a photo of it is useless a few minutes later.
 */
export const CHECKIN_GRACE_WINDOWS = 2;

export const minuteOf = (instant: string) => Math.floor(Date.parse(instant) / CHECKIN_WINDOW_MS);

export function checkinFresh(minute: number, now: string): boolean {
  const current = minuteOf(now);
  return minute <= current && minute >= current - CHECKIN_GRACE_WINDOWS;
}

/** When the screen should fetch its next code. */
export function nextRotation(now: string): string {
  return new Date((minuteOf(now) + 1) * CHECKIN_WINDOW_MS).toISOString();
}

/** Alphabet of personal-code tokens: no look-alikes. */
export const TOKEN_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export function makeToken(randomInts: readonly number[]): string {
  return randomInts
    .slice(0, 10)
    .map((n) => TOKEN_ALPHABET[Math.abs(n) % TOKEN_ALPHABET.length])
    .join('');
}
