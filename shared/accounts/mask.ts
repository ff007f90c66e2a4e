/** 13812341234 → 138****1234. Anything that is not a mobile number is masked whole. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return '*'.repeat(Math.min(phone.length, 8));
}

/** 张三丰 → 张**; a name is shown whole only to those entitled to it. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** What stands where a person was taken out of a text. */
export const MASK = '＊＊';
/** Seven or more digits (with spaces, dashes, stars between): a phone, an id card, a bank account, masked ones too (`138****1234`). */
const DIGIT_RUN = /[0-9０-９][0-9０-９*＊xX\s-]{5,}[0-9０-９xX]/;
const DIGIT_RUNS = new RegExp(DIGIT_RUN.source, 'g');

/**
 * What a resident wrote, without the people in it, for readers not entitled to them: the given
 * secrets (their name, phone, room, id) and any long run of digits.
 */
export function withoutPeople(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    const s = secret?.trim();
    if (s && out.includes(s)) out = out.split(s).join(MASK);
  }
  return DIGIT_RUN.test(out) ? out.replace(DIGIT_RUNS, MASK) : out;
}
