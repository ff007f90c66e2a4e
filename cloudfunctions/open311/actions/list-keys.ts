import { ok } from '../../../shared/api/envelope';
import { keyView } from '../../../shared/open311/keys';
import { open311Api } from '../../../shared/open311/open311.contract';
import { mayManageKeys } from '../../../shared/open311/open311.policy';
import { loadNodeOf } from '../../_core/nodes';
import { defineAction } from '../../_core/pipeline';
import { streetKeys } from '../key-store';

/** A street's API keys, newest first: name, last four characters, issued, revoked, last used. Never a hash. */
export const listKeys = defineAction(open311Api.listKeys, {
  load: async (ctx, input) => {
    const [street, found] = await Promise.all([loadNodeOf(ctx.ports.store, input.streetId, 'payload.streetId', ['street']), streetKeys(ctx.ports.store, input.streetId)]);
    return street.ok ? ok({ street: street.data, ...found }) : street;
  },
  authorize: (caller, _input, { street }) => (mayManageKeys(caller, street) ? { allow: true } : { allow: false, code: 'COMMON.FORBIDDEN' }),
  run: async (_ctx, _input, _caller, { keys, lastUsed }) => ok({ keys: keys.map((k) => keyView(k, lastUsed.get(k.hash) ?? null)) }),
});
