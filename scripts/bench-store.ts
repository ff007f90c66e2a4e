import type { Store } from '../cloudfunctions/_core/ports/store';

/** The store methods that are a trip to the database in production. */
const COUNTED = new Set(['get', 'find', 'count', 'insert', 'update', 'increment', 'push', 'mark', 'transact']);
/** A simulated network trip, as a CloudBase call would take. */
const TRIP_MS = 5;

/**
 * The store as the round-trip benchmarks see it. Each call is counted, and so is each round trip:
 * every call is held back by a simulated network delay, so calls that do not wait for each other
 * are under way at the same time, as in production; `rounds` counts the times a call set out while
 * no other was under way — the sequential trips a person waits for. `watch` sees each counted call
 * before it sets out (the councils' bench keeps the queries it saw, for their plans).
 */
export function countingStore<S extends Store>(store: S, watch?: (method: string, args: readonly unknown[]) => void) {
  const counts = { calls: 0, rounds: 0 };
  let inFlight = 0;
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (!COUNTED.has(String(prop))) return (value as (...a: unknown[]) => unknown).apply(target, args);
        watch?.(String(prop), args);
        counts.calls++;
        if (inFlight === 0) counts.rounds++;
        inFlight++;
        try {
          await new Promise((arrive) => setTimeout(arrive, TRIP_MS));
          return await (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          inFlight--;
        }
      };
    },
  }) as S;
  return {
    store: counting,
    counts,
    /** Starts counting afresh. */
    reset() {
      counts.calls = 0;
      counts.rounds = 0;
    },
  };
}
