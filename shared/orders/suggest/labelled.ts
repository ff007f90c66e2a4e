import { CATEGORIES, EMERGENCY_KEYS, URGENCIES, type Category, type EmergencyKey, type Urgency } from '../categories';

/** One labelled phrasing: what a resident said, and how a grid leader would file it. */
export interface Labelled {
  text: string;
  category: Category;
  urgency: Urgency;
  emergency: EmergencyKey | null;
}

/**
 * Reads a labelled set: one phrasing per line, `text<TAB>category<TAB>urgency<TAB>emergency`, the
 * emergency `-` for none. A malformed line throws with its number: a set is fixed, never guessed at.
 */
export function parseLabelled(tsv: string, name = 'set'): Labelled[] {
  const rows: Labelled[] = [];
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [text, category, urgency, emergency, ...rest] = line.split('\t');
    const at = `${name}:${i + 1}`;
    if (rest.length || text === undefined || emergency === undefined) throw new Error(`${at}: expected 4 tab-separated columns`);
    if (!(CATEGORIES as readonly string[]).includes(category!)) throw new Error(`${at}: unknown category ${category}`);
    if (!(URGENCIES as readonly string[]).includes(urgency!)) throw new Error(`${at}: unknown urgency ${urgency}`);
    if (emergency !== '-' && !(EMERGENCY_KEYS as readonly string[]).includes(emergency)) throw new Error(`${at}: unknown emergency ${emergency}`);
    rows.push({ text: text.trim(), category: category as Category, urgency: urgency as Urgency, emergency: emergency === '-' ? null : (emergency as EmergencyKey) });
  });
  return rows;
}
