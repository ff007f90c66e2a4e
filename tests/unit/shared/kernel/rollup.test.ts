import fc from 'fast-check';
import { durationBucket, histogramMedian, rollupDelta, rollupTotals, sumCounts, type RollupRule } from '../../../../shared/kernel/rollup';
import { median } from '../../../../shared/orders/measures';

/** A toy rule: a record counts once in its place's rollup, and its size in a histogram. */
type Rec = { place: string; open: boolean; size: number };
const rule: RollupRule<Rec> = (r) => [{ id: `x:${r.place}`, init: { place: r.place }, counts: { n: 1, ...(r.open ? { open: 1 } : {}), [`s_${r.size}`]: 1 } }];
const rec = fc.record({ place: fc.constantFrom('a', 'b', 'c'), open: fc.boolean(), size: fc.integer({ min: 0, max: 5 }) });

describe('rollups kept on write', () => {
  it('a change adds after minus before, only what changes, in id order', () => {
    expect(rollupDelta(rule, { place: 'b', open: true, size: 1 }, { place: 'b', open: false, size: 1 })).toEqual([{ id: 'x:b', init: { place: 'b' }, counts: { open: -1 } }]);
    expect(rollupDelta(rule, { place: 'b', open: true, size: 1 }, { place: 'a', open: true, size: 1 }).map((d) => d.id)).toEqual(['x:a', 'x:b']);
    expect(rollupDelta(rule, { place: 'b', open: true, size: 1 }, { place: 'b', open: true, size: 1 })).toEqual([]);
  });

  it('property: the deltas of any history of changes sum to the totals of the final records (rebuild = incremental)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.option(rec, { nil: null })), { maxLength: 40 }), (steps) => {
        const records = new Map<number, Rec>();
        const incremental = new Map<string, Record<string, number>>();
        for (const [key, next] of steps) {
          for (const d of rollupDelta(rule, records.get(key) ?? null, next)) incremental.set(d.id, sumCounts([incremental.get(d.id), d.counts]));
          if (next) records.set(key, next);
          else records.delete(key);
        }
        const rebuilt = rollupTotals(rule, records.values());
        const ids = new Set([...incremental.keys(), ...rebuilt.keys()]);
        for (const id of ids) expect(sumCounts([incremental.get(id)])).toEqual(rebuilt.get(id)?.counts ?? {});
      }),
    );
  });

  it('durations fall in buckets: minutes below an hour, 10 minutes below a day, hours below a week, then days', () => {
    expect([0, 0.9, 59.99, 60, 75, 1439, 1440, 1530, 10_079, 10_080, 20_000].map(durationBucket)).toEqual([0, 0, 59, 60, 70, 1430, 1440, 1500, 10_020, 10_080, 18_720]);
    expect(durationBucket(-3)).toBe(0);
  });

  it('property: the median of a histogram equals the median of the bucketed values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 60 }), (minutes) => {
        const buckets = minutes.map(durationBucket);
        const counts: Record<string, number> = {};
        for (const b of buckets) counts[`acc_${b}`] = (counts[`acc_${b}`] ?? 0) + 1;
        expect(histogramMedian(counts, 'acc_')).toBe(median(buckets));
      }),
    );
  });

  it('sums count maps, dropping what cancels out', () => {
    expect(sumCounts([{ a: 1, b: 2 }, undefined, { a: -1, c: 3 }])).toEqual({ b: 2, c: 3 });
  });
});
