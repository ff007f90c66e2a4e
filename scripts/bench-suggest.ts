import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPorts } from '../cloudfunctions/_core/adapters/local';
import { SqliteStore } from '../cloudfunctions/_core/adapters/sqlite-store';
import { runCall } from '../cloudfunctions/_core/pipeline';
import { ordersFunction } from '../cloudfunctions/orders/orders.function';
import { suggest } from '../cloudfunctions/orders/suggester';
import { EMERGENCIES } from '../shared/orders/categories';
import { evaluate } from '../shared/orders/suggest/evaluate';
import { parseLabelled } from '../shared/orders/suggest/labelled';
import { loadModel, type StoredSuggestModel } from '../shared/orders/suggest/suggest';
import { countingStore } from './bench-store';
import { demoInserts, mulberry32, PERSONAS } from './demo-data';
import { median, p95 } from './bench-stats';

/** A resident of the demo resident's building (the seeded households), for the duplicate figures. */
const NEIGHBOUR = 'seed-resident-0092';

type Record_ = (name: string, value: number, unit: 'ms' | 'ratio' | 'bytes' | 'count') => void;

/**
 * 说出来就懂 (`npm run bench -- suggest`):
 *
 * - `suggest_top1_accuracy` / `suggest_top2_accuracy`: on the held-out set
 *   (tests/fixtures/suggest/heldout.tsv, written apart from the training set and never trained or
 *   tuned on), the share of everyday phrasings whose category comes first / in the first two.
 *   Targets ≥ 0.85 / ≥ 0.95. `suggest_emergency_recall`: the share of its emergency phrasings
 *   answered with the right number (target 1.0); `suggest_false_alarm_rate`: everyday phrasings
 *   taken for an emergency (each costs the resident a tap); `suggest_urgency_accuracy`.
 * - `suggest_p95_ms`: one suggestion inside the function (the model loaded), p95 over every held-out
 *   phrasing five times; `suggest_hostile_p95_ms` the same for hostile words (500 random characters
 *   of any script, emoji, control characters, one character repeated). Target ≤ 5 ms.
 *   `suggest_action_p95_ms`: the whole `orders.suggest` action through the pipeline on SQLite.
 * - `suggest_model_load_ms`: reading and loading the weights, once per cold start that suggests;
 *   `suggest_weights_bytes`: their size beside the bundle.
 * - `suggest_store_calls`, `similar_store_calls`, `metoo_store_calls`: sequential store round trips of
 *   one call each (the counting store's simulated trip; `_total` every call): what the post page costs
 *   as the resident types, and 我也遇到了.
 */
export async function benchSuggest(record: Record_): Promise<void> {
  const root = join(__dirname, '..');
  const heldOut = parseLabelled(readFileSync(join(root, 'tests/fixtures/suggest/heldout.tsv'), 'utf8'), 'heldout.tsv');
  const weights = join(root, 'shared/orders/suggest/weights.json');

  const loads: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    loadModel(JSON.parse(readFileSync(weights, 'utf8')) as StoredSuggestModel);
    loads.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  record('suggest_model_load_ms', median(loads), 'ms');
  record('suggest_weights_bytes', statSync(weights).size, 'bytes');

  const e = evaluate(heldOut, suggest);
  record('suggest_heldout_phrasings', heldOut.length, 'count');
  record('suggest_top1_accuracy', e.top1, 'ratio');
  record('suggest_top2_accuracy', e.top2, 'ratio');
  record('suggest_emergency_recall', e.emergencyRecall, 'ratio');
  for (const k of EMERGENCIES) record(`suggest_emergency_recall_${k.key}`, e.byEmergency[k.key].detected / e.byEmergency[k.key].phrasings, 'ratio');
  record('suggest_false_alarm_rate', e.falseAlarmRate, 'ratio');
  record('suggest_urgency_accuracy', e.urgencyAccuracy, 'ratio');

  const timed = (texts: readonly string[], rounds: number) => {
    const ms: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const text of texts) {
        const t = process.hrtime.bigint();
        suggest(text);
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    return p95(ms);
  };
  timed(
    heldOut.map((r) => r.text),
    1,
  ); // warm up
  record(
    'suggest_p95_ms',
    timed(
      heldOut.map((r) => r.text),
      5,
    ),
    'ms',
  );
  record('suggest_hostile_p95_ms', timed(hostile(), 5), 'ms');

  const dir = mkdtempSync(join(tmpdir(), 'honglin-bench-suggest-'));
  const store = new SqliteStore(join(dir, 'suggest.sqlite'));
  try {
    await store.transact(demoInserts());
    const ports = localPorts({ store, dataDir: dir });
    const ms: number[] = [];
    for (let i = 0; i < 300; i++) {
      const text = heldOut[i % heldOut.length]!.text;
      const t = process.hrtime.bigint();
      const res = await runCall(ordersFunction, ports, { action: 'suggest', payload: { text } }, { persona: PERSONAS.resident });
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!res.ok) throw new Error(`bench suggest: ${res.error.code}`);
    }
    record('suggest_action_p95_ms', p95(ms.slice(50)), 'ms');

    // Round trips of the three actions of the post page's "understand" and "the same problem once".
    const counter = countingStore(store);
    const counted = { ...ports, store: counter.store };
    let request = 0;
    const trips = async (persona: string, action: string, payload: unknown) => {
      counter.reset();
      const res = await runCall(ordersFunction, counted, { action, payload, requestId: `bench-suggest-${++request}` }, { persona });
      if (!res.ok) throw new Error(`bench suggest: ${action} ${res.error.code}`);
      return { ...counter.counts, data: res.data as { order?: { id: string } } };
    };
    const said = await trips(PERSONAS.resident, 'suggest', { text: '厨房水管爆了，水流了一地' });
    record('suggest_store_calls', said.rounds, 'count');
    const posted = await trips(PERSONAS.resident, 'post', { category: '水电维修', description: '厨房水管爆了，水流了一地', clientKey: 'bench-suggest-leak-1' });
    const similar = await trips(NEIGHBOUR, 'similar', { text: '楼里的水管爆了，水流了一地' });
    record('similar_store_calls', similar.rounds, 'count');
    record('similar_store_calls_total', similar.calls, 'count');
    const joined = await trips(NEIGHBOUR, 'metoo', { orderId: posted.data.order!.id });
    record('metoo_store_calls', joined.rounds, 'count');
    record('metoo_store_calls_total', joined.calls, 'count');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Words made to hurt: long, of any script, emoji, control characters, one character many times. */
function hostile(): string[] {
  const random = mulberry32(20261206);
  const any = (n: number, from: number, to: number) => Array.from({ length: n }, () => String.fromCodePoint(from + Math.floor(random() * (to - from)))).join('');
  return [
    any(500, 0x4e00, 0x9fff),
    any(500, 0x20, 0x7e),
    any(250, 0x1f300, 0x1f6ff),
    any(500, 0x0, 0x1f),
    any(500, 0x3040, 0x30ff),
    any(500, 0x0400, 0x04ff),
    '漏'.repeat(500),
    '着'.repeat(500),
    '🔥'.repeat(250),
    '煤气味'.repeat(166),
    `${'啊'.repeat(480)}闻到煤气味了`,
  ];
}
