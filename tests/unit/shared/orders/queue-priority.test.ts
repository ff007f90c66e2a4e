import fc from 'fast-check';
import { byPriority, priorityOf } from '../../../../shared/orders/queue';

describe('priorityOf', () => {
  it('weighs an order by the households beyond the first; an order nobody joined weighs nothing', () => {
    expect(priorityOf({})).toBe(0);
    expect(priorityOf({ affected: [] })).toBe(0);
    expect(priorityOf({ affected: ['a', 'b', 'c'] })).toBe(3);
  });

  it('puts an order more households wait for first, and keeps the deadline order among equals', () => {
    const rows = [{ id: 'due-first', affected: [] }, { id: 'three-households', affected: ['a', 'b'] }, { id: 'due-second' }, { id: 'two-households', affected: ['c'] }];
    expect(byPriority(rows).map((r) => r.id)).toEqual(['three-households', 'two-households', 'due-first', 'due-second']);
  });

  it('is a stable permutation sorted by priority (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 4 }), { maxLength: 30 }), (counts) => {
        const rows = counts.map((c, i) => ({ i, affected: Array.from({ length: c }, (_, k) => `u${k}`) }));
        const out = byPriority(rows);
        if (out.length !== rows.length) return false;
        for (let k = 1; k < out.length; k++) {
          const a = out[k - 1]!;
          const b = out[k]!;
          if (priorityOf(a) < priorityOf(b)) return false;
          if (priorityOf(a) === priorityOf(b) && a.i > b.i) return false;
        }
        return true;
      }),
    );
  });
});
