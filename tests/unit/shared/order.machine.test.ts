import fc from 'fast-check';
import { FINAL_STATES, nextOrderState, ORDER_EVENT_TYPES, ORDER_STATES, type OrderEvent, type OrderState } from '../../../shared/orders/order.machine';

const eventOf = (type: OrderEvent['type'], stars = 5): OrderEvent => (type === 'rate' ? { type, stars } : ({ type } as OrderEvent));

describe('order lifecycle table', () => {
  it('answers every state × event with a known state or a refusal', () => {
    for (const s of ORDER_STATES)
      for (const e of ORDER_EVENT_TYPES) {
        const next = nextOrderState(s, eventOf(e));
        if (next !== null) expect(ORDER_STATES).toContain(next);
      }
  });

  it('lets nothing happen to a cancelled order, and only comments on a closed one', () => {
    for (const e of ORDER_EVENT_TYPES) {
      expect(nextOrderState('cancelled', eventOf(e))).toBeNull();
      expect(nextOrderState('closed', eventOf(e))).toBe(e === 'comment' ? 'closed' : null);
    }
  });

  it('closes on 3–5 stars and reopens on 1–2; refuses anything else', () => {
    expect([1, 2, 3, 4, 5].map((stars) => nextOrderState('resolved', { type: 'rate', stars }))).toEqual(['reopened', 'reopened', 'closed', 'closed', 'closed']);
    for (const stars of [0, 6, 2.5, Number.NaN]) expect(nextOrderState('resolved', { type: 'rate', stars })).toBeNull();
  });

  it('can only be accepted when offered or in the pool, and only once', () => {
    const acceptable = ORDER_STATES.filter((s) => nextOrderState(s, { type: 'accept' }) !== null);
    expect(acceptable).toEqual(['offered', 'pool']);
    expect(nextOrderState('accepted', { type: 'accept' })).toBeNull();
  });

  it('never leaves a final state and always reaches one of the table’s states (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ORDER_EVENT_TYPES), fc.integer({ min: 0, max: 6 })), { maxLength: 60 }), (events) => {
        let state: OrderState = 'dispatching';
        let wasFinal = false;
        for (const [type, stars] of events) {
          const next = nextOrderState(state, eventOf(type, stars));
          if (next === null) continue;
          if (wasFinal) expect(next).toBe(state);
          state = next;
          wasFinal = FINAL_STATES.includes(state);
        }
        expect(ORDER_STATES).toContain(state);
      }),
    );
  });
});
