import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CATEGORIES, EMERGENCIES, URGENCIES } from '../../../../shared/orders/categories';
import { evaluate } from '../../../../shared/orders/suggest/evaluate';
import { plainText } from '../../../../shared/orders/suggest/features';
import { parseLabelled } from '../../../../shared/orders/suggest/labelled';
import { store, train } from '../../../../shared/orders/suggest/naive-bayes';
import { loadModel, suggestWith, type StoredSuggestModel } from '../../../../shared/orders/suggest/suggest';

/**
 * 说出来就懂, measured honestly: the committed weights are what training on the committed set makes;
 * the held-out set (tests/fixtures/suggest/heldout.tsv, written apart from the training set and never
 * trained or tuned on) meets the targets; every emergency in it is caught.
 */
const root = join(__dirname, '../../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const stored = JSON.parse(read('shared/orders/suggest/weights.json')) as StoredSuggestModel;
const model = loadModel(stored);
const suggest = (text: string) => suggestWith(model, text);
const trainSet = parseLabelled(read('shared/orders/suggest/train.tsv'), 'train.tsv');
const heldOut = parseLabelled(read('tests/fixtures/suggest/heldout.tsv'), 'heldout.tsv');

describe('the committed model', () => {
  it('is exactly what training on train.tsv makes (weights are never edited by hand)', () => {
    const options = { alpha: stored.trainedOn.alpha, minCount: stored.trainedOn.minCount };
    expect(stored.trainedOn.rows).toBe(trainSet.length);
    expect(stored.category).toEqual(
      store(
        train(
          CATEGORIES,
          trainSet.map((r) => ({ text: r.text, label: r.category })),
          options,
        ),
      ),
    );
    expect(stored.urgency).toEqual(
      store(
        train(
          URGENCIES,
          trainSet.map((r) => ({ text: r.text, label: r.urgency })),
          options,
        ),
      ),
    );
  });

  it('never saw a held-out phrasing: none is in the training set, even with punctuation and spaces aside', () => {
    const trained = new Set(trainSet.map((r) => plainText(r.text)));
    expect(heldOut.filter((r) => trained.has(plainText(r.text))).map((r) => r.text)).toEqual([]);
  });

  it('is deterministic: the same words always get the same answer, from a freshly loaded model too', () => {
    const again = loadModel(JSON.parse(read('shared/orders/suggest/weights.json')) as StoredSuggestModel);
    for (const row of heldOut.slice(0, 60)) expect(suggestWith(again, row.text)).toEqual(suggest(row.text));
  });
});

describe('on the held-out set', () => {
  const result = evaluate(heldOut, suggest);

  it('has at least 200 everyday phrasings and 20 of every emergency', () => {
    expect(result.everyday).toBeGreaterThanOrEqual(200);
    for (const e of EMERGENCIES) expect({ key: e.key, phrasings: result.byEmergency[e.key].phrasings >= 20 }).toEqual({ key: e.key, phrasings: true });
  });

  it('puts the right category first for at least 85% and in the first two for at least 95%', () => {
    expect(result.top1).toBeGreaterThanOrEqual(0.85);
    expect(result.top2).toBeGreaterThanOrEqual(0.95);
  });

  it('catches every emergency, each as the right number to call', () => {
    const missed = result.misses.filter((m) => m.row.emergency).map((m) => `${m.row.text} → ${m.got.emergency?.key ?? 'none'} (want ${m.row.emergency})`);
    expect(missed).toEqual([]);
    expect(result.emergencyRecall).toBe(1);
  });
});

describe('an answer', () => {
  it('scores all ten categories, best first, summing to 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'binary' }), (text) => {
        const got = suggest(text);
        expect(got.suggestions.map((s) => s.category).sort()).toEqual([...CATEGORIES].sort());
        for (let i = 1; i < got.suggestions.length; i++) expect(got.suggestions[i - 1]!.score).toBeGreaterThanOrEqual(got.suggestions[i]!.score);
        expect(Math.abs(got.suggestions.reduce((n, s) => n + s.score, 0) - 1)).toBeLessThan(0.001);
      }),
    );
  });

  it('is not sure of words it cannot read: emoji, another language, control characters, nonsense', () => {
    for (const text of ['🔥🔥🔥😱', 'the kitchen pipe burst', 'パイプが壊れた', '\u0000\u0007\u001b[31m', '~~~///???', '1234567890']) {
      expect({ text, confident: suggest(text).confident }).toEqual({ text, confident: false });
    }
  });

  it('is sure of a plain household problem and picks its category', () => {
    const leak = suggest('厨房水管爆了，水流了一地');
    expect(leak).toMatchObject({ confident: true, urgency: 'urgent', emergency: null });
    expect(leak.suggestions[0]!.category).toBe('水电维修');
    const pension = suggest('想问问养老金怎么认证');
    expect(pension).toMatchObject({ confident: true, urgency: 'normal', emergency: null });
    expect(pension.suggestions[0]!.category).toBe('政策咨询');
  });

  it('answers an emergency with its number, however much else is said around it', () => {
    const said = fc.constantFrom(['闻到很大的煤气味', 'gas', '119'], ['楼下着火了', 'fire', '119'], ['老伴晕倒了叫不醒', 'medical', '120'], ['有人在撬我家的门', 'crime', '110']);
    const noise = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\p{Script=Han}\d]/gu, ''));
    fc.assert(
      fc.property(said, noise, noise, ([words, key, call], before, after) => {
        expect(suggest(`${before}，${words}。${after}`).emergency).toEqual({ key, call });
      }),
    );
  });
});
