import { EMERGENCIES, type EmergencyKey } from '../categories';
import type { Labelled } from './labelled';
import type { Suggestion } from './suggest';

/** How well suggestions match a labelled set: what the bench records and the tests hold to. */
export interface Evaluation {
  /** Phrasings that are not emergencies: the category is measured on these. */
  everyday: number;
  top1: number;
  top2: number;
  /** Of the emergency phrasings, the share detected as an emergency (any key). */
  emergencyRecall: number;
  /** Per key: phrasings, and how many were detected as that key. */
  byEmergency: Record<EmergencyKey, { phrasings: number; detected: number }>;
  /** Everyday phrasings taken for an emergency (a tap lost each). */
  falseAlarmRate: number;
  urgencyAccuracy: number;
  /** Phrasings the answer was wrong on, for the training script's report. */
  misses: Array<{ row: Labelled; got: Suggestion }>;
}

export function evaluate(rows: readonly Labelled[], suggest: (text: string) => Suggestion): Evaluation {
  const byEmergency = Object.fromEntries(EMERGENCIES.map((e) => [e.key, { phrasings: 0, detected: 0 }])) as Evaluation['byEmergency'];
  let everyday = 0;
  let top1 = 0;
  let top2 = 0;
  let falseAlarms = 0;
  let urgencyRight = 0;
  const misses: Evaluation['misses'] = [];
  for (const row of rows) {
    const got = suggest(row.text);
    if (got.urgency === row.urgency) urgencyRight += 1;
    if (row.emergency) {
      const tally = byEmergency[row.emergency];
      tally.phrasings += 1;
      if (got.emergency?.key === row.emergency) tally.detected += 1;
      else misses.push({ row, got });
      continue;
    }
    everyday += 1;
    if (got.emergency) falseAlarms += 1;
    const first = got.suggestions[0]?.category;
    const second = got.suggestions[1]?.category;
    if (first === row.category) top1 += 1;
    if (first === row.category || second === row.category) top2 += 1;
    if (first !== row.category || got.emergency) misses.push({ row, got });
  }
  const tallies = Object.values(byEmergency);
  const emergencies = tallies.reduce((n, t) => n + t.phrasings, 0);
  const detected = tallies.reduce((n, t) => n + t.detected, 0);
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return {
    everyday,
    top1: share(top1, everyday),
    top2: share(top2, everyday),
    emergencyRecall: share(detected, emergencies),
    byEmergency,
    falseAlarmRate: share(falseAlarms, everyday),
    urgencyAccuracy: share(urgencyRight, rows.length),
    misses,
  };
}
