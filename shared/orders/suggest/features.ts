/**
 * What the suggestion model reads of a resident's words: the text made plain (full-width folded,
 * punctuation, spaces, emoji and control characters dropped, digits made one digit) and cut into
 * overlapping pieces of one and two characters. Pure and deterministic.
 */

/** Characters the model keeps: Han characters, Latin letters and digits. */
const KEEP = /[\p{Script=Han}a-z0-9]/u;

/** The text as the model reads it. */
export function plainText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (!KEEP.test(ch)) continue;
    // 3楼, 502, 12号楼: the number is noise, that there is one is not.
    out += ch >= '0' && ch <= '9' ? '0' : ch;
  }
  return out;
}

/** Character unigrams and bigrams of the plain text, in order (repeats kept: counts matter). */
export function featuresOf(text: string): string[] {
  const plain = plainText(text);
  const chars = Array.from(plain);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    out.push(chars[i]!);
    if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Share of the text's characters that are Han: another language or emoji alone is not understood. */
export function hanShare(text: string): number {
  const chars = Array.from(text.normalize('NFKC')).filter((c) => !/\s/u.test(c));
  if (chars.length === 0) return 0;
  return chars.filter((c) => /\p{Script=Han}/u.test(c)).length / chars.length;
}
