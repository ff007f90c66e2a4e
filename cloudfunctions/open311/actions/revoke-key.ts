import { fail, ok } from '../../../shared/api/envelope';
import { keyView } from '../../../shared/open311/keys';
import { open311Api } from '../../../shared/open311/open311.contract';
import { mayManageKeys } from '../../../shared/open311/open311.policy';
import { defineAction } from '../../_core/pipeline';
import { KEYS, RATES, type KeyDoc, type RateCounter } from '../key-store';

/**
 * A street admin revokes one of the street's keys: every request with it is refused (403) from now
 * on. A key of another street is answered as not found.
 */
export const revokeKey = defineAction(open311Api.revokeKey, {
  load: async (ctx, input) => {
    const key = await ctx.ports.store.get<KeyDoc>(KEYS, input.keyId);
    return key ? ok(key) : fail('OPEN311.KEY_NOT_FOUND', 'payload.keyId');
  },
  authorize: (caller, _input, key) => (mayManageKeys(caller, key) ? { allow: true } : { allow: false, code: 'OPEN311.KEY_NOT_FOUND' }),
  run: async (ctx, _input, caller, key) => {
    if (key.revokedAt !== null) return fail('OPEN311.KEY_ALREADY_REVOKED');
    const set = { revokedAt: ctx.now, revokedBy: caller.user._id };
    const [written, counter] = await Promise.all([
      ctx.commit([{ op: 'update', collection: KEYS, id: key._id, version: key.version, patch: { $set: set } }], {
        subjectId: key._id,
        detail: { event: 'open311.revokeKey', streetId: key.streetId },
      }),
      ctx.ports.store.get<RateCounter>(RATES, key.hash),
    ]);
    return written.ok ? ok({ key: keyView({ ...key, ...set, version: key.version + 1 }, counter?.lastAt ?? null) }) : written;
  },
});
