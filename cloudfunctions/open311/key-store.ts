import { createHash } from 'node:crypto';
import { rateStep, rateWindow } from '../../shared/open311/keys';
import type { ApiKeyDoc, RateDoc } from '../../shared/open311/open311.schema';
import type { Store } from '../_core/ports';
import type { Doc } from '../_core/ports/store';

export const KEYS = 'open311_keys';
export const RATES = 'open311_rate';

export type KeyDoc = ApiKeyDoc & Doc;
export type RateCounter = RateDoc & Doc;

/** SHA-256 of a key, hex: what is stored and looked up (the key has 160 random bits, so no salt is needed). */
export const hashOfKey = (apiKey: string): string => createHash('sha256').update(apiKey, 'utf8').digest('hex');

/** The key whose hash this is, and its counter, in one round trip. */
export async function keyAndCounter(store: Store, hash: string): Promise<{ key: KeyDoc | null; counter: RateCounter | null }> {
  const [keys, counter] = await Promise.all([store.find<KeyDoc>(KEYS, { hash }, { limit: 1 }), store.get<RateCounter>(RATES, hash)]);
  return { key: keys[0] ?? null, counter };
}

/** A street's keys, newest first, with the counters that say when each was last used. */
export async function streetKeys(store: Store, streetId: string): Promise<{ keys: KeyDoc[]; lastUsed: Map<string, string> }> {
  const keys = await store.find<KeyDoc>(
    KEYS,
    { streetId },
    {
      sort: [
        ['streetId', 1],
        ['createdAt', -1],
      ],
      limit: 200,
    },
  );
  const counters = keys.length ? await store.find<RateCounter>(RATES, { _id: { $in: keys.map((k) => k.hash) } }, { limit: keys.length }) : [];
  return { keys, lastUsed: new Map(counters.map((c) => [c._id, c.lastAt])) };
}

const ATTEMPTS = 5;

/**
 * Takes one request from the key's fixed window (a minute of Beijing time): the counter document is
 * written version-guarded, so of two requests at once only one gets the last slot; a request that
 * loses the race reads again. `seen` is the counter as read beside the key. Answers how many
 * requests are left in the window, or `null` when the window is spent (or stays contended).
 */
export async function takeRequest(store: Store, hash: string, seen: RateCounter | null, now: string, limit: number): Promise<number | null> {
  const window = rateWindow(now);
  let counter = seen;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const step = rateStep(counter, window, limit);
    if (!step.take) return null;
    const written = counter
      ? await store.update(RATES, hash, counter.version, { $set: { window, count: step.count, lastAt: now } })
      : (await store.insert(RATES, { _id: hash, version: 1, window, count: step.count, lastAt: now })).ok;
    if (written) return limit - step.count;
    counter = await store.get<RateCounter>(RATES, hash);
  }
  return null;
}
