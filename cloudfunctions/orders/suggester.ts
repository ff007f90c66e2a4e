import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, suggestWith, type StoredSuggestModel, type SuggestModel, type Suggestion } from '../../shared/orders/suggest/suggest';

/**
 * The suggestion model's weights travel beside the function's code, not inside it: the build copies
 * shared/orders/suggest/weights.json to `suggest-weights.json` next to index.js, so the bundle (and
 * every cold start that never suggests) stays small, and the first `suggest` reads it once (~85 KB).
 * From the sources (the local gateway, tests, the bench) it is read where the training script wrote it.
 */
export const WEIGHTS_FILE = 'suggest-weights.json';
const WHERE = [join(__dirname, WEIGHTS_FILE), join(__dirname, '../../shared/orders/suggest/weights.json')];

let model: SuggestModel | null = null;

function theModel(): SuggestModel {
  if (model) return model;
  const file = WHERE.find((f) => existsSync(f));
  if (!file) throw new Error(`the suggestion weights are missing (looked for ${WHERE.map((f) => f.split(/[\\/]/).slice(-2).join('/')).join(', ')})`);
  model = loadModel(JSON.parse(readFileSync(file, 'utf8')) as StoredSuggestModel);
  return model;
}

/** What the words say: categories best first, urgency, and an emergency to call for instead. */
export function suggest(text: string): Suggestion {
  return suggestWith(theModel(), text);
}
