/**
 * The value rules of WeChat subscribe-message templates (订阅消息). A template's keys are a value type
 * and a number (`thing1`, `time2`, `phrase3`, `character_string4`); WeChat refuses a send whose value
 * breaks its type's rule (errcode 47003, the message naming the key), and a refused message is lost.
 * So every value is fitted to its rule here (`fitValue`) and checked again (`valueProblem`) before
 * anything is sent. Lengths count characters as a person sees them (code points), not UTF-16 units.
 *
 * The rules, from WeChat's subscribe-message documentation:
 *   thing             ≤ 20 characters: Chinese, letters, digits or symbols
 *   number            ≤ 32 digits, a decimal allowed
 *   letter            ≤ 32 letters
 *   symbol            ≤ 5 symbols
 *   character_string  ≤ 32 digits, letters or symbols (no Chinese)
 *   time              24-hour time, optionally after a date (`15:01`, `2026年12月6日 15:01`); a range joined by `~`
 *   date              a date (`2026年12月6日` or `2026-12-06`), optionally with a 24-hour time; a range joined by `~`
 *   amount            a currency symbol, ≤ 10 digits, a decimal allowed, optionally ending in 元
 *   phone_number      ≤ 17 digits or symbols
 *   car_number        ≤ 8 characters, only the first and the last may be Chinese
 *   name              ≤ 10 Chinese characters, or ≤ 20 letters
 *   phrase            ≤ 5 Chinese characters
 * No value may be empty or carry control characters (a line break included).
 */
import { fullDateTimeText } from '../kernel/time';

export const VALUE_TYPES = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

const KEY_RE = /^([a-z_]+?)(\d+)$/;

/** The value type of a template key (`time2` → `time`); null for a key WeChat would not know. */
export function typeOfKey(key: string): ValueType | null {
  const m = KEY_RE.exec(key);
  const type = m?.[1];
  return type && (VALUE_TYPES as readonly string[]).includes(type) ? (type as ValueType) : null;
}

/** Characters as a person counts them. */
const chars = (s: string): string[] => [...s];

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const CONTROL = /\p{Cc}/u;
const DATE_PART = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})`;
const TIME_PART = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const range = (one: string) => new RegExp(`^${one}(?:\\s?~\\s?${one})?$`);
const TIME_RE = range(`(?:${DATE_PART}\\s)?${TIME_PART}`);
const DATE_RE = range(`${DATE_PART}(?:\\s${TIME_PART})?`);

const RULES: Record<ValueType, (v: string) => string | null> = {
  thing: (v) => (chars(v).length > 20 ? '超过 20 个字' : null),
  number: (v) => (/^\d+(?:\.\d+)?$/.test(v) && v.replace('.', '').length <= 32 ? null : '只能是 32 位以内的数字'),
  letter: (v) => (/^[A-Za-z]{1,32}$/.test(v) ? null : '只能是 32 位以内的字母'),
  symbol: (v) => (/^[^\p{L}\p{N}\s]{1,5}$/u.test(v) ? null : '只能是 5 位以内的符号'),
  character_string: (v) => (/^[\x21-\x7e]{1,32}$/.test(v) ? null : '只能是 32 位以内的数字、字母或符号'),
  time: (v) => (TIME_RE.test(v) ? null : '不是 24 小时制时间'),
  date: (v) => (DATE_RE.test(v) ? null : '不是年月日格式'),
  amount: (v) => (/^[¥￥$]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v) ? null : '不是金额格式'),
  phone_number: (v) => (/^[\d+\-()\s]{1,17}$/.test(v) ? null : '只能是 17 位以内的数字或符号'),
  car_number: (v) => {
    const c = chars(v);
    return c.length <= 8 && c.every((ch, i) => /[A-Za-z0-9]/.test(ch) || (HAN.test(ch) && (i === 0 || i === c.length - 1))) ? null : '不是车牌格式';
  },
  name: (v) =>
    HAN.test(v) ? (/^[\p{Script=Han}·]{1,10}$/u.test(v) ? null : '中文名只能是 10 个以内的汉字') : /^[A-Za-z][A-Za-z .'-]{0,19}$/.test(v) ? null : '只能是 20 个以内的字母',
  phrase: (v) => (HAN_ONLY.test(v) && chars(v).length <= 5 ? null : '只能是 5 个以内的汉字'),
};

/** What is wrong with a value for its key's type, in Chinese; null when WeChat will take it. */
export function valueProblem(key: string, value: unknown): string | null {
  const type = typeOfKey(key);
  if (!type) return '不是订阅消息的字段名';
  if (typeof value !== 'string' || value.length === 0) return '不能为空';
  if (CONTROL.test(value)) return '不能含换行或控制字符';
  if (value !== value.trim()) return '首尾不能有空格';
  return RULES[type](value);
}

/**
 * Text as a `thing` shows it: one line (control characters and runs of spaces become one space),
 * without emoji (which WeChat's template fields do not draw), cut
 * to `max` characters with an ellipsis where it was longer.
 */
export function fitThing(text: string, max = 20): string {
  const flat = text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D\u20E3]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const c = chars(flat);
  return c.length <= max ? flat : `${c.slice(0, max - 1).join('')}…`.replace(/\s+…$/, '…');
}

/** Only its Chinese characters, at most five: a `phrase`. */
export const fitPhrase = (text: string): string =>
  chars(text.replace(/[^\p{Script=Han}]/gu, ''))
    .slice(0, 5)
    .join('');

/** A person's name as a `name`: a Chinese name cut to ten characters, a Latin one to twenty letters. */
export function fitName(text: string): string {
  if (HAN.test(text))
    return chars(text.replace(/[^\p{Script=Han}·]/gu, ''))
      .slice(0, 10)
      .join('');
  return text
    .replace(/[^A-Za-z .'-]/g, '')
    .replace(/^[^A-Za-z]+/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 20)
    .trim();
}

/** Letters, digits and symbols only, at most 32: a `character_string` (an order number). */
export const fitCharacterString = (text: string): string => text.replace(/[^\x21-\x7e]/g, '').slice(0, 32);

/** An instant as a `time` on the Beijing clock: `2026年12月6日 09:05`. */
export const fitTime = (instant: string | number): string => fullDateTimeText(instant);
