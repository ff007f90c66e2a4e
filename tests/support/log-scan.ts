import { buildDemoData } from '../../scripts/demo-data';

/**
 * The scanner behind the log capture (tests/support/log-capture.ts): it finds personal data in a
 * line of output — a mainland mobile number, an openid, the name of a demo resident, a demo room —
 * and redacts it, so that a failure says where a leak is without repeating it.
 *
 * The rules, and why they do not fire on ordinary log text:
 * - phone: `1[3-9]` and nine more digits, not part of a longer digit run (a millisecond timestamp
 *   has 13 digits, an ISO date or a time is broken by `-` and `:`).
 * - openid: every demo openid exactly; any id with a demo openid's prefix (`demo-resident-…`,
 *   `seed-volunteer-…`: tests invent more of them); and the shape of a real WeChat openid, `o` and
 *   27 base64url characters, standing alone and holding a digit or `-`/`_` and an upper-case letter
 *   (a camelCase identifier of that length has no digit; a real openid nearly always has both).
 * - name: every demo person's name and the few invented by tests. Names of three or more characters
 *   anywhere. Two-character names (王伟, 孙磊) when at least one side is not a Han character (`孙磊接单`,
 *   `居民孙磊`, `name=孙磊`), not when Han text encloses them on both sides, since such a pair also
 *   occurs inside ordinary words (关于明天 holds 于明): a log names a person as a value, at an edge.
 * - room: the demo rooms (`2-503`: unit, floor, door) only when no letter, digit or `-` `:` `.` `/` `_`
 *   touches them, so that dates, times, version numbers, paths and ids never match, while
 *   `3栋2-503室`, `room 2-503` or `"2-503"` do.
 */
export type LeakKind = 'phone' | 'openid' | 'name' | 'room';

export interface Leak {
  kind: LeakKind;
  /** Where in the line (UTF-16 index) and how long. */
  index: number;
  length: number;
}

export interface KnownPersonalData {
  openids: readonly string[];
  names: readonly string[];
  rooms: readonly string[];
}

export interface LogScanner {
  scan(line: string): Leak[];
  /** The line with every leak replaced by its kind, e.g. `called [phone] about [room]`. */
  redact(line: string): string;
}

/** People and rooms named by tests' own fixtures rather than the demo data (open311, dashboards, accounts). */
export const FIXTURE_NAMES: readonly string[] = ['郑青石', '钱青石', '王秀兰', '马大单', '张阿姨'];
export const FIXTURE_ROOMS: readonly string[] = ['9-909'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (xs: Iterable<string>) =>
  [...new Set(xs)]
    .filter((x) => x.length > 0)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const never = /(?!)/gu;
const union = (xs: Iterable<string>, before: string, after: string) => {
  const alt = alternation(xs);
  return alt ? new RegExp(`${before}(?:${alt})${after}`, 'gu') : never;
};

const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const WECHAT_OPENID = /(?<![A-Za-z0-9_-])o[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g;
const looksLikeRealOpenid = (token: string) => /[0-9_-]/.test(token) && /[A-Z]/.test(token.slice(1));

export function createLogScanner(known: KnownPersonalData): LogScanner {
  const prefixes = new Set(known.openids.filter((o) => /^[a-z]+-[a-z]+-/.test(o)).map((o) => o.split('-').slice(0, 2).join('-') + '-'));
  const openidRules = [union(known.openids, '(?<![A-Za-z0-9_-])', '(?![A-Za-z0-9_-])'), union(prefixes, '(?<![A-Za-z0-9_-])', '[A-Za-z0-9][A-Za-z0-9-]*')];
  const longNames = union(
    known.names.filter((n) => n.length >= 3),
    '',
    '',
  );
  const short = alternation(known.names.filter((n) => n.length === 2));
  const shortNames = short ? new RegExp(`(?<!\\p{Script=Han})(?:${short})|(?:${short})(?!\\p{Script=Han})`, 'gu') : never;
  const rooms = union(known.rooms, '(?<![A-Za-z0-9_./:-])', '(?![A-Za-z0-9_./:-])');

  const all = (re: RegExp, line: string, kind: LeakKind, keep: (m: string) => boolean = () => true): Leak[] =>
    [...line.matchAll(re)].filter((m) => keep(m[0])).map((m) => ({ kind, index: m.index, length: m[0].length }));

  const scan = (line: string): Leak[] => {
    const found = [
      ...all(PHONE, line, 'phone'),
      ...openidRules.flatMap((re) => all(re, line, 'openid')),
      ...all(WECHAT_OPENID, line, 'openid', looksLikeRealOpenid),
      ...all(longNames, line, 'name'),
      ...all(shortNames, line, 'name'),
      ...all(rooms, line, 'room'),
    ].sort((a, b) => a.index - b.index || b.length - a.length);
    // Overlaps (an exact demo openid is also a prefixed one) count once: the first, longest.
    const leaks: Leak[] = [];
    for (const leak of found) {
      const last = leaks[leaks.length - 1];
      if (!last || leak.index >= last.index + last.length) leaks.push(leak);
    }
    return leaks;
  };

  return {
    scan,
    redact(line) {
      let out = '';
      let at = 0;
      for (const leak of scan(line)) {
        out += `${line.slice(at, leak.index)}[${leak.kind}]`;
        at = leak.index + leak.length;
      }
      return out + line.slice(at);
    },
  };
}

let demo: LogScanner | null = null;

/** The scanner for the demo data (scripts/demo-data.ts) and the tests' fixture names; built once per file. */
export function demoLogScanner(): LogScanner {
  if (!demo) {
    const { users } = buildDemoData();
    demo = createLogScanner({
      openids: users.map((u) => u.openid),
      names: [...users.map((u) => u.name), ...FIXTURE_NAMES],
      rooms: [...users.flatMap((u) => (u.home?.room ? [u.home.room] : [])), ...FIXTURE_ROOMS],
    });
  }
  return demo;
}
