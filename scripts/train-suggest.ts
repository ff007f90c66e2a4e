/**
 * `npm run train:suggest`: trains the suggestion model on shared/orders/suggest/train.tsv and writes
 * shared/orders/suggest/weights.json (deterministic: the same set gives the same bytes). With
 * `--eval <file.tsv>` it also prints how the new model does on that set and the phrasings it got
 * wrong — use the dev set (tests/fixtures/suggest/dev.tsv) for that, never the held-out one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, URGENCIES } from '../shared/orders/categories';
import { evaluate } from '../shared/orders/suggest/evaluate';
import { parseLabelled } from '../shared/orders/suggest/labelled';
import { load, store, train } from '../shared/orders/suggest/naive-bayes';
import { EMERGENCY_LABELS, emergencyByModel, loadModel, suggestWith, type EmergencyLabel, type StoredSuggestModel } from '../shared/orders/suggest/suggest';
import type { Labelled } from '../shared/orders/suggest/labelled';

const root = join(__dirname, '..');
const dir = join(root, 'shared/orders/suggest');
const ALPHA = 0.1;
const MIN_COUNT = 2;
const URGENT_AT = 0.5;
/** Chosen with `--cv` (recall first): alone, the model then catches ~97% of the emergencies of a held-back fifth for ~6% false alarms; the rules catch most of the rest. */
const EMERGENCY_AT = 0.5;

const emergencyHead = (set: readonly Labelled[]) =>
  train(
    EMERGENCY_LABELS,
    set.map((r) => ({ text: r.text, label: r.emergency ?? 'none' })),
    options,
  );

const rows = parseLabelled(readFileSync(join(dir, 'train.tsv'), 'utf8'), 'train.tsv');
const options = { alpha: ALPHA, minCount: MIN_COUNT };
const stored: StoredSuggestModel = {
  version: 1,
  trainedOn: { rows: rows.length, ...options },
  urgentAt: URGENT_AT,
  emergencyAt: EMERGENCY_AT,
  category: store(
    train(
      CATEGORIES,
      rows.map((r) => ({ text: r.text, label: r.category })),
      options,
    ),
  ),
  urgency: store(
    train(
      URGENCIES,
      rows.map((r) => ({ text: r.text, label: r.urgency })),
      options,
    ),
  ),
  emergency: store(emergencyHead(rows)),
};
const json = `${JSON.stringify(stored)}\n`;
writeFileSync(join(dir, 'weights.json'), json);
console.log(`trained on ${rows.length} phrasings: ${stored.category.vocabulary} pieces, weights.json ${Buffer.byteLength(json)} bytes`);

// --cv: five folds (every fifth phrasing held back in turn); how the model alone reads emergencies
// at each threshold. The rules were written from the whole set, so only the model is measured here.
if (process.argv.includes('--cv')) {
  const thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const tally = thresholds.map(() => ({ caught: 0, emergencies: 0, alarms: 0, everyday: 0 }));
  for (let fold = 0; fold < 5; fold++) {
    const head = emergencyHead(rows.filter((_, i) => i % 5 !== fold));
    const model = { emergency: load<EmergencyLabel>(store(head)) };
    rows.forEach((r, i) => {
      if (i % 5 !== fold) return;
      thresholds.forEach((t, k) => {
        const key = emergencyByModel({ ...model, emergencyAt: t }, r.text);
        const c = tally[k]!;
        if (r.emergency) {
          c.emergencies += 1;
          if (key === r.emergency) c.caught += 1;
        } else {
          c.everyday += 1;
          if (key) c.alarms += 1;
        }
      });
    });
  }
  thresholds.forEach((t, k) => {
    const c = tally[k]!;
    console.log(`model alone at ${t}: recall ${((c.caught / c.emergencies) * 100).toFixed(1)}%  false alarms ${((c.alarms / c.everyday) * 100).toFixed(1)}%`);
  });
}

const evalAt = process.argv.indexOf('--eval');
if (evalAt > 0) {
  const file = process.argv[evalAt + 1]!;
  const set = parseLabelled(readFileSync(file, 'utf8'), file);
  const model = loadModel(stored);
  const e = evaluate(set, (t) => suggestWith(model, t));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `${file}: ${set.length} phrasings — top1 ${pct(e.top1)} top2 ${pct(e.top2)} emergency recall ${pct(e.emergencyRecall)} false alarms ${pct(e.falseAlarmRate)} urgency ${pct(e.urgencyAccuracy)}`,
  );
  for (const [key, t] of Object.entries(e.byEmergency)) console.log(`  ${key}: ${t.detected}/${t.phrasings}`);
  if (process.argv.includes('--misses')) {
    for (const m of e.misses) {
      const top = m.got.suggestions
        .slice(0, 2)
        .map((s) => `${s.category} ${s.score.toFixed(2)}`)
        .join(' / ');
      console.log(`  ✗ ${m.row.text} — want ${m.row.category}${m.row.emergency ? ` !${m.row.emergency}` : ''}, got ${top}${m.got.emergency ? ` !${m.got.emergency.key}` : ''}`);
    }
  }
}
