import { fail, ok } from '../../../shared/api/envelope';
import { keyHint, keyView, newApiKey, KEY_SECRET_LENGTH } from '../../../shared/open311/keys';
import { open311Api } from '../../../shared/open311/open311.contract';
import { MAX_ACTIVE_KEYS, mayManageKeys } from '../../../shared/open311/open311.policy';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { checkText } from '../../_core/text-check';
import { hashOfKey, KEYS, streetKeys, type KeyDoc } from '../key-store';

/**
 * A street admin issues an Open311 API key to one platform (区平台、12345 热线) of their street.
 * The key is in this answer only; the store keeps its SHA-256 and its last four characters. (A
 * retry with the same requestId replays this answer from the 24-hour replay store, key included,
 * so an answer lost on a bad network is not a key lost.) At most MAX_ACTIVE_KEYS active keys.
 */
export const issueKey = defineAction(open311Api.issueKey, {
  load: async (ctx, input) => {
    const [street, existing] = await Promise.all([loadNodeOf(ctx.ports.store, input.streetId, 'payload.streetId', ['street']), streetKeys(ctx.ports.store, input.streetId)]);
    return street.ok ? ok({ street: street.data, active: existing.keys.filter((k) => k.revokedAt === null).length }) : street;
  },
  authorize: (caller, _input, { street }) => (mayManageKeys(caller, street) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (ctx, input, caller, { street, active }) => {
    if (active >= MAX_ACTIVE_KEYS) return fail('OPEN311.TOO_MANY_KEYS');
    const checked = await checkText(ctx, input.name, 'payload.name');
    if (!checked.ok) return checked;
    const apiKey = newApiKey(ctx.ports.ids.randomInts(KEY_SECRET_LENGTH));
    const doc: KeyDoc = {
      _id: ctx.ports.ids.id('okey'),
      version: 1,
      streetId: street._id,
      path: { streetId: street._id },
      name: input.name,
      hash: hashOfKey(apiKey),
      hint: keyHint(apiKey),
      createdAt: ctx.now,
      createdBy: caller.user._id,
      revokedAt: null,
      revokedBy: null,
    };
    const written = await ctx.commit([{ op: 'insert', collection: KEYS, doc }], { subjectId: doc._id, detail: { event: 'open311.issueKey', streetId: street._id } });
    return written.ok ? ok({ key: keyView(doc, null), apiKey }) : written;
  },
});
